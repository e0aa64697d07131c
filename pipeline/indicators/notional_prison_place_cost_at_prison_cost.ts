import type { IndicatorDef } from '../../src/indicator.ts';

/**
 * The commissioning scenario of notional_prison_place_cost, priced from each prison's own overall
 * cost per place (HMPPS costs by establishment, latest financial year held) instead of the national
 * average. A prison the addendum does not cost (opened since, or not listed) is priced at the
 * national average of notional_prison_place_cost, and its row's source_id says so; an area's row
 * names the national source whenever any of its places is priced that way. Computed only when a
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
    'Average price per place: each establishment’s overall cost per place in the latest financial year of table prison_cost_establishment, or, for an establishment it does not list, the national overall cost per place of notional_prison_place_cost (latest year held, first-published release); value = numerator × denominator. A row whose source_id is the national compilation (prison_costs_from_statements) has at least one place priced at the national figure.',
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
  SELECT max(month) AS month FROM prison_monthly
), cost_year AS (
  SELECT max(financial_year) AS fy FROM prison_cost_establishment
), national AS (
  SELECT value_gbp, source_id FROM prison_cost_national
  WHERE measure = 'overall_cost_per_place' AND NOT restated
  ORDER BY financial_year DESC LIMIT 1
), priced AS (
  SELECT pr.prison_code, pr.prison_name, pr.pfa_code, pm.baseline_cna::DOUBLE AS places,
    coalesce(c.overall_cost_per_place_gbp, (SELECT value_gbp FROM national)) AS price,
    c.overall_cost_per_place_gbp IS NULL AS at_national,
    coalesce(c.source_id, (SELECT source_id FROM national)) AS source_id
  FROM prison_monthly pm
  JOIN prison pr USING (prison_code)
  LEFT JOIN prison_cost_establishment c ON c.prison_code = pm.prison_code AND c.financial_year = (SELECT fy FROM cost_year)
  WHERE pm.month = (SELECT month FROM latest) AND (SELECT fy FROM cost_year) IS NOT NULL
)
SELECT 'prison' AS area_type, prison_code AS area_code, prison_name AS area_name,
  strftime((SELECT month FROM latest), '%Y-%m-%d') AS period,
  places * price AS value, places AS numerator, price AS denominator, NULL AS lower_95, NULL AS upper_95, source_id
FROM priced
UNION ALL
SELECT 'pfa', p.pfa_code, p.pfa_name, strftime((SELECT month FROM latest), '%Y-%m-%d'),
  sum(places * price), sum(places), sum(places * price) / nullif(sum(places), 0), NULL, NULL,
  CASE WHEN bool_or(at_national) THEN (SELECT source_id FROM national) ELSE max(priced.source_id) END
FROM priced JOIN pfa p USING (pfa_code)
GROUP BY p.pfa_code, p.pfa_name
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales', strftime((SELECT month FROM latest), '%Y-%m-%d'),
  sum(places * price), sum(places), sum(places * price) / nullif(sum(places), 0), NULL, NULL,
  CASE WHEN bool_or(at_national) THEN (SELECT source_id FROM national) ELSE max(source_id) END
FROM priced HAVING count(*) > 0
`,
};
export default def;
