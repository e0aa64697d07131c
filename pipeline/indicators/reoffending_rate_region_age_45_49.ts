import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, REGION_EXTRACT_CAVEAT, REGION_EXTRACT_NOT_HELD, regionCountsSql, reoffendingRateSql } from './shared/reoffending.ts';

const def: IndicatorDef = {
  id: 'reoffending_rate_region_age_45_49',
  title: "Proven reoffending rate by English region, offenders aged 45 to 49",
  description: "Of the offenders aged 45 to 49 cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.",
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: "Proven reoffenders aged 45 to 49 in the annual cohort",
  denominator: "Offenders aged 45 to 49 in the annual cohort",
  ciMethod: 'wilson',
  geographies: ['region'],
  notHeld: [
    ...NOT_HELD_PFA_PRISON,
    ...REGION_EXTRACT_NOT_HELD,
  ],
  caveats: [
    OFFENDER_MIX_CAVEAT,
    REGION_EXTRACT_CAVEAT,
  ],
  sources: ['moj_reoffending_region_extract_2020q1'],
  series: "MoJ proven reoffending overview data tool, January to March 2020 release: annual cohorts by English region and age band",
  sql: reoffendingRateSql('reoffending_rate_region_age_45_49', regionCountsSql(['adult'], '45 to 49')),
};
export default def;
