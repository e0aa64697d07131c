import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allowInlineStyles, styleHashes, withStyleHashes } from '../../site/lib/csp-hashes.ts';
import { headersFor, parseHeaders } from '../../site/lib/headers.ts';

const POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; object-src 'none'";
const sha = (text: string) => `'sha256-${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64')}'`;
const page = (policy: string, styles: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="${policy.replace(/'/g, '&#39;')}" />${styles.map((s) => `<style>${s}</style>`).join('')}</head><body><p>x</p></body></html>`;

describe('styleHashes', () => {
  it('hashes the exact text of each <style> element as UTF-8, whitespace and non-ASCII included', () => {
    const a = ':root{--x:1}\n.a::before{content:"›"}';
    expect(styleHashes(`<style>${a}</style><p>t</p><style media="print"> b{} </style>`)).toEqual([sha(a), sha(' b{} ')]);
  });
});

describe('withStyleHashes', () => {
  it('adds the hashes to style-src only, sorted and once each, and leaves the other directives as they were', () => {
    const out = withStyleHashes(POLICY, ["'sha256-b'", "'sha256-a'", "'sha256-b'"]);
    expect(out).toBe("default-src 'none'; script-src 'self'; style-src 'self' 'sha256-a' 'sha256-b'; style-src-attr 'unsafe-inline'; object-src 'none'");
  });
  it('returns the policy unchanged when there is nothing to add', () => {
    expect(withStyleHashes(POLICY, [])).toBe(POLICY);
  });
  it('creates style-src when the policy has none, keeping what default-src allowed', () => {
    expect(withStyleHashes("default-src 'self'", ["'sha256-a'"])).toBe("default-src 'self'; style-src 'self' 'sha256-a'");
    expect(withStyleHashes("default-src 'none'", ["'sha256-a'"])).toBe("default-src 'none'; style-src 'sha256-a'");
  });
});

describe('allowInlineStyles', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const site = (pages: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'csp-hashes-'));
    writeFileSync(join(dir, '_headers'), `# comment\n/*\n  Content-Security-Policy: ${POLICY}\n  X-Content-Type-Options: nosniff\n/_astro/*\n  Cache-Control: immutable\n`);
    for (const [path, html] of Object.entries(pages)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), html);
    }
  };

  it("writes one final policy, with every page's style hashes, into _headers and every page's <meta>", () => {
    site({ 'index.html': page(POLICY, ['a{}']), 'areas/x/index.html': page(POLICY, ['a{}', 'b{}']), 'about/index.html': page(POLICY, []) });
    const r = allowInlineStyles(dir);
    expect(r.hashes).toBe(2);
    const served = headersFor(parseHeaders(readFileSync(join(dir, '_headers'), 'utf8')), '/')['Content-Security-Policy'];
    expect(served).toBe(r.policy);
    expect(served).toContain(`style-src 'self' ${[sha('a{}'), sha('b{}')].sort().join(' ')};`);
    expect(served.split('; ').find((d) => d.startsWith('style-src '))).not.toContain("'unsafe-inline'");
    for (const p of ['index.html', 'areas/x/index.html', 'about/index.html']) {
      const meta = /content="([^"]*)"/.exec(readFileSync(join(dir, p), 'utf8').split('Content-Security-Policy')[1])![1];
      expect(meta.replace(/&#39;/g, "'")).toBe(served);
    }
    // The other headers and rules are untouched.
    expect(readFileSync(join(dir, '_headers'), 'utf8')).toContain('  X-Content-Type-Options: nosniff\n/_astro/*\n  Cache-Control: immutable\n');
  });

  it('changes nothing when no page has a <style> element', () => {
    site({ 'index.html': page(POLICY, []) });
    const before = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(allowInlineStyles(dir).hashes).toBe(0);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(before);
  });

  it('stops, naming the page, when a page carries a different policy', () => {
    site({ 'index.html': page(POLICY, ['a{}']), 'odd/index.html': page("default-src 'none'", ['a{}']) });
    expect(() => allowInlineStyles(dir)).toThrow(/\/odd\/index\.html: its Content-Security-Policy <meta> is not the policy of _headers/);
  });
});

describe('the static check of tests/browser/security.ts reads the hashes the same way', async () => {
  const { htmlProblems } = await import('../../tests/browser/security.ts');
  it('passes a <style> the policy names and reports one it does not', () => {
    const css = 'a{color:red}';
    const policy = withStyleHashes(POLICY, styleHashes(`<style>${css}</style>`));
    expect(htmlProblems(page(policy, [css]), 'p', policy)).toEqual([]);
    expect(htmlProblems(page(policy, [css, 'b{}']), 'p', policy).join('\n')).toMatch(/a <style> element whose hash 'sha256-[^']+' is not in the policy's style-src/);
  });
});
