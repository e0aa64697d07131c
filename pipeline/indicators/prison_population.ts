import type { IndicatorDef } from '../../src/indicator.ts';
import { PRISONS_IN_THE_AREA, prisonMonthlyRollupSql } from './shared/prison_monthly.ts';

const def: IndicatorDef = {
  id: 'prison_population',
  title: 'Prison population (monthly bulletin)',
  description: 'People held in the prison (or the prisons in the area) on the bulletin\'s report date.',
  unit: 'count',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'Population on the report date, including prisoners on authorised absence (HMPPS monthly bulletin)',
  denominator: 'None (a count of people)',
  ciMethod: 'none',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [
    "The England and Wales figure equals the bulletin's own Total row (checked for every bulletin). It differs from the weekly population series (prison_population_weekly), which counts on other dates and, in some years, other establishments.",
    ...PRISONS_IN_THE_AREA,
  ],
  sources: ['hmpps_monthly_bulletins', 'prisoncap_panel_2026'],
  sql: prisonMonthlyRollupSql({ id: 'prison_population', numerator: 'm.population', denominator: null }),
};
export default def;
