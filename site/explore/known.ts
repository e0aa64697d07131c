/**
 * Known queries, answered at build time: the examples, each indicator's SQL and the league tables'
 * "query these figures" links. DuckDB in Node runs each over the published Parquet files (the same
 * tables and macros the browser's engine loads), and /explore/known/<key>.json holds the first rows
 * as the explorer would write them, so a shared link shows them at once, marked "computed at build
 * time", while the engine loads; the engine's own answer then replaces them.
 * A query that fails here is simply not known (the engine reports its error as for any other).
 */
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { dataPackage, edition, indicators, indicatorsWithValues, latestPeriod, sharedSql } from '../lib/data.ts';
import { leagueSql } from '../lib/league.ts';
import { BUILD_DIR } from '../lib/paths.ts';
import { examples } from './examples.ts';
import { KNOWN_ROWS, knownKey, type KnownResult } from './known-key.ts';

/** Every query the site links to or offers, trimmed as a link carries it, once each. */
export function knownQueries(): string[] {
  const league = indicatorsWithValues('pfa').map((i) => leagueSql(i.id, latestPeriod(i.id, 'pfa')!));
  // A query of the catalogue is not known: the browser's engine loads a table when a query first
  // names it, so its catalogue is not the build's.
  const catalogue = /information_schema|\bduckdb_\w+\s*\(|\bpragma\b|\bshow\b|\bdescribe\b/i;
  return [...new Set([...examples().map((e) => e.sql), ...indicators().map((i) => i.sql), ...league].map((s) => s.trim()))].filter((s) => !catalogue.test(s));
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)\b/;

/** A value as site/explore/format.ts writes the engine's: numbers in shortest round-trip form, dates ISO, NULL as null. */
export function valueText(v: DuckDBValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return String(v);
}

let computed: Promise<Map<string, KnownResult>> | undefined;

/** The build-time result of every known query that runs, by key. */
export function knownResults(): Promise<Map<string, KnownResult>> {
  computed ??= (async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    for (const r of dataPackage().resources) {
      if (!r.alternates?.parquet) continue;
      const path = join(BUILD_DIR, r.alternates.parquet).replaceAll("'", "''");
      await con.run(`CREATE TABLE "${r.name}" AS SELECT * FROM read_parquet('${path}')`);
      // The engine reads the Arrow copies, whose numbers are written at 12 significant digits as in
      // the CSV and JSON (pipeline/publish.ts); the Parquet keeps every digit. Rounded the same way
      // here, so a build-time answer is the engine's to the last digit.
      const doubles = (await con.runAndReadAll(`SELECT column_name FROM (DESCRIBE "${r.name}") WHERE column_type = 'DOUBLE'`)).getRows().map((row) => String(row[0]));
      if (doubles.length) await con.run(`UPDATE "${r.name}" SET ${doubles.map((c) => `"${c}" = CAST(printf('%.12g', "${c}") AS DOUBLE)`).join(', ')}`);
    }
    await con.run(sharedSql().macros);
    const out = new Map<string, KnownResult>();
    const ed = edition().id;
    for (const sql of knownQueries()) {
      try {
        const reader = await con.runAndReadAll(sql);
        const types = reader.columnTypes().map((t) => t.toString());
        const rows = reader.getRows();
        out.set(knownKey(sql), {
          sql,
          edition: ed,
          columns: reader.columnNames().map((name, i) => ({ name, type: types[i], numeric: NUMERIC.test(types[i]) })),
          rows: rows.slice(0, KNOWN_ROWS).map((row) => row.map(valueText)),
          totalRows: rows.length,
        });
      } catch {
        // Not known: the browser's engine runs it and reports what DuckDB says.
      }
    }
    con.closeSync();
    return out;
  })();
  return computed;
}
