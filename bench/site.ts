/**
 * `npm run bench:site`: the built site (dist/, or BENCH_SITE_DIST) against its performance budget,
 * served by site/serve.ts (precompressed files, as a static host would) in headless Chromium.
 *
 * Per page type (home, area, league table, prison, national, data, methodology, explore):
 * - bytes on the wire as served (brotli), cold cache: JavaScript (page scripts and workers) and
 *   everything, and whether any .wasm is fetched;
 * - LCP and CLS under mobile emulation: 412×823 viewport at DPR 1.75, touch, CPU slowed 4×, and the
 *   network shaped to Lighthouse's mobile profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up),
 *   from Chromium's own PerformanceObserver. Median of BENCH_SITE_RUNS (3) cold loads. Chromium is
 *   started as the tests start it (tests/browser/chromium.ts): without its own UI preloading in each
 *   new window, which on two cores took a core during the load and added up to 0.5 s to LCP here.
 * If the `lighthouse` CLI can be found (LIGHTHOUSE=/path/to/lighthouse/cli/index.js, or the package
 * installed), also Lighthouse's own mobile figures (simulated throttling) per page, as a cross-check.
 * It is not a dependency: the figures above need only Chromium.
 * Then the pipeline's full and no-change run times (bench/pipeline.ts), unless `npm run bench` is the
 * caller, which runs that bench itself.
 *
 * Budgets: <= 60 KB JS on content pages, no .wasm outside /explore/, LCP <= 1.0 s, CLS < 0.05.
 * The area overview (issue 11 §1), Kent: page height at 375 and 1280 px (budget 6,000 px at 375), HTML
 * brotli size (budget 30 KB), and time to its first table row under the mobile profile above, side by
 * side with an Observable Framework page whose table is built at build time (BENCH_PEER_DIST=<obs/dist>
 * from ../shared/measure/peers/setup.sh; without it, ours alone, and the line says so).
 * Figures and PASS/MISS are printed only; the exit code is 0 unless the bench itself cannot run.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serve } from '../site/serve.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from '../tests/browser/chromium.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(process.env.BENCH_SITE_DIST ?? join(ROOT, 'dist'));
const RUNS = Number(process.env.BENCH_SITE_RUNS ?? 3);
const BUDGET = { jsKB: 60, lcpS: 1.0, cls: 0.05 };
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const MOBILE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36' };

interface PageType { label: string; path: string; content: boolean }

function firstDir(dir: string, prefer?: string): string | undefined {
  const d = join(DIST, dir);
  if (!existsSync(d)) return undefined;
  const names = readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return names.find((n) => prefer && n.includes(prefer)) ?? names[0];
}

function pageTypes(): PageType[] {
  const out: PageType[] = [{ label: 'home', path: '/', content: true }];
  const area = firstDir('areas', 'greater-manchester');
  if (area) out.push({ label: 'area', path: `/areas/${area}/`, content: true });
  const league = firstDir('league-tables', 'police_officers_per_100k');
  if (league) out.push({ label: 'league table', path: `/league-tables/${league}/`, content: true });
  out.push({ label: 'prisons list', path: '/prisons/', content: true });
  const prison = firstDir('prisons', 'wandsworth');
  if (prison) out.push({ label: 'prison', path: `/prisons/${prison}/`, content: true });
  out.push({ label: 'national', path: '/national/', content: true });
  out.push({ label: 'data', path: '/data/', content: true });
  out.push({ label: 'methodology', path: '/methodology/', content: true });
  out.push({ label: 'explore', path: '/explore/', content: false });
  return out.filter((p) => existsSync(join(DIST, p.path, 'index.html')));
}

interface Weight { js: number; total: number; requests: number; wasm: string[]; foreign: string[] }

/** Bytes on the wire (bodies as encoded, headers excluded) for one cold load; /explore/ until its engine is ready. */
async function weigh(browser: Browser, base: string, path: string): Promise<Weight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const w: Weight = { js: 0, total: 0, requests: 0, wasm: [], foreign: [] };
  // Playwright reports the requests of dedicated workers (the DuckDB worker) with the page's.
  context.on('requestfinished', (req) => {
    pending.push(
      req.sizes().then(async (s) => {
        const url = req.url();
        if (/^(data|blob):/.test(url)) return;
        if (!url.startsWith(base)) w.foreign.push(url);
        w.requests++;
        // Playwright reports 0 body bytes for a worker's own script; the server's Content-Length is the encoded size.
        const bytes = s.responseBodySize || Number((await req.response())?.headers()['content-length'] ?? 0);
        w.total += bytes;
        if (req.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(url).pathname)) w.js += bytes;
        if (new URL(url).pathname.endsWith('.wasm')) w.wasm.push(new URL(url).pathname);
      }),
    );
  });
  await page.goto(base + path, { waitUntil: 'load' });
  if (path.startsWith('/explore/')) {
    await page.waitForFunction(() => /^Ready|rows? in|failed|could not/i.test(document.getElementById('explore-status')?.textContent ?? ''), null, { timeout: 180_000 });
  }
  await page.waitForLoadState('networkidle').catch(() => {});
  await Promise.all(pending);
  await context.close();
  return w;
}

