/**
 * The whole pipeline, in the order the data flows:
 * registry → acquire → geography → parse (sources) → validate → indicators and derived tables → publish.
 * run() is that sentence; each step below is one stage, timed and logged by Stages.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PipelineError } from '../src/errors.ts';
import type { IndicatorDef } from '../src/indicator.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { INDICATOR_VALUES_TABLE } from '../src/tables/indicators.ts';
import { acquire } from './acquire.ts';
import { COMPILED_DIR, seedCompiledFiles } from './compiled.ts';
import { COMPARE_SQL, computeIndicators, loadIndicators } from './compute.ts';
import { loadTable, openDb } from './db.ts';
import { computeDerived } from './derived.ts';
import { FRESHNESS_FILE, freshnessJson } from './discover/freshness.ts';
import { codeFingerprint, hashJson } from './fingerprint.ts';
import { buildGeography, type Geography } from './geography/index.ts';
import { writePackage } from './package.ts';
import { withCurrentNotHeld } from './package/coverage.ts';
import { writePostcodeIndex } from './outputs/postcode_index.ts';
import { parseSources } from './parse.ts';
import { newStaging, swapIn, verifyBuild, writeText } from './publish.ts';
import { loadRegistry, type Registry } from './registry.ts';
import { validateTable, withProvenance } from './validate.ts';
import { checkInputs } from './validate/inputs.ts';
import { checkPlausible } from './validate/plausibility.ts';

export interface RunOptions {
  root: string;
  registryDir: string;
  cacheDir: string;
  mirrorDir: string | null;
  buildDir: string;
  refresh: boolean;
  edition: { id: string; date: string };
  /** Stop after acquire (used by `--acquire-only`). */
  acquireOnly?: boolean;
  /** Never ask a publisher's server (tests, and machines without a network). */
  offline?: boolean;
  /** Ignore reusable work (parse cache, unchanged build) and do everything again. */
  noReuse?: boolean;
  /** A folder of draft indicator definitions run after pipeline/indicators/ (for trying one out, and for tests). */
  extraIndicatorsDir?: string;
  log: (msg: string) => void;
  warn: (msg: string) => void;
  timeoutMs?: number;
  attempts?: number;
}

export interface RunSummary {
  tables: { name: string; rows: number }[];
  indicators: number;
  indicatorRows: number;
  warnings: string[];
  seconds: number;
  /** Seconds per stage, in order. */
  stages: { name: string; seconds: number }[];
  changed: boolean;
  /** True when nothing was recomputed: inputs, code and edition match the build in place. */
  reused: boolean;
  /** Parsers whose rows came from the parse cache. */
  parsersReused: string[];
}

/** Times and logs each stage; the summary carries every stage's seconds, in order. */
class Stages {
  private readonly started = performance.now();
  private current: { name: string; start: number } | null = null;
  readonly done: RunSummary['stages'] = [];
  readonly warnings: string[] = [];

  constructor(private readonly opts: Pick<RunOptions, 'log' | 'warn'>) {}

  readonly warn = (m: string) => {
    this.warnings.push(m);
    this.opts.warn(m);
  };

  start(name: string) {
    this.end();
    this.current = { name, start: performance.now() };
    this.opts.log(`▸ ${name}`);
  }

  private end() {
    if (!this.current) return;
    const seconds = (performance.now() - this.current.start) / 1000;
    this.done.push({ name: this.current.name, seconds });
    this.opts.log(`  ✓ ${this.current.name} ${seconds.toFixed(1)} s`);
    this.current = null;
  }

  summary(partial: Partial<RunSummary>): RunSummary {
    this.end();
    return {
      tables: [], indicators: 0, indicatorRows: 0, changed: false, reused: false, parsersReused: [],
      ...partial, warnings: this.warnings, stages: this.done, seconds: (performance.now() - this.started) / 1000,
    };
  }
}

