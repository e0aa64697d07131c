/**
 * Acquire: make every held file of the registry present in the cache (data/raw/, git-ignored) with the
 * registered sha256. Order: cache → mirror folder (../shared/data/raw or --mirror) → publisher URL.
 * `--refresh` asks the publisher again for every file with a URL. A download is written to a
 * `.part` file and renamed only once its checksum is right, so the cache never holds half a file.
 * A file registered with a `member` is a zip: once the zip's own checksum is right, the member is
 * unpacked beside it (pipeline/read/zip_member.ts) and its path is the one parsers are given.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataError, PipelineError } from '../src/errors.ts';
import { extractMember } from './read/zip_member.ts';
import type { Registry, RegistryFile } from './registry.ts';

export interface AcquireOptions {
  cacheDir: string;
  mirrorDir: string | null;
  refresh: boolean;
  /** Never ask a publisher's server: a file not in the cache or the mirror is an error. */
  offline?: boolean;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Attempts per download (1 = no retry). */
  attempts: number;
  /** Refuse a download larger than this (a hostile or broken server could otherwise fill memory). */
  maxBytes?: number;
  log: (msg: string) => void;
  warn: (msg: string) => void;
}

export interface AcquireResult {
  paths: Map<string, string>;
  /** Files whose publisher copy no longer matches the registry (a new release): review and re-register. */
  changed: { id: string; sha256: string; savedTo: string }[];
  failures: string[];
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fileMatches(path: string, expected: string): boolean {
  return existsSync(path) && sha256(readFileSync(path)) === expected;
}

export async function acquire(registry: Registry, opts: AcquireOptions): Promise<AcquireResult> {
  const found = await acquireVerified(registry, opts);
  for (const [id, path] of found.paths) {
    const file = registry.files.get(id)!;
    if (!file.member) continue;
    try {
      found.paths.set(id, extractMember(opts.cacheDir, file.path!, file.sha256!, readFileSync(path), file.member).path);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      found.paths.delete(id);
      found.failures.push(`${id} (data/sources/${file.dataset.id}.json): ${e.message}`);
    }
  }
  return found;
}

/** Every held file in the cache with its registered sha256 (zips as zips). */
async function acquireVerified(registry: Registry, opts: AcquireOptions): Promise<AcquireResult> {
  const paths = new Map<string, string>();
  const changed: AcquireResult['changed'] = [];
  const failures: string[] = [];

  if (opts.refresh && opts.offline) throw new PipelineError('--refresh asks the publishers for their files, and --offline forbids it: choose one.');
  for (const file of registry.files.values()) {
    if (opts.refresh && file.url) {
      const outcome = await refreshOne(file, opts);
      if (outcome.kind === 'changed') changed.push(outcome.change);
      if (outcome.kind === 'failed') {
        failures.push(outcome.message);
        opts.warn(outcome.message);
      }
    }
    if (!file.held) continue;
    const cached = join(opts.cacheDir, file.path!);
    if (fileMatches(cached, file.sha256!)) {
      paths.set(file.id, cached);
      continue;
    }
    if (existsSync(cached)) opts.warn(`${cached}: checksum does not match the registry; fetching it again.`);

    if (opts.mirrorDir) {
      const mirrored = join(opts.mirrorDir, file.path!);
      if (existsSync(mirrored)) {
        const bytes = readFileSync(mirrored);
        const got = sha256(bytes);
        if (got === file.sha256) {
          writeAtomically(cached, bytes);
          paths.set(file.id, cached);
          continue;
        }
        const msg = `${mirrored}: the registry (data/sources/${file.dataset.id}.json, file ${file.id}) expects sha256 ${file.sha256}, but this copy has ${got}; not used.`;
        if (opts.offline || !file.url) {
          failures.push(msg + ' If the publisher issued a new release, review the file and update the registry entry.');
          continue;
        }
        opts.warn(msg);
      }
    }

    if (file.url && !opts.offline) {
      const res = await download(file.url, opts);
      if (res.ok) {
        const got = sha256(res.bytes);
        if (got === file.sha256) {
          writeAtomically(cached, res.bytes);
          paths.set(file.id, cached);
          continue;
        }
        failures.push(
          `${file.id}: the download from ${file.url} has sha256 ${got}, but the registry expects ${file.sha256}. ` +
            'The publisher may have issued a new release: run with --refresh, review the file, and update the registry.',
        );
        continue;
      }
      failures.push(`${file.id}: not in the cache or the mirror, and the download failed: ${res.message}`);
      continue;
    }
    failures.push(
      `${file.id}: not in the cache (${cached}) or the mirror${opts.mirrorDir ? ` (${opts.mirrorDir})` : ''}, ` +
        (opts.offline && file.url ? 'and --offline forbids downloading it. ' : 'and the registry has no download URL for it. ') +
        'Put the file in the mirror folder or pass --mirror DIR.',
    );
  }
  return { paths, changed, failures };
}

type RefreshOutcome =
  | { kind: 'same' }
  | { kind: 'changed'; change: AcquireResult['changed'][number] }
  | { kind: 'failed'; message: string };

async function refreshOne(file: RegistryFile, opts: AcquireOptions): Promise<RefreshOutcome> {
  const res = await download(file.url!, opts);
  if (!res.ok) return { kind: 'failed', message: `--refresh ${file.id}: ${res.message}; keeping the cached copy.` };
  const got = sha256(res.bytes);
  if (file.held && got === file.sha256) {
    writeAtomically(join(opts.cacheDir, file.path!), res.bytes);
    return { kind: 'same' };
  }
  // A different file: keep it aside for review; the registry and the verified cache stay as they are.
  const name = file.path ?? `${file.id}${extensionOf(file.url!)}`;
  const savedTo = join(opts.cacheDir, '_refresh', name);
  writeAtomically(savedTo, res.bytes);
  opts.warn(
    `--refresh ${file.id}: the publisher's file has sha256 ${got}${file.sha256 ? `, not the registered ${file.sha256}` : ''}. ` +
      `Saved to ${savedTo} for review; update data/sources/${file.dataset.id}.json to adopt it.`,
  );
  return { kind: 'changed', change: { id: file.id, sha256: got, savedTo } };
}

function extensionOf(url: string): string {
  const m = /\.[A-Za-z0-9]{2,5}(?=$|\?)/.exec(new URL(url).pathname);
  return m ? m[0] : '';
}

/** Bytes land under a temporary name first (unique per process, as runs may share a cache). */
function writeAtomically(path: string, bytes: Uint8Array) {
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}.part`;
  try {
    writeFileSync(part, bytes);
    renameSync(part, path);
  } finally {
    rmSync(part, { force: true });
  }
}

export type DownloadResult =
  | { ok: true; bytes: Uint8Array; contentType: string | null }
  | {
      ok: false;
      message: string;
      /** HTTP status of the last answer, when there was one. */
      status?: number;
      /** Where a redirect pointed, when redirects are reported rather than followed. */
      movedTo?: string;
    };

export interface DownloadOptions extends Pick<AcquireOptions, 'timeoutMs' | 'attempts' | 'log' | 'maxBytes'> {
  /**
   * 'follow' (files: the asset servers redirect old addresses) or 'report' (listing pages: a page that
   * moved must be looked at, not silently read somewhere else).
   */
  redirects?: 'follow' | 'report';
  /** Accept header (e.g. application/json for an API). */
  accept?: string;
}

/** Publishers see who asks; the address says where to read what the pipeline does. */
const USER_AGENT = 'justice-by-area-pipeline (open data portal; see README "Updating the data")';

export const MAX_DOWNLOAD_BYTES = 1024 * 1024 * 1024;

async function readLimited(res: Response, limit: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limit) return null;
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function download(url: string, opts: DownloadOptions): Promise<DownloadResult> {
  const limit = opts.maxBytes ?? MAX_DOWNLOAD_BYTES;
  let last = '';
  let status: number | undefined;
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    status = undefined;
    try {
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...(opts.accept ? { accept: opts.accept } : {}) };
      const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs), redirect: opts.redirects === 'report' ? 'manual' : 'follow', headers });
      status = res.status;
      if (opts.redirects === 'report' && res.status >= 300 && res.status < 400) {
        const location = res.headers.get('location');
        const movedTo = location ? new URL(location, url).href : undefined;
        await res.body?.cancel();
        return { ok: false, status: res.status, movedTo, message: `HTTP ${res.status} from ${url}: moved${movedTo ? ` to ${movedTo}` : ' (no Location given)'}` };
      }
      if (!res.ok) {
        last = `HTTP ${res.status} ${res.statusText} from ${url}`;
        await res.body?.cancel();
        // 4xx will not get better by asking again.
        if (res.status >= 400 && res.status < 500) return { ok: false, status: res.status, message: last };
      } else {
        const declared = res.headers.get('content-length');
        if (declared !== null && Number(declared) > limit) {
          return { ok: false, message: `${url} declares ${declared} bytes, more than the ${limit} this pipeline accepts` };
        }
        const bytes = await readLimited(res, limit);
        if (bytes === null) return { ok: false, message: `${url} sent more than the ${limit} bytes this pipeline accepts` };
        if (declared !== null && Number(declared) !== bytes.length && !res.headers.get('content-encoding')) {
          last = `truncated body from ${url}: ${bytes.length} of ${declared} bytes`;
        } else {
          return { ok: true, bytes, contentType: res.headers.get('content-type') };
        }
      }
    } catch (e) {
      const err = e as Error & { cause?: Error };
      const why = err.cause?.message ?? err.message;
      last =
        err.name === 'TimeoutError' || err.name === 'AbortError'
          ? `no complete answer from ${url} within ${opts.timeoutMs} ms`
          : /other side closed|terminated|premature close/i.test(why)
            ? `truncated body from ${url}: the connection closed before the whole answer came (${why})`
            : `${url}: ${why}`;
    }
    if (attempt < opts.attempts) {
      opts.log(`  retrying (${attempt}/${opts.attempts - 1}) after: ${last}`);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  return { ok: false, status, message: `${last} (after ${opts.attempts} attempts)` };
}

export function requirePath(paths: Map<string, string>, id: string): string {
  const p = paths.get(id);
  if (!p) throw new PipelineError(`Source file '${id}' was not acquired; see the acquire messages above.`);
  return p;
}

export function removeCachedCopy(cacheDir: string, file: RegistryFile) {
  if (file.path) rmSync(join(cacheDir, file.path), { force: true });
}
