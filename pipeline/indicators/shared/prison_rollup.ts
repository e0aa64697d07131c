/**
 * The one roll-up every monthly prison indicator shares: a figure per establishment and bulletin month,
 * then summed over the establishments standing in each police force area and over all of England and
 * Wales. Each indicator file passes its own numerator and denominator expressions (its formula, defined
 * there once); this only builds the three levels around them, so the SQL shown on the methodology page
 * is complete and runnable as it stands.
 *
 * The period is the bulletin month ('YYYY-MM'); reference_date is the bulletin's report date, the day
 * the figures describe (27 July 2026 for the July 2026 bulletin).
 *
 * Police force area sums count prisons only: the months an establishment is listed in the bulletin's
 * immigration removal centre block (Dover and Haslar to 2015, Morton Hall 2011-21, The Verne 2014-18,
 * Lindholme IRC 2011-12) are left out of the area's figures and kept in England and Wales, whose
 * figure is the bulletin's own Total. Such months, and a closed or empty establishment's (Dartmoor
 * from 2024: no prisoners, no places in use), have an unranked_reason and no rank.
 *
 * Sums use only establishments where the figures are present (a blank in the bulletin is left out, as
 * the bulletin's own Total leaves it out); a zero denominator gives no value (Dartmoor in 2024).
 */
export function prisonMonthlyRollupSql(opts: {
  /** SQL over table prison_monthly (alias m), e.g. 'm.population'. */
  numerator: string;
  /** SQL over prison_monthly, or null for a count (value = numerator). */
  denominator: string | null;
}): string {
  const den = opts.denominator ?? 'NULL';
  const value = (n: string, d: string) => (opts.denominator ? `${n} / NULLIF(${d}, 0)` : n);
  const usable = opts.denominator ? 'num IS NOT NULL AND den IS NOT NULL AND den > 0' : 'num IS NOT NULL';
  return `
WITH base AS (
  SELECT m.prison_code, pr.prison_name, pr.pfa_code, m.month,
    (${opts.numerator})::DOUBLE AS num, (${den})::DOUBLE AS den, m.source_id, m.report_date, m.section,
    CASE
      WHEN m.section = 'irc' THEN 'An immigration removal centre in this month (the bulletin lists it apart): not ranked with prisons, not in the area''s prison totals'
      WHEN m.population = 0 OR m.in_use_cna = 0 THEN 'Closed or empty in this month (no prisoners or no places in use): not ranked'
    END AS unranked_reason
  FROM prison_monthly m JOIN prison pr USING (prison_code)
), usable AS (
  SELECT * FROM base WHERE ${usable}
)
SELECT 'prison' AS area_type, prison_code AS area_code, prison_name AS area_name,
  strftime(month, '%Y-%m') AS period, ${value('num', 'den')} AS value, num AS numerator, den AS denominator,
  NULL AS lower_95, NULL AS upper_95, source_id,
  -- Numerator and denominator are cells of the same bulletin row.
  NULL AS denominator_source_id, NULL AS basis, report_date AS reference_date, unranked_reason
FROM base
UNION ALL
SELECT 'pfa', u.pfa_code, p.pfa_name, strftime(u.month, '%Y-%m'),
  ${value('sum(u.num)', 'sum(u.den)')}, sum(u.num), ${opts.denominator ? 'sum(u.den)' : 'NULL'}, NULL, NULL, max(u.source_id), NULL, NULL, max(u.report_date), NULL
FROM usable u JOIN pfa p USING (pfa_code)
-- Prisons in the area: an immigration removal centre's months are counted apart (in England and Wales only).
WHERE u.section = 'prison'
GROUP BY u.pfa_code, p.pfa_name, u.month
UNION ALL
SELECT 'england_wales', 'K04000001', 'England and Wales (all establishments)', strftime(month, '%Y-%m'),
  ${value('sum(num)', 'sum(den)')}, sum(num), ${opts.denominator ? 'sum(den)' : 'NULL'}, NULL, NULL, max(source_id), NULL, NULL, max(report_date), NULL
FROM usable
GROUP BY month
`;
}

/** Caveats every prison indicator rolled up to police force areas carries. */
export const PRISONS_IN_THE_AREA = [
  'Police force area figures are for the prisons located in the area, not for prisoners from the area: people are held wherever there is a place, often far from home.',
  'Each bulletin describes one day (the report date, usually the last working Friday of the month; Mondays from October 2024): the period is the bulletin month and the reference date the report date.',
  'January 2025 onwards comes from a third-party parse of the same HMPPS bulletins (Walk Forward Research, CC BY 4.0), which matches our own reading of every bulletin from March 2018 to December 2024 exactly.',
  'England and Wales covers every establishment in the bulletin, including HMPPS-operated immigration removal centres when listed (Morton Hall 2011-21, Dover and Haslar to 2015, The Verne 2014-18, Lindholme 2011-12) and a combined Shepton Mallet / Erlestoke row (January to May 2012) that belongs to no single area.',
  "Police force area figures count prisons only: an immigration removal centre's months (the bulletin lists them apart) are left out of its area's figures, so an area's figures do not add up to England and Wales in those months.",
  'A closed or empty establishment (no prisoners or no places in use that month, e.g. Dartmoor from 2024) keeps its figures but is not ranked.',
  'Bulletins print one row for some sites the register splits (Usk / Prescoed, Grendon / Spring Hill, Peterborough male and female): such a row is shown under the first-named site (see pipeline/geography/prison_aliases.csv).',
];
