/**
 * SQL macros shared by the pipeline (DuckDB in Node) and the browser (DuckDB-WASM): the one definition
 * of each interval formula. Tests check them against textbook values (tests/unit/stats.test.ts).
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
`;
