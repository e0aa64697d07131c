import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { contentType, pickEncoding, serve, type Serving } from '../../site/serve.ts';

describe('serve: content types and encodings', () => {
  it('names the types the site needs', () => {
    expect(contentType('a.wasm')).toBe('application/wasm');
    expect(contentType('t.parquet')).toBe('application/vnd.apache.parquet');
    expect(contentType('t.csv')).toBe('text/csv; charset=utf-8');
    expect(contentType('x.unknown')).toBe('application/octet-stream');
  });

  it('prefers brotli, honours q=0 and falls back to gzip or nothing', () => {
    const both = { br: true, gz: true };
    expect(pickEncoding('gzip, deflate, br', both)).toBe('br');
    expect(pickEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(pickEncoding('gzip', { br: true, gz: false })).toBeNull();
    expect(pickEncoding(undefined, both)).toBeNull();
    expect(pickEncoding('*', both)).toBe('br');
  });
});

describe('serve: a running server', () => {
  let s: Serving;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jba-serve-'));
    writeFileSync(join(dir, 'index.html'), '<h1>home</h1>');
    mkdirSync(join(dir, 'areas', 'x'), { recursive: true });
    writeFileSync(join(dir, 'areas', 'x', 'index.html'), 'area x');
    const body = 'a,b\n1,2\n'.repeat(200);
    writeFileSync(join(dir, 't.csv'), body);
    writeFileSync(join(dir, 't.csv.gz'), gzipSync(body));
    writeFileSync(join(dir, 't.csv.br'), brotliCompressSync(body));
    writeFileSync(join(dir, 't.parquet'), 'PAR1xxxxPAR1');
    s = await serve({ dir, port: 0 });
  });
  afterAll(() => s.close());

  it('sends the precompressed sibling the client accepts', async () => {
    const r = await fetch(`${s.url}t.csv`, { headers: { 'accept-encoding': 'br' } });
    expect(r.headers.get('content-encoding')).toBe('br');
    expect(r.headers.get('vary')).toBe('Accept-Encoding');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect((await r.text()).startsWith('a,b')).toBe(true);
  });

  it('serves byte ranges (DuckDB-WASM reads Parquet this way)', async () => {
    const r = await fetch(`${s.url}t.parquet`, { headers: { range: 'bytes=0-3' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe('bytes 0-3/12');
    expect(await r.text()).toBe('PAR1');
  });

  it('redirects a folder without its slash, answers 304 to a matching ETag, 404 outside', async () => {
    const r = await fetch(`${s.url}areas/x`, { redirect: 'manual' });
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/areas/x/');
    const first = await fetch(`${s.url}areas/x/`);
    const again = await fetch(`${s.url}areas/x/`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${s.url}..%2f..%2fetc/passwd`)).status).toBe(404);
  });

  it('moves to the next port when the asked one is busy', async () => {
    const other = await serve({ dir, port: s.port });
    expect(other.port).toBeGreaterThan(s.port);
    await other.close();
  });
});
