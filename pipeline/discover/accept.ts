/**
 * Changing the registry safely: `--accept ID…` (files --discover proposed) and `--add-file FILE_ID
 * PATH` (a copy downloaded by hand). Both follow one rule: the registry edit and the new files are
 * tried on a staged copy of the registry, the build runs on it, and only a build that succeeds makes
 * the edit real. Any failure (download, checksum, size, parse, validation, build) leaves the registry
 * and the last good build as they were, and removes what was put in the cache.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DataError, PipelineError } from '../../src/errors.ts';
import { download, sha256 } from '../acquire.ts';
import { chooseMember, listMembers, looksLikeZip } from '../read/zip_member.ts';
import { datasetPath, discoveryBlocks, loadRegistry, type Registry, type RegistryFile } from '../registry.ts';
import { run, type RunOptions, type RunSummary } from '../run.ts';
import { safeFileName } from './series.ts';
import { DISCOVERY_FILE, proposedDir, readProposalFiles, writeJsonAtomically, writeProposalFile, type Proposal, type ProposalFile } from './store.ts';

export type ChangeOptions = Omit<RunOptions, 'refresh' | 'acquireOnly'> & { maxBytes?: number };

type RawDataset = { id: string; parser: string | null; files: Record<string, unknown>[] } & Record<string, unknown>;

/** A change refused: says what was tried, why it was refused, and that nothing changed. */
export class RefusedChange extends PipelineError {}

const unchanged = (opts: ChangeOptions) => `Nothing was changed: the registry (${opts.registryDir}) and the build in ${opts.buildDir} are as they were.`;

function noParserYet(file: RegistryFile): string {
  return (
    `No parser reads dataset ${file.dataset.id} yet (data/sources/${file.dataset.id}.json says "parser": null), so ${file.id} would be held but publish nothing, ` +
    'and the site would count a file that no figure comes from. Keep your copy: once a parser module exists and the dataset names it, run the same command again.'
  );
}

interface Staged {
  datasets: Map<string, RawDataset>;
  /** Files to place in the cache: registry path → bytes. */
  cache: Map<string, Uint8Array>;
}