/**
 * Runs in the page: buffered observers read every entry since navigation start. A string, so the
 * bundler's helpers (esbuild's __name) do not leak into code the browser runs.
 */
const VITALS_IN_PAGE = `(async () => {
  const read = (type) => new Promise((ok) => {
    new PerformanceObserver((list, obs) => { obs.disconnect(); ok(list.getEntries()); }).observe({ type, buffered: true });
    setTimeout(() => ok([]), 500);
  });
  const describe = (el) => (el ? el.nodeName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '') : '?');
  const lcps = await read('largest-contentful-paint');
  const shifts = (await read('layout-shift')).filter((s) => !s.hadRecentInput);
  let best = 0, cur = 0, start = 0, last = -Infinity;
  for (const s of shifts) {
    if (s.startTime - last > 1000 || s.startTime - start > 5000) { cur = 0; start = s.startTime; }
    cur += s.value;
    last = s.startTime;
    best = Math.max(best, cur);
  }
  const lcp = lcps[lcps.length - 1];
  return {
    lcp: lcp ? lcp.startTime / 1000 : NaN,
    lcpElement: lcp ? describe(lcp.element) : '(no LCP entry)',
    cls: best,
    shifts: shifts.map((s) => s.value.toFixed(3) + '@' + Math.round(s.startTime) + 'ms ' + describe(s.sources && s.sources[0] && s.sources[0].node)),
  };
})()`;

