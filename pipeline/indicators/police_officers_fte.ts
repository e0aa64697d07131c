import type { IndicatorDef } from '../../src/indicator.ts';

const def: IndicatorDef = {
  id: 'police_officers_fte',
  title: 'Police officers (full-time equivalent)',
  description: 'The number of police officers the force employs, counted as full-time equivalents.',
  unit: 'count',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'Police officers, full-time equivalent, at the reference date',
  denominator: 'None',
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
  notHeld: [
    { geography: 'pfa', reason: 'Dates after 30 September 2018 are not held yet.', wouldNeed: 'Home Office police workforce open data tables (March 2019 onward).' },
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
export default def;
