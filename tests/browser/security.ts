/**
 * Security checks of the built site, in three parts:
 *
 * 1. static: every HTML page of dist/ has no inline script (JSON data blocks excepted), no inline
 *    event-handler attribute, no javascript: URL, only same-origin script sources, the same
 *    Content-Security-Policy <meta> as dist/_headers, and no <style> element that policy does not
 *    name by hash; no page or bundle loads anything from another origin.
 * 2. under the policy: dist/ served as a host would serve it (headers from _headers), each page type
 *    loads with no CSP violation and no request to another origin, the search filters, and /explore/
 *    runs a query (DuckDB-WASM in a worker) with the policy in force.
 * 3. hostile data: a fixture build, a copy of data/build with area, prison and office-holder names
 *    (and a few link targets) replaced by markup and script, built into a temporary folder. In
 *    Chromium, with the CSP switched off so that the escaping is what is tested, no dialog fires, no
 *    injected element or handler exists, the strings read as text, the search box takes them, and
 *    /explore/ shows them (in a result, a column name and an error) as text.
 *
 * Used by tests/browser/run.ts; also runs alone: `npx tsx tests/browser/security.ts` (set
 * JBA_SECURITY_FIXTURE_DIST to a fixture build from an earlier run to skip the five-minute build).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import Papa from 'papaparse';
import { tableFromArrays, tableFromIPC, tableToIPC, type DataType } from '@uwdata/flechette';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { DIST, isMain, runSuite } from './harness.ts';
import { serve } from '../../site/serve.ts';
import { headersFor, readHeaderRules } from '../../site/lib/headers.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export interface CheckResult {
  name: string;
  problems: string[];
}

/** Each string is unique, so a page that shows one shows it for the row it was put in. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '"><script>alert(2)</script>',
  js: 'javascript:alert(3)',
  svg: `</title><svg onload=alert(4)>'"&amp;`,
  iframe: '<iframe srcdoc="<script>alert(5)</script>"></iframe>',
  url: 'javascript:alert(6)',
} as const;

// ---------------------------------------------------------------------------------------------
// 1. Static checks over the HTML

const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A URL attribute value that a browser would run as script (it ignores leading controls and tabs/newlines inside the scheme). */
export const isScriptUrl = (value: string) => /^javascript:/i.test(decodeEntities(value).replace(/[\u0000-\u0020]/g, ''));

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcset', 'background', 'ping', 'cite']);

interface Tag { name: string; attrs: Map<string, string>; body?: string }

/**
 * Start tags of an HTML document with their attributes. Raw-text elements (script, style) are
 * skipped over as a whole and their text kept, so markup-like text inside them is not read as tags;
 * text elsewhere cannot contain '<' unescaped in valid output, which is itself what we check.
 */
export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  const tagRe = /<(!--[\s\S]*?--|[a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = tagRe.exec(html))) {
    if (m[1].startsWith('!--')) continue;
    const name = m[1].toLowerCase();
    const attrs = new Map<string, string>();
    for (const a of m[2].matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) attrs.set(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    const tag: Tag = { name, attrs };
    if (name === 'script' || name === 'style') {
      const end = html.toLowerCase().indexOf(`</${name}`, tagRe.lastIndex);
      tag.body = html.slice(tagRe.lastIndex, end < 0 ? html.length : end);
      tagRe.lastIndex = end < 0 ? html.length : end;
    }
    out.push(tag);
  }
  return out;
}

const isSameOrigin = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');

/** The sources a policy lists for a directive (empty when the directive is absent). */
const sourcesOf = (csp: string, directive: string) =>
  csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0].toLowerCase() === directive)?.slice(1) ?? [];

