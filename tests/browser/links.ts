/**
 * Link checker over the built HTML: every internal href/src must name a file in dist/ (a folder
 * means its index.html), and every #fragment must name an id on the target page.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1])));
}

export function targetFile(dist: string, pathname: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const full = join(dist, p);
  if (!full.startsWith(dist)) return null;
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  if (p.endsWith('/') && existsSync(index)) return index;
  return null;
}

export function checkLinks(dist: string): string[] {
  const problems: string[] = [];
  const idCache = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    if (!idCache.has(file)) idCache.set(file, ids(readFileSync(file, 'utf8')));
    return idCache.get(file)!;
  };
  let checked = 0;
  for (const file of htmlFiles(dist)) {
    const html = readFileSync(file, 'utf8');
    const page = '/' + file.slice(dist.length + 1).replace(/index\.html$/, '');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = decode(m[1]);
      if (/^(?:[a-z]+:|\/\/)/i.test(raw)) continue; // external, mailto:, data:
      const url = new URL(raw, `http://site${page}`);
      checked++;
      const target = targetFile(dist, url.pathname);
      if (!target) { problems.push(`${page}: broken link ${raw}`); continue; }
      if (url.hash && target.endsWith('.html')) {
        const id = decodeURIComponent(url.hash.slice(1));
        if (id && !idsOf(target).has(id)) problems.push(`${page}: link ${raw} names #${id}, which is not on ${url.pathname}`);
      }
    }
  }
  if (checked === 0) problems.push('no internal links found: is dist/ empty?');
  return problems;
}
