/**
 * The site's response headers live in one file, site/public/_headers (Netlify / Cloudflare Pages
 * syntax, copied to dist/_headers), so a static host, the local server (site/serve.ts) and the <meta>
 * Content-Security-Policy in the Base layout cannot drift apart. This module reads that file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface HeaderRule {
  /** URL path pattern: a literal path, or ending in `*` (the rest of the path, `/*` being every path). */
  pattern: string;
  headers: [name: string, value: string][];
}

/** Parses `_headers` text. Throws on a header line before any path, so a typo cannot drop a policy silently. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: raw.trim(), headers: [] });
      return;
    }
    const line = raw.trim();
    const colon = line.indexOf(':');
    const rule = rules.at(-1);
    if (!rule || colon <= 0) throw new Error(`_headers line ${i + 1}: expected "  Name: value" under a path, found "${line}"`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return rules;
}

export function matches(pattern: string, path: string): boolean {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return pattern === path;
}

/** The headers for one URL path; as on Netlify and Cloudflare, a header named by several matching rules is joined with ", ". */
export function headersFor(rules: HeaderRule[], path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    if (!matches(rule.pattern, path)) continue;
    for (const [name, value] of rule.headers) out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/** Reads `_headers` from a folder (dist/ when serving; none there means no extra headers). */
export function readHeaderRules(dir: string): HeaderRule[] {
  const path = resolve(dir, '_headers');
  return existsSync(path) ? parseHeaders(readFileSync(path, 'utf8')) : [];
}

/**
 * The Content-Security-Policy every page gets, for the Base layout's <meta>. Read from the source
 * file, not dist/, because pages are rendered before public files are copied.
 */
export function contentSecurityPolicy(root = process.cwd()): string {
  const csp = headersFor(readHeaderRules(resolve(root, 'site/public')), '/')['Content-Security-Policy'];
  if (!csp) throw new Error('site/public/_headers has no Content-Security-Policy for "/"');
  return csp;
}
