/**
 * Derived tables: published tables computed by SQL from the tidy tables AND indicator_values (so they
 * run after the indicators). One file per table in pipeline/derived/<name>.ts, default export
 * { table, sql }. Their rows are validated and published like every tidy table.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PipelineError } from '../src/errors.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { query } from './db.ts';

export interface DerivedDef {
  table: TableDef;
  /** Must return every column of `table` plus source_id and source_cell. */
  sql: string;
}

const DIR = new URL('./derived/', import.meta.url).pathname;

export async function computeDerived(con: DuckDBConnection): Promise<{ defs: DerivedDef[]; rows: Record<string, Row[]> }> {
  const defs: DerivedDef[] = [];
  const rows: Record<string, Row[]> = {};
  for (const name of readdirSync(DIR).filter((n) => n.endsWith('.ts')).sort()) {
    const def = (await import(join(DIR, name))).default as DerivedDef;
    if (`${def.table.name}.ts` !== name) throw new PipelineError(`pipeline/derived/${name}: its table must be named '${name.replace(/\.ts$/, '')}'.`);
    const cols = [...def.table.columns.map((c) => c.name), 'source_id', 'source_cell'].map((c) => JSON.stringify(c)).join(', ');
    try {
      rows[def.table.name] = await query(con, `SELECT ${cols} FROM (${def.sql})`);
    } catch (e) {
      throw new PipelineError(`Derived table ${def.table.name} (pipeline/derived/${name}): its SQL failed: ${(e as Error).message}`);
    }
    defs.push(def);
  }
  return { defs, rows };
}