export function htmlProblems(html: string, where: string, csp: string | null): string[] {
  const problems: string[] = [];
  let metaCsp: string | null = null;
  // Inline styles are allowed one by one, by hash (site/lib/csp-hashes.ts): each must be named.
  const styleSources = new Set(csp === null ? [] : sourcesOf(csp, 'style-src'));
  for (const t of tags(html)) {
    if (t.name === 'style' && csp !== null) {
      const hash = `'sha256-${createHash('sha256').update(t.body ?? '', 'utf8').digest('base64')}'`;
      if (!styleSources.has(hash)) problems.push(`${where}: a <style> element whose hash ${hash} is not in the policy's style-src, so the browser refuses it: ${(t.body ?? '').trim().slice(0, 60)}`);
    }
    if (t.name === 'script') {
      const type = (t.attrs.get('type') ?? '').toLowerCase();
      if (t.attrs.has('src')) {
        if (!isSameOrigin(t.attrs.get('src')!)) problems.push(`${where}: script from another origin: ${t.attrs.get('src')}`);
      } else if (type !== 'application/json' && type !== 'application/ld+json') {
        problems.push(`${where}: inline script: ${(t.body ?? '').trim().slice(0, 80)}`);
      } else if (/<\/script|<!--/i.test(t.body ?? '')) {
        problems.push(`${where}: a JSON data block contains "</script" or "<!--"`);
      }
    }
    for (const [name, value] of t.attrs) {
      if (/^on[a-z]/.test(name)) problems.push(`${where}: inline event handler <${t.name} ${name}>`);
      if (URL_ATTRS.has(name) && isScriptUrl(value)) problems.push(`${where}: javascript: URL in <${t.name} ${name}="${value.slice(0, 60)}">`);
      if (t.name === 'iframe' && name === 'srcdoc') problems.push(`${where}: iframe srcdoc`);
    }
    const loads = t.name === 'img' || t.name === 'iframe' || t.name === 'source' || t.name === 'audio' || t.name === 'video' || t.name === 'embed'
      ? t.attrs.get('src')
      : t.name === 'link' && /\b(stylesheet|preload|modulepreload|icon|manifest|prefetch|preconnect|dns-prefetch)\b/i.test(t.attrs.get('rel') ?? '')
        ? t.attrs.get('href')
        : t.name === 'object' ? t.attrs.get('data') : undefined;
    if (loads && !isSameOrigin(loads) && !/^data:/i.test(loads)) problems.push(`${where}: <${t.name}> loads from another origin: ${loads}`);
    if (t.name === 'meta' && (t.attrs.get('http-equiv') ?? '').toLowerCase() === 'content-security-policy') metaCsp = decodeEntities(t.attrs.get('content') ?? '');
  }
  if (csp !== null && metaCsp !== csp) problems.push(`${where}: ${metaCsp === null ? 'no Content-Security-Policy <meta>' : `the CSP <meta> differs from _headers: ${metaCsp}`}`);
  return problems;
}

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/**
 * Absolute URLs a bundle could load at run time: in fetch/import/importScripts/url()/new Worker
 * calls. Plain strings (licence texts, DuckDB's extension repository, which the engine never asks
 * for with extensions off and which connect-src would refuse) are not loads.
 */
