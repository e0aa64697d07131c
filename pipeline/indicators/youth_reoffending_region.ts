/**
 * Children's proven reoffending rates by English region as DfE LAIT publishes them (table
 * youth_reoffending_region), one indicator per age band. The formula is in shared/reoffending.ts.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { OFFENDER_MIX_CAVEAT, youthRegionRateSql } from './shared/reoffending.ts';

const AGE_BANDS = [
  { band: '10-14', words: '10 to 14' },
  { band: '15-17', words: '15 to 17' },
] as const;

export default AGE_BANDS.map(({ band, words }): IndicatorDef => ({
  id: `youth_reoffending_rate_${band.replace('-', '_')}_region`,
  title: `Proven reoffending rate of children aged ${words}, by English region`,
  description: `Of the children aged ${words} cautioned, convicted or released from custody in the year, the share who committed a proven reoffence within a year.`,
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: `Proven reoffenders aged ${band}; not published in the held table`,
  denominator: `Offenders aged ${band}; not published in the held table`,
  ciMethod: 'none',
  geographies: ['region'],
  notHeld: [
    { geography: 'pfa', reason: 'Council rates cannot be combined to a PFA without cohort counts, which LAIT does not publish; the councils within each PFA are listed instead (table youth_reoffending_council).', wouldNeed: 'MoJ proven reoffending geographical data tool (juvenile offenders and reoffenders by local authority and PFA).' },
    { geography: 'wales', reason: 'LAIT covers England only.', wouldNeed: 'MoJ proven reoffending geographical data tool.' },
  ],
  caveats: [
    OFFENDER_MIX_CAVEAT,
    'Rates as published by DfE LAIT (MoJ/Youth Justice Board figures), 2 dp; no counts, so no interval and no comparison with England (the England row of the source is empty).',
    'Rates by upper-tier council are in the table youth_reoffending_council: to show a police force area, list its councils (pfa_code); council rates are never summed or averaged to a PFA.',
    'West Midlands figures differ by 0.2-1.3 points from the MoJ overview data tool (January to March 2020 release) for the 2015/16 to 2019/20 cohorts; other regions match to 0.01.',
  ],
  sources: ['dfe_lait_youth_reoffending'],
  series: `DfE LAIT (MoJ/YJB): children aged ${band}, annual cohorts April-March`,
  sql: youthRegionRateSql(band),
}));