/** Stage the edit, build on it, and make it real only if the build succeeds. */
async function buildWith(opts: ChangeOptions, staged: Staged, what: string): Promise<RunSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'jba-registry-staged-'));
  const written: { path: string; before: Buffer | null }[] = [];
  try {
    for (const name of readdirSync(opts.registryDir).filter((n) => n.endsWith('.json'))) copyFileSync(join(opts.registryDir, name), join(dir, name));
    const lastAnswer = join(proposedDir(opts.registryDir), DISCOVERY_FILE);
    if (existsSync(lastAnswer)) writeJsonAtomically(join(proposedDir(dir), DISCOVERY_FILE), JSON.parse(readFileSync(lastAnswer, 'utf8')));
    for (const [id, ds] of staged.datasets) writeJsonAtomically(datasetPath(dir, id), ds);
    loadRegistry(dir); // the edited registry must itself be valid before anything is built
    for (const [rel, bytes] of staged.cache) {
      const path = join(opts.cacheDir, rel);
      written.push({ path, before: existsSync(path) ? readFileSync(path) : null });
      placeFile(path, bytes);
    }
    const summary = await run({ ...opts, registryDir: dir, refresh: false });
    for (const [id, ds] of staged.datasets) writeJsonAtomically(datasetPath(opts.registryDir, id), ds);
    return summary;
  } catch (e) {
    for (const w of written.reverse()) {
      if (w.before) placeFile(w.path, w.before);
      else rmSync(w.path, { force: true });
    }
    const err = e as Error;
    throw new RefusedChange(`${what} was refused: ${err.message}\n${unchanged(opts)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes land under a temporary name first, as in acquire: the cache never holds half a file. */
function placeFile(path: string, bytes: Uint8Array) {
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}.part`;
  writeFileSync(part, bytes);
  renameSync(part, path);
}

function rawDataset(registryDir: string, id: string): RawDataset {
  return JSON.parse(readFileSync(datasetPath(registryDir, id), 'utf8')) as RawDataset;
}

function pathInUse(registry: Registry, path: string, except?: string): RegistryFile | undefined {
  return [...registry.files.values()].find((f) => f.path === path && f.id !== except);
}

/**
 * A .zip is taken only with the one member its parser reads, checked before anything is built (acquire
 * unpacks it again in the build). Returns the member pattern to register, or null: for a file that is
 * not a zip (a copy that is already the member itself needs no pattern), and for the zipped formats a
 * parser opens whole (xlsx, ods, docx are zips too).
 */
function zipMember(what: string, path: string, bytes: Uint8Array, pattern: string | null | undefined, todo: string, opts: ChangeOptions): string | null {
  if (!looksLikeZip(bytes) || (!pattern && !/\.zip$/i.test(path))) return null;
  try {
    if (!pattern) {
      const names = listMembers(path, bytes).map((m) => `'${m.name}'`).join(', ') || 'none';
      throw new RefusedChange(`${what}: ${path} is a zip (members ${names}), and nothing says which member the parser reads: ${todo}, then try again.\n${unchanged(opts)}`);
    }
    chooseMember(path, bytes, pattern);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    throw new RefusedChange(`${what} was refused: ${e.message}\n${unchanged(opts)}`);
  }
  return pattern;
}

// ---------------------------------------------------------------------------------------- --accept

export async function acceptProposals(ids: string[], opts: ChangeOptions): Promise<RunSummary> {
  if (!ids.length) throw new PipelineError('--accept needs the ids of proposed entries (see data/sources/_proposed/, written by --discover).');
  const registry = loadRegistry(opts.registryDir);
  const files = readProposalFiles(opts.registryDir);
  const byId = new Map(files.flatMap((f) => f.proposals.map((p) => [p.id, { file: f, proposal: p }] as const)));
  const chosen: { file: ProposalFile; proposal: Proposal }[] = [];
  for (const id of ids) {
    const hit = byId.get(id);
    if (!hit) {
      throw new RefusedChange(`--accept ${id}: no such proposed entry. Proposed now: ${[...byId.keys()].join(', ') || 'none (run --discover first)'}.\n${unchanged(opts)}`);
    }
    chosen.push(hit);
  }

  const staged: Staged = { datasets: new Map(), cache: new Map() };
  for (const { proposal: p } of chosen) {
    const ds = registry.datasets.find((d) => d.id === p.extends.dataset);
    if (!ds) throw new RefusedChange(`--accept ${p.id}: the dataset ${p.extends.dataset} it extends is not in the registry.\n${unchanged(opts)}`);
    if (ds.parser === null) throw new RefusedChange(`--accept ${p.id}: ${noParserYet({ ...ds.files[0], dataset: ds })}\n${unchanged(opts)}`);
    if (!p.period) throw new RefusedChange(`--accept ${p.id}: its period could not be read from the titles. Write it into data/sources/_proposed/${ds.id}.json ("period"), then accept it.\n${unchanged(opts)}`);
    const fills = p.extends.fills ? registry.files.get(p.extends.fills) : undefined;
    if (p.extends.fills && (!fills || fills.held)) throw new RefusedChange(`--accept ${p.id}: it would fill ${p.extends.fills}, which is ${fills ? 'already held' : 'no longer registered'}. Run --discover again.\n${unchanged(opts)}`);
    if (!fills && registry.files.has(p.id)) throw new RefusedChange(`--accept ${p.id}: a registry entry with this id exists already. Run --discover again.\n${unchanged(opts)}`);
    const clash = pathInUse(registry, p.path, fills?.id);
    if (clash) throw new RefusedChange(`--accept ${p.id}: its path ${p.path} is the path of ${clash.id}. Change "path" in data/sources/_proposed/${ds.id}.json.\n${unchanged(opts)}`);

    opts.log(`  downloading ${p.id} from ${p.url}`);
    const res = await download(p.url, { timeoutMs: opts.timeoutMs ?? 30_000, attempts: opts.attempts ?? 3, maxBytes: opts.maxBytes, log: opts.log });
    if (!res.ok) throw new RefusedChange(`--accept ${p.id}: the download failed: ${res.message}.\n${unchanged(opts)}`);
    if (res.bytes.length === 0) throw new RefusedChange(`--accept ${p.id}: ${p.url} sent an empty file.\n${unchanged(opts)}`);
    if (p.bytes !== null && res.bytes.length !== p.bytes) {
      throw new RefusedChange(`--accept ${p.id}: the publisher's listing declares ${p.bytes} bytes, the download from ${p.url} has ${res.bytes.length}: the file was cut short or changed since --discover. Run --discover again.\n${unchanged(opts)}`);
    }
    const got = sha256(res.bytes);
    if (p.sha256 && got !== p.sha256) {
      throw new RefusedChange(`--accept ${p.id}: the download from ${p.url} has sha256 ${got}, but the proposal expects ${p.sha256} (wrong checksum): not the file that was reviewed.\n${unchanged(opts)}`);
    }
    const member = zipMember(`--accept ${p.id}`, p.path, res.bytes, p.member, `write it into data/sources/_proposed/${ds.id}.json ("member")`, opts);
    const raw = staged.datasets.get(ds.id) ?? rawDataset(opts.registryDir, ds.id);
    staged.datasets.set(ds.id, raw);
    const entry = {
      id: p.id,
      title: p.title,
      path: p.path,
      url: p.url,
      release: p.release,
      period: p.period,
      sha256: got,
      bytes: res.bytes.length,
      ...(member ? { member } : {}),
      held: true,
      note: `Proposed by --discover from ${p.page} and accepted after review; sha256 and size are those of the download.`,
    };
    if (fills) {
      const i = raw.files.findIndex((f) => f.id === fills.id);
      const { member: _unused, ...kept } = raw.files[i];
      raw.files[i] = { ...kept, ...entry, id: fills.id, title: raw.files[i].title, note: `${raw.files[i].note ? `${raw.files[i].note} ` : ''}${entry.note}` };
    } else {
      raw.files.push(entry);
    }
    staged.cache.set(p.path, res.bytes);
  }
  const summary = await buildWith(opts, staged, `--accept ${ids.join(' ')}`);
  const accepted = new Set(ids);
  for (const f of files) {
    if (f.proposals.some((p) => accepted.has(p.id))) writeProposalFile(opts.registryDir, { ...f, proposals: f.proposals.filter((p) => !accepted.has(p.id)) });
  }
  return summary;
}

// -------------------------------------------------------------------------------------- --add-file

export type AddFileResult = { kind: 'already_held'; file: RegistryFile } | { kind: 'built'; file: RegistryFile; path: string; summary: RunSummary };

/** Where a file with no registered path goes: the series' discovery folder, else beside its siblings. */
function chooseFolder(file: RegistryFile): string {
  const fromBlock = discoveryBlocks(file.dataset).map((b) => ('folder' in b ? b.folder : undefined)).find(Boolean);
  if (fromBlock) return fromBlock;
  const dirs = file.dataset.files.filter((f) => f.path).map((f) => dirname(f.path!));
  const counts = new Map<string, number>();
  for (const d of dirs) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? file.dataset.id.replace(/_/g, '-');
}

export async function addFile(fileId: string, copyPath: string, opts: ChangeOptions): Promise<AddFileResult> {
  const registry = loadRegistry(opts.registryDir);
  const file = registry.files.get(fileId);
  if (!file) {
    const shared = (id: string) => [...id].findIndex((c, i) => c !== fileId[i]);
    const near = [...registry.files.keys()].map((id) => ({ id, n: shared(id) === -1 ? id.length : shared(id) })).filter((x) => x.n >= 6).sort((a, b) => b.n - a.n || a.id.localeCompare(b.id)).slice(0, 5).map((x) => x.id);
    throw new RefusedChange(`--add-file ${fileId}: not a registered file id.${near.length ? ` Registered ids like it: ${near.join(', ')}.` : ''} Every id is in data/sources/*.json.\n${unchanged(opts)}`);
  }
  if (file.dataset.parser === null) throw new RefusedChange(`--add-file ${fileId}: ${noParserYet(file)}\n${unchanged(opts)}`);
  if (!existsSync(copyPath) || !statSync(copyPath).isFile()) throw new RefusedChange(`--add-file ${fileId}: ${copyPath} is not a file.\n${unchanged(opts)}`);
  const bytes = readFileSync(copyPath);
  if (bytes.length === 0) throw new RefusedChange(`--add-file ${fileId}: ${copyPath} is empty.\n${unchanged(opts)}`);
  const got = sha256(bytes);
  if (file.held && got === file.sha256) return { kind: 'already_held', file };
  if (file.held) {
    throw new RefusedChange(
      `--add-file ${fileId}: the registry holds ${file.id} with sha256 ${file.sha256}; ${copyPath} has ${got}. ` +
        'A different edition or revision is a new file: let --discover propose it, or register a new entry. If the registered checksum is the wrong one, correct it by hand after comparing both copies with the publisher.\n' +
        unchanged(opts),
    );
  }
  const path = file.path ?? `${chooseFolder(file)}/${safeFileName(basename(copyPath))}`;
  const clash = pathInUse(registry, path, file.id);
  if (clash) throw new RefusedChange(`--add-file ${fileId}: the path chosen, ${path}, is the path of ${clash.id}; rename your copy.\n${unchanged(opts)}`);

  const member = zipMember(`--add-file ${fileId} ${copyPath}`, path, bytes, file.member, `add "member" to ${file.id} in data/sources/${file.dataset.id}.json`, opts);
  const raw = rawDataset(opts.registryDir, file.dataset.id);
  const i = raw.files.findIndex((f) => f.id === file.id);
  const note = 'Added with --add-file from a copy obtained by hand; sha256 and size are that copy’s.';
  // A copy that is the member itself (unzipped by hand) is read as it is.
  const { member: _unused, ...kept } = raw.files[i];
  raw.files[i] = { ...kept, path, sha256: got, bytes: bytes.length, ...(member ? { member } : {}), held: true, note: raw.files[i].note ? `${raw.files[i].note} ${note}` : note };
  const summary = await buildWith(opts, { datasets: new Map([[file.dataset.id, raw]]), cache: new Map([[path, bytes]]) }, `--add-file ${fileId} ${copyPath} (as ${path})`);
  return { kind: 'built', file, path, summary };
}

