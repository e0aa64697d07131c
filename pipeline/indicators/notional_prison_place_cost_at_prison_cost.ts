import type { IndicatorDef } from '../../src/indicator.ts';

/**
 * The commissioning scenario of notional_prison_place_cost, priced from each prison's own overall
 * cost per place (HMPPS costs by establishment, latest financial year held) instead of the national
 * average. A prison the addendum does not cost (opened since, or not listed) is priced at the
 * national average of notional_prison_place_cost. source_id is the places' bulletin; denominator_source_id
 * names the cost file (the national compilation whenever any of an area's places is priced that way) and
 * basis says how many prisons were. Computed only when a
 * costs-by-establishment file is held (otherwise it would repeat notional_prison_place_cost).
 */
const def: IndicatorDef = {
  id: 'notional_prison_place_cost_at_prison_cost',
  title: 'Notional cost of the prison places located in the area, at each prison’s own cost (scenario)',
  description:
    'A scenario: the baseline certified places of the prisons standing in the area, in the latest month held, each multiplied by that prison’s own overall cost per place in the latest year HMPPS published (the national average where a prison has none). It is not spending by the PCC or by anyone in the area.',
  unit: 'gbp',
  display: { scale: 1, decimals: 0, prefix: '£' },
  polarity: 'neither',
  numerator: 'Baseline CNA of the establishments located in the area (latest bulletin month)',
  denominator:
    'Average price per place: each establishment’s overall cost per place in the latest financial year of table prison_cost_establishment, or, for an establishment it does not list, the national overall cost per place of notional_prison_place_cost (latest year held, first-published release); value = numerator × denominator. The row’s denominator_source_id names the national compilation where at least one place is priced at the national figure, and its basis says how many prisons were.',
  ciMethod: 'none',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [
    'A scenario, never spending by the PCC: what the places standing in the area would cost if an area paid each prison’s own cost.',
    'The cost year and the places month differ; costs are cash prices of their year (no deflator is held).',
    'Where a prison has no cost of its own in the latest addendum, the national average is used and the row’s source names the national figure.',
    'Prisons in the area, not prisoners from the area.',
  ],
  sources: ['hmpps_monthly_bulletins', 'hmpps_prison_costs_by_establishment', 'prison_costs_national'],
  sql: `
WITH latest AS (
  SELECT max(month) AS month, max(report_date) FILTER (WHERE month = (SELECT max(month) FROM prison_monthly)) AS report_date FROM prison_monthly
), bulletin AS (
  SELECT max(source_id) AS source_id FROM prison_monthly WHERE month = (SELECT month FROM latest)
), cost_year AS (
  SELECT max(financial_year) AS fy FROM prison_cost_establishment
), national AS (
  SELECT value_gbp, source_id, financial_year FROM prison_cost_national
  WHERE measure = 'overall_cost_per_place' AND NOT restated
  ORDER BY financial_year DESC LIMIT 1
), priced AS (
  SELECT pr.prison_code, pr.prison_name, pr.pfa_code, pm.baseline_cna::DOUBLE AS places,
    coalesce(c.overall_cost_per_place_gbp, (SELECT value_gbp FROM national)) AS price,
    c.overall_cost_per_place_gbp IS NULL AS at_national,
    coalesce(c.source_id, (SELECT source_id FROM national)) AS cost_source_id
  FROM prison_monthly pm
  JOIN prison pr USING (prison_code)
  LEFT JOIN prison_cost_establishment c ON c.prison_code = pm.prison_code AND c.financial_year = (SELECT fy FROM cost_year)
  WHERE pm.month = (SELECT month FROM latest) AND pm.section = 'prison' AND (SELECT fy FROM cost_year) IS NOT NULL
), summed AS (
  SELECT 'pfa' AS area_type, p.pfa_code AS area_code, p.pfa_name AS area_name,
    sum(places * price) AS value, sum(places) AS places, count(*) AS prisons, count(*) FILTER (WHERE at_national) AS at_national,
    max(cost_source_id) FILTER (WHERE NOT at_national) AS own_source_id
  FROM priced JOIN pfa p USING (pfa_code)
  GROUP BY p.pfa_code, p.pfa_name
  UNION ALL
  SELECT 'england_wales', 'K04000001', 'England and Wales',
    sum(places * price), sum(places), count(*), count(*) FILTER (WHERE at_national),
    max(cost_source_id) FILTER (WHERE NOT at_national)
  FROM priced HAVING count(*) > 0
)
SELECT 'prison' AS area_type, prison_code AS area_code, prison_name AS area_name,
  strftime((SELECT month FROM latest), '%Y-%m') AS period,
  places * price AS value, places AS numerator, price AS denominator, NULL AS lower_95, NULL AS upper_95,
  (SELECT source_id FROM bulletin) AS source_id, cost_source_id AS denominator_source_id,
  CASE WHEN at_national THEN 'National overall cost per place ' || (SELECT financial_year FROM national) || ' (not listed by establishment)'
    ELSE 'Own overall cost per place ' || (SELECT fy FROM cost_year) END AS basis,
  (SELECT report_date FROM latest) AS reference_date
FROM priced
UNION ALL
SELECT area_type, area_code, area_name, strftime((SELECT month FROM latest), '%Y-%m'),
  value, places, value / nullif(places, 0), NULL, NULL,
  (SELECT source_id FROM bulletin),
  CASE WHEN at_national > 0 THEN (SELECT source_id FROM national) ELSE own_source_id END,
  CASE WHEN at_national = 0 THEN 'Each prison''s own overall cost per place ' || (SELECT fy FROM cost_year)
    ELSE at_national || ' of ' || prisons || ' prisons at the national overall cost per place ' || (SELECT financial_year FROM national) || ', the rest at their own ' || (SELECT fy FROM cost_year) END,
  (SELECT report_date FROM latest)
FROM summed
`,
};
export default def;
