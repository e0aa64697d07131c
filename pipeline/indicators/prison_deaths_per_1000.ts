import type { IndicatorDef } from '../../src/indicator.ts';
import { DEATHS_CAVEATS, prisonDeathsSql } from './shared/prison_deaths.ts';
import { PRISONS_IN_THE_AREA } from './shared/prison_monthly.ts';

const def: IndicatorDef = {
  id: 'prison_deaths_per_1000',
  title: 'Deaths in prison custody per 1,000 prisoners',
  description: 'Deaths of people held in the prison (all causes) in a calendar year, for every 1,000 prisoners held on average.',
  unit: 'rate_per_1000',
  display: { scale: 1, decimals: 1 },
  polarity: 'lower_is_better',
  numerator: 'Deaths in prison custody in the calendar year, all classifications (MoJ deaths data tool, third-party extract)',
  denominator: 'Average population over the year’s monthly bulletins',
  ciMethod: 'byar',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [...DEATHS_CAVEATS, 'Natural-cause deaths rise with the age of the people held: establishments holding older men show higher rates for that reason.', ...PRISONS_IN_THE_AREA],
  sources: ['prison_deaths_dry_2025', 'hmpps_monthly_bulletins'],
  sql: prisonDeathsSql({ id: 'prison_deaths_per_1000', typeFilter: null }),
};
export default def;
