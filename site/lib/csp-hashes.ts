/**
 * Inline <style> elements under a strict Content-Security-Policy.
 *
 * Every page carries its CSS in <style> elements (astro.config.mjs: build.inlineStylesheets
 * 'always') because a separate style sheet costs the first paint a whole extra round trip on a slow
 * mobile connection. The policy still refuses inline styles in general (no 'unsafe-inline' in
 * style-src): after the build, this module lists the sha256 of every <style> element the site
 * contains and names exactly those in style-src, so an injected <style> is refused as before.
 *
 * The final policy cannot be known while pages render (the hashes exist only once they are written),
 * so the pages are rendered with the policy of site/public/_headers and then this step writes the
 * final one into dist/_headers and into every page's <meta>, and checks that they agree.
 * Run from the build integration (site/lib/publish-data.ts) before the files are compressed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { headersFor, parseHeaders } from './headers.ts';

const STYLE_RE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
const META_RE = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;

/** The CSP hash source of each <style> element's text, as the browser hashes it (the raw text between the tags, UTF-8). */
export function styleHashes(html: string): string[] {
  return [...html.matchAll(STYLE_RE)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}

/** The policy with these hash sources added to style-src (created from default-src's sources if absent). */
export function withStyleHashes(policy: string, hashes: Iterable<string>): string {
  const add = [...new Set(hashes)].sort();
  if (add.length === 0) return policy;
  const parts = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const i = parts.findIndex((d) => d.split(/\s+/)[0].toLowerCase() === 'style-src');
  if (i >= 0) {
    const have = new Set(parts[i].split(/\s+/).slice(1));
    parts[i] = [parts[i], ...add.filter((h) => !have.has(h))].join(' ');
  } else {
    const fallback = parts.find((d) => d.split(/\s+/)[0].toLowerCase() === 'default-src');
    const base = fallback ? fallback.split(/\s+/).slice(1).filter((s) => s !== "'none'") : [];
    parts.push(['style-src', ...base, ...add].join(' '));
  }
  return parts.join('; ');
}

const decode = (s: string) => s.replace(/&#39;|&#x27;/gi, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const encodeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function* htmlFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* htmlFiles(p);
    else if (e.name.endsWith('.html')) yield p;
  }
}

export interface InlineStyleReport {
  pages: number;
  hashes: number;
  policy: string;
}

/**
 * Adds the hash of every <style> element under outDir to the Content-Security-Policy of
 * outDir/_headers and of every page's <meta>. Throws, naming the page, when a page's <meta> policy
 * is not the one in _headers: a page would then refuse its own styles, or allow more than the rest.
 */
export function allowInlineStyles(outDir: string): InlineStyleReport {
  const headersPath = join(outDir, '_headers');
  const headersText = readFileSync(headersPath, 'utf8');
  const before = headersFor(parseHeaders(headersText), '/')['Content-Security-Policy'];
  if (!before) throw new Error(`${headersPath} has no Content-Security-Policy for "/": the inline styles cannot be allowed by hash.`);

  const pages: { path: string; html: string }[] = [];
  const hashes = new Set<string>();
  for (const path of htmlFiles(outDir)) {
    const html = readFileSync(path, 'utf8');
    pages.push({ path, html });
    for (const h of styleHashes(html)) hashes.add(h);
  }
  const after = withStyleHashes(before, hashes);
  if (after === before) return { pages: pages.length, hashes: 0, policy: before };

  // The policy is one line under "/*" (site/public/_headers says why); rewrite that line only.
  const line = `Content-Security-Policy: ${before}`;
  const count = headersText.split(line).length - 1;
  if (count !== 1) throw new Error(`${headersPath}: expected the Content-Security-Policy line once, found it ${count} times; the inline style hashes were not added.`);
  writeFileSync(headersPath, headersText.replace(line, `Content-Security-Policy: ${after}`));

  for (const { path, html } of pages) {
    const m = META_RE.exec(html);
    if (!m) continue; // tests/browser/security.ts reports a page without the <meta>
    if (decode(m[2]) !== before) {
      throw new Error(`/${relative(outDir, path)}: its Content-Security-Policy <meta> is not the policy of _headers, so the inline style hashes could not be added to it. Render the <meta> from site/lib/headers.ts (contentSecurityPolicy()), as the Base layout does.`);
    }
    writeFileSync(path, html.replace(META_RE, (_, open, _old, close) => `${open}${encodeAttr(after)}${close}`));
  }
  return { pages: pages.length, hashes: hashes.size, policy: after };
}
