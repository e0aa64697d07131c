/**
 * Runs one damaged copy of a held file through the pipeline's checking stages in this process: the
 * input checks, geography, the parsers (rows of every other parser reused from the parse cache, as a
 * build would), schema validation and plausibility. Indicators and publishing are not run: a case
 * refused before them is refused by the build; a case accepted is compared, table by table, with the
 * good files' tables. The damaged copy is vouched for in a copy of the registry (its sha256), so the
 * checksum lets it through as it would a publisher's changed file. Nothing is written into the cache:
 * copies live in tests/bad-inputs/work/ (git-ignored) and no parse result is kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildGeography } from '../../pipeline/geography/index.ts';
import { parseSources } from '../../pipeline/parse.ts';
import { loadRegistry, type Registry, type RegistryFile } from '../../pipeline/registry.ts';
import { validateTable } from '../../pipeline/validate.ts';
import { checkInputs } from '../../pipeline/validate/inputs.ts';
import { checkPlausible } from '../../pipeline/validate/plausibility.ts';
import type { Row } from '../../src/tables.ts';
import { KINDS, mutationFor, type Kind } from './mutations.ts';

export type Result = 'refused' | 'refused, naming another file' | 'refused, naming the cache copy' | 'accepted, output unchanged' | 'accepted silently' | 'not applicable';
export interface Outcome { fileId: string; path: string; kind: Kind; result: Result; message: string }

export class MutationHarness {
  private constructor(
    private root: string,
    private cacheDir: string,
    private work: string,
    readonly registry: Registry,
    private paths: Map<string, string>,
    private good: Record<string, string>,
    private geography: Geography,
  ) {}

  /** Needs a cache filled by a good build (npm run pipeline, or the shared test build). */
  static async open(root: string, cacheDir: string, work: string): Promise<MutationHarness> {
    const registry = loadRegistry(join(root, 'data/sources'));
    const paths = new Map<string, string>();
    for (const f of registry.files.values()) {
      if (!f.held || !f.path) continue;
      const p = join(cacheDir, f.path);
      if (!existsSync(p)) throw new Error(`${p} is not in the cache: run a good build first (npm run pipeline).`);
      paths.set(f.id, p);
    }
    const good = await checkedTables(root, cacheDir, registry, paths);
    if (!good.ok) throw new Error(`the good files do not pass the checks:\n${good.message}`);
    return new MutationHarness(root, cacheDir, work, registry, paths, fingerprint(good.tables), good.geography);
  }

  /** Held files with a format the corpus mutates, in registry order. */
  files(): RegistryFile[] {
    return [...this.registry.files.values()].filter((f) => f.held && f.path && f.dataset.parser && mutationFor(f.path, 'empty body'));
  }

  async run(fileId: string, kind: Kind): Promise<Outcome> {
    const f = this.registry.files.get(fileId)!;
    const base = { fileId, path: f.path!, kind };
    const damaged = mutationFor(f.path!, kind)?.(new Uint8Array(readFileSync(this.paths.get(fileId)!)));
    if (!damaged) return { ...base, result: 'not applicable', message: '' };
    return { ...base, ...(await this.check(fileId, damaged, kind)) };
  }

  /**
   * Any damaged copy of a held file (the mutation corpus's, or one a test made by hand), vouched for
   * in a copy of the registry, through the checking stages. `label` names its folder under the work dir.
   */
  async check(fileId: string, damaged: Uint8Array, label: string): Promise<{ result: Exclude<Result, 'not applicable'>; message: string }> {
    const f = this.registry.files.get(fileId);
    if (!f?.path || !this.paths.has(fileId)) throw new Error(`${fileId} is not a held file of the registry`);
    const dir = join(this.work, fileId, label.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(dir, { recursive: true });
    const copy = join(dir, basename(f.path));
    writeFileSync(copy, damaged);
    const registry = vouchFor(this.registry, fileId, createHash('sha256').update(damaged).digest('hex'));
    const paths = new Map(this.paths).set(fileId, copy);
    const out = await checkedTables(this.root, this.cacheDir, registry, paths, { geography: this.geography, fingerprints: this.good, damagedParser: f.dataset.parser });
    if (!out.ok) {
      // The file as the registry names it, never the cache's (or this corpus's) copy.
      const result = !out.message.includes(f.path) ? 'refused, naming another file' : out.message.includes(this.cacheDir) || out.message.includes(this.work) ? 'refused, naming the cache copy' : 'refused';
      return { result, message: out.message };
    }
    const now = fingerprint(out.tables);
    const changed = Object.keys({ ...now, ...this.good }).filter((t) => now[t] !== this.good[t]);
    return changed.length
      ? { result: 'accepted silently', message: `tables changed: ${changed.join(', ')}` }
      : { result: 'accepted, output unchanged', message: '' };
  }
}

type Geography = ReturnType<typeof buildGeography>;

/**
 * The pipeline's stages up to validation (as in pipeline/run.ts), or the first error's message. With
 * the good files' geography and table fingerprints, geography is rebuilt only when a geography file
 * is damaged and only the tables that differ from the good ones are validated again (the rest passed).
 */
async function checkedTables(
  root: string, cacheDir: string, registry: Registry, paths: Map<string, string>,
  good?: { geography: Geography; fingerprints: Record<string, string>; damagedParser: string | null },
): Promise<{ ok: true; tables: Record<string, Row[]>; geography: Geography } | { ok: false; message: string }> {
  try {
    checkInputs(registry, paths);
    const geography = good && good.damagedParser !== 'geography' ? good.geography : buildGeography(paths, registry);
    const parsed = await parseSources({ root, cacheDir, noReuse: false, registry, paths, geography, log: () => {}, warn: () => {} });
    const now = good ? fingerprint(parsed.tables) : {};
    for (const [name, def] of parsed.tableDefs) if (!good || now[name] !== good.fingerprints[name]) validateTable(def, parsed.tables[name] ?? [], registry);
    checkPlausible(parsed.tables, registry, parsed.producers, parsed.warnings);
    return { ok: true, tables: parsed.tables, geography };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** A copy of the registry whose entry for the file carries the damaged copy's sha256. */
function vouchFor(registry: Registry, fileId: string, sha: string): Registry {
  const datasets = registry.datasets.map((d) => (d.files.some((f) => f.id === fileId) ? { ...d, files: d.files.map((f) => (f.id === fileId ? { ...f, sha256: sha } : f)) } : d));
  const files = new Map<string, RegistryFile>();
  for (const d of datasets) for (const f of d.files) files.set(f.id, { ...f, dataset: d });
  return { ...registry, datasets, files };
}

function fingerprint(tables: Record<string, Row[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(tables).map(([n, rows]) => [n, createHash('sha256').update(JSON.stringify(rows)).digest('hex')]));
}

export { KINDS };
