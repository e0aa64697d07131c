/**
 * SQL macros shared by the pipeline (DuckDB in Node) and the browser (DuckDB-WASM): the one definition
 * of each interval formula, and of how a period label becomes a date
 * (period_end: '2018-09-30' itself; cohort '2019-04/2020-03' → 2020-03-31; financial year '2022-23' →
 * 2023-03-31; month '2026-07' → 2026-07-31; calendar year '2022' → 2022-12-31). A label 'YYYY-MM' whose
 * second part is the next year's last two digits is a financial year; the twelve months that look
 * the same (2000-01 … 2011-12, e.g. December 2011) are read as financial years here, so a monthly
 * row's date is its reference_date (the bulletin's report date), which every monthly prison row has. Tests check them against textbook values (tests/unit/stats.test.ts).
 */
export const SQL_MACROS = `
CREATE OR REPLACE MACRO wilson_lower(x, n) AS
  CASE WHEN n > 0 THEN
    ((x / n) + 1.959963984540054 ^ 2 / (2 * n)
      - 1.959963984540054 * sqrt((x / n) * (1 - x / n) / n + 1.959963984540054 ^ 2 / (4 * n * n)))
    / (1 + 1.959963984540054 ^ 2 / n) END;
CREATE OR REPLACE MACRO wilson_upper(x, n) AS
  CASE WHEN n > 0 THEN
    ((x / n) + 1.959963984540054 ^ 2 / (2 * n)
      + 1.959963984540054 * sqrt((x / n) * (1 - x / n) / n + 1.959963984540054 ^ 2 / (4 * n * n)))
    / (1 + 1.959963984540054 ^ 2 / n) END;
CREATE OR REPLACE MACRO byar_lower(o) AS
  CASE WHEN o = 0 THEN 0.0 WHEN o > 0 THEN
    o * (1 - 1 / (9 * o) - 1.959963984540054 / (3 * sqrt(o))) ^ 3 END;
CREATE OR REPLACE MACRO byar_upper(o) AS
  CASE WHEN o >= 0 THEN
    (o + 1) * (1 - 1 / (9 * (o + 1)) + 1.959963984540054 / (3 * sqrt(o + 1))) ^ 3 END;
CREATE OR REPLACE MACRO period_end(p) AS
  CASE
    WHEN regexp_full_match(p, '\\d{4}-\\d{2}-\\d{2}') THEN p::DATE
    WHEN regexp_full_match(p, '\\d{4}-\\d{2}/\\d{4}-\\d{2}') THEN last_day((split_part(p, '/', 2) || '-01')::DATE)
    WHEN regexp_full_match(p, '\\d{4}-\\d{2}') AND right(p, 2)::INT = (left(p, 4)::INT + 1) % 100
      THEN make_date(left(p, 4)::INT + 1, 3, 31)
    WHEN regexp_full_match(p, '\\d{4}-(0[1-9]|1[0-2])') THEN last_day((p || '-01')::DATE)
    WHEN regexp_full_match(p, '\\d{4}') THEN make_date(p::INT, 12, 31)
  END;
`;
