/**
 * The whole pipeline, in the order the data flows:
 * registry → acquire → geography → sources (parse, tidy) → validate → DuckDB → indicators → publish.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../src/errors.ts';
import type { IndicatorDef } from '../src/indicator.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { acquire } from './acquire.ts';
import { computeIndicators, INDICATOR_VALUES_TABLE, loadIndicators, COMPARE_SQL } from './compute.ts';
import { loadTable, openDb } from './db.ts';
import { buildGeography, GEOGRAPHY_TABLES } from './geography/index.ts';
import { writePackage } from './package.ts';
import { newStaging, swapIn } from './publish.ts';
import { loadRegistry, type Registry } from './registry.ts';
import type { HeldFile, SourceModule } from './sources/types.ts';
import { validateTable, withProvenance } from './validate.ts';

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
  changed: boolean;
}

const SOURCES_DIR = new URL('./sources/', import.meta.url).pathname;

export async function run(opts: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    opts.warn(m);
  };
  const stage = (name: string) => opts.log(`▸ ${name}`);

  stage('registry');
  const registry = loadRegistry(opts.registryDir);
  const heldCount = [...registry.files.values()].filter((f) => f.held).length;
  opts.log(`  ${registry.datasets.length} datasets, ${registry.files.size} files (${heldCount} held)`);

  stage('acquire');
  const acquired = await acquire(registry, {
    cacheDir: opts.cacheDir,
    mirrorDir: opts.mirrorDir,
    refresh: opts.refresh,
    timeoutMs: opts.timeoutMs ?? 30_000,
    attempts: opts.attempts ?? 3,
    log: opts.log,
    warn,
  });
  if (acquired.failures.length) {
    const missing = acquired.failures.filter((f) => !f.startsWith('--refresh'));
    if (missing.length) throw new PipelineError(`Could not acquire ${missing.length} file(s):\n  ${missing.join('\n  ')}`);
  }
  opts.log(`  ${acquired.paths.size} files verified (sha256)`);
  if (opts.acquireOnly) {
    return { tables: [], indicators: 0, indicatorRows: 0, warnings, seconds: (performance.now() - started) / 1000, changed: false };
  }

  stage('geography');
  const geography = buildGeography(acquired.paths);
  opts.log(`  ${geography.pfas.length} police force areas, ${geography.ladToPfa.size} districts placed`);

  stage('parse + tidy');
  const tableDefs = new Map<string, TableDef>(GEOGRAPHY_TABLES.map((t) => [t.name, t]));
  const tables: Record<string, Row[]> = { ...geography.tables };
  const modules = await loadSourceModules(registry);
  for (const [parser, mod] of modules) {
    const datasets = registry.datasets.filter((d) => d.parser === parser);
    const files: HeldFile[] = datasets.flatMap((d) =>
      d.files.filter((f) => f.held).map((f) => ({ entry: registry.files.get(f.id)!, path: acquired.paths.get(f.id)!, label: f.path! })),
    );
    const t0 = performance.now();
    const out = await mod.parse({ datasets, files, geography, tables, warn });
    for (const def of mod.tables) {
      const prior = tableDefs.get(def.name);
      if (prior && prior !== def) throw new PipelineError(`Table ${def.name} is defined twice (in ${parser} and elsewhere); share one TableDef.`);
      tableDefs.set(def.name, def);
    }
    for (const [name, rows] of Object.entries(out)) {
      if (!tableDefs.has(name)) throw new PipelineError(`Source ${parser} returned rows for table '${name}', which it does not declare.`);
      (tables[name] ??= []).push(...rows);
    }
    const counts = Object.entries(out).map(([n, r]) => `${n} ${r.length}`).join(', ');
    opts.log(`  ${parser}: ${counts} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }

  stage('validate');
  for (const [name, def] of tableDefs) validateTable(def, tables[name] ?? [], registry);
  opts.log(`  ${tableDefs.size} tables valid`);

  stage('indicators');
  mkdirSync(join(opts.root, 'data'), { recursive: true });
  const staging = newStaging(join(opts.root, 'data'));
  try {
    const con = await openDb();
    const fullDefs = [...tableDefs.values()].map(withProvenance);
    for (const def of fullDefs) await loadTable(con, def, tables[def.name] ?? []);
    const indicators = await loadIndicators();
    checkIndicatorSources(indicators, registry);
    const values = await computeIndicators(con, indicators);
    opts.log(`  ${indicators.length} indicators, ${values.length} values`);

    stage('publish');
    await writePackage({
      con,
      dir: staging,
      registry,
      tableDefs: fullDefs,
      tables,
      indicators,
      values,
      edition: opts.edition,
      inputs: acquired.paths,
      boundaries: geography.boundariesGeojson,
      compareSql: COMPARE_SQL,
    });
    const changed = !sameBuild(staging, opts.buildDir);
    swapIn(staging, opts.buildDir);
    return {
      tables: [...fullDefs.map((d) => ({ name: d.name, rows: (tables[d.name] ?? []).length })), { name: INDICATOR_VALUES_TABLE.name, rows: values.length }],
      indicators: indicators.length,
      indicatorRows: values.length,
      warnings,
      seconds: (performance.now() - started) / 1000,
      changed,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function sameBuild(staging: string, buildDir: string): boolean {
  const a = join(staging, 'manifest.json');
  const b = join(buildDir, 'manifest.json');
  return existsSync(b) && readFileSync(a, 'utf8') === readFileSync(b, 'utf8');
}

async function loadSourceModules(registry: Registry): Promise<[string, SourceModule][]> {
  const parsers = [...new Set(registry.datasets.map((d) => d.parser).filter((p): p is string => !!p && p !== 'geography'))].sort();
  const loaded = new Map<string, SourceModule>();
  for (const p of parsers) {
    const file = join(SOURCES_DIR, `${p}.ts`);
    if (!existsSync(file)) throw new PipelineError(`The registry names parser '${p}', but pipeline/sources/${p}.ts does not exist.`);
    loaded.set(p, (await import(file)).default as SourceModule);
  }
  // Order: a module runs after the modules it names in `after`.
  const ordered: [string, SourceModule][] = [];
  const visiting = new Set<string>();
  const visit = (p: string) => {
    if (ordered.some(([n]) => n === p)) return;
    if (visiting.has(p)) throw new PipelineError(`Source modules depend on each other in a circle at '${p}'.`);
    visiting.add(p);
    const mod = loaded.get(p);
    if (!mod) throw new PipelineError(`A source module runs after '${p}', which no registry dataset uses.`);
    for (const dep of mod.after ?? []) visit(dep);
    ordered.push([p, mod]);
  };
  for (const p of parsers) visit(p);
  return ordered;
}

function checkIndicatorSources(indicators: IndicatorDef[], registry: Registry) {
  const ids = new Set(registry.datasets.map((d) => d.id));
  for (const d of indicators) {
    for (const s of d.sources) {
      if (!ids.has(s)) throw new PipelineError(`Indicator ${d.id} names source dataset '${s}', which is not in data/sources/.`);
    }
  }
}