export function bundleLoads(code: string): string[] {
  const re = /\b(?:fetch|import|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\s*\(\s*["'`](https?:|wss?:)?\/\/[^"'`]+|url\(\s*["']?(?:https?:)?\/\/[^)"']+/g;
  return [...code.matchAll(re)].map((m) => m[0].slice(0, 120));
}

export function staticChecks(dist: string): CheckResult[] {
  const headersCsp = headersFor(readHeaderRules(dist), '/')['Content-Security-Policy'] ?? null;
  const pageProblems: string[] = [];
  const loadProblems: string[] = [];
  let pages = 0;
  if (!headersCsp) pageProblems.push(`${dist}/_headers is missing or has no Content-Security-Policy for "/"`);
  for (const file of walk(dist)) {
    const rel = '/' + relative(dist, file);
    if (file.endsWith('.html')) {
      pages++;
      pageProblems.push(...htmlProblems(readFileSync(file, 'utf8'), rel, headersCsp));
    } else if (/\.(m?js|css)$/.test(file)) {
      for (const l of bundleLoads(readFileSync(file, 'utf8'))) loadProblems.push(`${rel}: ${l}`);
    }
  }
  if (pages === 0) pageProblems.push(`no HTML pages in ${dist}`);
  // A page family built without the layout repeats the same problem per page: one line per folder.
  const missing = pageProblems.filter((p) => p.endsWith(': no Content-Security-Policy <meta>'));
  if (missing.length > 5) {
    const byFolder = new Map<string, number>();
    for (const p of missing) {
      const folder = p.split('/').slice(0, 2).join('/') + '/';
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    }
    const rest = pageProblems.filter((p) => !p.endsWith(': no Content-Security-Policy <meta>'));
    pageProblems.length = 0;
    pageProblems.push(...[...byFolder].map(([f, n]) => `${n} pages under ${f} have no Content-Security-Policy <meta> (e.g. ${missing.find((m) => m.startsWith(f))!.split(':')[0]})`), ...rest);
  }
  return [
    { name: `static: ${pages} pages have no inline script or handler, no javascript: URL, only same-origin scripts, the _headers CSP as <meta> and only <style> elements it names by hash`, problems: pageProblems },
    { name: 'static: no script or stylesheet bundle loads from another origin (no CDN)', problems: loadProblems },
  ];
}

// ---------------------------------------------------------------------------------------------
// Browser helpers

/** Collects CSP violations, dialogs, console errors and requests to other origins on a context's pages. */
function watch(context: BrowserContext, origin: string) {
  const seen = { violations: [] as string[], dialogs: [] as string[], errors: [] as string[], foreign: [] as string[] };
  let current = '';
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !/^(data|blob):/.test(u)) seen.foreign.push(`${current}: ${u}`);
  });
  return {
    seen,
    at: (path: string) => { current = path; },
    attach: async (page: Page) => {
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const w = window as unknown as { __csp: string[] };
          (w.__csp ??= []).push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
        });
      });
      page.on('dialog', (d) => { seen.dialogs.push(`${current}: ${d.type()} "${d.message()}"`); d.dismiss().catch(() => {}); });
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(m.text())) seen.errors.push(`${current}: ${m.text().slice(0, 300)}`);
      });
      page.on('pageerror', (e) => seen.errors.push(`${current}: page error: ${e.message}`));
    },
    violations: async (page: Page) => {
      const v = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      seen.violations.push(...v.map((x) => `${current}: ${x}`));
    },
  };
}

/** Elements or attributes that only exist if markup from the data was parsed as markup. */
async function injected(page: Page): Promise<string[]> {
  const inPage = () => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('<img src=x>');
      if (el.tagName === 'IFRAME' && el.hasAttribute('srcdoc')) bad.push('<iframe srcdoc>');
      if (el.tagName === 'SCRIPT' && /alert\(/.test(el.textContent ?? '')) bad.push('<script> with alert(');
      const href = el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? el.getAttribute('action') ?? el.getAttribute('src');
      if (href && /^javascript:/i.test(href.replace(/[\u0000-\u0020]/g, ''))) bad.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 50)}" with URL ${href}`);
    }
    return bad;
  };
  const found = await page.evaluate(inPage);
  for (const frame of page.frames().slice(1)) found.push(...(await frame.evaluate(inPage).catch(() => [])).map((b) => `in a frame: ${b}`));
  return found;
}

const exploreDone = () => /\brows? in\b|failed|could not start/i.test(document.getElementById('explore-status')?.textContent ?? '');

// ---------------------------------------------------------------------------------------------
// 2. The built site under its own policy

interface PageSet { label: string; path: string }

