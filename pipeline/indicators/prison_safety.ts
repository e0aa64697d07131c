/**
 * Assault and self-harm incidents per 1,000 prisoners (table prison_safety), one indicator each
 * (INCIDENTS below), with one formula: incidents over twelve months per 1,000
 * prisoners (April 2026 bulletin population, as the third-party sums use). A count of 0 may be a
 * suppressed 1 or 2 (see table prison_safety), so it gives no value rather than a rate of 0.
 * England and Wales is the sum over the establishments listed (111), not the national total.
 */
import type { IndicatorDef } from '../../src/indicator.ts';

function prisonSafetySql(opts: { count: 'assaults' | 'self_harm' }): string {
  const c = opts.count;
  return `
SELECT 'prison' AS area_type, s.prison_code AS area_code, pr.prison_name AS area_name, s.period,
  CASE WHEN s.${c}_zero_may_be_suppressed THEN NULL ELSE s.${c}::DOUBLE / s.population * 1000 END AS value,
  CASE WHEN s.${c}_zero_may_be_suppressed THEN NULL ELSE s.${c}::DOUBLE END AS numerator, s.population::DOUBLE AS denominator,
  NULL AS lower_95, NULL AS upper_95, s.source_id,
  -- The third party's file prints the population it divides by (checked against the April 2026 bulletin).
  NULL AS denominator_source_id, 'Population in the April 2026 monthly bulletin' AS basis
FROM prison_safety s JOIN prison pr USING (prison_code)
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales (the ' || count(*) || ' establishments listed)', period,
  sum(${c})::DOUBLE / sum(population) * 1000, sum(${c})::DOUBLE, sum(population)::DOUBLE, NULL, NULL, max(source_id),
  NULL, 'Population in the April 2026 monthly bulletin'
FROM prison_safety GROUP BY period
`;
}

const SAFETY_CAVEATS = [
  'A third-party sum (Walk Forward Research) of the monthly cells of MoJ Safety in Custody Tables 8a and 9a; the publisher file is not held, so the counts could not be checked against it.',
  'Suppressed monthly cells (2 or fewer incidents) were read as 0: every count is a lower bound by up to 2 per suppressed month, and a total of 0 is shown as no value.',
  'The denominator is the population on one day (April 2026 bulletin), not the average over the twelve months.',
  'Incidents, not people: one person may account for many self-harm incidents. No confidence interval is given for that reason.',
  'England and Wales here is the sum over the 111 establishments listed, not the national total (youth estate, IRCs and a few establishments the third party did not match are missing).',
];

const INCIDENTS = [
  { id: 'prison_assaults_per_1000', count: 'assaults', what: 'Assault incidents', whatLower: 'Assaults', table: 'Table 8a' },
  { id: 'prison_self_harm_per_1000', count: 'self_harm', what: 'Self-harm incidents', whatLower: 'Self-harm incidents', table: 'Table 9a' },
] as const;

export default INCIDENTS.map(({ id, count, what, whatLower, table }): IndicatorDef => ({
  id,
  title: `${what} per 1,000 prisoners (12 months)`,
  description: `${whatLower} recorded in the prison over twelve months, for every 1,000 prisoners held.`,
  unit: 'rate_per_1000',
  display: { scale: 1, decimals: 0 },
  polarity: 'lower_is_better',
  numerator: `${what}, April 2025 to March 2026 (MoJ Safety in Custody ${table}, summed by Walk Forward Research)`,
  denominator: 'Population in the April 2026 monthly bulletin',
  ciMethod: 'none',
  geographies: ['prison', 'england_wales'],
  notHeld: [{ geography: 'pfa', reason: 'Only 111 establishments are listed, so area sums would be incomplete.', wouldNeed: `MoJ Safety in Custody summary tables (${table.replace(' ', '_')}), registered as moj_prison_safety_in_custody.` }],
  caveats: SAFETY_CAVEATS,
  sources: ['prisoncap_safety_2026', 'prisoncap_panel_2026'],
  sql: prisonSafetySql({ count }),
}));
