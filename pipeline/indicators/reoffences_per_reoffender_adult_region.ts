import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, REGION_EXTRACT_CAVEAT, REGION_EXTRACT_NOT_HELD, regionCountsSql, reoffencesPerReoffenderSql } from './shared/reoffending.ts';

const def: IndicatorDef = {
  id: 'reoffences_per_reoffender_adult_region',
  title: "Proven reoffences per reoffender by English region, adults (aged 18 or over)",
  description: "Among the adults (aged 18 or over) who reoffended, the average number of proven reoffences each.",
  unit: 'ratio',
  display: { scale: 1, decimals: 2 },
  polarity: 'lower_is_better',
  numerator: "Proven reoffences by the cohort, adults (aged 18 or over)",
  denominator: "Proven reoffenders in the cohort, adults (aged 18 or over)",
  ciMethod: 'byar',
  geographies: ['region'],
  notHeld: [
    ...NOT_HELD_PFA_PRISON,
    ...REGION_EXTRACT_NOT_HELD,
  ],
  caveats: [
    OFFENDER_MIX_CAVEAT,
    REGION_EXTRACT_CAVEAT,
    "A region's figure is the sum of its age-band rows in the data tool extract.",
  ],
  sources: ['moj_reoffending_region_extract_2020q1'],
  series: "MoJ proven reoffending overview data tool, January to March 2020 release: annual cohorts by English region",
  sql: reoffencesPerReoffenderSql('reoffences_per_reoffender_adult_region', regionCountsSql(['adult'])),
};
export default def;