/** One page of each type, found in dist/. */
export function pageTypes(dist: string): PageSet[] {
  const first = (dir: string) => {
    const d = join(dist, dir);
    return existsSync(d) ? readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()[0] : undefined;
  };
  const area = first('areas');
  const league = first('league-tables');
  const prison = first('prisons');
  const out: PageSet[] = [{ label: 'home', path: '/' }];
  if (area) out.push({ label: 'area', path: `/areas/${area}/` });
  if (league) out.push({ label: 'league table', path: `/league-tables/${league}/` });
  out.push({ label: 'league tables index', path: '/league-tables/' });
  out.push({ label: 'prisons', path: '/prisons/' });
  if (prison) out.push({ label: 'prison', path: `/prisons/${prison}/` });
  for (const [label, path] of [['national', '/national/'], ['data', '/data/'], ['methodology', '/methodology/'], ['about', '/about/'], ['explore', '/explore/']]) {
    if (existsSync(join(dist, path, 'index.html'))) out.push({ label, path });
  }
  return out;
}

export async function underPolicyChecks(browser: Browser, dist: string): Promise<CheckResult[]> {
  const server = await serve({ dir: dist, port: 0 });
  const base = server.url.replace(/\/$/, '');
  const expected = headersFor(readHeaderRules(dist), '/')['Content-Security-Policy'];
  const context = await browser.newContext();
  const w = watch(context, base);
  const page = await context.newPage();
  await w.attach(page);
  const headerProblems: string[] = expected ? [] : [`${dist}/_headers has no Content-Security-Policy for "/"`];
  const results: CheckResult[] = [];
  try {
    for (const { label, path } of pageTypes(dist)) {
      w.at(path);
      const res = await page.goto(base + path, { waitUntil: 'load' });
      const got = res?.headers()['content-security-policy'];
      if (got !== expected) headerProblems.push(`${label} ${path}: Content-Security-Policy header is ${got === undefined ? 'missing' : `"${got}"`}`);
      if (path === '/explore/') {
        await page.goto(`${base}/explore/?sql=${encodeURIComponent("SELECT count(*) AS n FROM indicator_values")}`);
        // A blocked worker or WebAssembly compile leaves the status on "Loading…" rather than failing.
        await page.waitForFunction(exploreDone, null, { timeout: 120_000 }).catch(() => {});
        const status = (await page.textContent('#explore-status')) ?? '';
        if (!/\brows? in\b/.test(status)) headerProblems.push(`/explore/ did not run a query under the policy: "${status}"`);
      }
      if (path === '/') {
        const box = page.locator('#finder-input');
        if (await box.isVisible()) {
          await box.fill('a');
          await page.waitForTimeout(300);
          const status = (await page.textContent('#finder-status')) ?? '';
          if (!status.trim()) headerProblems.push('home: the search box did not filter under the policy (its script did not run?)');
        } else headerProblems.push('home: the search box is hidden: its script did not run under the policy');
      }
      await w.violations(page);
    }
    results.push({ name: 'under the policy: every page type is served with the _headers CSP, the search runs and /explore/ answers a query (worker + WebAssembly)', problems: headerProblems });
    results.push({ name: 'under the policy: no CSP violation or console error on any page type', problems: [...w.seen.violations, ...w.seen.errors] });
    results.push({ name: 'under the policy: no request leaves the site (no CDN, fonts, analytics)', problems: w.seen.foreign });
  } finally {
    await context.close();
    await server.close();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// 3. The fixture build with hostile names

interface Targets { areas: { code: string; slug: string; name: string; hostile: string }[]; prison: { code: string; slug: string; name: string; hostile: string }; holderArea: string }

const NAME_COLUMN = /(^|_)name$|^PFA\d+NM$/i;

/** Replaces exact string values of name columns in a row; returns whether anything changed. */
function renameRow(row: Record<string, unknown>, swap: Map<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && NAME_COLUMN.test(k) && swap.has(v)) { row[k] = swap.get(v)!; changed = true; }
  }
  return changed;
}

