/**
 * The SQL explorer's promises, checked in headless Chromium against the built site (dist/) served by
 * site/serve.ts; expectations come from the published files, read in Node.
 *
 *   npm run build && npm run test:explore
 *   (JBA_DIST=<folder> tests a build made with astro build --outDir <folder>; JBA_ONLY=<words>
 *   runs only the checks whose name holds them: tests/browser/harness.ts)
 *
 * A runner can also import `exploreChecks` and call each check with its own browser and server.
 * Prints 'N passed, N failed' and exits 1 on any failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { knownKey, type KnownResult } from '../../site/explore/known-key.ts';
import { DIST, isMain, runSuite, type Check as HarnessCheck } from './harness.ts';
import { serve } from '../../site/serve.ts';
import { contentSecurityPolicy, headersFor, readHeaderRules } from '../../site/lib/headers.ts';

/**
 * Expectations come from the copy of data/build the site serves (dist/data/), so the test compares
 * the page with the data it was built from, even if the pipeline has run again since.
 */
const BUILD = existsSync(join(DIST, 'data', 'datapackage.json')) ? join(DIST, 'data') : 'data/build';
/**
 * The built site's own Content-Security-Policy (dist/_headers: site/public/_headers plus the hashes of
 * the inline styles, site/lib/csp-hashes.ts), sent with every response in these tests: the explorer
 * must work under it (no inline script, worker from self).
 */
export const CSP = headersFor(readHeaderRules(DIST), '/')['Content-Security-Policy'] ?? contentSecurityPolicy();

interface IndicatorValue {
  indicator_id: string;
  area_type: string;
  area_code: string;
  period: string;
  value: number | null;
}
interface Resource {
  name: string;
  alternates?: { parquet?: string; arrow?: string };
}

const readJson = <T>(rel: string): T => JSON.parse(readFileSync(join(BUILD, rel), 'utf8')) as T;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Same to 12 significant digits: the CSV and JSON copies are written that way (pipeline/publish.ts). */
const sameTo12 = (a: number, b: number) => a === b || Math.abs(a - b) <= 5e-12 * Math.max(Math.abs(a), Math.abs(b));

export interface Ctx {
  browser: Browser;
  /** Ends in '/'. */
  baseUrl: string;
}

interface Watched {
  page: Page;
  context: BrowserContext;
  offOrigin: string[];
  consoleErrors: string[];
  dialogs: string[];
}

/** A fresh page with the site's CSP applied to every response, and every off-origin request refused and noted. */
async function openPage(ctx: Ctx): Promise<Watched> {
  const context = await ctx.browser.newContext({ acceptDownloads: true });
  const origin = new URL(ctx.baseUrl).origin;
  const offOrigin: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(origin)) {
      offOrigin.push(url);
      return route.abort();
    }
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, context, offOrigin, consoleErrors, dialogs };
}

const FINISHED = /\brows? in\b|^The query failed|^Cancelled|could not start/;

async function waitForOutcome(page: Page, timeout = 60_000): Promise<string> {
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('explore-status')?.textContent ?? ''), FINISHED.source, { timeout });
  return (await page.textContent('#explore-status')) ?? '';
}

async function openQuery(ctx: Ctx, sql: string): Promise<Watched & { status: string }> {
  const w = await openPage(ctx);
  await w.page.goto(`${ctx.baseUrl}explore/?sql=${encodeURIComponent(sql)}`);
  const status = await waitForOutcome(w.page);
  return { ...w, status };
}

async function resultRows(page: Page): Promise<string[][]> {
  return page.$$eval('#explore-result tbody tr', (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (td) => td.textContent ?? '')));
}

/** The first n rows of the result table on screen, cells as text ('NULL' for a null). */
async function firstRows(page: Page, n: number): Promise<string[][]> {
  return page.$$eval('#explore-result tbody tr', (trs, max) => trs.slice(0, max).map((tr) => Array.from((tr as HTMLTableRowElement).cells, (td) => td.textContent ?? '')), n);
}

