/**
 * The whole pipeline, in the order the data flows:
 * registry → acquire → geography → sources (parse, tidy) → validate → DuckDB → indicators → publish.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PipelineError } from '../src/errors.ts';
import type { IndicatorDef } from '../src/indicator.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { acquire } from './acquire.ts';
import { computeIndicators, INDICATOR_VALUES_TABLE, loadIndicators, COMPARE_SQL } from './compute.ts';
import { loadTable, openDb } from './db.ts';
import { buildGeography, GEOGRAPHY_TABLES } from './geography/index.ts';
import { writePackage } from './package.ts';
import { computeDerived } from './derived.ts';
import { newStaging, swapIn, verifyBuild, writeText } from './publish.ts';
import { FRESHNESS_FILE, freshnessJson } from './discover/freshness.ts';
import { codeFingerprint, hashJson } from './fingerprint.ts';
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

const SOURCES_DIR = new URL('./sources/', import.meta.url).pathname;

export async function run(opts: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    opts.warn(m);
  };
  const stages: RunSummary['stages'] = [];
  let stageName = '';
  let stageStart = started;
  const endStage = () => {
    if (!stageName) return;
    const seconds = (performance.now() - stageStart) / 1000;
    stages.push({ name: stageName, seconds });
    opts.log(`  ✓ ${stageName} ${seconds.toFixed(1)} s`);
  };
  const stage = (name: string) => {
    endStage();
    stageName = name;
    stageStart = performance.now();
    opts.log(`▸ ${name}`);
  };
  const summary = (partial: Partial<RunSummary>): RunSummary => {
    endStage();
    stageName = '';
    return {
      tables: [], indicators: 0, indicatorRows: 0, changed: false, reused: false, parsersReused: [],
      ...partial, warnings, stages, seconds: (performance.now() - started) / 1000,
    };
  };

  stage('registry');
  const registry = loadRegistry(opts.registryDir);
  const heldCount = [...registry.files.values()].filter((f) => f.held).length;
  opts.log(`  ${registry.datasets.length} datasets, ${registry.files.size} files (${heldCount} held)`);

  stage('acquire');
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
  if (acquired.failures.length) {
    const missing = acquired.failures.filter((f) => !f.startsWith('--refresh'));
    if (missing.length) throw new PipelineError(`Could not acquire ${missing.length} file(s):\n  ${missing.join('\n  ')}`);
  }
  opts.log(`  ${acquired.paths.size} files verified (sha256)`);
  if (opts.acquireOnly) return summary({});

  const extraDirs = opts.extraIndicatorsDir ? [opts.extraIndicatorsDir] : [];
  const code = codeFingerprint(opts.root, extraDirs);
  // Everything the build is a function of. The registry carries every input's verified sha256.
  const buildKey = hashJson({ code, registry: registry.datasets, discovery: registry.discovery, edition: opts.edition });
  if (!opts.noReuse && buildIsCurrent(opts.buildDir, buildKey)) {
    opts.log(`  inputs, code and edition are those of the build in place (${opts.buildDir}), and its files verify: nothing to do`);
    const manifest = JSON.parse(readFileSync(join(opts.buildDir, 'manifest.json'), 'utf8'));
    return summary({
      tables: Object.entries(manifest.tables as Record<string, number>).map(([name, rows]) => ({ name, rows })),
      indicators: manifest.indicators ?? 0,
      indicatorRows: manifest.tables?.indicator_values ?? 0,
      reused: true,
    });
  }

  stage('geography');
  const geography = buildGeography(acquired.paths);
  opts.log(`  ${geography.pfas.length} police force areas, ${geography.ladToPfa.size} districts placed`);

  stage('parse + tidy');
  const tableDefs = new Map<string, TableDef>(GEOGRAPHY_TABLES.map((t) => [t.name, t]));
  const tables: Record<string, Row[]> = { ...geography.tables };
  const modules = await loadSourceModules(registry);
  const parserCode = codeFingerprint(opts.root, [], ['pipeline/indicators', 'pipeline/derived', 'pipeline/derived.ts']);
  const parseCache = new ParseCache(join(opts.cacheDir, '_parsed'), parserCode, registry, opts.noReuse ?? false);
  const fresh: { key: string; parser: string; out: Record<string, Row[]>; warnings: string[] }[] = [];
  const parsersReused: string[] = [];
  for (const [parser, mod] of modules) {
    const datasets = registry.datasets.filter((d) => d.parser === parser);
    const files: HeldFile[] = datasets.flatMap((d) =>
      d.files.filter((f) => f.held).map((f) => ({ entry: registry.files.get(f.id)!, path: acquired.paths.get(f.id)!, label: f.path! })),
    );
    const t0 = performance.now();
    const key = parseCache.key(parser, mod, modules);
    const cached = parseCache.get(key);
    let out: Record<string, Row[]>;
    if (cached) {
      out = cached.out;
      for (const w of cached.warnings) warn(w);
      parsersReused.push(parser);
    } else {
      const own: string[] = [];
      out = await mod.parse({ datasets, files, geography, tables, warn: (m) => { own.push(m); warn(m); } });
      fresh.push({ key, parser, out, warnings: own });
    }
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
    opts.log(`  ${parser}: ${counts} (${cached ? 'unchanged inputs and code: rows reused' : `${((performance.now() - t0) / 1000).toFixed(1)} s`})`);
  }

  stage('validate');
  for (const [name, def] of tableDefs) validateTable(def, tables[name] ?? [], registry);
  opts.log(`  ${tableDefs.size} tables valid`);
  // Only rows that passed validation are kept for reuse.
  for (const f of fresh) parseCache.put(f.key, f.parser, f.out, f.warnings);

  stage('indicators');
  mkdirSync(dirname(opts.buildDir), { recursive: true });
  const staging = newStaging(opts.buildDir);
  try {
    const con = await openDb();
    const fullDefs = [...tableDefs.values()].map(withProvenance);
    for (const def of fullDefs) await loadTable(con, def, tables[def.name] ?? []);
    const indicators = await loadIndicators(opts.extraIndicatorsDir);
    checkIndicatorSources(indicators, registry);
    const values = await computeIndicators(con, indicators);
    opts.log(`  ${indicators.length} indicators, ${values.length} values`);
    const derived = await computeDerived(con);
    for (const d of derived.defs) {
      const full = withProvenance(d.table);
      validateTable(full, derived.rows[d.table.name], registry);
      await loadTable(con, full, derived.rows[d.table.name]);
      fullDefs.push(full);
      tables[d.table.name] = derived.rows[d.table.name];
    }

    stage('publish');
    writeText(staging, FRESHNESS_FILE, freshnessJson(registry, values, opts.edition));
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
      buildKey,
      previousBuild: opts.buildDir,
    });
    verifyBuild(staging);
    const changed = !sameBuild(staging, opts.buildDir);
    swapIn(staging, opts.buildDir);
    opts.log(`  ${changed ? 'new build' : 'identical build'} in place at ${opts.buildDir}`);
    return summary({
      tables: [...fullDefs.map((d) => ({ name: d.name, rows: (tables[d.name] ?? []).length })), { name: INDICATOR_VALUES_TABLE.name, rows: values.length }],
      indicators: indicators.length,
      indicatorRows: values.length,
      changed,
      parsersReused,
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
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

/**
 * Parsed rows per parser, kept in <cache>/_parsed/ and reused while the parser's inputs (its
 * datasets' registry entries with their sha256, the geography files, the parsers it runs after) and
 * all of the code are unchanged.
 */
