import type { IndicatorDef } from '../../src/indicator.ts';

const def: IndicatorDef = {
  id: 'police_officers_per_100k',
  title: 'Police officers per 100,000 residents',
  description: 'Police officers (full-time equivalent) for every 100,000 people living in the area.',
  unit: 'rate_per_100k',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'Police officers, full-time equivalent, at the reference date',
  denominator: 'Usual residents at the census nearest the date: Census 2011 for dates to 2016, Census 2021 from 2017 (never interpolated)',
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
  caveats: [
    'The denominator is a census count, not an estimate for the reference date: the year used is in the denominator description and in the published numerator/denominator columns.',
    'City of London has very few residents and many workers and visitors, so its rate is not comparable with other areas.',
  ],
  sources: ['home_office_police_workforce', 'ons_population'],
  sql: `
WITH residents AS (
  SELECT l.pfa_code, pop.year, sum(pop.population)::DOUBLE AS residents
  FROM population pop JOIN lad_pfa l ON l.lad_code = pop.area_code
  WHERE pop.basis IN ('census_2011', 'census_2021')
  GROUP BY ALL
), officers AS (
  SELECT 'pfa' AS area_type, o.pfa_code AS area_code, p.pfa_name AS area_name, o.date, o.officers_fte,
    r.residents, o.source_id
  FROM police_officers o JOIN pfa p USING (pfa_code)
  JOIN residents r ON r.pfa_code = o.pfa_code AND r.year = CASE WHEN year(o.date) <= 2016 THEN 2011 ELSE 2021 END
)
SELECT area_type, area_code, area_name, strftime(date, '%Y-%m-%d') AS period,
  officers_fte / residents * 100000 AS value, officers_fte AS numerator, residents AS denominator,
  NULL AS lower_95, NULL AS upper_95, source_id
FROM officers
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales (43 forces)', strftime(date, '%Y-%m-%d'),
  sum(officers_fte) / sum(residents) * 100000, sum(officers_fte), sum(residents), NULL, NULL, max(source_id)
FROM officers GROUP BY date
`,
};
export default def;
