import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, publishedProportionSql } from './shared/reoffending.ts';

const def: IndicatorDef = {
  id: 'reoffending_rate_adult_ew_by_offence_2007_2017',
  title: "Proven reoffending rate, England and Wales, adults (years ending March 2007 to March 2017, annual average)",
  description: "Of the adults cautioned, convicted or released from custody, the share who committed a proven reoffence within a year: the average over the four 3-month cohorts of each year.",
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'lower_is_better',
  numerator: "Proven reoffenders (adults); not published in the held table",
  denominator: "Offenders in the cohort; not published in the held table",
  ciMethod: 'none',
  geographies: ['england_wales'],
  notHeld: NOT_HELD_PFA_PRISON,
  caveats: [
    OFFENDER_MIX_CAVEAT,
    "Published proportions only (no counts), so no confidence interval.",
    "Annual average of 3-month cohorts (MoJ method from 2017): not comparable with 12-month-cohort series such as the 2016 consultation 'old' measure or the 2012-2024 adults-and-children series.",
    "Third-party tidy copy of MoJ tables A4a/A4b (July to September 2017 release).",
  ],
  sources: ['moj_reoffending_by_offence_2007_2017'],
  series: "MoJ proven reoffending, July to September 2017 release, annual averages (tables A4a/A4b)",
  sql: publishedProportionSql('reoffending_rate_adult_ew_by_offence_2007_2017', 'by_offence_2017', 'adult', 'all adult offenders'),
};
export default def;
