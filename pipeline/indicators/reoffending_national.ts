/**
 * Proven reoffending for England and Wales from the national series held (table
 * reoffending_national): the 2016 consultation tables (old and new measures), the 2017 release's
 * annual averages, and the 2012/13 to 2023/24 series derived from the overall data tool. The series
 * differ in method, so each is its own indicator and is never joined to another. The formulas are
 * in shared/reoffending.ts.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { NOT_HELD_PFA_PRISON, OFFENDER_MIX_CAVEAT, nationalCountsSql, publishedProportionSql, reoffencesPerReoffenderSql, reoffendingRateSql } from './shared/reoffending.ts';

const EW: Pick<IndicatorDef, 'polarity' | 'geographies'> = { polarity: 'lower_is_better', geographies: ['england_wales'] };
const RATE = { unit: 'percent', display: { scale: 100, decimals: 1, suffix: '%' } } as const;

const GROUPS = [
  { group: 'adult', who: 'adults' },
  { group: 'juvenile', who: 'children (aged 10 to 17)' },
] as const;

/** The 2016 consultation tables: one indicator per offender group and measure × cohort length. */
const CONSULTATION_2016 = [
  { key: 'new_3monthly', series: 'consultation_2016_new', cohortType: '3-monthly', words: 'new measure, 3-month cohorts', extraCaveats: ['Cohorts January 2001 to October 2001 are blank in the source and are not shown.'] },
  { key: 'new_annual', series: 'consultation_2016_new', cohortType: 'annual', words: 'new measure, annual cohorts built from 3-month cohorts', extraCaveats: [] },
  { key: 'old_annual', series: 'consultation_2016_old', cohortType: 'annual', words: 'old measure, 12-month cohorts', extraCaveats: [] },
] as const;

const consultation: IndicatorDef[] = GROUPS.flatMap(({ group, who }) =>
  CONSULTATION_2016.map((m) => ({
    ...EW,
    ...RATE,
    id: `reoffending_rate_${group}_ew_2016_${m.key}`,
    title: `Proven reoffending rate, England and Wales, ${who} (2016 consultation tables, ${m.words})`,
    description: `Of the ${who} cautioned, convicted or released from custody in the cohort, the share who committed an offence within a year that was proven in court or by caution.`,
    numerator: `Proven reoffenders in the cohort (${who})`,
    denominator: `Offenders in the cohort (${who})`,
    ciMethod: 'wilson',
    notHeld: NOT_HELD_PFA_PRISON,
    caveats: [
      OFFENDER_MIX_CAVEAT,
      `From the MoJ 2016 consultation supporting tables (${m.words}); the old and new measures, and annual and 3-month cohorts, are different series: never join them or compare across them.`,
      'Third-party tidy compilation of the MoJ tables; the rate is recomputed from the counts and checked against the published rate.',
      'Predates the 2017 method changes: not comparable with later MoJ series.',
      ...m.extraCaveats,
    ],
    sources: ['moj_reoffending_consultation_2016'],
    series: `MoJ proven reoffending consultation supporting tables (2016): ${m.words}`,
    sql: reoffendingRateSql(nationalCountsSql(m.series, m.cohortType, group)),
  })),
);

/** The July to September 2017 release's annual averages (tables A4a/A4b): published proportions, no counts. */
const byOffence: IndicatorDef[] = GROUPS.map(({ group, who }) => ({
  ...EW,
  ...RATE,
  id: `reoffending_rate_${group}_ew_by_offence_2007_2017`,
  title: `Proven reoffending rate, England and Wales, ${who} (years ending March 2007 to March 2017, annual average)`,
  description: `Of the ${who} cautioned, convicted or released from custody, the share who committed a proven reoffence within a year: the average over the four 3-month cohorts of each year.`,
  numerator: `Proven reoffenders (${who}); not published in the held table`,
  denominator: 'Offenders in the cohort; not published in the held table',
  ciMethod: 'none',
  notHeld: NOT_HELD_PFA_PRISON,
  caveats: [
    OFFENDER_MIX_CAVEAT,
    'Published proportions only (no counts), so no confidence interval.',
    "Annual average of 3-month cohorts (MoJ method from 2017): not comparable with 12-month-cohort series such as the 2016 consultation 'old' measure or the 2012-2024 adults-and-children series.",
    'Third-party tidy copy of MoJ tables A4a/A4b (July to September 2017 release).',
  ],
  sources: ['moj_reoffending_by_offence_2007_2017'],
  series: 'MoJ proven reoffending, July to September 2017 release, annual averages (tables A4a/A4b)',
  sql: publishedProportionSql('by_offence_2017', group, `all ${group} offenders`),
}));

/** April 2012 to March 2024 cohorts, adults and children combined (a third party's sums of the MoJ figures). */
const DERIVED_2024: Pick<IndicatorDef, 'notHeld' | 'caveats' | 'sources' | 'series'> = {
  notHeld: [
    ...NOT_HELD_PFA_PRISON,
    { geography: 'adult / juvenile separately', reason: 'The held file combines adults and children.', wouldNeed: 'MoJ proven reoffending overall data tool, April 2012 to March 2024 (moj_reoffending_overall_data_tool_apr12_mar24).' },
    { geography: 'region', reason: 'The held England and Wales series has no regional breakdown.', wouldNeed: 'MoJ proven reoffending overall data tool (moj_reoffending_overall_data_tool_apr12_mar24).' },
  ],
  caveats: [
    OFFENDER_MIX_CAVEAT,
    'Adults and children combined: the compiler summed the MoJ adult and juvenile figures, so this series cannot be compared with adult-only or juvenile-only rates.',
    'Third-party derived file (counts from the MoJ overall data tool, January to March 2024 release); the rate is recomputed here from the counts.',
    'Cohorts from April 2020 were affected by COVID-19 court backlogs: fewer offenders entered the cohort and fewer reoffences were proven in time.',
  ],
  sources: ['moj_reoffending_derived_2012_2024'],
  series: 'MoJ overall data tool, January to March 2024 release: annual cohorts, adults + children, derived by a third party',
};
const derivedCounts = nationalCountsSql('derived_2024', 'annual', 'all');

const derived2024: IndicatorDef[] = [
  {
    ...EW,
    ...RATE,
    ...DERIVED_2024,
    id: 'reoffending_rate_all_ew_2012_2024',
    title: 'Proven reoffending rate, England and Wales, adults and children combined (2012/13 to 2023/24 cohorts)',
    description: 'Of the adults and children cautioned, convicted or released from custody in the year, the share who committed an offence within a year that was proven in court or by caution.',
    numerator: 'Proven reoffenders in the annual cohort (adults and children)',
    denominator: 'Offenders in the annual cohort (adults and children)',
    ciMethod: 'wilson',
    sql: reoffendingRateSql(derivedCounts),
  },
  {
    ...EW,
    ...DERIVED_2024,
    id: 'reoffences_per_reoffender_all_ew_2012_2024',
    title: 'Proven reoffences per reoffender, England and Wales, adults and children combined (2012/13 to 2023/24 cohorts)',
    description: 'Among the adults and children who reoffended, the average number of proven reoffences each.',
    unit: 'ratio',
    display: { scale: 1, decimals: 2 },
    numerator: 'Proven reoffences by the cohort (adults and children)',
    denominator: 'Proven reoffenders in the cohort',
    ciMethod: 'byar',
    sql: reoffencesPerReoffenderSql(derivedCounts),
  },
];

export default [...consultation, ...byOffence, ...derived2024];