class ParseCache {
  private keys = new Map<string, string>();
  constructor(
    private dir: string,
    private code: string,
    private registry: Registry,
    private disabled: boolean,
  ) {}

  key(parser: string, mod: SourceModule, modules: [string, SourceModule][]): string {
    const known = this.keys.get(parser);
    if (known) return known;
    const deps = (mod.after ?? []).map((d) => {
      const dep = modules.find(([n]) => n === d)!;
      return this.key(d, dep[1], modules);
    });
    const key = hashJson({
      code: this.code,
      parser,
      // Where a publisher lists releases (discovery) is not an input of any parser.
      datasets: this.registry.datasets.filter((d) => d.parser === parser).map(withoutDiscovery),
      geography: this.registry.datasets.filter((d) => d.parser === 'geography' || d.parser === null).map(withoutDiscovery),
      deps,
    });
    this.keys.set(parser, key);
    return key;
  }

  private path(key: string) {
    const parser = [...this.keys].find(([, k]) => k === key)?.[0] ?? 'unknown';
    return join(this.dir, `${parser}-${key}.json`);
  }

  /** Entries of the same parser under other keys are stale: drop them so the cache does not grow. */
  prune(parser: string, keep: string) {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith(`${parser}-`) && name.endsWith('.json') && name !== `${parser}-${keep}.json` && !name.slice(parser.length + 1).includes('-')) {
        rmSync(join(this.dir, name), { force: true });
      }
    }
  }

  get(key: string): { out: Record<string, Row[]>; warnings: string[] } | null {
    if (this.disabled || !existsSync(this.path(key))) return null;
    try {
      const entry = JSON.parse(readFileSync(this.path(key), 'utf8'));
      return entry.key === key ? { out: entry.out, warnings: entry.warnings } : null;
    } catch {
      return null; // a damaged cache entry is ignored and rewritten
    }
  }

  put(key: string, parser: string, out: Record<string, Row[]>, warnings: string[]) {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.path(key)}.${process.pid}.part`;
    writeFileSync(tmp, JSON.stringify({ key, parser, warnings, out }));
    renameSync(tmp, this.path(key));
    this.prune(parser, key);
  }
}

const withoutDiscovery = ({ discovery: _discovery, ...d }: Registry['datasets'][number]) => d;

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
