/**
 * The parse stage: every parser the registry names (pipeline/sources/<parser>.ts), in the order their
 * `after` lists require, each given its held files, the geography and the tables of the parsers it
 * runs after. Rows are reused from the parse cache while the parser's inputs and code are unchanged.
 * Returns every tidy table's definition and rows, not yet validated.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../src/errors.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { parserCodeFingerprint, hashJson } from './fingerprint.ts';
import { GEOGRAPHY_TABLES, type Geography } from './geography/index.ts';
import { memberLabel } from './read/zip_member.ts';
import type { Registry } from './registry.ts';
import type { HeldFile, SourceModule } from './sources/types.ts';

const SOURCES_DIR = new URL('./sources/', import.meta.url).pathname;

export interface Parsed {
  tableDefs: Map<string, TableDef>;
  tables: Record<string, Row[]>;
  /** Registry file ids of the datasets whose parser declares each table: an empty table's licences come from them. */
  producers: Record<string, string[]>;
  /** Every parser's warnings, reused ones included: a file a parser left out is explained in one. */
  warnings: string[];
  parsersReused: string[];
  /** Keeps the freshly parsed rows for reuse: call once they have passed validation. */
  keepForReuse(): void;
}

export async function parseSources(opts: {
  root: string;
  cacheDir: string;
  noReuse: boolean;
  registry: Registry;
  paths: Map<string, string>;
  geography: Geography;
  log: (msg: string) => void;
  warn: (msg: string) => void;
}): Promise<Parsed> {
  const { registry, geography } = opts;
  const tableDefs = new Map<string, TableDef>(GEOGRAPHY_TABLES.map((t) => [t.name, t]));
  const tables: Record<string, Row[]> = { ...geography.tables };
  const modules = await loadSourceModules(registry);
  const cache = new ParseCache(join(opts.cacheDir, '_parsed'), parserCodeFingerprint(opts.root), registry, opts.noReuse);
  const fresh: { key: string; parser: string; out: Record<string, Row[]>; warnings: string[] }[] = [];
  const parsersReused: string[] = [];
  const producers: Record<string, string[]> = {};
  const warnings: string[] = [];
  const warn = (m: string) => { warnings.push(m); opts.warn(m); };
  for (const [parser, mod] of modules) {
    const t0 = performance.now();
    const key = cache.key(parser, mod, modules);
    const cached = cache.get(key);
    let out: Record<string, Row[]>;
    if (cached) {
      out = cached.out;
      for (const w of cached.warnings) warn(w);
      parsersReused.push(parser);
    } else {
      const own: string[] = [];
      const datasets = registry.datasets.filter((d) => d.parser === parser);
      out = await mod.parse({ datasets, files: heldFiles(registry, parser, opts.paths), geography, tables, warn: (m) => { own.push(m); warn(m); } });
      fresh.push({ key, parser, out, warnings: own });
    }
    addTables(parser, mod, out, tableDefs, tables);
    for (const def of mod.tables) (producers[def.name] ??= []).push(...registry.datasets.filter((d) => d.parser === parser).flatMap((d) => d.files.map((file) => file.id)));
    const counts = Object.entries(out).map(([n, r]) => `${n} ${r.length}`).join(', ');
    opts.log(`  ${parser}: ${counts} (${cached ? 'unchanged inputs and code: rows reused' : `${((performance.now() - t0) / 1000).toFixed(1)} s`})`);
  }
  return { tableDefs, tables, producers, warnings, parsersReused, keepForReuse: () => fresh.forEach((f) => cache.put(f.key, f.parser, f.out, f.warnings)) };
}

/** The held files of the datasets that name this parser, in registry order (a zip's member as its unpacked copy). */
function heldFiles(registry: Registry, parser: string, paths: Map<string, string>): HeldFile[] {
  return registry.datasets
    .filter((d) => d.parser === parser)
    .flatMap((d) => d.files.filter((f) => f.held).map((f) => ({ entry: registry.files.get(f.id)!, path: paths.get(f.id)!, label: f.member ? memberLabel(f.path!, paths.get(f.id)!) : f.path! })));
}

/** A parser's rows join the tables; each table has one definition, shared by every parser that feeds it. */
function addTables(parser: string, mod: SourceModule, out: Record<string, Row[]>, tableDefs: Map<string, TableDef>, tables: Record<string, Row[]>) {
  for (const def of mod.tables) {
    const prior = tableDefs.get(def.name);
    if (prior && prior !== def) throw new PipelineError(`Table ${def.name} is defined twice (in ${parser} and elsewhere); share one TableDef.`);
    tableDefs.set(def.name, def);
  }
  for (const [name, rows] of Object.entries(out)) {
    if (!tableDefs.has(name)) throw new PipelineError(`Source ${parser} returned rows for table '${name}', which it does not declare.`);
    (tables[name] ??= []).push(...rows);
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
