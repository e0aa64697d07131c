import type { IndicatorDef } from '../../src/indicator.ts';

const def: IndicatorDef = {
  id: 'police_officers_change_12m',
  title: 'Change in police officers over 12 months',
  description: 'How much the number of police officers (full-time equivalent) rose or fell over the previous twelve months.',
  unit: 'percent',
  display: { scale: 100, decimals: 1, suffix: '%' },
  polarity: 'neither',
  numerator: 'Officers (FTE) at the date minus officers 12 months earlier',
  denominator: 'Officers (FTE) 12 months earlier',
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
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
export default def;
