/** DuckDB in Node: load tidy rows into typed tables, run SQL, read results back as plain objects. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnType, Row, TableDef } from '../src/tables.ts';
import { SQL_MACROS } from '../src/sql.ts';

export const DUCKDB_TYPE: Record<ColumnType, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  date: 'DATE',
  boolean: 'BOOLEAN',
};

export async function openDb(): Promise<DuckDBConnection> {
  // One thread: parallel aggregation adds doubles in a varying order, so sums could differ in the last
  // bits between runs, and Parquet keeps every bit. The tables are small; determinism is worth more.
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  await con.run(SQL_MACROS);
  return con;
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export async function loadTable(con: DuckDBConnection, def: TableDef, rows: Row[]) {
  const cols = def.columns.map((c) => `${JSON.stringify(c.name)} ${DUCKDB_TYPE[c.type]}`).join(', ');
  await con.run(`CREATE OR REPLACE TABLE ${JSON.stringify(def.name)} (${cols})`);
  if (!rows.length) return;
  const scratch = mkdtempSync(join(tmpdir(), 'jba-'));
  const file = join(scratch, `${def.name}.ndjson`);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const spec = def.columns.map((c) => `${sqlString(c.name)}: ${sqlString(DUCKDB_TYPE[c.type])}`).join(', ');
  await con.run(
    `INSERT INTO ${JSON.stringify(def.name)} SELECT ${def.columns.map((c) => JSON.stringify(c.name)).join(', ')} ` +
      `FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${spec}})`,
  );
  rmSync(scratch, { recursive: true, force: true });
}

export async function query(con: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'bigint') out[k] = Number(v);
      else if (v instanceof Date) out[k] = v.toISOString().slice(0, 10);
      else if (v === null || v === undefined) out[k] = null;
      else if (typeof v === 'object') out[k] = String(v);
      else out[k] = v as string | number | boolean;
    }
    return out;
  });
}
