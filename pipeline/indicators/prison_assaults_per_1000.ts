import type { IndicatorDef } from '../../src/indicator.ts';
import { SAFETY_CAVEATS, prisonSafetySql } from './shared/prison_safety.ts';

const def: IndicatorDef = {
  id: 'prison_assaults_per_1000',
  title: 'Assault incidents per 1,000 prisoners (12 months)',
  description: 'Assaults recorded in the prison over twelve months, for every 1,000 prisoners held.',
  unit: 'rate_per_1000',
  display: { scale: 1, decimals: 0 },
  polarity: 'lower_is_better',
  numerator: 'Assault incidents, April 2025 to March 2026 (MoJ Safety in Custody Table 8a, summed by Walk Forward Research)',
  denominator: 'Population in the April 2026 monthly bulletin',
  ciMethod: 'none',
  geographies: ['prison', 'england_wales'],
  notHeld: [{ geography: 'pfa', reason: 'Only 111 establishments are listed, so area sums would be incomplete.', wouldNeed: 'MoJ Safety in Custody summary tables (Table_8a), registered as moj_prison_safety_in_custody.' }],
  caveats: SAFETY_CAVEATS,
  sources: ['prisoncap_safety_2026', 'prisoncap_panel_2026'],
  sql: prisonSafetySql({ id: 'prison_assaults_per_1000', count: 'assaults' }),
};
export default def;