/** Largest contentful paint (s) and cumulative layout shift (largest 5 s session window, as Chrome defines CLS). */
async function vitals(browser: Browser, base: string, path: string, mobile = true): Promise<{ lcp: number; cls: number; lcpElement: string; shifts: string[] }> {
  const context = await browser.newContext(mobile ? MOBILE : { viewport: { width: 1280, height: 900 } });
  const page: Page = await context.newPage();
  if (mobile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.goto(base + path, { waitUntil: 'load', timeout: 120_000 });
  // Late shifts (fonts, scripts that reveal controls) happen after load; give them time.
  await page.waitForTimeout(2500);
  const r = (await page.evaluate(VITALS_IN_PAGE)) as { lcp: number; lcpElement: string; cls: number; shifts: string[] };
  await context.close();
  return r;
}

function lighthouseCli(): string | null {
  if (process.env.LIGHTHOUSE) return existsSync(process.env.LIGHTHOUSE) ? process.env.LIGHTHOUSE : null;
  try {
    return createRequire(import.meta.url).resolve('lighthouse/cli/index.js');
  } catch {
    return null;
  }
}

/** One Lighthouse run (mobile, simulated throttling, performance only): LCP s, CLS, TBT ms. */
// Asynchronous: the server answering Lighthouse's Chromium runs in this same process.
function lighthouse(cli: string, url: string): Promise<{ lcp: number; cls: number; tbt: number } | string> {
  return new Promise((ok) => {
    execFile(process.execPath, [cli, url, '--only-categories=performance', '--output=json', '--output-path=stdout', '--quiet', `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`], {
      env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    }, (err, stdout, stderr) => {
      try {
        const audits = JSON.parse(stdout).audits;
        ok({ lcp: audits['largest-contentful-paint'].numericValue / 1000, cls: audits['cumulative-layout-shift'].numericValue, tbt: audits['total-blocking-time'].numericValue });
      } catch {
        ok(`failed (${err?.message.split('\n')[0] ?? 'no JSON'}): ${stderr.trim().split('\n').at(-1)}`);
      }
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (b: number) => (b / 1024).toFixed(1);
const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** Time (ms from navigation start) until a table row with a data cell is visible: checked every frame, as ../shared/measure does. */
const FIRST_ROW_IN_PAGE = `(() => {
  const seen = () => [...document.querySelectorAll('tr')].some((tr) => tr.querySelector('td') && tr.getBoundingClientRect().height > 0 && getComputedStyle(tr).visibility !== 'hidden');
  const tick = () => { if (seen()) { window.__firstRow = performance.now(); } else { requestAnimationFrame(tick); } };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', tick); else tick();
  requestAnimationFrame(tick);
})()`;

async function timeToFirstRow(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext(MOBILE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript({ content: FIRST_ROW_IN_PAGE });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const t = await page.waitForFunction(() => (window as unknown as { __firstRow?: number }).__firstRow, null, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<number>);
  await context.close();
  return t;
}

async function overviewBench(browser: Browser, base: string): Promise<void> {
  const slug = existsSync(join(DIST, 'areas/kent/index.html')) ? 'kent' : firstDir('areas');
  if (!slug) return;
  const path = `/areas/${slug}/`;
  const heights: string[] = [];
  for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 800 }]) {
    const context = await browser.newContext({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
    const page = await context.newPage();
    await page.goto(base + path, { waitUntil: 'load' });
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    heights.push(`${h.toLocaleString('en-GB')} px at ${viewport.width}${viewport.width === 375 ? ` (budget 6,000: ${mark(h <= 6000)})` : ''}`);
    await context.close();
  }
  const html = readFileSync(join(DIST, path, 'index.html'));
  const br = existsSync(join(DIST, path, 'index.html.br'))
    ? readFileSync(join(DIST, path, 'index.html.br')).length
    : brotliCompressSync(html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`
area overview ${path}: ${heights.join(', ')}; HTML ${kb(html.length)} KB raw, ${kb(br)} KB brotli (budget 30 KB: ${mark(br / 1024 <= 30)})`);
  const ours: number[] = [];
  for (let i = 0; i < RUNS; i++) ours.push(await timeToFirstRow(browser, base + path));
  const peerDist = process.env.BENCH_PEER_DIST;
  if (!peerDist || !existsSync(peerDist)) {
    console.log(`  time to first table row (mobile profile, median of ${RUNS}): ours ${Math.round(median(ours))} ms; Observable Framework peer not measured (set BENCH_PEER_DIST to the obs/dist that ../shared/measure/peers/setup.sh builds)`);
    return;
  }
  const peer = await serve({ dir: peerDist, port: 0 });
  try {
    const peerPath = existsSync(join(peerDist, 'profile.html')) ? '/profile.html' : '/profile';
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) theirs.push(await timeToFirstRow(browser, peer.url.replace(/\/$/, '') + peerPath));
    const [a, b] = [median(ours), median(theirs)];
    console.log(`  time to first table row (mobile profile, median of ${RUNS}): ours ${Math.round(a)} ms [${ours.map(Math.round).join(', ')}], Observable Framework ${peerPath} ${Math.round(b)} ms [${theirs.map(Math.round).join(', ')}]: ${(a / b).toFixed(2)}x (goal <= 1x: ${mark(a <= b)})`);
  } finally {
    await peer.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.log(`bench:site skipped: ${DIST}/index.html not found (run \`npm run build\` first).`);
    return;
  }
  console.log(`bench:site on ${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; site ${DIST}`);
  console.log(`mobile: ${MOBILE.viewport.width}x${MOBILE.viewport.height} DPR ${MOBILE.deviceScaleFactor}, CPU 4x slower, ${NETWORK.latency} ms RTT, 1.6 Mbit/s down; median of ${RUNS} cold loads`);
  const server = await serve({ dir: DIST, port: 0 });
  const base = server.url.replace(/\/$/, '');
  const browser = await launchChromium();
  const rows: { p: PageType; w: Weight; lcp: number; cls: number; desk: number; lcpElement: string; shifts: string[] }[] = [];
  try {
    // BENCH_SITE_ONLY=overview: the area overview's figures alone (the page-type table takes minutes).
    for (const p of process.env.BENCH_SITE_ONLY === 'overview' ? [] : pageTypes()) {
      const w = await weigh(browser, base, p.path);
      const v = [];
      for (let i = 0; i < RUNS; i++) v.push(await vitals(browser, base, p.path));
      const lcp = median(v.map((x) => x.lcp));
      const cls = median(v.map((x) => x.cls));
      const worst = v.reduce((a, b) => (b.cls > a.cls ? b : a));
      const desk = (await vitals(browser, base, p.path, false)).lcp;
      rows.push({ p, w, lcp, cls, desk, lcpElement: v.find((x) => x.lcp === lcp)?.lcpElement ?? v[0].lcpElement, shifts: worst.shifts });
    }
    await overviewBench(browser, base);
  } finally {
    await browser.close();
    await server.close();
  }

  const header = ['page', 'path', 'JS KB', 'total KB', 'reqs', 'wasm', 'LCP s', 'CLS', 'desk LCP', 'JS<=60KB', 'no wasm', 'LCP<=1.0s', 'CLS<0.05'];
  const table = rows.map(({ p, w, lcp, cls, desk }) => [
    p.label, p.path.length > 34 ? `${p.path.slice(0, 33)}…` : p.path, kb(w.js), kb(w.total), String(w.requests), w.wasm.length ? `${w.wasm.length} file` : 'none',
    lcp.toFixed(2), cls.toFixed(3), desk.toFixed(2),
    p.content ? mark(w.js / 1024 <= BUDGET.jsKB) : 'n/a',
    p.content ? mark(w.wasm.length === 0) : 'n/a',
    mark(lcp <= BUDGET.lcpS), mark(cls < BUDGET.cls),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('');
  console.log(line(header));
  console.log(widths.map((n) => '-'.repeat(n)).join('  '));
  for (const r of table) console.log(line(r));
  console.log('');
  console.log('(JS and total: compressed bytes on the wire, cold cache, headers excluded. explore: until the engine is ready, worker and WebAssembly included; it has no JS budget.');
  console.log(' LCP and CLS: mobile emulation as above; desk LCP: one load at 1280x900 with no throttling, for comparison. Budgets apply to the mobile figures.)');
  for (const r of rows) {
    console.log(`${r.p.label}: LCP element ${r.lcpElement || '(none)'}${r.cls > 0 ? `; layout shifts (worst run): ${r.shifts.slice(0, 5).join(', ')}` : ''}`);
    if (r.w.foreign.length) console.log(`  requests to other origins: ${r.w.foreign.join(', ')}`);
  }
  const misses = rows.flatMap(({ p, w, lcp, cls }) => [
    p.content && w.js / 1024 > BUDGET.jsKB ? `${p.label}: ${kb(w.js)} KB JS` : '',
    p.content && w.wasm.length ? `${p.label}: fetches ${w.wasm.join(', ')}` : '',
    lcp > BUDGET.lcpS ? `${p.label}: LCP ${lcp.toFixed(2)} s` : '',
    cls >= BUDGET.cls ? `${p.label}: CLS ${cls.toFixed(3)}` : '',
  ]).filter(Boolean);
  console.log(misses.length ? `\nbudget misses: ${misses.join('; ')}` : '\nall budgets met');

  const cli = lighthouseCli();
  if (cli && process.env.BENCH_SITE_LIGHTHOUSE !== '0') {
    console.log(`\nLighthouse (${cli}), mobile, simulated throttling, one run per page:`);
    const server2 = await serve({ dir: DIST, port: 0 });
    try {
      for (const { p } of rows) {
        const r = await lighthouse(cli, server2.url.replace(/\/$/, '') + p.path);
        console.log(`  ${p.label.padEnd(14)} ${typeof r === 'string' ? r : `LCP ${r.lcp.toFixed(2)} s  CLS ${r.cls.toFixed(3)}  TBT ${Math.round(r.tbt)} ms  ${mark(r.lcp <= BUDGET.lcpS)} LCP, ${mark(r.cls < BUDGET.cls)} CLS`}`);
      }
    } finally {
      await server2.close();
    }
  } else {
    console.log('\n(Lighthouse not found: set LIGHTHOUSE=/path/to/lighthouse/cli/index.js for its figures too.)');
  }

  // `npm run bench` (bench/all.ts) runs the pipeline bench itself; alone, this bench runs it too.
  if (process.env.npm_lifecycle_event !== 'bench' && process.env.BENCH_SITE_PIPELINE !== '0' && existsSync(join(ROOT, 'bench/pipeline.ts'))) {
    console.log('\npipeline (bench/pipeline.ts: full run and no-change rebuild):');
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/pipeline.ts')], { cwd: ROOT, stdio: 'inherit' });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
