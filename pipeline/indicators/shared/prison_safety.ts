/**
 * The shape of the assault and self-harm rate indicators: incidents over twelve months per 1,000
 * prisoners (April 2026 bulletin population, as the third-party sums use). A count of 0 may be a
 * suppressed 1 or 2 (see table prison_safety), so it gives no value rather than a rate of 0.
 * England and Wales is the sum over the establishments listed (111), not the national total.
 */
export function prisonSafetySql(opts: { id: string; count: 'assaults' | 'self_harm' }): string {
  const c = opts.count;
  return `
SELECT '${opts.id}' AS indicator_id, 'prison' AS area_type, s.prison_code AS area_code, pr.prison_name AS area_name, s.period,
  CASE WHEN s.${c}_zero_may_be_suppressed THEN NULL ELSE s.${c}::DOUBLE / s.population * 1000 END AS value,
  CASE WHEN s.${c}_zero_may_be_suppressed THEN NULL ELSE s.${c}::DOUBLE END AS numerator, s.population::DOUBLE AS denominator,
  NULL AS lower_95, NULL AS upper_95, s.source_id
FROM prison_safety s JOIN prison pr USING (prison_code)
UNION ALL
SELECT '${opts.id}', 'england_wales', 'K04000001', 'England and Wales (the ' || count(*) || ' establishments listed)', period,
  sum(${c})::DOUBLE / sum(population) * 1000, sum(${c})::DOUBLE, sum(population)::DOUBLE, NULL, NULL, max(source_id)
FROM prison_safety GROUP BY period
`;
}

export const SAFETY_CAVEATS = [
  'A third-party sum (Walk Forward Research) of the monthly cells of MoJ Safety in Custody Tables 8a and 9a; the publisher file is not held, so the counts could not be checked against it.',
  'Suppressed monthly cells (2 or fewer incidents) were read as 0: every count is a lower bound by up to 2 per suppressed month, and a total of 0 is shown as no value.',
  'The denominator is the population on one day (April 2026 bulletin), not the average over the twelve months.',
  'Incidents, not people: one person may account for many self-harm incidents. No confidence interval is given for that reason.',
  'England and Wales here is the sum over the 111 establishments listed, not the national total (youth estate, IRCs and a few establishments the third party did not match are missing).',
];
