import type { IndicatorDef } from '../../src/indicator.ts';
import { PRISONS_IN_THE_AREA, prisonMonthlyRollupSql } from './shared/prison_monthly.ts';

const def: IndicatorDef = {
  id: 'prison_cells_out_of_use',
  title: 'Prison places out of use',
  description: 'Certified places not available for use (for example damaged cells or building works).',
  unit: 'count',
  display: { scale: 1, decimals: 0 },
  polarity: 'lower_is_better',
  numerator: 'Baseline certified normal accommodation (CNA) less in-use CNA (places)',
  denominator: 'None (a count of places)',
  ciMethod: 'none',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [
    'Places, not cells: a cell certified for two counts as two places.',
    'A prison closing or being rebuilt shows all its places out of use (e.g. Dartmoor from 2024).',
    ...PRISONS_IN_THE_AREA,
  ],
  sources: ['hmpps_monthly_bulletins', 'prisoncap_panel_2026'],
  sql: prisonMonthlyRollupSql({ id: 'prison_cells_out_of_use', numerator: 'm.baseline_cna - m.in_use_cna', denominator: null }),
};
export default def;
