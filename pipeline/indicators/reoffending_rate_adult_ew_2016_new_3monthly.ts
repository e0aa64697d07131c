import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, nationalCountsSql, reoffendingRateSql } from './shared/reoffending.ts';

const def: IndicatorDef = {
  id: 'reoffending_rate_adult_ew_2016_new_3monthly',
  title: "Proven reoffending rate, England and Wales, adults (2016 consultation tables, new measure, 3-month cohorts)",
  description: "Of the adults cautioned, convicted or released from custody in the cohort, the share who committed an offence within a year that was proven in court or by caution.",
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: "Proven reoffenders in the cohort (adults)",
  denominator: "Offenders in the cohort (adults)",
  ciMethod: 'wilson',
  geographies: ['england_wales'],
  notHeld: NOT_HELD_PFA_PRISON,
  caveats: [
    OFFENDER_MIX_CAVEAT,
    "From the MoJ 2016 consultation supporting tables (new measure, 3-month cohorts); the old and new measures, and annual and 3-month cohorts, are different series: never join them or compare across them.",
    "Third-party tidy compilation of the MoJ tables; the rate is recomputed from the counts and checked against the published rate.",
    "Predates the 2017 method changes: not comparable with later MoJ series.",
    "Cohorts January 2001 to October 2001 are blank in the source and are not shown.",
  ],
  sources: ['moj_reoffending_consultation_2016'],
  series: "MoJ proven reoffending consultation supporting tables (2016): new measure, 3-month cohorts",
  sql: reoffendingRateSql('reoffending_rate_adult_ew_2016_new_3monthly', nationalCountsSql('consultation_2016_new', '3-monthly', 'adult')),
};
export default def;