/** A known query's build-time result as the built site serves it, or null when the build does not know the query. */
function knownResult(sql: string): KnownResult | null {
  const file = join(DIST, 'explore', 'known', `${knownKey(sql)}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as KnownResult) : null;
}

/** Where a build-time result and the engine's answer differ, in words (none: equal). */
function knownDiffers(known: KnownResult, engineRows: string[][], engineTotal: number): string | null {
  if (known.totalRows !== engineTotal) return `build time ${known.totalRows} rows, engine ${engineTotal}`;
  let shown = known.rows.map((r) => r.map((c) => c ?? 'NULL'));
  // The two engines may order rows differently (no ORDER BY, or ties under it): the rows are compared
  // as a set where the file holds them all; where it holds only the first rows, the row count above.
  // Ties under ORDER BY (and any query without it) may come in either order: compare as a set.
  {
    if (known.rows.length < known.totalRows) return null;
    const key = (r: string[]) => JSON.stringify(r);
    shown = [...shown].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    engineRows = [...engineRows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }
  for (let i = 0; i < shown.length; i++) {
    if (!sameRow(shown[i], engineRows[i] ?? [])) return `row ${i + 1}: build time ${JSON.stringify(shown[i])}, engine ${JSON.stringify(engineRows[i])}`;
  }
  return null;
}

/** Cells equal as text, or as numbers to 12 significant digits (native DuckDB and DuckDB-WASM may differ in the last bits of pow/sqrt). */
function sameRow(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    if (x === y) return true;
    const p = Number(x), q = Number(y);
    return x !== '' && y !== '' && Number.isFinite(p) && Number.isFinite(q) && Math.abs(p - q) <= 1e-12 * Math.max(Math.abs(p), Math.abs(q));
  });
}

const totalFromStatus = (status: string) => Number((/^([\d,]+) rows?/.exec(status)?.[1] ?? 'NaN').replaceAll(',', ''));

async function resultHeader(page: Page): Promise<string[]> {
  return page.$$eval('#explore-result thead th', (ths) => ths.map((th) => th.firstChild?.textContent ?? ''));
}

/** The first indicator with values for police force areas, and those values, from indicator_values.json. */
function pfaIndicator(): { id: string; rows: IndicatorValue[] } {
  const all = readJson<IndicatorValue[]>('tables/indicator_values.json');
  const id = all.find((v) => v.area_type === 'pfa' && v.value !== null)?.indicator_id;
  assert(id, 'indicator_values.json has no value for any police force area');
  return { id, rows: all.filter((v) => v.indicator_id === id && v.area_type === 'pfa') };
}

type Check = (ctx: Ctx) => Promise<void>;

export const exploreChecks: Record<string, Check> = {
  "every published table loads in the explorer with its Parquet file's row count and column types": async (ctx) => {
    // The values themselves: tests/pipeline/outputs.test.ts proves each Arrow file holds the JSON
    // file's rows exactly; this proves DuckDB-WASM reads every one of them as the Parquet types.
    const pkg = readJson<{ resources: Resource[] }>('datapackage.json');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const expected: string[] = [];
    const expectedCounts: string[] = [];
    for (const r of pkg.resources) {
      const parquet = `read_parquet('${join(BUILD, r.alternates?.parquet ?? '')}')`;
      for (const x of (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${parquet}`)).getRowObjects()) expected.push(`${r.name}.${String(x.column_name)} ${String(x.column_type)}`);
      const n = (await con.runAndReadAll(`SELECT count(*) AS n FROM ${parquet}`)).getRowObjects()[0].n;
      expectedCounts.push(`${r.name} ${String(n)}`);
    }
    con.closeSync();
    const countsSql = pkg.resources.map((r) => `SELECT '${r.name}' AS table_name, count(*) AS n FROM "${r.name}"`).join('\nUNION ALL ') + '\nORDER BY table_name';
    const w = await openQuery(ctx, countsSql);
    try {
      assert(w.status.startsWith(`${pkg.resources.length} rows in`), `counting every table: ${w.status} ${(await w.page.textContent('#explore-error-message')) ?? ''}`);
      const counts = (await resultRows(w.page)).map(([name, n]) => `${name} ${n.replaceAll(',', '')}`);
      const wantCounts = [...expectedCounts].sort();
      assert(JSON.stringify(counts) === JSON.stringify(wantCounts), `row counts differ:\n  explorer ${counts.join(', ')}\n  Parquet  ${wantCounts.join(', ')}`);
      await w.page.fill('#explore-sql', "SELECT table_name || '.' || column_name || ' ' || data_type AS c FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position");
      await w.page.click('#explore-run');
      const status = await waitForOutcome(w.page);
      assert(/rows? in/.test(status), `listing the columns: ${status}`);
      const columns = (await resultRows(w.page)).map(([c]) => c);
      const want = pkg.resources.map((r) => r.name).sort().flatMap((name) => expected.filter((e) => e.startsWith(`${name}.`)));
      const missing = want.filter((c) => !columns.includes(c));
      const extra = columns.filter((c) => !want.includes(c));
      assert(missing.length === 0 && extra.length === 0, `column types differ from the Parquet files: expected ${missing.join(', ') || 'nothing more'}; found ${extra.join(', ') || 'nothing else'}`);
      assert(w.consoleErrors.length === 0, `console errors: ${w.consoleErrors.join(' | ')}`);
    } finally {
      await w.context.close();
    }
  },

  'a shared ?sql= link runs on arrival: row count and every value equal indicator_values.json': async (ctx) => {
    const { id, rows } = pfaIndicator();
    const sql = `SELECT area_code, period, value FROM indicator_values WHERE indicator_id = '${id}' AND area_type = 'pfa' ORDER BY area_code, period`;
    const w = await openQuery(ctx, sql);
    try {
      assert(w.status.startsWith(`${rows.length.toLocaleString('en-GB')} rows in`), `expected "${rows.length} rows in …", status says "${w.status}"`);
      const shown = await resultRows(w.page);
      assert(shown.length === rows.length, `expected ${rows.length} table rows, found ${shown.length}`);
      const expected = new Map(rows.map((r) => [`${r.area_code} ${r.period}`, r.value]));
      for (const [code, period, value] of shown) {
        const want = expected.get(`${code} ${period}`);
        assert(want !== undefined, `row ${code} ${period} is not in indicator_values.json`);
        if (want === null) assert(value === 'NULL', `${code} ${period}: expected NULL, shown ${value}`);
        else assert(Number(value) === want, `${code} ${period}: expected ${want}, shown ${value}`);
      }
      assert(new URL(w.page.url()).searchParams.get('sql') === sql, 'the page URL no longer carries the query');
      assert(w.consoleErrors.length === 0, `console errors: ${w.consoleErrors.join(' | ')}`);
      assert(w.offOrigin.length === 0, `requests off the site: ${w.offOrigin.join(', ')}`);
    } finally {
      await w.context.close();
    }
  },

  "an indicator's own SQL (from indicators.json) loads from the select and reproduces its published values": async (ctx) => {
    const { id, rows } = pfaIndicator();
    const def = readJson<{ indicators: { id: string; sql: string }[] }>('indicators.json').indicators.find((i) => i.id === id);
    assert(def, `${id} is not in indicators.json`);
    const w = await openPage(ctx);
    try {
      await w.page.goto(`${ctx.baseUrl}explore/`);
      await w.page.waitForFunction(() => /^Ready/.test(document.getElementById('explore-status')?.textContent ?? ''), null, { timeout: 60_000 });
      const option = await w.page.$eval('#explore-indicators', (s, wanted) => Array.from((s as HTMLSelectElement).options).find((o) => o.dataset.id === wanted)?.value, id);
      assert(option, `no option for ${id} in the indicator select`);
      await w.page.selectOption('#explore-indicators', option);
      const editor = await w.page.inputValue('#explore-sql');
      assert(editor === def.sql.trim(), 'the editor does not hold the indicator SQL from indicators.json');
      await w.page.focus('#explore-sql');
      await w.page.keyboard.press('Control+Enter');
      const status = await waitForOutcome(w.page);
      assert(/rows? in/.test(status), `the indicator SQL did not run: ${status} ${await w.page.textContent('#explore-error-message')}`);
      const header = await resultHeader(w.page);
      const [ia, ic, ip, iv] = ['area_type', 'area_code', 'period', 'value'].map((c) => header.indexOf(c));
      const published = new Map(rows.map((r) => [`${r.area_code} ${r.period}`, r.value]));
      let compared = 0;
      for (const cells of await resultRows(w.page)) {
        if (cells[ia] !== 'pfa') continue;
        const want = published.get(`${cells[ic]} ${cells[ip]}`);
        assert(want !== undefined, `the indicator SQL gave ${cells[ic]} ${cells[ip]}, which indicator_values.json does not have`);
        assert(want === null ? cells[iv] === 'NULL' : sameTo12(Number(cells[iv]), want), `${cells[ic]} ${cells[ip]}: browser ${cells[iv]}, published ${want}`);
        compared++;
      }
      assert(compared === rows.length, `compared ${compared} PFA rows, indicator_values.json has ${rows.length}`);
    } finally {
      await w.context.close();
    }
  },

  "every example and every indicator's SQL offered on the page runs without error": async (ctx) => {
    const w = await openPage(ctx);
    try {
      await w.page.goto(`${ctx.baseUrl}explore/`);
      await w.page.waitForFunction(() => /^Ready/.test(document.getElementById('explore-status')?.textContent ?? ''), null, { timeout: 60_000 });
      const offered = await w.page.$$eval('#explore-examples option, #explore-indicators option', (options) =>
        (options as HTMLOptionElement[]).filter((o) => o.value).map((o) => ({ title: o.textContent ?? '', sql: o.value, indicator: Boolean(o.dataset.id), id: o.dataset.id ?? '' })));
      const published = new Set(readJson<{ indicator_id: string }[]>('tables/indicator_values.json').map((v) => v.indicator_id));
      const indicatorCount = readJson<{ indicators: unknown[] }>('indicators.json').indicators.length;
      assert(offered.length >= indicatorCount + 3, `only ${offered.length} queries offered for ${indicatorCount} indicators`);
      const failures: string[] = [];
      let compared = 0;
      for (const q of offered) {
        await w.page.fill('#explore-sql', q.sql);
        await w.page.click('#explore-run');
        const status = await waitForOutcome(w.page);
        if (!/rows? in/.test(status)) failures.push(`${q.title}: ${await w.page.textContent('#explore-error-message')}`);
        // An example may rightly find nothing (no prison over 120%); an indicator's SQL must give values.
        // (An indicator whose source file is registered but not held has no values yet: coverage says not held.)
        else if (q.indicator && /^0 rows/.test(status) && published.has(q.id)) failures.push(`${q.title}: no rows`);
        else {
          // Every query offered is known to the build: its build-time result must be the engine's answer.
          const known = knownResult(q.sql);
          // Queries of the catalogue are left to the engine (site/explore/known.ts).
          if (!known) { if (!/information_schema|duckdb_/i.test(q.sql)) failures.push(`${q.title}: no build-time result (explore/known/${knownKey(q.sql)}.json)`); continue; }
          const differs = knownDiffers(known, await firstRows(w.page, known.rows.length), totalFromStatus(status));
          if (differs) failures.push(`${q.title}: build-time result differs from the engine's: ${differs}`);
          compared++;
        }
      }
      assert(failures.length === 0, failures.join('\n'));
      console.log(`    ${compared} build-time results equal the engine's answers`);
    } finally {
      await w.context.close();
    }
  },

  "a league table's 'query these figures' link shows the build-time result at once, then the engine's equal answer": async (ctx) => {
    const dir = join(DIST, 'league-tables');
    const html = readFileSync(join(dir, readdirSync(dir).find((d) => existsSync(join(dir, d, 'index.html')))!, 'index.html'), 'utf8');
    const href = /href="(\/explore\/\?sql=[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    assert(href, 'no league table links the explorer');
    const sql = new URLSearchParams(href.split('?')[1]).get('sql')!;
    const known = knownResult(sql);
    assert(known, `the league table's query is not known to the build: ${sql}`);
    const w = await openPage(ctx);
    try {
      await w.page.goto(`${ctx.baseUrl}${href.slice(1)}`);
      // The build-time table comes first (the engine needs seconds to load here).
      await w.page.waitForSelector('#explore-result table[data-computed="build"], #explore-result table:not([data-computed])', { timeout: 30_000 });
      const first = await w.page.$eval('#explore-result table', (t) => ({ build: t.getAttribute('data-computed') === 'build', caption: (t as HTMLTableElement).caption?.textContent ?? '' }));
      assert(first.build, 'the engine answered before the build-time result was shown');
      assert(/computed at build time/i.test(first.caption), `the build-time table is not marked: "${first.caption}"`);
      const shownFirst = await firstRows(w.page, known.rows.length);
      const status = await waitForOutcome(w.page);
      assert(/rows? in/.test(status), status);
      assert(await w.page.$('#explore-result table[data-computed="build"]') === null, "the engine's answer did not replace the build-time table");
      const differs = knownDiffers(known, await firstRows(w.page, known.rows.length), totalFromStatus(status));
      assert(!differs, `build-time result differs from the engine's: ${differs}`);
      assert(JSON.stringify(shownFirst) === JSON.stringify(known.rows.map((r) => r.map((c) => c ?? 'NULL'))), 'the build-time table on screen is not the file');
    } finally {
      await w.context.close();
    }
  },

  "a syntax error shows DuckDB's own message": async (ctx) => {
    const w = await openQuery(ctx, 'SELEC area_name FROM pfa');
    try {
      assert(await w.page.isVisible('#explore-error'), 'the error box is hidden');
      const message = (await w.page.textContent('#explore-error-message')) ?? '';
      assert(/^Parser Error: syntax error at or near "SELEC"/.test(message), `unexpected message: ${message}`);
    } finally {
      await w.context.close();
    }
  },

  'a value containing HTML renders as text: no dialog, no element created': async (ctx) => {
    const xss = '<img src=x onerror=alert(1)>';
    const w = await openQuery(ctx, `SELECT '${xss}' AS "<b>name</b>"`);
    try {
      await w.page.waitForTimeout(300);
      assert(w.dialogs.length === 0, `a dialog fired: ${w.dialogs.join(', ')}`);
      assert((await w.page.$$('#explore-result img, #explore-result b')).length === 0, 'an element was created from a value');
      const rows = await resultRows(w.page);
      assert(rows[0]?.[0] === xss, `the cell shows "${rows[0]?.[0]}"`);
      assert((await resultHeader(w.page))[0] === '<b>name</b>', 'the column name did not render as text');
    } finally {
      await w.context.close();
    }
  },

  'a shared query that redefines a published table is flagged next to its result': async (ctx) => {
    const w = await openQuery(ctx, "CREATE OR REPLACE VIEW pfa AS SELECT 'Invented' AS pfa_name; SELECT * FROM pfa");
    try {
      assert(/^1 row in .*may not be the published ones/.test(w.status), `status: ${w.status}`);
      await w.page.fill('#explore-sql', "SELECT 'drop table' AS words, replace('a', 'a', 'b') AS r");
      await w.page.click('#explore-run');
      const plain = await waitForOutcome(w.page);
      assert(!/published ones/.test(plain), `a harmless query was flagged: ${plain}`);
    } finally {
      await w.context.close();
    }
  },

  'a query cannot reach outside the site, nor switch that off': async (ctx) => {
    const w = await openQuery(ctx, "SELECT * FROM read_csv('https://example.com/data.csv')");
    try {
      const message = (await w.page.textContent('#explore-error-message')) ?? '';
      assert(/disabled by configuration/.test(message), `reading a URL was not refused: ${w.status} ${message}`);
      for (const sql of ['SET enable_external_access = true', "LOAD httpfs", "ATTACH 'https://example.com/x.duckdb'"]) {
        await w.page.fill('#explore-sql', sql);
        await w.page.click('#explore-run');
        const status = await waitForOutcome(w.page);
        assert(status.startsWith('The query failed'), `"${sql}" was allowed: ${status}`);
      }
      assert(w.offOrigin.length === 0, `requests off the site: ${w.offOrigin.join(', ')}`);
    } finally {
      await w.context.close();
    }
  },

  'a result over 10,000 rows shows the first 10,000, says so, and the CSV holds every row': async (ctx) => {
    const w = await openQuery(ctx, 'SELECT range AS n, range * 0.5 AS half FROM range(25000)');
    try {
      assert(/25,000 rows in .*Showing the first 10,000/.test(w.status), `status: ${w.status}`);
      const shown = await w.page.$$eval('#explore-result tbody tr', (trs) => trs.length);
      assert(shown === 10_000, `${shown} rows drawn`);
      const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#explore-csv')]);
      const path = await download.path();
      const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
      assert(lines.length === 25_001, `the CSV has ${lines.length} lines`);
      assert(lines[0] === 'n,half' && lines[25_000] === '24999,12499.5', `CSV first/last lines: ${lines[0]} / ${lines[25_000]}`);
    } finally {
      await w.context.close();
    }
  },

  'a long query can be cancelled, and the next query runs': async (ctx) => {
    const w = await openPage(ctx);
    try {
      await w.page.goto(`${ctx.baseUrl}explore/`);
      await w.page.waitForFunction(() => /^Ready/.test(document.getElementById('explore-status')?.textContent ?? ''), null, { timeout: 60_000 });
      await w.page.fill('#explore-sql', 'SELECT count(*) FROM range(100000000000) AS t(a) WHERE a % 7 = 3');
      await w.page.click('#explore-run');
      await w.page.waitForSelector('#explore-cancel:not([hidden])');
      await w.page.waitForTimeout(300);
      await w.page.click('#explore-cancel');
      const status = await waitForOutcome(w.page, 15_000);
      assert(status.startsWith('Cancelled'), `status after cancel: ${status}`);
      await w.page.fill('#explore-sql', 'SELECT count(*) AS n FROM pfa');
      await w.page.click('#explore-run');
      const after = await waitForOutcome(w.page);
      assert(after.startsWith('1 row in'), `the query after a cancel: ${after}`);
      const rows = await resultRows(w.page);
      assert(Number(rows[0][0]) === readJson<unknown[]>('tables/pfa.json').length, `count(*) of pfa shows ${rows[0][0]}`);
    } finally {
      await w.context.close();
    }
  },

  'axe-core finds no accessibility violations on /explore/ with a result on screen': async (ctx) => {
    const w = await openQuery(ctx, 'SELECT pfa_code, pfa_name, country FROM pfa ORDER BY pfa_name');
    try {
      // Evaluated, not injected as a <script>: the page's CSP rightly refuses inline scripts.
      await w.page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
      const violations = await w.page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
        r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + '; e.g. ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`) as string[];
      assert(violations.length === 0, violations.join('\n'));
    } finally {
      await w.context.close();
    }
  },

  'chart-only embed pages: one per area and indicator held for it, each with its title, chart or table, a link back, no console errors': async (ctx) => {
    const areas = readJson<{ slug: string; pfa_code: string }[]>('tables/pfa.json');
    const problems: string[] = [];
    // Two areas in full (a large and a small force); the rest only for existence, to keep this quick.
    const sample = new Set(['greater-manchester', 'cumbria']);
    const w = await openPage(ctx);
    try {
      for (const area of areas) {
        const dir = join(DIST, 'embed', area.slug);
        if (!existsSync(dir)) {
          problems.push(`no embed pages for ${area.slug}`);
          continue;
        }
        if (!sample.has(area.slug)) continue;
        for (const indicatorId of readdirSync(dir)) {
          const path = `embed/${area.slug}/${indicatorId}/`;
          const response = await w.page.goto(`${ctx.baseUrl}${path}`);
          if (!response?.ok()) {
            problems.push(`/${path}: HTTP ${response?.status()}`);
            continue;
          }
          const page = await w.page.evaluate(() => ({
            h1: document.querySelector('h1')?.textContent ?? '',
            figure: Boolean(document.querySelector('figure svg, figure table')),
            back: document.querySelector<HTMLAnchorElement>('a[target="_top"]')?.getAttribute('href') ?? '',
          }));
          if (!page.h1 || !page.figure) problems.push(`/${path}: heading "${page.h1}", chart or table ${page.figure ? 'present' : 'missing'}`);
          const back = page.back.split('#')[0];
          if (!existsSync(join(DIST, back, 'index.html'))) problems.push(`/${path}: the link back (${page.back}) leads nowhere`);
        }
      }
      if (w.consoleErrors.length) problems.push(`console errors: ${w.consoleErrors.slice(0, 5).join(' | ')}`);
      assert(problems.length === 0, problems.join('\n'));
    } finally {
      await w.context.close();
    }
  },

  'chart export (site/explore/export.ts): standalone SVG with styles inline, PNG of twice the size, iframe snippet': async (ctx) => {
    // The module as a page would bundle it (esbuild comes with tsx and Vite), run on an embed page.
    const { buildSync } = await import('esbuild');
    const bundle = buildSync({ entryPoints: ['site/explore/export.ts'], bundle: true, format: 'iife', globalName: 'chartExport', write: false, target: 'es2022' });
    const areas = readJson<{ slug: string }[]>('tables/pfa.json');
    const dir = join(DIST, 'embed', areas[0].slug);
    const withChart = readdirSync(dir).find((id) => readFileSync(join(dir, id, 'index.html'), 'utf8').includes('<svg'));
    assert(withChart, `no embed page of ${areas[0].slug} has a chart`);
    const w = await openPage(ctx);
    try {
      await w.page.goto(`${ctx.baseUrl}embed/${areas[0].slug}/${withChart}/`);
      await w.page.evaluate(`${bundle.outputFiles[0].text};globalThis.chartExport = chartExport;`);
      const out = (await w.page.evaluate(`(async () => {
        const svg = document.querySelector('figure svg');
        const text = chartExport.standaloneSvg(svg);
        const png = await chartExport.svgToPngBlob(svg);
        const head = Array.from(new Uint8Array(await png.slice(0, 8).arrayBuffer()));
        const bitmap = await createImageBitmap(png);
        return { text, head, width: bitmap.width, height: bitmap.height, viewBox: svg.viewBox.baseVal.width,
          snippet: chartExport.embedSnippet('/embed/x/y/', 'A "quoted" <title>') };
      })()`)) as { text: string; head: number[]; width: number; height: number; viewBox: number; snippet: string };
      assert(out.text.startsWith('<?xml') && out.text.includes('xmlns="http://www.w3.org/2000/svg"'), 'the SVG is not a standalone document');
      assert(/style="[^"]*fill:/.test(out.text), 'computed styles are not inline in the SVG');
      assert(out.head.join(',') === '137,80,78,71,13,10,26,10', `not a PNG: ${out.head.join(',')}`);
      assert(out.width === Math.round(out.viewBox) * 2, `PNG is ${out.width}px wide for a ${out.viewBox}px chart`);
      assert(out.snippet.startsWith(`<iframe src="${ctx.baseUrl}embed/x/y/"`) && out.snippet.includes('title="A &quot;quoted&quot; &lt;title&gt;"'), `snippet: ${out.snippet}`);
      assert(w.consoleErrors.length === 0, `console errors: ${w.consoleErrors.join(' | ')}`);
    } finally {
      await w.context.close();
    }
  },

  'other pages load no WebAssembly and no DuckDB worker': async (ctx) => {
    const areas = readJson<{ slug: string }[]>('tables/pfa.json');
    const embedDir = join(DIST, 'embed', areas[0].slug);
    const embed = existsSync(embedDir) ? [`embed/${areas[0].slug}/${readdirSync(embedDir)[0]}/`] : [];
    for (const path of ['', `areas/${areas[0].slug}/`, ...embed]) {
      const w = await openPage(ctx);
      const requested: string[] = [];
      w.page.on('request', (r) => requested.push(r.url()));
      try {
        const response = await w.page.goto(`${ctx.baseUrl}${path}`, { waitUntil: 'networkidle' });
        assert(response?.ok(), `/${path} answered ${response?.status()}`);
        const engine = requested.filter((u) => /\.wasm(\?|$)|duckdb/i.test(u));
        assert(engine.length === 0, `/${path} requested ${engine.join(', ')}`);
      } finally {
        await w.context.close();
      }
    }
  },
};

export const launch = launchChromium;

/** Each explorer check through the shared harness: a check passes when it returns without throwing. */
export async function runExploreChecks(check: HarnessCheck, ctx: Ctx): Promise<void> {
  for (const [name, fn] of Object.entries(exploreChecks)) await check(name, async () => { await fn(ctx); return []; });
}

if (isMain(import.meta.url)) {
  runSuite(async ({ check }) => {
    const server = await serve({ port: 0, dir: DIST });
    const browser = await launch();
    try {
      console.log(`explorer (Chromium, ${server.url})`);
      await runExploreChecks(check, { browser, baseUrl: server.url });
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
