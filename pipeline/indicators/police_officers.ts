/**
 * Police officers by police force area (table police_officers, Home Office workforce Table 1): the
 * count (FTE), its change over twelve months, and officers per 100,000 residents. The three share the
 * area types, the source and what is not held; each keeps its own formula.
 */
import type { IndicatorDef } from '../../src/indicator.ts';

const OFFICERS: Pick<IndicatorDef, 'polarity' | 'ciMethod' | 'geographies'> = { polarity: 'neither', ciMethod: 'none', geographies: ['pfa', 'england_wales'] };
const FTE_AT_DATE = 'Police officers, full-time equivalent, at the reference date';

const fte: IndicatorDef = {
  ...OFFICERS,
  id: 'police_officers_fte',
  title: 'Police officers (full-time equivalent)',
  description: 'The number of police officers the force employs, counted as full-time equivalents.',
  unit: 'count',
  display: { scale: 1, decimals: 0 },
  numerator: FTE_AT_DATE,
  denominator: 'None',
  notHeld: [
    { geography: 'pfa', reason: 'Dates after 30 September 2018 are not held yet.', wouldNeed: 'Home Office police workforce open data tables (March 2019 onward).', filledBy: ['police_workforce_2019_2025'] },
  ],
  caveats: [
    'Where a later edition revised a date, the later figure is used (e.g. Metropolitan Police at 30 September 2015).',
    'England and Wales is the 43 forces; it excludes British Transport Police and central secondments.',
  ],
  sources: ['home_office_police_workforce'],
  sql: `
SELECT 'pfa' AS area_type, o.pfa_code AS area_code, p.pfa_name AS area_name,
  strftime(o.date, '%Y-%m-%d') AS period, o.officers_fte AS value, NULL AS numerator, NULL AS denominator,
  NULL AS lower_95, NULL AS upper_95, o.source_id
FROM police_officers o JOIN pfa p USING (pfa_code)
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales (43 forces)', strftime(date, '%Y-%m-%d'),
  round(sum(officers_fte), 4), NULL, NULL, NULL, NULL, max(source_id)
FROM police_officers GROUP BY date
`,
};

const change12m: IndicatorDef = {
  ...OFFICERS,
  id: 'police_officers_change_12m',
  title: 'Change in police officers over 12 months',
  description: 'How much the number of police officers (full-time equivalent) rose or fell over the previous twelve months.',
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  numerator: 'Officers (FTE) at the date minus officers 12 months earlier',
  denominator: 'Officers (FTE) 12 months earlier',
  caveats: ['Computed from the figures in police_officers, so a date needs a figure twelve months before it.'],
  sources: ['home_office_police_workforce'],
  sql: `
WITH officers AS (
  SELECT 'pfa' AS area_type, o.pfa_code AS area_code, p.pfa_name AS area_name, o.date, o.officers_fte, o.source_id
  FROM police_officers o JOIN pfa p USING (pfa_code)
  UNION ALL
  SELECT 'england_wales', 'K04000001', 'England and Wales (43 forces)', date, sum(officers_fte), max(source_id)
  FROM police_officers GROUP BY date
)
SELECT now.area_type, now.area_code, now.area_name,
  strftime(now.date, '%Y-%m-%d') AS period,
  (now.officers_fte - before.officers_fte) / before.officers_fte AS value,
  now.officers_fte - before.officers_fte AS numerator, before.officers_fte AS denominator,
  NULL AS lower_95, NULL AS upper_95, now.source_id
FROM officers now
JOIN officers before ON before.area_code = now.area_code AND before.date = now.date - INTERVAL 12 MONTH
`,
};

const per100k: IndicatorDef = {
  ...OFFICERS,
  id: 'police_officers_per_100k',
  title: 'Police officers per 100,000 residents',
  description: 'Police officers (full-time equivalent) for every 100,000 people living in the area.',
  unit: 'rate_per_100k',
  display: { scale: 1, decimals: 0 },
  numerator: FTE_AT_DATE,
  denominator: 'Usual residents at the census nearest the date: Census 2011 for dates to 2016, Census 2021 from 2017 (never interpolated)',
  caveats: [
    'The denominator is a census count, not an estimate for the reference date: the census used is in the basis column of every row, and the numerator and denominator are published.',
    'The series breaks between 30 September 2016 (Census 2011 residents) and 31 March 2017 (Census 2021 residents): the switch alone lowers the rate (Kent: 185 to 176 while officers rose), so compare values only on one basis.',
    'City of London has very few residents and many workers and visitors, so its rate is not comparable with other areas.',
  ],
  sources: ['home_office_police_workforce', 'ons_population'],
  sql: `
WITH residents AS (
  SELECT l.pfa_code, pop.year, sum(pop.population)::DOUBLE AS residents, max(pop.source_id) AS residents_source_id,
    CASE pop.basis WHEN 'census_2011' THEN 'Census 2011 residents' ELSE 'Census 2021 residents' END AS basis
  FROM population pop JOIN lad_pfa l ON l.lad_code = pop.area_code
  WHERE pop.basis IN ('census_2011', 'census_2021')
  GROUP BY ALL
), officers AS (
  SELECT 'pfa' AS area_type, o.pfa_code AS area_code, p.pfa_name AS area_name, o.date, o.officers_fte,
    r.residents, o.source_id, r.residents_source_id, r.basis
  FROM police_officers o JOIN pfa p USING (pfa_code)
  JOIN residents r ON r.pfa_code = o.pfa_code AND r.year = CASE WHEN year(o.date) <= 2016 THEN 2011 ELSE 2021 END
)
SELECT area_type, area_code, area_name, strftime(date, '%Y-%m-%d') AS period,
  officers_fte / residents * 100000 AS value, officers_fte AS numerator, residents AS denominator,
  NULL AS lower_95, NULL AS upper_95, source_id, residents_source_id AS denominator_source_id, basis
FROM officers
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales (43 forces)', strftime(date, '%Y-%m-%d'),
  sum(officers_fte) / sum(residents) * 100000, sum(officers_fte), sum(residents), NULL, NULL, max(source_id),
  max(residents_source_id), any_value(basis)
FROM officers GROUP BY date
`,
};

export default [fte, change12m, per100k];
