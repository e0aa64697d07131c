/** The published package (the shared test build) is complete, consistent across formats and self-describing. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDb, query, sqlString } from '../../pipeline/db.ts';
import { verifyBuild } from '../../pipeline/publish.ts';
import { haveMirror, requireFreshBuild } from './build.ts';
import { TEST_BUILD } from './global-setup.ts';
import { tableFromIPC, Type } from '@uwdata/flechette';

type Resource = { name: string; path: string; rows: number; alternates: { parquet: string; json: string; arrow: string }; schema: { fields: { name: string; type: string }[]; primaryKey: string[] } };

describe.skipIf(!haveMirror)('published outputs (shared test build)', () => {
  let con: DuckDBConnection;
  let resources: Resource[] = [];
  beforeAll(async () => {
    // A failed shared build leaves the previous build in place: checking it would pass on stale files.
    requireFreshBuild();
    con = await openDb();
    resources = JSON.parse(readFileSync(join(TEST_BUILD, 'datapackage.json'), 'utf8')).resources;
  });
  afterAll(() => con?.closeSync());

  it('every file is listed in manifest.json with its sha256, and nothing else is there', () => {
    expect(() => verifyBuild(TEST_BUILD)).not.toThrow();
  });

  it('manifest: edition, build key, inputs with sha256, CHANGES.md present', () => {
    const m = JSON.parse(readFileSync(join(TEST_BUILD, 'manifest.json'), 'utf8'));
    expect(m.edition.id).toBeTruthy();
    expect(m.edition.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(m.build_key).toMatch(/^[0-9a-f]{64}$/);
    for (const sha of Object.values(m.inputs)) expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(TEST_BUILD, 'CHANGES.md'))).toBe(true);
  });

  it('every table resource has CSV, Parquet and JSON with the same row count and columns', async () => {
    expect(resources.length).toBeGreaterThan(5);
    for (const r of resources) {
      const json = JSON.parse(readFileSync(join(TEST_BUILD, r.alternates.json), 'utf8')) as Record<string, unknown>[];
      expect(json.length, r.name).toBe(r.rows);
      const [{ n }] = await query(con, `SELECT count(*) AS n FROM read_parquet(${sqlString(join(TEST_BUILD, r.alternates.parquet))})`);
      expect(Number(n), r.name).toBe(r.rows);
      const header = readFileSync(join(TEST_BUILD, r.path), 'utf8').split('\n', 1)[0];
      expect(header, r.name).toBe(r.schema.fields.map((f) => f.name).join(','));
      const [{ n: csvRows }] = await query(con, `SELECT count(*) AS n FROM read_csv(${sqlString(join(TEST_BUILD, r.path))}, header = true, all_varchar = true, quote = '"', escape = '"')`);
      expect(Number(csvRows), r.name).toBe(r.rows);
    }
  });

  it('every Arrow file holds exactly the JSON file\'s rows, in order, with the schema\'s column types', () => {
    // The explorer answers from the Arrow files: a value that differs from the downloads would be a second truth.
    const arrowTypeId: Record<string, number> = { string: Type.Dictionary, integer: Type.Int, number: Type.Float, date: Type.Date, boolean: Type.Bool };
    for (const r of resources) {
      const table = tableFromIPC(readFileSync(join(TEST_BUILD, r.alternates.arrow)), { useBigInt: true, useDate: true });
      expect(table.schema.fields.map((f) => f.name), r.name).toEqual(r.schema.fields.map((f) => f.name));
      expect(table.schema.fields.map((f) => f.type.typeId), r.name).toEqual(r.schema.fields.map((f) => arrowTypeId[f.type]));
      const json = JSON.parse(readFileSync(join(TEST_BUILD, r.alternates.json), 'utf8')) as Record<string, unknown>[];
      const rows = table.toArray().map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString().slice(0, 10) : v])),
      );
      expect(rows.length, r.name).toBe(r.rows);
      expect(rows, r.name).toEqual(json);
    }
  });

  it('every table is unique on its primary key', async () => {
    for (const r of resources) {
      const key = r.schema.primaryKey.map((k) => JSON.stringify(k)).join(', ');
      const [{ n }] = await query(con, `SELECT count(*) AS n FROM (SELECT ${key} FROM read_parquet(${sqlString(join(TEST_BUILD, r.alternates.parquet))}) GROUP BY ALL HAVING count(*) > 1)`);
      expect(Number(n), r.name).toBe(0);
    }
  });

  it('indicator values: intervals contain their values; Wilson indicators are proportions; no value without a source', async () => {
    const p = sqlString(join(TEST_BUILD, 'tables/indicator_values.parquet'));
    const defs = JSON.parse(readFileSync(join(TEST_BUILD, 'indicators.json'), 'utf8')).indicators as { id: string; ciMethod: string }[];
    const wilson = defs.filter((d) => d.ciMethod === 'wilson').map((d) => sqlString(d.id));
    const bad = await query(con, `SELECT indicator_id, area_code, period, value, lower_95, upper_95 FROM read_parquet(${p})
      WHERE (value IS NOT NULL AND (lower_95 > value + 1e-9 OR upper_95 < value - 1e-9))
         OR (indicator_id IN (${wilson.join(', ') || "''"}) AND (value < 0 OR value > 1))
         OR source_id IS NULL OR source_id = '' LIMIT 5`);
    expect(bad).toEqual([]);
  });
});
