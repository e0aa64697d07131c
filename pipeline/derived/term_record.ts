/**
 * The term record: for each police force area and each indicator held for it, the value in the period
 * nearest the start of the current office holder's tenure, the latest value, the change, and the
 * England and Wales change over the same two periods. It describes what moved while the holder was in
 * office: association, never cause.
 *
 * Tenure: the current holder is the holder of the latest round in pcc_holder; the tenure starts at the
 * earliest election date from which every later round returned the same holder. A period's date is
 * its reference_date where the publisher states one, else its end (macro period_end); the start period is the one whose end is nearest the tenure start (the
 * earlier on a tie) among the periods on the latest period's denominator basis (indicator_values.basis),
 * so that both ends divide by the same thing. When no period ends after the tenure start, no figure for
 * the term is held.
 */
import { TERM_RECORD } from '../../src/tables/term_record.ts';
import type { DerivedDef } from '../derived.ts';

const sql = `
WITH latest_round AS (
  SELECT h.* FROM pcc_holder h WHERE h.round = (SELECT max(round) FROM pcc_holder)
), interrupted AS (
  -- The last round someone else held the office; the current run of wins starts after it. (Written
  -- without a nested correlated subquery: DuckDB 1.5 returned the wrong minimum for that form.)
  SELECT c.pfa_code, max(x.round) AS last_other_round
  FROM latest_round c
  JOIN pcc_holder x ON x.pfa_code = c.pfa_code AND x.holder_name IS DISTINCT FROM c.holder_name
  GROUP BY c.pfa_code
), tenure AS (
  SELECT c.pfa_code, c.holder_name, min(h.election_date) AS tenure_start,
    c.source_id AS holder_source_id, c.source_cell AS holder_source_cell
  FROM latest_round c
  LEFT JOIN interrupted i ON i.pfa_code = c.pfa_code
  LEFT JOIN pcc_holder h ON h.pfa_code = c.pfa_code AND h.holder_name = c.holder_name
    AND h.round > coalesce(i.last_other_round, 0)
  GROUP BY c.pfa_code, c.holder_name, c.source_id, c.source_cell
), pfa_values AS (
  -- A count taken on a stated day (a monthly bulletin's report date) is dated by it: a month label
  -- such as '2011-12' would otherwise read as a financial year (see period_end in src/sql.ts).
  SELECT v.indicator_id, v.area_code AS pfa_code, v.period, coalesce(v.reference_date::DATE, period_end(v.period)) AS period_date, v.value, v.source_id, v.basis
  FROM indicator_values v
  WHERE v.area_type = 'pfa' AND v.value IS NOT NULL AND coalesce(v.reference_date::DATE, period_end(v.period)) IS NOT NULL
), with_latest AS (
  SELECT t.pfa_code, t.holder_name, t.tenure_start, t.holder_source_id, t.holder_source_cell, v.indicator_id, v.period, v.period_date, v.value, v.source_id, v.basis,
    first_value(v.basis) OVER (PARTITION BY t.pfa_code, v.indicator_id ORDER BY v.period_date DESC) AS latest_basis,
    row_number() OVER (PARTITION BY t.pfa_code, v.indicator_id ORDER BY v.period_date DESC) AS newest,
    row_number() OVER (PARTITION BY t.pfa_code, v.indicator_id ORDER BY abs(date_diff('day', t.tenure_start, v.period_date)), v.period_date) AS nearest_any
  FROM tenure t JOIN pfa_values v ON v.pfa_code = t.pfa_code
), ranked AS (
  -- The start is the period nearest the tenure start among those on the latest period's denominator
  -- basis: a series that changed basis (officers per 100,000: Census 2011 to Census 2021 in 2017) is
  -- compared only on one basis, and the note says when that moved the start.
  SELECT *, basis IS NOT DISTINCT FROM latest_basis AS same_basis,
    row_number() OVER (PARTITION BY pfa_code, indicator_id, basis IS NOT DISTINCT FROM latest_basis
      ORDER BY abs(date_diff('day', tenure_start, period_date)), period_date) AS nearest
  FROM with_latest
), paired AS (
  SELECT s.pfa_code, s.indicator_id, s.holder_name, s.tenure_start, s.holder_source_id, s.holder_source_cell,
    s.period AS start_period, s.value AS start_value, l.period AS latest_period, l.period_date AS latest_date, l.value AS latest_value, l.source_id,
    l.basis, a.period AS nearest_period, a.basis AS nearest_basis,
    a.basis IS DISTINCT FROM l.basis AS basis_moved
  FROM ranked s
  JOIN ranked l ON l.pfa_code = s.pfa_code AND l.indicator_id = s.indicator_id AND l.newest = 1
  JOIN ranked a ON a.pfa_code = s.pfa_code AND a.indicator_id = s.indicator_id AND a.nearest_any = 1
  WHERE s.nearest = 1 AND s.same_basis
), ew AS (
  SELECT indicator_id, period, value FROM indicator_values WHERE area_type = 'england_wales'
)
SELECT p.pfa_code, p.indicator_id, p.holder_name, p.tenure_start,
  CASE
    WHEN p.tenure_start IS NULL THEN 'no_holder'
    WHEN p.latest_date <= p.tenure_start THEN 'no_figures_in_term'
    WHEN p.start_period = p.latest_period AND p.basis_moved THEN 'basis_changed'
    WHEN p.start_period = p.latest_period THEN 'single_period'
    ELSE 'compared'
  END AS status,
  p.start_period, p.start_value, p.latest_period, p.latest_value,
  CASE WHEN p.tenure_start IS NOT NULL AND p.latest_date > p.tenure_start AND p.start_period <> p.latest_period
    THEN p.latest_value - p.start_value END AS change,
  es.value AS ew_start_value, el.value AS ew_latest_value,
  CASE WHEN p.tenure_start IS NOT NULL AND p.latest_date > p.tenure_start AND p.start_period <> p.latest_period
    THEN el.value - es.value END AS ew_change,
  p.basis,
  CASE WHEN p.tenure_start IS NOT NULL AND p.basis_moved THEN
    'The period nearest the tenure start (' || p.nearest_period || ') is on another denominator basis (' || coalesce(p.nearest_basis, 'none stated') ||
    ') than the latest (' || coalesce(p.basis, 'none stated') || '); ' ||
    CASE WHEN p.start_period = p.latest_period THEN 'no earlier period on the latest basis is held, so no change is given.'
      ELSE 'the start shown is the nearest period on the latest basis.' END
  END AS note,
  p.source_id,
  'indicator_values ' || p.indicator_id || ' ' || p.start_period || ' and ' || p.latest_period || '; holder ' || p.holder_source_id || ' ' || p.holder_source_cell AS source_cell
FROM paired p
LEFT JOIN ew es ON es.indicator_id = p.indicator_id AND es.period = p.start_period
LEFT JOIN ew el ON el.indicator_id = p.indicator_id AND el.period = p.latest_period
`;

const def: DerivedDef = { table: TERM_RECORD, sql };
export default def;
