import type { IndicatorDef } from '../../src/indicator.ts';
import { PRISONS_IN_THE_AREA, prisonMonthlyRollupSql } from './shared/prison_monthly.ts';

const def: IndicatorDef = {
  id: 'prison_occupancy_in_use_cna',
  title: 'Prison occupancy (population as a share of uncrowded places in use)',
  description: 'Prisoners held for every 100 places of decent, uncrowded accommodation in use; above 100% means the prison is crowded.',
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: 'Population on the report date (HMPPS monthly bulletin)',
  denominator: 'In-use certified normal accommodation (CNA): baseline CNA less places out of use',
  ciMethod: 'none',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [
    'A census count, not a sample: no confidence interval applies.',
    'CNA is the Prison Service\'s own measure of uncrowded capacity; occupancy above 100% means prisoners share cells meant for fewer people.',
    ...PRISONS_IN_THE_AREA,
  ],
  sources: ['hmpps_monthly_bulletins', 'prisoncap_panel_2026'],
  sql: prisonMonthlyRollupSql({ id: 'prison_occupancy_in_use_cna', numerator: 'm.population', denominator: 'm.in_use_cna' }),
};
export default def;
