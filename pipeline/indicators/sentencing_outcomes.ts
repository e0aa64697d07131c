/**
 * People sentenced, and sent to immediate custody, by police force area of the court, sex and year,
 * from the MoJ outcomes by offence data tool (table sentencing_outcomes): the counts, and the share
 * of people sentenced who were sent to immediate custody. England and Wales is the sum of every row
 * of the file, 'Not known' areas included, so it can exceed the sum of the 43 areas.
 */
import type { IndicatorDef } from '../../src/indicator.ts';

const SEXES = [
  { key: 'all', where: '', who: 'people' },
  { key: 'female', where: "AND s.sex = 'female'", who: 'women and girls' },
  { key: 'male', where: "AND s.sex = 'male'", who: 'men and boys' },
] as const;

export function outcomeCountsSql(where: string): string {
  return `
  SELECT 'pfa' AS area_type, s.pfa_code AS area_code, p.pfa_name AS area_name, s.year::VARCHAR AS period,
    sum(s.sentenced) AS sentenced, sum(s.immediate_custody) AS custody, min(s.source_id) AS source_id
  FROM sentencing_outcomes s JOIN pfa p USING (pfa_code)
  WHERE s.pfa_code IS NOT NULL ${where}
  GROUP BY ALL
  UNION ALL
  SELECT 'england_wales', 'K04000001', 'England and Wales', s.year::VARCHAR, sum(s.sentenced), sum(s.immediate_custody), min(s.source_id)
  FROM sentencing_outcomes s
  WHERE TRUE ${where}
  GROUP BY ALL`;
}

const count = (measure: 'sentenced' | 'custody', where: string) => `
WITH counts AS (${outcomeCountsSql(where)})
SELECT area_type, area_code, area_name, period, ${measure}::DOUBLE AS value, NULL AS numerator, NULL AS denominator,
  NULL AS lower_95, NULL AS upper_95, source_id
FROM counts`;

const share = (where: string) => `
WITH counts AS (${outcomeCountsSql(where)})
SELECT area_type, area_code, area_name, period,
  custody::DOUBLE / NULLIF(sentenced, 0) AS value, custody AS numerator, sentenced AS denominator,
  wilson_lower(custody::DOUBLE, NULLIF(sentenced, 0)::DOUBLE) AS lower_95, wilson_upper(custody::DOUBLE, NULLIF(sentenced, 0)::DOUBLE) AS upper_95,
  source_id
FROM counts`;

const BASE: Pick<IndicatorDef, 'polarity' | 'geographies' | 'sources' | 'series' | 'notHeld'> = {
  polarity: 'neither',
  geographies: ['pfa', 'england_wales'],
  sources: ['moj_cjs_outcomes_by_offence'],
  series: 'MoJ criminal justice statistics, outcomes by offence data tool: calendar years, police force area of the court',
  notHeld: [
    {
      geography: 'pfa',
      reason: 'The MoJ outcomes by offence data tool is not held in this build.',
      wouldNeed: 'MoJ Criminal Justice System statistics quarterly, outcomes by offence data tool (moj_cjs_outcomes_by_offence_2017_2024): --accept the release’s zip after --discover, or --add-file a downloaded copy of it.',
      filledBy: ['moj_cjs_outcomes_by_offence_2017_2024'],
    },
  ],
};
const CAVEATS = [
  "The area is that of the court that sentenced, not where the person lives: a force with a large Crown Court centre sentences people from neighbouring areas.",
  "England and Wales includes sentences whose area is 'Not known', so it can be more than the sum of the 43 areas.",
  'MoJ re-mapped courts to police force areas in 2023 and revised earlier years: figures from an older edition differ.',
  'Read by a parser that has run only on files written in the layout the MoJ release documents; until the real file is added there are no figures.',
];

const indicators: IndicatorDef[] = SEXES.flatMap(({ key, where, who }) => [
  {
    ...BASE,
    id: `people_sentenced_${key}`,
    title: `${who[0].toUpperCase()}${who.slice(1)} sentenced, by police force area of the court`,
    description: `The number of ${who} sentenced at courts in the area in the year, for any offence and with any sentence.`,
    unit: 'count',
    display: { scale: 1, decimals: 0 },
    ciMethod: 'none',
    numerator: `${who[0].toUpperCase()}${who.slice(1)} sentenced (sum of the data tool's Sentenced column)`,
    denominator: 'none (a count)',
    caveats: CAVEATS,
    sql: count('sentenced', where),
  },
  {
    ...BASE,
    id: `sentenced_immediate_custody_${key}`,
    title: `${who[0].toUpperCase()}${who.slice(1)} sentenced to immediate custody, by police force area of the court`,
    description: `The number of ${who} sent straight to prison (or youth custody) by courts in the area in the year.`,
    unit: 'count',
    display: { scale: 1, decimals: 0 },
    ciMethod: 'none',
    numerator: `${who[0].toUpperCase()}${who.slice(1)} sentenced to immediate custody`,
    denominator: 'none (a count)',
    caveats: CAVEATS,
    sql: count('custody', where),
  },
  {
    ...BASE,
    id: `immediate_custody_share_${key}`,
    title: `Share of ${who} sentenced who were sent to immediate custody, by police force area of the court`,
    description: `Of the ${who} sentenced by courts in the area in the year, the share sent straight to prison (or youth custody).`,
    unit: 'percent',
    display: { scale: 100, decimals: 1, suffix: '%' },
    ciMethod: 'wilson',
    numerator: `${who[0].toUpperCase()}${who.slice(1)} sentenced to immediate custody`,
    denominator: `${who[0].toUpperCase()}${who.slice(1)} sentenced`,
    caveats: [...CAVEATS, 'Courts see different offences: an area with more serious cases will send a larger share to custody for reasons other than sentencing practice.'],
    sql: share(where),
  },
]);

export default indicators;
