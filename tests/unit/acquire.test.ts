/**
 * acquire and --refresh against a local HTTP server (127.0.0.1, started here, serving bytes this test
 * makes). Every fault must be retried or reported, and the cache must never hold half a file.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquire, sha256, type AcquireOptions } from '../../pipeline/acquire.ts';
import { loadRegistry } from '../../pipeline/registry.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const GOOD = Buffer.from('Police force area,Officers\nKent,3700\n'.repeat(50));
const OTHER = Buffer.from('a newer release with different figures\n');
const hits = new Map<string, number>();
let server: Server;
let base = '';

function handle(path: string, res: import('node:http').ServerResponse) {
  const n = (hits.get(path) ?? 0) + 1;
  hits.set(path, n);
  switch (path) {
    case '/good.csv':
    case '/refresh-same.csv':
      res.writeHead(200, { 'Content-Length': GOOD.length }).end(GOOD);
      return;
    case '/missing.csv':
      res.writeHead(404).end('not here');
      return;
    case '/flaky.csv':
      if (n === 1) res.writeHead(500).end('oops');
      else res.writeHead(200, { 'Content-Length': GOOD.length }).end(GOOD);
      return;
    case '/down.csv':
      res.writeHead(503).end('down');
      return;
    case '/slow.csv':
      // Past the client's timeout; the test server drops the connection when closing.
      setTimeout(() => res.writeHead(200).end(GOOD), 3000).unref();
      return;
    case '/truncated.csv':
      res.writeHead(200, { 'Content-Length': GOOD.length + 500 });
      res.write(GOOD, () => res.socket?.destroy());
      return;
    case '/changed.csv':
    case '/refresh-new.csv':
      res.writeHead(200, { 'Content-Length': OTHER.length }).end(OTHER);
      return;
    case '/redirect.csv':
      res.writeHead(302, { Location: '/good.csv' }).end();
      return;
    case '/huge.csv':
      // No Content-Length: the client has to count as it reads.
      res.writeHead(200);
      res.write(Buffer.alloc(64 * 1024));
      res.end(Buffer.alloc(64 * 1024));
      return;
    case '/loop.csv':
      res.writeHead(302, { Location: '/loop.csv' }).end();
      return;
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer((req, res) => handle(new URL(req.url ?? '/', 'http://x').pathname, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function registryDir(entries: { id: string; url: string; sha?: string; held?: boolean }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'jba-acq-reg-'));
  writeFileSync(
    join(dir, 'demo.json'),
    JSON.stringify({
      id: 'demo',
      title: 'Demo',
      publisher: 'Test',
      kind: 'publisher_file',
      landing_url: 'https://example.org/',
      licence: 'OGL',
      licence_url: 'https://example.org/ogl',
      attribution: 'Test',
      parser: null,
      files: entries.map((e) => ({
        id: e.id,
        title: e.id,
        path: `demo/${e.id}.csv`,
        url: e.url,
        release: '2024',
        period: '2023',
        sha256: e.sha ?? sha256(GOOD),
        held: e.held ?? true,
      })),
    }),
  );
  return dir;
}

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out;
}

async function run(entries: Parameters<typeof registryDir>[0], opts: Partial<AcquireOptions> = {}, cacheDir = mkdtempSync(join(tmpdir(), 'jba-acq-cache-'))) {
  const logs: string[] = [];
  const warnings: string[] = [];
  const started = performance.now();
  const result = await acquire(loadRegistry(registryDir(entries)), {
    cacheDir,
    mirrorDir: null,
    refresh: false,
    timeoutMs: 400,
    attempts: 3,
    log: (m) => logs.push(m),
    warn: (m) => warnings.push(m),
    ...opts,
  });
  const seconds = (performance.now() - started) / 1000;
  const parts = allFiles(cacheDir).filter((f) => f.includes('.part'));
  expect(parts, 'no .part file is left in the cache').toEqual([]);
  return { result, logs, warnings, cacheDir, seconds };
}

describe('acquire from a publisher URL (local server)', () => {
  it('downloads, verifies and caches a file', async () => {
    const { result, cacheDir } = await run([{ id: 'good', url: `${base}/good.csv` }]);
    expect(result.failures).toEqual([]);
    expect(readFileSync(join(cacheDir, 'demo/good.csv'))).toEqual(GOOD);
  });

  it('404: reported at once (a 4xx is not retried), nothing cached', async () => {
    hits.delete('/missing.csv');
    const { result, cacheDir } = await run([{ id: 'missing', url: `${base}/missing.csv` }]);
    expect(hits.get('/missing.csv')).toBe(1);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatch(/^missing: not in the cache or the mirror, and the download failed: HTTP 404 .* from http:\/\/127\.0\.0\.1:\d+\/missing\.csv/);
    expect(allFiles(cacheDir)).toEqual([]);
  });

  it('500 then success: retried, and the retry is logged', async () => {
    hits.delete('/flaky.csv');
    const { result, logs, cacheDir } = await run([{ id: 'flaky', url: `${base}/flaky.csv` }]);
    expect(result.failures).toEqual([]);
    expect(hits.get('/flaky.csv')).toBe(2);
    expect(logs.join('\n')).toMatch(/retrying \(1\/2\) after: HTTP 500/);
    expect(sha256(readFileSync(join(cacheDir, 'demo/flaky.csv')))).toBe(sha256(GOOD));
  });

  it('503 every time: gives up after the set number of attempts and says so', async () => {
    hits.delete('/down.csv');
    const { result } = await run([{ id: 'down', url: `${base}/down.csv` }]);
    expect(hits.get('/down.csv')).toBe(3);
    expect(result.failures[0]).toMatch(/HTTP 503 .*\(after 3 attempts\)/);
  });

  it('a slow server: each attempt ends at the timeout, bounded in time', async () => {
    const { result, seconds } = await run([{ id: 'slow', url: `${base}/slow.csv` }], { attempts: 2, timeoutMs: 300 });
    expect(result.failures[0]).toMatch(/no complete answer from http:\/\/127\.0\.0\.1:\d+\/slow\.csv within 300 ms \(after 2 attempts\)/);
    expect(seconds).toBeLessThan(5);
  });

  it('a truncated body (Content-Length larger than the body): retried, reported, nothing cached', async () => {
    hits.delete('/truncated.csv');
    const { result, cacheDir } = await run([{ id: 'truncated', url: `${base}/truncated.csv` }]);
    expect(hits.get('/truncated.csv')).toBe(3);
    expect(result.failures[0]).toMatch(/truncated\.csv/);
    expect(result.failures[0]).toMatch(/after 3 attempts/);
    expect(allFiles(cacheDir)).toEqual([]);
  });

  it('a checksum mismatch: reported with both checksums, nothing cached', async () => {
    const { result, cacheDir } = await run([{ id: 'changed', url: `${base}/changed.csv` }]);
    expect(result.failures[0]).toContain(`has sha256 ${sha256(OTHER)}, but the registry expects ${sha256(GOOD)}`);
    expect(allFiles(cacheDir)).toEqual([]);
  });

  it('a redirect is followed', async () => {
    const { result, cacheDir } = await run([{ id: 'redirect', url: `${base}/redirect.csv` }]);
    expect(result.failures).toEqual([]);
    expect(readFileSync(join(cacheDir, 'demo/redirect.csv'))).toEqual(GOOD);
  });

  it('a redirect loop ends with a failure, not a hang', async () => {
    const { result } = await run([{ id: 'loop', url: `${base}/loop.csv` }], { attempts: 1 });
    expect(result.failures[0]).toMatch(/loop\.csv/);
  });

  it('a body larger than the limit is refused, not held in memory', async () => {
    const { result } = await run([{ id: 'huge', url: `${base}/huge.csv` }], { attempts: 1, maxBytes: 100_000 });
    expect(result.failures[0]).toMatch(/huge\.csv sent more than the 100000 bytes this pipeline accepts/);
    const declared = await run([{ id: 'good', url: `${base}/good.csv` }], { attempts: 1, maxBytes: 100 });
    expect(declared.result.failures[0]).toMatch(/good\.csv declares \d+ bytes, more than the 100 this pipeline accepts/);
  });

  it('--offline never asks the server', async () => {
    hits.delete('/good.csv');
    const { result } = await run([{ id: 'good', url: `${base}/good.csv` }], { offline: true });
    expect(hits.get('/good.csv')).toBeUndefined();
    expect(result.failures[0]).toMatch(/--offline forbids downloading it/);
  });

  it('a damaged cached copy is replaced by a verified download', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'jba-acq-cache-'));
    mkdirSync(join(cache, 'demo'), { recursive: true });
    writeFileSync(join(cache, 'demo/good.csv'), GOOD.subarray(0, 10));
    const { result, warnings } = await run([{ id: 'good', url: `${base}/good.csv` }], {}, cache);
    expect(result.failures).toEqual([]);
    expect(warnings.join('\n')).toMatch(/checksum does not match the registry; fetching it again/);
    expect(readFileSync(join(cache, 'demo/good.csv'))).toEqual(GOOD);
  });
});

describe('--refresh', () => {
  async function withVerifiedCache(id: string) {
    const cache = mkdtempSync(join(tmpdir(), 'jba-acq-cache-'));
    mkdirSync(join(cache, 'demo'), { recursive: true });
    writeFileSync(join(cache, `demo/${id}.csv`), GOOD);
    return cache;
  }

  it('the same file again: nothing changes', async () => {
    const cache = await withVerifiedCache('refresh_same');
    const { result } = await run([{ id: 'refresh_same', url: `${base}/refresh-same.csv` }], { refresh: true }, cache);
    expect(result.changed).toEqual([]);
    expect(result.failures).toEqual([]);
  });

  it('a new release: saved aside for review, the verified cache untouched', async () => {
    const cache = await withVerifiedCache('refresh_new');
    const before = statSync(join(cache, 'demo/refresh_new.csv')).mtimeMs;
    const { result, warnings } = await run([{ id: 'refresh_new', url: `${base}/refresh-new.csv` }], { refresh: true }, cache);
    expect(result.changed).toHaveLength(1);
    expect(readFileSync(result.changed[0].savedTo)).toEqual(OTHER);
    expect(result.changed[0].savedTo).toContain(join(cache, '_refresh'));
    expect(readFileSync(join(cache, 'demo/refresh_new.csv'))).toEqual(GOOD);
    expect(statSync(join(cache, 'demo/refresh_new.csv')).mtimeMs).toBe(before);
    expect(warnings.join('\n')).toMatch(/--refresh refresh_new: the publisher's file has sha256 .*not the registered .*Saved to .* for review; update data\/sources\/demo\.json/);
    expect(result.paths.get('refresh_new')).toBe(join(cache, 'demo/refresh_new.csv'));
  });

  it('the publisher is down: a warning, and the verified cached copy is used', async () => {
    const cache = await withVerifiedCache('down');
    const { result, warnings } = await run([{ id: 'down', url: `${base}/down.csv` }], { refresh: true, attempts: 2 }, cache);
    expect(warnings.join('\n')).toMatch(/--refresh down: HTTP 503 .*keeping the cached copy/);
    expect(result.paths.get('down')).toBe(join(cache, 'demo/down.csv'));
    expect(readFileSync(join(cache, 'demo/down.csv'))).toEqual(GOOD);
  });

  it('a truncated refresh leaves the verified cache untouched', async () => {
    const cache = await withVerifiedCache('truncated');
    const { result } = await run([{ id: 'truncated', url: `${base}/truncated.csv` }], { refresh: true, attempts: 2 }, cache);
    expect(result.changed).toEqual([]);
    expect(readFileSync(join(cache, 'demo/truncated.csv'))).toEqual(GOOD);
    expect(allFiles(join(cache, '_refresh'))).toEqual([]);
  });

  it('through the CLI: --refresh --acquire-only with --timeout-ms and --attempts; exit 0 with warnings, exit 1 when a file cannot be had', async () => {
    const exec = promisify(execFile);
    const cli = (reg: string, cache: string, extra: string[] = []) =>
      exec(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', '--registry', reg, '--cache', cache, '--no-mirror', '--build', join(cache, 'build'), '--acquire-only', '--timeout-ms', '300', '--attempts', '2', ...extra], { cwd: ROOT }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
      );
    const cache = await withVerifiedCache('refresh_new');
    const ok = await cli(registryDir([{ id: 'refresh_new', url: `${base}/refresh-new.csv` }]), cache, ['--refresh']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Saved to .*_refresh/);
    expect(ok.out).toMatch(/warnings: 1/);
    const bad = await cli(registryDir([{ id: 'slow', url: `${base}/slow.csv` }]), mkdtempSync(join(tmpdir(), 'jba-acq-cache-')));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/Pipeline error: Could not acquire 1 file\(s\):\s+slow: .*within 300 ms \(after 2 attempts\)/);
  });
});