/** Copies data/build to `dir` and writes the hostile strings into it (JSON for the pages, Arrow and CSV for /explore/). */
export function makeHostileBuild(source: string, dir: string): Targets {
  cpSync(source, dir, { recursive: true });
  const tables = join(dir, 'tables');
  const pfas = JSON.parse(readFileSync(join(tables, 'pfa.json'), 'utf8')) as { pfa_code: string; pfa_name: string; slug: string; country: string }[];
  const prisons = JSON.parse(readFileSync(join(tables, 'prison.json'), 'utf8')) as { prison_code: string; prison_name: string; slug: string; status?: string }[];
  const chosen = [pfas[1], pfas[10], pfas.find((p) => p.country === 'Wales') ?? pfas[20]];
  const prison = prisons.find((p) => p.status !== 'closed') ?? prisons[0];
  const targets: Targets = {
    areas: chosen.map((p, i) => ({ code: p.pfa_code, slug: p.slug, name: p.pfa_name, hostile: [HOSTILE.img, HOSTILE.script, HOSTILE.js][i] })),
    prison: { code: prison.prison_code, slug: prison.slug, name: prison.prison_name, hostile: HOSTILE.svg },
    holderArea: chosen[0].pfa_code,
  };
  const areaSwap = new Map(targets.areas.map((a) => [a.name, a.hostile]));
  const prisonSwap = new Map([[targets.prison.name, targets.prison.hostile]]);
  const swapFor = (table: string) => (table.startsWith('prison') ? new Map([...areaSwap, ...prisonSwap]) : areaSwap);

  for (const file of readdirSync(tables)) {
    const table = file.replace(/\.(json|csv|parquet|arrow)$/, '');
    const swap = swapFor(table);
    const path = join(tables, file);
    const hostileRows = (rows: Record<string, unknown>[]): boolean => {
      let changed = false;
      for (const r of rows) {
        if (renameRow(r, swap)) changed = true;
        if (table === 'pcc_holder' && r.pfa_code === targets.holderArea) {
          r.holder_name = HOSTILE.iframe;
          r.source_url = HOSTILE.url;
          changed = true;
        }
      }
      return changed;
    };
    if (file.endsWith('.json')) {
      const rows = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
      if (hostileRows(rows)) writeFileSync(path, JSON.stringify(rows));
    } else if (file.endsWith('.arrow')) {
      // The explorer reads the Arrow streams (pipeline/arrow.ts): the same rows, written back with
      // the column types the file had (a round trip gives the same rows).
      const t = tableFromIPC(readFileSync(path), { useBigInt: true });
      const rows = t.toArray() as Record<string, unknown>[];
      if (hostileRows(rows)) {
        const arrays: Record<string, unknown[]> = {};
        const types: Record<string, DataType> = {};
        for (const f of t.schema.fields) {
          arrays[f.name] = rows.map((r) => r[f.name]);
          types[f.name] = f.type;
        }
        writeFileSync(path, tableToIPC(tableFromArrays(arrays, { types }), { format: 'stream' })!);
      }
    } else if (file.endsWith('.csv')) {
      const text = readFileSync(path, 'utf8');
      const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
      const [header, ...rows] = parsed.data;
      const cols = header.map((h, i) => (NAME_COLUMN.test(h) ? i : -1)).filter((i) => i >= 0);
      let changed = false;
      for (const r of rows) for (const i of cols) if (swap.has(r[i])) { r[i] = swap.get(r[i])!; changed = true; }
      if (changed) writeFileSync(path, Papa.unparse([header, ...rows], { newline: '\n' }) + '\n');
    }
  }
  // Link targets from data: a source file's URL (shown on /data/ and beside figures).
  const sourcesPath = join(dir, 'sources.json');
  const sources = JSON.parse(readFileSync(sourcesPath, 'utf8')) as { landing_url?: string | null; licence_url?: string | null; files: { url: string | null }[] }[];
  for (const s of sources) {
    if (s.landing_url) s.landing_url = HOSTILE.url;
    if (s.licence_url) s.licence_url = HOSTILE.url;
    for (const f of s.files ?? []) if (f.url) f.url = HOSTILE.url;
  }
  writeFileSync(sourcesPath, JSON.stringify(sources, null, 2));
  // The data package names each table's sources and licences by URL too (shown on /data/).
  const pkgPath = join(dir, 'datapackage.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { resources: { sources?: { path?: string }[] }[] };
  for (const r of pkg.resources) for (const src of r.sources ?? []) if (src.path && /^https?:/.test(src.path)) src.path = HOSTILE.url;
  writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
  const geo = join(dir, 'boundaries/pfa.geojson');
  if (existsSync(geo)) {
    const g = JSON.parse(readFileSync(geo, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    for (const f of g.features) renameRow(f.properties, areaSwap);
    writeFileSync(geo, JSON.stringify(g));
  }
  return targets;
}

/**
 * The pages the hostile names can reach: every area page (areas name each other: similar areas,
 * neighbours in a table), every league table, the target areas' embed charts and the prisons in them
 * (and the target prison). The other 1,300 per-item pages of the real build only repeat templates
 * checked there, and would take minutes to build again (site/lib/partial.ts).
 */
export function hostilePages(buildDir: string, targets: Targets): string[] {
  const prisons = JSON.parse(readFileSync(join(buildDir, 'tables/prison.json'), 'utf8')) as { slug: string; pfa_code: string | null }[];
  const codes = new Set(targets.areas.map((a) => a.code));
  const prisonSlugs = new Set([targets.prison.slug, ...prisons.filter((p) => p.pfa_code && codes.has(p.pfa_code)).map((p) => p.slug)]);
  return ['/areas/', '/league-tables/', ...targets.areas.map((a) => `/embed/${a.slug}/`), ...[...prisonSlugs].map((s) => `/prisons/${s}/`)];
}

/** Builds the site against `buildDir` into `outDir` (the site reads JBA_BUILD_DIR; see site/lib/paths.ts); `pages` limits the per-item pages (JBA_PAGES). */
export function buildSite(buildDir: string, outDir: string, pages: string[] = []): void {
  const astro = join(ROOT, 'node_modules/astro/astro.js');
  const r = spawnSync(process.execPath, [astro, 'build', '--outDir', outDir, '--silent'], {
    cwd: ROOT,
    env: { ...process.env, JBA_BUILD_DIR: buildDir, JBA_PAGES: pages.join(',') },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`the fixture build failed (exit ${r.status}):\n${(r.stderr || r.stdout).slice(-3000)}`);
}

export async function hostileChecks(browser: Browser, options: { fixtureDist?: string } = {}): Promise<CheckResult[]> {
  const work = mkdtempSync(join(tmpdir(), 'jba-hostile-'));
  const buildDir = join(work, 'build');
  const targets = makeHostileBuild(join(ROOT, 'data/build'), buildDir);
  const dist = options.fixtureDist ?? join(work, 'dist');
  const results: CheckResult[] = [];
  try {
    if (!options.fixtureDist) buildSite(buildDir, dist, hostilePages(buildDir, targets));
    // The build must have read the fixture, or every check below would pass on the real names.
    const areaHtml = readFileSync(join(dist, 'areas', targets.areas[0].slug, 'index.html'), 'utf8');
    if (!areaHtml.includes('&lt;img src=x onerror=alert(1)&gt;')) {
      return [{ name: 'hostile data: the fixture build shows the fixture data', problems: [`/areas/${targets.areas[0].slug}/ does not contain the escaped hostile name: the build did not read JBA_BUILD_DIR`] }];
    }
    const isLink = (p: string) => /javascript: URL|with URL javascript:/i.test(p);
    const fixtureStatic = staticChecks(dist).flatMap((r) => r.problems);
    results.push({ name: 'hostile data: static checks of the fixture build (markup, handlers, scripts)', problems: fixtureStatic.filter((p) => !isLink(p)) });
    // One line per folder: the same source link repeats on every area page.
    const byFolder = new Map<string, { pages: Set<string>; links: number }>();
    for (const p of fixtureStatic.filter(isLink)) {
      const page = p.split(':')[0];
      const folder = page.split('/').length > 3 ? page.split('/').slice(0, 2).join('/') + '/' : page;
      const f = byFolder.get(folder) ?? { pages: new Set<string>(), links: 0 };
      f.pages.add(page);
      f.links++;
      byFolder.set(folder, f);
    }
    const linkProblems = [...byFolder].map(([folder, f]) => `${folder}: ${f.links} javascript: link(s) on ${f.pages.size} page(s)`);

    const server = await serve({ dir: dist, port: 0 });
    const base = server.url.replace(/\/$/, '');
    // The CSP is off here: the escaping has to hold on its own, and a CSP would hide a failure.
    const context = await browser.newContext({ bypassCSP: true });
    const w = watch(context, base);
    const page = await context.newPage();
    await w.attach(page);
    const textProblems: string[] = [];
    const injectedProblems: string[] = [];
    const visit = async (path: string, expectText: string[]) => {
      w.at(path);
      await page.goto(base + path, { waitUntil: 'load' });
      await page.waitForTimeout(100);
      injectedProblems.push(...(await injected(page)).map((b) => `${path}: ${b}`));
      const text = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
      for (const s of expectText) if (!text.includes(s)) textProblems.push(`${path}: "${s}" is not shown as text`);
    };
    try {
      const league = readdirSync(join(dist, 'league-tables'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      const leaguePath = `/league-tables/${league.find((l) => l.includes('police_officers_per_100k')) ?? league[0]}/`;
      await visit('/', targets.areas.map((a) => a.hostile));
      for (const a of targets.areas) await visit(`/areas/${a.slug}/`, [a.hostile]);
      await visit(leaguePath, targets.areas.map((a) => a.hostile));
      await visit('/prisons/', [targets.prison.hostile]);
      await visit(`/prisons/${targets.prison.slug}/`, [targets.prison.hostile]);
      for (const p of ['/national/', '/data/', '/methodology/', '/league-tables/']) await visit(p, []);
      const embed = join(dist, 'embed', targets.areas[0].slug);
      if (existsSync(embed)) {
        const first = readdirSync(embed, { withFileTypes: true }).find((e) => e.isDirectory());
        if (first) await visit(`/embed/${targets.areas[0].slug}/${first.name}/`, [targets.areas[0].hostile]);
      }
      const holderPage = targets.areas.find((a) => a.code === targets.holderArea)!;
      await visit(`/areas/${holderPage.slug}/`, [HOSTILE.iframe]);

      // The search box: typing markup filters as text and injects nothing.
      w.at('/ (search)');
      await page.goto(base + '/');
      const searchProblems: string[] = [];
      if (await page.locator('#finder-input').isVisible()) {
        for (const a of targets.areas) {
          await page.fill('#finder-input', a.hostile);
          await page.waitForTimeout(400);
          const shown = await page.$$eval('[data-finder-group] li[data-name]', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => (e as HTMLElement).dataset.name ?? ''));
          if (!shown.some((n) => n.includes(a.hostile))) searchProblems.push(`searching "${a.hostile}" does not show that area`);
          searchProblems.push(...(await injected(page)).filter((b) => !isLink(b)).map((b) => `after searching "${a.hostile}": ${b}`));
        }
        const status = (await page.textContent('#finder-status')) ?? '';
        if (/<img|<script/i.test(await page.$eval('#finder-status', (e) => e.innerHTML)) ) searchProblems.push(`search status holds markup: ${status}`);
      } else searchProblems.push('the search box is not shown');

      // /explore/: a hostile value from the data, a hostile column name, and a hostile query that fails.
      const exploreProblems: string[] = [];
      const explore = async (sql: string, check: () => Promise<void>) => {
        w.at(`/explore/?sql=${sql.slice(0, 40)}`);
        await page.goto(`${base}/explore/?sql=${encodeURIComponent(sql)}`);
        await page.waitForFunction(exploreDone, null, { timeout: 180_000 });
        exploreProblems.push(...(await injected(page)).map((b) => `${sql.slice(0, 60)}: ${b}`));
        await check();
      };
      if (existsSync(join(dist, 'explore/index.html'))) {
        const a = targets.areas[0];
        await explore(`SELECT DISTINCT area_name, '${HOSTILE.svg.replaceAll("'", "''")}' AS "${HOSTILE.script.replaceAll('"', '""')}" FROM indicator_values WHERE area_code = '${a.code}'`, async () => {
          const cells = await page.$$eval('#explore-result td', (els) => els.map((e) => e.textContent ?? ''));
          const heads = await page.$$eval('#explore-result th', (els) => els.map((e) => e.textContent ?? ''));
          if (!cells.includes(a.hostile)) exploreProblems.push(`the area name from the data is not shown as text (cells: ${cells.slice(0, 4).join(' | ')})`);
          if (!cells.includes(HOSTILE.svg)) exploreProblems.push('a hostile string literal is not shown as text');
          if (!heads.some((h) => h.includes(HOSTILE.script))) exploreProblems.push(`a hostile column name is not shown as text (headers: ${heads.join(' | ')})`);
          const share = await page.getAttribute('#explore-share', 'href');
          if (share && isScriptUrl(share)) exploreProblems.push(`share link is ${share}`);
        });
        await explore(`SELECT ${HOSTILE.img} ${HOSTILE.iframe}`, async () => {
          const message = (await page.textContent('#explore-error-message')) ?? '';
          if (!(await page.isVisible('#explore-error'))) exploreProblems.push('a failing hostile query shows no error');
          if (!/syntax error|Parser Error/i.test(message)) exploreProblems.push(`unexpected error text: ${message.slice(0, 200)}`);
          if (!(await page.inputValue('#explore-sql')).includes(HOSTILE.iframe)) exploreProblems.push('the editor does not hold the hostile query as text');
        });
      }
      results.push({ name: `hostile data: no dialog fires on any page, in the search or in /explore/ (${Object.keys(HOSTILE).length} hostile strings)`, problems: w.seen.dialogs });
      results.push({ name: 'hostile data: no injected element or handler on any page', problems: injectedProblems.filter((p) => !isLink(p)) });
      // Which links, by page and link text (names the component that made them).
      const runtimeLinks = new Map<string, number>();
      for (const p of injectedProblems.filter(isLink)) runtimeLinks.set(p, (runtimeLinks.get(p) ?? 0) + 1);
      results.push({
        name: 'hostile data: a javascript: URL in the data (source, licence, office-holder links) never becomes a link',
        problems: [...linkProblems, ...[...runtimeLinks].map(([p, n]) => `in the browser: ${p}${n > 1 ? ` (×${n})` : ''}`)],
      });
      results.push({ name: 'hostile data: area, prison and office-holder names read as text (title, headings, tables, charts, map)', problems: textProblems });
      results.push({ name: 'hostile data: the search box takes hostile names as text and finds the areas', problems: searchProblems });
      results.push({ name: 'hostile data: /explore/ shows a hostile value, column name and failing query as text', problems: exploreProblems });
      results.push({ name: 'hostile data: no page error', problems: w.seen.errors.filter((e) => /page error/.test(e)) });
    } finally {
      await context.close();
      await server.close();
    }
  } finally {
    if (process.env.JBA_SECURITY_KEEP) console.log(`    fixture kept in ${work} (data: build/, site: dist/)`);
    else rmSync(work, { recursive: true, force: true });
  }
  return results;
}

/** All three parts against `dist`. */
export async function securityChecks(browser: Browser, dist: string): Promise<CheckResult[]> {
  const out = staticChecks(dist);
  out.push(...(await underPolicyChecks(browser, dist)));
  out.push(...(await hostileChecks(browser, { fixtureDist: process.env.JBA_SECURITY_FIXTURE_DIST })));
  return out;
}

if (isMain(import.meta.url)) {
  runSuite(async ({ record }) => {
    const browser = await launchChromium();
    try {
      for (const r of await securityChecks(browser, DIST)) record(r.name, r.problems);
    } finally {
      await browser.close();
    }
  });
}
