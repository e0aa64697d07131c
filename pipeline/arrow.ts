/**
 * Each published table as an Arrow IPC stream (`tables/<name>.arrow`).
 *
 * Why a fourth format: the SQL explorer (DuckDB-WASM) cannot read Parquet without an extension the
 * site never fetches, and parsing CSV in the browser cost it over half a second for indicator_values
 * alone. DuckDB-WASM takes Arrow in directly, with no parsing and no type guessing, and pandas,
 * polars, R and DuckDB itself read the same file.
 *
 * Values are the ones the CSV and JSON carry (numbers formatted by formatNumber), so the explorer
 * answers with the figures a reader downloads. Strings are dictionary-encoded: the long repeated
 * columns (indicator ids, area names, periods) shrink to small integers, which keeps
 * indicator_values at about a third of its plain size. Written by flechette, whose output depends
 * only on the rows: the same rows give the same bytes.
 */
import { bool, dateDay, dictionary, float64, int64, tableFromArrays, tableToIPC, utf8, type DataType } from '@uwdata/flechette';
import { PipelineError } from '../src/errors.ts';
import type { ColumnType, Row, TableDef } from '../src/tables.ts';
import { formatNumber } from './publish.ts';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Frictionless column types → Arrow types; DuckDB reads them as VARCHAR, BIGINT, DOUBLE, DATE, BOOLEAN. */
const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  string: () => dictionary(utf8()),
  integer: () => int64(),
  number: () => float64(),
  date: () => dateDay(),
  boolean: () => bool(),
};

function arrowValue(def: TableDef, column: TableDef['columns'][number], v: Row[string], row: number): unknown {
  if (v === null || v === undefined) return null;
  switch (column.type) {
    case 'number':
      return Number(formatNumber(Number(v)));
    case 'integer':
      return BigInt(v as number);
    case 'date':
      if (typeof v !== 'string' || !DAY_PATTERN.test(v)) {
        throw new PipelineError(`Table ${def.name}, row ${row + 1}, column ${column.name}: expected a date as YYYY-MM-DD for the Arrow file, found ${JSON.stringify(v)}.`);
      }
      return Date.parse(`${v}T00:00:00Z`);
    default:
      return v;
  }
}

/** The rows (already sorted by key) as one Arrow IPC stream. */
export function toArrowIpc(def: TableDef, rows: Row[]): Uint8Array {
  const arrays: Record<string, unknown[]> = {};
  const types: Record<string, DataType> = {};
  for (const c of def.columns) {
    arrays[c.name] = rows.map((r, i) => arrowValue(def, c, r[c.name], i));
    types[c.name] = ARROW_TYPES[c.type]();
  }
  const bytes = tableToIPC(tableFromArrays(arrays, { types }), { format: 'stream' });
  if (!bytes) throw new PipelineError(`Table ${def.name}: the Arrow writer returned nothing.`);
  return bytes;
}
