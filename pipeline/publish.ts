/**
 * Publish: write the open data package into a staging folder, verify it, then swap it in for
 * data/build/. Output is deterministic: rows sorted by key, numbers formatted one way, no clock.
 * A failure anywhere before the swap leaves the last good build exactly as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PipelineError } from '../src/errors.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { sqlString } from './db.ts';

/** Numbers in CSV/JSON: at most 12 significant digits, so float noise never reaches a reader. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(12)));
}

function csvField(v: Row[string]): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return /[",\n\r]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(def: TableDef, rows: Row[]): string {
  const names = def.columns.map((c) => c.name);
  const lines = [names.join(',')];
  for (const r of rows) lines.push(names.map((n) => csvField(r[n])).join(','));
  return lines.join('\n') + '\n';
}

export function toJsonRows(def: TableDef, rows: Row[]): string {
  const names = def.columns.map((c) => c.name);
  const clean = rows.map((r) => {
    const o: Row = {};
    for (const n of names) {
      const v = r[n];
      o[n] = typeof v === 'number' ? Number(formatNumber(v)) : (v ?? null);
    }
    return o;
  });
  return JSON.stringify(clean);
}

/** Rows sorted by the table's key, so the same inputs always give the same bytes. */
export function sortRows(def: TableDef, rows: Row[]): Row[] {
  const keys = def.primaryKey;
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k];
      const y = b[k];
      if (x === y) continue;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x) < String(y) ? -1 : 1;
    }
    return 0;
  });
}

export async function writeParquet(con: DuckDBConnection, def: TableDef, path: string) {
  const order = def.primaryKey.map((k) => JSON.stringify(k)).join(', ');
  const cols = def.columns.map((c) => JSON.stringify(c.name)).join(', ');
  // The connection runs on one thread (db.ts), so row groups and bytes are the same every time.
  await con.run(
    `COPY (SELECT ${cols} FROM ${JSON.stringify(def.name)} ORDER BY ${order}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
  );
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Staging sits beside the build folder, so the swap is a rename within one file system. */
export function newStaging(buildDir: string): string {
  const staging = `${buildDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  return staging;
}

/**
 * A build is complete when manifest.json lists exactly the files present, each with the recorded
 * sha256, and every table's CSV has the row count the manifest states. Checked on the staging
 * folder before the swap, and on the build in place before it is trusted as unchanged.
 */
export function verifyBuild(dir: string): void {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new PipelineError(`${dir}: no manifest.json, so the build is incomplete.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { outputs: Record<string, string>; tables: Record<string, number> };
  const present = listFiles(dir).filter((f) => f !== 'manifest.json');
  const listed = Object.keys(manifest.outputs).sort();
  const extra = present.filter((f) => !(f in manifest.outputs));
  const missing = listed.filter((f) => !present.includes(f));
  if (extra.length || missing.length) {
    throw new PipelineError(`${dir}: the files do not match manifest.json (missing: ${missing.join(', ') || 'none'}; not listed: ${extra.join(', ') || 'none'}).`);
  }
  for (const f of listed) {
    const got = sha256File(join(dir, f));
    if (got !== manifest.outputs[f]) throw new PipelineError(`${join(dir, f)}: expected sha256 ${manifest.outputs[f]} (manifest.json), found ${got}.`);
  }
  for (const [name, rows] of Object.entries(manifest.tables)) {
    const csv = join(dir, 'tables', `${name}.csv`);
    if (!existsSync(csv)) throw new PipelineError(`${dir}: table ${name} is in manifest.json but tables/${name}.csv is missing.`);
    const lines = readFileSync(csv, 'utf8').split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));
    // Quoted fields may hold line breaks; only a lower count than the manifest's is certainly wrong.
    if (lines.length - 1 < rows) throw new PipelineError(`${csv}: expected ${rows} rows (manifest.json), found ${lines.length - 1}.`);
  }
}

/** Replace data/build with the verified staging folder; the old build is removed only after. */
export function swapIn(staging: string, buildDir: string) {
  const old = `${buildDir}.previous`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(buildDir)) renameSync(buildDir, old);
  try {
    renameSync(staging, buildDir);
  } catch (e) {
    if (existsSync(old)) renameSync(old, buildDir);
    throw new PipelineError(`Could not move the new build into place (${(e as Error).message}); the previous build is kept.`);
  }
  rmSync(old, { recursive: true, force: true });
}

export function writeText(dir: string, rel: string, text: string | Uint8Array) {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
}
