import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { contentSecurityPolicy, headersFor, matches, parseHeaders } from '../../site/lib/headers.ts';
import { serve } from '../../site/serve.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Directive name → its source list. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      return [name.toLowerCase(), sources];
    }),
  );
}

describe('_headers parsing', () => {
  const text = '# comment\n/*\n  A: 1\n  B: x: y\n\n/embed/*\n  A: 2\n/exact\n  C: 3\n';

  it('reads paths and their indented headers, keeping colons inside values', () => {
    expect(parseHeaders(text)).toEqual([
      { pattern: '/*', headers: [['A', '1'], ['B', 'x: y']] },
      { pattern: '/embed/*', headers: [['A', '2']] },
      { pattern: '/exact', headers: [['C', '3']] },
    ]);
  });

  it('refuses a header line before any path or without a colon', () => {
    expect(() => parseHeaders('  A: 1\n')).toThrow(/line 1/);
    expect(() => parseHeaders('/*\n  no colon here\n')).toThrow(/line 2/);
  });

  it('matches splats and exact paths, and joins a header named by several rules', () => {
    expect(matches('/*', '/anything/at/all')).toBe(true);
    expect(matches('/embed/*', '/areas/x/')).toBe(false);
    expect(matches('/exact', '/exact/')).toBe(false);
    const rules = parseHeaders(text);
    expect(headersFor(rules, '/embed/x/')).toEqual({ A: '1, 2', B: 'x: y' });
    expect(headersFor(rules, '/exact')).toEqual({ A: '1', B: 'x: y', C: '3' });
  });
});

describe('the site Content-Security-Policy (site/public/_headers)', () => {
  const csp = contentSecurityPolicy(ROOT);
  const d = directives(csp);

  it('denies by default and allows scripts only from the site itself (WebAssembly compile for DuckDB)', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
  });

  it('names no third-party origin, wildcard or scheme that would admit one, and nothing unsafe for scripts or style elements', () => {
    for (const [name, sources] of d) {
      for (const s of sources) {
        expect(s, `${name} ${s}`).not.toMatch(/^(\*|https?:|wss?:|\/\/)|\.[a-z]{2,}/i);
        if (s === "'unsafe-inline'") expect(name, 'only style attributes may be inline').toBe('style-src-attr');
        expect(s, name).not.toBe("'unsafe-eval'");
        expect(s, name).not.toBe("'unsafe-hashes'");
      }
    }
  });

  it('uses no directive a <meta> policy ignores, since the Base layout repeats it as one', () => {
    for (const name of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) expect(d.has(name), name).toBe(false);
  });

  it('is one line in the file, so hosts that do not join continued lines read all of it', () => {
    const lines = readFileSync(resolve(ROOT, 'site/public/_headers'), 'utf8').split('\n').filter((l) => l.includes('Content-Security-Policy:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("object-src 'none'");
  });
});

describe('site/serve.ts sends the _headers of the folder it serves', () => {
  it('sends the site CSP and the other headers with a page and with a 404, and keeps no-cache locally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jba-sec-'));
    writeFileSync(join(dir, 'index.html'), '<h1>home</h1>');
    copyFileSync(resolve(ROOT, 'site/public/_headers'), join(dir, '_headers'));
    const s = await serve({ dir, port: 0 });
    try {
      const r = await fetch(s.url);
      expect(r.headers.get('content-security-policy')).toBe(contentSecurityPolicy(ROOT));
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      const missing = await fetch(`${s.url}no/such/page/`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy(ROOT));
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the static HTML checks (tests/browser/security.ts) catch what they look for', async () => {
  const { htmlProblems, bundleLoads, isScriptUrl } = await import('../../tests/browser/security.ts');
  const csp = "default-src 'none'";
  const page = (head: string, body = '') => `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}">${head}</head><body>${body}</body></html>`;

  it('passes a clean page with an external same-origin script and a JSON data block', () => {
    expect(htmlProblems(page('<script type="module" src="/_astro/a.js"></script>', '<script type="application/json" id="c">{"a":"\\u003c/script>"}</script><a href="/x/">x</a>'), 'p', csp)).toEqual([]);
  });

  it('finds inline scripts, handlers, javascript: URLs (however written), other origins and a missing or different CSP meta', () => {
    const found = (html: string, c: string | null = csp) => htmlProblems(html, 'p', c).join('\n');
    expect(found(page('<script>alert(1)</script>'))).toMatch(/inline script/);
    expect(found(page('', '<img src="a.png" onerror="alert(1)">'))).toMatch(/inline event handler <img onerror>/);
    expect(found(page('', '<a href=" java&#x09;script:alert(1)">x</a>'))).toMatch(/javascript: URL/);
    expect(found(page('', '<a href="JaVaScRiPt&colon;alert(1)">x</a>'))).toMatch(/javascript: URL/);
    expect(found(page('<script src="https://cdn.example/x.js"></script>'))).toMatch(/script from another origin/);
    expect(found(page('<link rel="stylesheet" href="//fonts.example/css">'))).toMatch(/loads from another origin/);
    expect(found(page('', '<iframe srcdoc="x"></iframe>'))).toMatch(/srcdoc/);
    expect(found('<html><head></head><body></body></html>')).toMatch(/no Content-Security-Policy <meta>/);
    expect(found(page(''), "default-src 'self'")).toMatch(/differs from _headers/);
    // Markup-like text inside a JSON block is data, not tags.
    expect(found(page('', '<script type="application/json">{"a":"<img onerror=x>"}</script>'))).toBe('');
  });

  it('finds loads of absolute URLs in bundles, not mere strings', () => {
    expect(bundleLoads('fetch("https://cdn.example/a.wasm")')).toHaveLength(1);
    expect(bundleLoads("import('//cdn.example/m.js')")).toHaveLength(1);
    expect(bundleLoads('a{background:url(https://x.example/i.png)}')).toHaveLength(1);
    expect(bundleLoads('const repo = "https://extensions.duckdb.org"; fetch("/data/x.csv")')).toEqual([]);
    expect(isScriptUrl('\u0001javascript:x')).toBe(true);
    expect(isScriptUrl('https://example.org/javascript:')).toBe(false);
  });
});
