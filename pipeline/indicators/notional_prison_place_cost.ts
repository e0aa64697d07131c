import type { IndicatorDef } from '../../src/indicator.ts';

/**
 * A scenario, not spending: what the prison places standing in an area would cost at the national
 * average overall cost per place, if an area paid a national tariff as the founding paper proposes.
 * Places are baseline CNA because the published cost per place divides by baseline CNA.
 *
 * The period is the places' bulletin month ('YYYY-MM'), like every monthly prison indicator, and
 * reference_date its report date. The cost basis is the
 * row's denominator (the cost per place it multiplies): source_id is the places' bulletin, and
 * denominator_source_id and basis name the cost row's file, financial year and release.
 */
const def: IndicatorDef = {
  id: 'notional_prison_place_cost',
  title: 'Notional cost of the prison places located in the area (scenario)',
  description:
    'A scenario: the baseline certified places of the prisons standing in the area, in the latest month held, multiplied by the national average overall cost per place of the latest year held. It is not spending by the PCC or by anyone in the area.',
  unit: 'gbp',
  display: { scale: 1, decimals: 0, prefix: '£' },
  polarity: 'neither',
  numerator: 'Baseline CNA of the establishments located in the area (latest bulletin month) × national overall cost per place (latest financial year held, cash prices, first-published release)',
  denominator: 'National overall cost per place of the latest financial year held (£, cash prices, first-published release), which multiplies the places: value = numerator × denominator. Its financial year and release are those of the row of table prison_cost_national with this value.',
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
  notHeld: [
    { geography: 'prison', reason: 'Cost per place by establishment is not held.', wouldNeed: 'HMPPS Annual Report and Accounts: "Costs per place and costs per prisoner" management information addendum (cost by establishment).', filledBy: ['hmpps_costs_per_place_by_establishment'] },
  ],
  caveats: [
    'At the national average cost per place: a scenario, never spending by the PCC. Real costs differ by prison (category, age, operator).',
    'The cost year and the places month differ; the cost is in cash prices of its year, not adjusted for inflation (no deflator series is held).',
    'Prisons in the area, not prisoners from the area.',
  ],
  sources: ['hmpps_monthly_bulletins', 'prison_costs_national'],
  sql: `
WITH cost AS (
  SELECT financial_year, value_gbp, source_id, release
  FROM prison_cost_national
  WHERE measure = 'overall_cost_per_place' AND NOT restated
  ORDER BY financial_year DESC LIMIT 1
), latest AS (
  SELECT max(month) AS month, max(report_date) FILTER (WHERE month = (SELECT max(month) FROM prison_monthly)) AS report_date FROM prison_monthly
), places AS (
  SELECT p.pfa_code, p.pfa_name, coalesce(sum(pm.baseline_cna), 0)::DOUBLE AS places
  FROM pfa p
  LEFT JOIN prison pr ON pr.pfa_code = p.pfa_code
  LEFT JOIN prison_monthly pm ON pm.prison_code = pr.prison_code AND pm.month = (SELECT month FROM latest) AND pm.section = 'prison'
  GROUP BY ALL
), bulletin AS (
  SELECT max(source_id) AS source_id FROM prison_monthly WHERE month = (SELECT month FROM latest)
)
SELECT 'pfa' AS area_type, pfa_code AS area_code, pfa_name AS area_name,
  strftime((SELECT month FROM latest), '%Y-%m') AS period,
  places * (SELECT value_gbp FROM cost) AS value, places AS numerator, (SELECT value_gbp FROM cost) AS denominator,
  NULL AS lower_95, NULL AS upper_95, (SELECT source_id FROM bulletin) AS source_id,
  (SELECT source_id FROM cost) AS denominator_source_id,
  (SELECT 'Overall cost per place ' || financial_year || ', cash prices (' || release || ')' FROM cost) AS basis,
  (SELECT report_date FROM latest) AS reference_date
FROM places
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales',
  strftime((SELECT month FROM latest), '%Y-%m'),
  sum(baseline_cna) * (SELECT value_gbp FROM cost), sum(baseline_cna)::DOUBLE, (SELECT value_gbp FROM cost), NULL, NULL, (SELECT source_id FROM bulletin),
  (SELECT source_id FROM cost), (SELECT 'Overall cost per place ' || financial_year || ', cash prices (' || release || ')' FROM cost),
  (SELECT report_date FROM latest)
FROM prison_monthly WHERE month = (SELECT month FROM latest)
`,
};
export default def;
