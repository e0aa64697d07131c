import type { IndicatorDef } from '../../src/indicator.ts';
import { DEATHS_CAVEATS, prisonDeathsSql } from './shared/prison_deaths.ts';
import { PRISONS_IN_THE_AREA } from './shared/prison_monthly.ts';

const def: IndicatorDef = {
  id: 'prison_self_inflicted_deaths_per_1000',
  title: 'Self-inflicted deaths in prison custody per 1,000 prisoners',
  description: 'Self-inflicted deaths of people held in the prison in a calendar year, for every 1,000 prisoners held on average.',
  unit: 'rate_per_1000',
  display: { scale: 1, decimals: 2 },
  polarity: 'lower_is_better',
  numerator: 'Deaths classified as self-inflicted in the calendar year (MoJ deaths data tool, third-party extract)',
  denominator: 'Average population over the year’s monthly bulletins',
  ciMethod: 'byar',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [...DEATHS_CAVEATS, 'Self-inflicted counts for recent years run a few above first-published figures as "other" deaths are reclassified.', ...PRISONS_IN_THE_AREA],
  sources: ['prison_deaths_dry_2025', 'hmpps_monthly_bulletins'],
  sql: prisonDeathsSql({ id: 'prison_self_inflicted_deaths_per_1000', typeFilter: 'self_inflicted' }),
};
export default def;
