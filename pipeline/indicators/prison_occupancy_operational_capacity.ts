import type { IndicatorDef } from '../../src/indicator.ts';
import { PRISONS_IN_THE_AREA, prisonMonthlyRollupSql } from './shared/prison_monthly.ts';

const def: IndicatorDef = {
  id: 'prison_occupancy_operational_capacity',
  title: 'Prison occupancy (population as a share of operational capacity)',
  description: 'Prisoners held for every 100 places the prison can safely hold, crowding included.',
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: 'Population on the report date (HMPPS monthly bulletin)',
  denominator: "Operational capacity: the most prisoners the establishment can hold with control, security and the planned regime (sum of establishments' figures; not the estate's useable capacity, which is that sum less an operating margin)",
  ciMethod: 'none',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [
    'A census count, not a sample: no confidence interval applies.',
    "The England and Wales figure divides by the sum of establishments' operational capacities. HMPPS's own 'useable operational capacity' is that sum less an operating margin (1,350 to 3,000 places; see table prison_bulletin), so the estate is fuller than this figure suggests.",
    ...PRISONS_IN_THE_AREA,
  ],
  sources: ['hmpps_monthly_bulletins', 'prisoncap_panel_2026'],
  sql: prisonMonthlyRollupSql({ id: 'prison_occupancy_operational_capacity', numerator: 'm.population', denominator: 'm.operational_capacity' }),
};
export default def;
