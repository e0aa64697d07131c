/** The Cloudflare Worker that serves files over 25 MiB from their compressed copies, and the upload preparation. */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import worker, { encodingsFor, type AssetsBinding } from '../../site/hosting/cloudflare-worker.ts';
import { oversizedFiles, prepareCloudflare } from '../../site/hosting/prepare-cloudflare.ts';

/** An assets binding over a map of path → bytes, answering 404 for anything else, as Cloudflare does. */
function assets(files: Record<string, string>): AssetsBinding & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetch(request) {
      const path = new URL(typeof request === 'string' ? request : request.url).pathname;
      asked.push(path);
      return path in files ? new Response(files[path], { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(files[path].length) } }) : new Response('not found', { status: 404 });
    },
  };
}

describe('cloudflare worker', () => {
  it('serves a missing .wasm from its brotli copy, typed as WebAssembly and marked as brotli', async () => {
    const env = { ASSETS: assets({ '/_astro/duckdb-eh.abc.wasm.br': 'BR', '/_astro/duckdb-eh.abc.wasm.gz': 'GZ' }) };
    const res = await worker.fetch(new Request('https://example.org/_astro/duckdb-eh.abc.wasm', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } }), env);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/wasm');
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Cache-Control')).toContain('immutable');
    expect(res.headers.get('Content-Length')).toBeNull();
    expect(await res.text()).toBe('BR');
  });

  it('falls back to gzip when brotli is refused, and passes other requests to the assets untouched', async () => {
    const env = { ASSETS: assets({ '/data/tables/indicator_values.json.gz': 'GZ', '/index.html': '<p>' }) };
    const json = await worker.fetch(new Request('https://example.org/data/tables/indicator_values.json', { headers: { 'Accept-Encoding': 'gzip, br;q=0' } }), env);
    expect(json.headers.get('Content-Encoding')).toBe('gzip');
    expect(json.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(await json.text()).toBe('GZ');
    const page = await worker.fetch(new Request('https://example.org/index.html'), env);
    expect(await page.text()).toBe('<p>');
    const missing = await worker.fetch(new Request('https://example.org/nothing.wasm', { headers: { 'Accept-Encoding': 'br' } }), env);
    expect(missing.status).toBe(404);
  });

  it('reads Accept-Encoding as browsers send it', () => {
    expect(encodingsFor('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(encodingsFor('gzip')).toEqual(['gzip']);
    expect(encodingsFor('br;q=0, gzip;q=0.5')).toEqual(['gzip']);
    expect(encodingsFor(null)).toEqual([]);
  });
});

describe('prepare-cloudflare', () => {
  let dir = '';
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('lists files over the limit in .assetsignore, and refuses one with no compressed copy', () => {
    dir = mkdtempSync(join(tmpdir(), 'jba-cf-'));
    mkdirSync(join(dir, '_astro'));
    writeFileSync(join(dir, '_astro/big.wasm'), Buffer.alloc(2000));
    writeFileSync(join(dir, '_astro/big.wasm.br'), Buffer.alloc(300));
    writeFileSync(join(dir, 'small.html'), '<p>');
    expect(oversizedFiles(dir, 1000)).toEqual(['_astro/big.wasm']);
    writeFileSync(join(dir, 'huge.json'), Buffer.alloc(1500));
    expect(() => oversizedFiles(dir, 1000)).toThrow(/huge\.json is .* no \.br or \.gz copy/);
    rmSync(join(dir, 'huge.json'));
    // At the real limit nothing here is too big; the file is still written, with its comment.
    expect(prepareCloudflare(dir).ignored).toEqual([]);
    expect(readFileSync(join(dir, '.assetsignore'), 'utf8')).toMatch(/^# Over 25 MiB/);
  });
});
