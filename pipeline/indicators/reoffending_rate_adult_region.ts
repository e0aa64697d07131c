import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, REGION_EXTRACT_CAVEAT, REGION_EXTRACT_NOT_HELD, regionCountsSql, reoffendingRateSql } from './shared/reoffending.ts';

const def: IndicatorDef = {
  id: 'reoffending_rate_adult_region',
  title: "Proven reoffending rate by English region, adults (aged 18 or over)",
  description: "Of the adults (aged 18 or over) cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.",
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: "Proven reoffenders in the annual cohort, adults (aged 18 or over)",
  denominator: "Offenders in the annual cohort, adults (aged 18 or over)",
  ciMethod: 'wilson',
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
  sql: reoffendingRateSql('reoffending_rate_adult_region', regionCountsSql(['adult'])),
};
export default def;