export async function run(opts: RunOptions): Promise<RunSummary> {
  const stages = new Stages(opts);
  stages.start('registry');
  const registry = readRegistry(opts);
  // The first real run of a parser: the build goes on, and says which registry entry to update.
  for (const m of registry.parserCheckStale) stages.warn(m);
  stages.start('acquire');
  const paths = await acquireFiles(registry, opts, stages.warn);
  if (opts.acquireOnly) return stages.summary({});
  // Everything the build is a function of. The registry carries every input's verified sha256.
  const code = codeFingerprint(opts.root, opts.extraIndicatorsDir ? [opts.extraIndicatorsDir] : []);
  const buildKey = hashJson({ code, registry: registry.datasets, discovery: registry.discovery, edition: opts.edition });
  if (!opts.noReuse && buildIsCurrent(opts.buildDir, buildKey)) return stages.summary(reusedBuild(opts));

  stages.start('geography');
  checkInputs(registry, paths, opts.cacheDir);
  const geography = buildGeography(paths, registry);
  opts.log(`  ${geography.pfas.length} police force areas, ${geography.ladToPfa.size} districts placed`);
  stages.start('parse + tidy');
  const parsed = await parseSources({ root: opts.root, cacheDir: opts.cacheDir, noReuse: opts.noReuse ?? false, registry, paths, geography, log: opts.log, warn: stages.warn });
  stages.start('validate');
  for (const [name, def] of parsed.tableDefs) validateTable(def, parsed.tables[name] ?? [], registry);
  checkPlausible(parsed.tables, registry, parsed.producers, parsed.warnings);
  opts.log(`  ${parsed.tableDefs.size} tables valid`);
  parsed.keepForReuse();

  stages.start('indicators');
  mkdirSync(dirname(opts.buildDir), { recursive: true });
  const staging = newStaging(opts.buildDir);
  try {
    const con = await openDb();
    const computed = await computeAll(con, registry, [...parsed.tableDefs.values()], parsed.tables, opts);
    stages.start('publish');
    const changed = await publish(con, staging, { registry, paths, geography, buildKey, producers: parsed.producers, ...computed }, opts);
    return stages.summary({
      tables: [...computed.tableDefs.map((d) => ({ name: d.name, rows: (computed.tables[d.name] ?? []).length })), { name: INDICATOR_VALUES_TABLE.name, rows: computed.values.length }],
      indicators: computed.indicators.length,
      indicatorRows: computed.values.length,
      changed,
      parsersReused: parsed.parsersReused,
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function readRegistry(opts: RunOptions): Registry {
  const registry = loadRegistry(opts.registryDir);
  const heldCount = [...registry.files.values()].filter((f) => f.held).length;
  opts.log(`  ${registry.datasets.length} datasets, ${registry.files.size} files (${heldCount} held)`);
  return registry;
}

/** Every held file verified in the cache (the project's own compilations put there first); its path by file id. */
async function acquireFiles(registry: Registry, opts: RunOptions, warn: (m: string) => void): Promise<Map<string, string>> {
  seedCompiledFiles(registry, join(opts.root, COMPILED_DIR), opts.cacheDir);
  const acquired = await acquire(registry, {
    cacheDir: opts.cacheDir,
    mirrorDir: opts.mirrorDir,
    refresh: opts.refresh,
    offline: opts.offline ?? false,
    timeoutMs: opts.timeoutMs ?? 30_000,
    attempts: opts.attempts ?? 3,
    log: opts.log,
    warn,
  });
  const missing = acquired.failures.filter((f) => !f.startsWith('--refresh'));
  if (missing.length) throw new PipelineError(`Could not acquire ${missing.length} file(s):\n  ${missing.join('\n  ')}`);
  opts.log(`  ${acquired.paths.size} files verified (sha256)`);
  return acquired.paths;
}

/** The summary of a build left in place because inputs, code and edition are unchanged. */
function reusedBuild(opts: RunOptions): Partial<RunSummary> {
  opts.log(`  inputs, code and edition are those of the build in place (${opts.buildDir}), and its files verify: nothing to do`);
  const manifest = JSON.parse(readFileSync(join(opts.buildDir, 'manifest.json'), 'utf8'));
  return {
    tables: Object.entries(manifest.tables as Record<string, number>).map(([name, rows]) => ({ name, rows })),
    indicators: manifest.indicators ?? 0,
    indicatorRows: manifest.tables?.indicator_values ?? 0,
    reused: true,
  };
}

interface Computed {
  /** Every tidy and derived table, with its provenance columns. */
  tableDefs: TableDef[];
  tables: Record<string, Row[]>;
  indicators: IndicatorDef[];
  values: Row[];
}

/** The validated tables into DuckDB, then every indicator, then the derived tables (which may read indicator_values). */
async function computeAll(con: DuckDBConnection, registry: Registry, tidyDefs: TableDef[], tidy: Record<string, Row[]>, opts: RunOptions): Promise<Computed> {
  const tableDefs = tidyDefs.map(withProvenance);
  const tables = { ...tidy };
  for (const def of tableDefs) await loadTable(con, def, tables[def.name] ?? []);
  // Notes a held file has answered are dropped here, so indicators.json, coverage and the pages agree.
  const indicators = withCurrentNotHeld(await loadIndicators(opts.extraIndicatorsDir), registry);
  checkIndicatorSources(indicators, registry);
  const values = await computeIndicators(con, indicators);
  opts.log(`  ${indicators.length} indicators, ${values.length} values`);
  const derived = await computeDerived(con);
  for (const d of derived.defs) {
    const full = withProvenance(d.table);
    validateTable(full, derived.rows[d.table.name], registry);
    await loadTable(con, full, derived.rows[d.table.name]);
    tableDefs.push(full);
    tables[d.table.name] = derived.rows[d.table.name];
  }
  return { tableDefs, tables, indicators, values };
}

/** Writes the package into staging, verifies it, swaps it in; true when it differs from the build it replaces. */
async function publish(
  con: DuckDBConnection,
  staging: string,
  p: Computed & { registry: Registry; paths: Map<string, string>; geography: Geography; buildKey: string; producers: Record<string, string[]> },
  opts: RunOptions,
): Promise<boolean> {
  writeText(staging, FRESHNESS_FILE, freshnessJson(p.registry, p.values, opts.edition));
  writePostcodeIndex(staging, p.tables);
  await writePackage({
    con,
    dir: staging,
    registry: p.registry,
    tableDefs: p.tableDefs,
    tables: p.tables,
    producers: p.producers,
    indicators: p.indicators,
    values: p.values,
    edition: opts.edition,
    inputs: p.paths,
    boundaries: p.geography.boundariesGeojson,
    compareSql: COMPARE_SQL,
    buildKey: p.buildKey,
    previousBuild: opts.buildDir,
  });
  verifyBuild(staging);
  const changed = !sameBuild(staging, opts.buildDir);
  swapIn(staging, opts.buildDir);
  opts.log(`  ${changed ? 'new build' : 'identical build'} in place at ${opts.buildDir}`);
  return changed;
}

function sameBuild(staging: string, buildDir: string): boolean {
  const a = join(staging, 'manifest.json');
  const b = join(buildDir, 'manifest.json');
  return existsSync(b) && readFileSync(a, 'utf8') === readFileSync(b, 'utf8');
}

/** The build in place was made from the same inputs, code and edition, and no file in it was altered since. */
function buildIsCurrent(buildDir: string, buildKey: string): boolean {
  const manifestPath = join(buildDir, 'manifest.json');
  if (!existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.build_key !== buildKey) return false;
    verifyBuild(buildDir);
    return true;
  } catch {
    return false;
  }
}

function checkIndicatorSources(indicators: IndicatorDef[], registry: Registry) {
  const ids = new Set(registry.datasets.map((d) => d.id));
  for (const d of indicators) {
    for (const s of d.sources) {
      if (!ids.has(s)) throw new PipelineError(`Indicator ${d.id} names source dataset '${s}', which is not in data/sources/.`);
    }
  }
}
