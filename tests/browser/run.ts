/**
 * Browser checks of the built site (dist/): every page renders without console errors, pages are
 * complete without JavaScript, axe-core finds no violations, a keyboard-only path reaches a figure,
 * no internal link or download is broken, and figures on pages equal indicator_values.
 * Builds nothing unless dist/ is missing; JBA_DIST=<dir> checks another build instead (see
 * harness.ts, shared with the explorer and security checks). Prints "N passed, M failed" and exits
 * non-zero on failure.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { DIST, OUT, ROOT, runSuite, type Check } from './harness.ts';
import { headChecks } from './heads.ts';
import { sharingChecks } from './sharing.ts';
import { serve } from '../../site/serve.ts';
import { htmlFiles, checkLinks } from './links.ts';
import { expectedFigure, parseShown, type Display } from './figures.ts';
import { ensureDataBuild, ensureSite } from './prepare.ts';

interface IndicatorValue { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null }
interface IndicatorMeta { id: string; title: string; display: Display }
interface Pfa { pfa_code: string; pfa_name: string; slug: string }

const json = <T>(rel: string): T => JSON.parse(readFileSync(join(DIST, 'data', rel), 'utf8'));

async function main(check: Check): Promise<void> {
  ensureDataBuild();
  ensureSite();
  mkdirSync(OUT, { recursive: true });
  const server = await serve({ dir: DIST, port: 0 });
  const base = server.url.replace(/\/$/, '');
  const browser: Browser = await launchChromium();
  const values = json<IndicatorValue[]>('tables/indicator_values.json');
  const meta = new Map(json<{ indicators: IndicatorMeta[] }>('indicators.json').indicators.map((i) => [i.id, i]));
  const pfas = json<Pfa[]>('tables/pfa.json');
  const valueOf = new Map(values.map((v) => [`${v.indicator_id}|${v.area_code}|${v.period}`, v]));
  const pages = htmlFiles(DIST)
    .map((f) => '/' + f.slice(DIST.length + 1).replace(/index\.html$/, '').replace(/\\/g, '/'))
    // The explorer helper's pages (/explore/, and /embed/ chart-only pages) have their own browser
    // tests (tests/browser/explore*).
    .filter((p) => !p.startsWith('/explore/') && !p.startsWith('/embed/') && p !== '/404.html');
  const leagues = pages.filter((p) => /^\/league-tables\/[^/]+\/$/.test(p));
  const leagueFor = (id: string) => leagues.find((p) => p === `/league-tables/${id}/`) ?? leagues[0];

  try {
    await check(`every page renders with a heading and no console errors (${pages.length} pages, all areas and prisons)`, async () => {
      const problems: string[] = [];
      const context = await browser.newContext();
      // A few tabs at once: most of a page's time is waiting on the server and the load event.
      const queue = [...pages];
      const worker = async () => {
        const page = await context.newPage();
        let current = '';
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`${current}: console error: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`${current}: page error: ${e.message}`));
        for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
          current = path;
          const res = await page.goto(base + path, { waitUntil: 'load' });
          if (!res || res.status() !== 200) problems.push(`${path}: HTTP ${res?.status()}`);
          const h1 = await page.locator('h1').count();
          if (h1 !== 1) problems.push(`${path}: ${h1} h1 elements (expected 1)`);
        }
        await page.close();
      };
      await Promise.all([worker(), worker(), worker()]);
      for (const area of pfas) if (!pages.includes(`/areas/${area.slug}/`)) problems.push(`no page for area ${area.pfa_name} (/areas/${area.slug}/)`);
      await context.close();
      return problems;
    });

    // Figures shown on a page against indicator_values: the number as displayed must be the
    // published value rounded as the indicator's display rule says.
    const figureProblems = async (page: Page, path: string, selector: string): Promise<{ problems: string[]; count: number }> => {
      const problems: string[] = [];
      const shown = await page.$$eval(selector, (els) => els.map((e) => ({ id: e.getAttribute('data-indicator')!, area: e.getAttribute('data-area')!, period: e.getAttribute('data-period')!, text: (e.textContent ?? '').trim() })));
      for (const f of shown) {
        const v = valueOf.get(`${f.id}|${f.area}|${f.period}`);
        const ind = meta.get(f.id);
        if (!v || !ind) { problems.push(`${path}: ${f.id} ${f.area} ${f.period} is not in indicator_values`); continue; }
        const expected = expectedFigure(ind.display, v.value);
        const got = parseShown(f.text);
        if (expected === null ? f.text !== 'no value' : got !== expected) problems.push(`${path}: ${f.id} for ${f.area} shows "${f.text}", indicator_values has ${v.value} (expected ${expected})`);
      }
      return { problems, count: shown.length };
    };

    await check('with JavaScript off, an area profile and a league table show all their figures', async () => {
      const problems: string[] = [];
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const area = pfas.find((p) => p.slug === 'lancashire') ?? pfas[0];
      await page.goto(`${base}/areas/${area.slug}/`);
      const expectedIds = new Set(values.filter((v) => v.area_type === 'pfa' && v.area_code === area.pfa_code && v.value !== null).map((v) => v.indicator_id));
      const r = await figureProblems(page, `/areas/${area.slug}/`, '.figure[data-level="pfa"][data-indicator]');
      problems.push(...r.problems);
      if (r.count !== expectedIds.size) problems.push(`/areas/${area.slug}/ shows ${r.count} PFA figures; indicator_values has ${expectedIds.size} indicators for ${area.pfa_name}`);
      // Trend charts sit on the topic pages; the overview carries the spine chart.
      await page.goto(`${base}/areas/${area.slug}/policing-and-crime/`);
      if (!(await page.locator('svg.chart.trend').count())) problems.push(`no trend chart rendered without JavaScript on /areas/${area.slug}/policing-and-crime/`);
      const league = leagueFor('police_officers_per_100k');
      await page.goto(base + league);
      const l = await figureProblems(page, league, 'table.league td[data-indicator]');
      problems.push(...l.problems);
      if (l.count !== pfas.length) problems.push(`${league} has ${l.count} area rows, expected ${pfas.length}`);
      const ranks = await page.$$eval('table.league tbody tr td:first-child', (els) => els.map((e) => Number(e.getAttribute('data-sort') || Infinity)));
      if (ranks.some((r, i) => i > 0 && r < ranks[i - 1])) problems.push(`${league} is not sorted by rank without JavaScript`);
      await context.close();
      return problems;
    });

    await check('figures on five area pages, home and national equal indicator_values (JavaScript on)', async () => {
      const problems: string[] = [];
      const page = await browser.newPage();
      const chosen = ['metropolitan-police', 'city-of-london', 'cumbria', 'dyfed-powys', 'north-yorkshire'].map((s) => pfas.find((p) => p.slug === s)).filter((p): p is Pfa => !!p);
      let total = 0;
      for (const a of chosen) {
        await page.goto(`${base}/areas/${a.slug}/`);
        const r = await figureProblems(page, `/areas/${a.slug}/`, '.figure[data-indicator]');
        problems.push(...r.problems);
        total += r.count;
      }
      for (const path of ['/', '/national/']) {
        await page.goto(base + path);
        const r = await figureProblems(page, path, '[data-indicator][data-period]');
        problems.push(...r.problems);
        if (r.count === 0) problems.push(`${path} shows no England and Wales figures`);
        total += r.count;
      }
      if (total < chosen.length) problems.push(`only ${total} figures checked`);
      await page.close();
      return problems;
    });

    await check('axe-core: no violations on home, an area profile, a league table, prisons, data, methodology', async () => {
      const problems: string[] = [];
      const axe = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      const league = leagueFor('police_officers_per_100k');
      // The site's CSP forbids inline scripts, so the test context bypasses it to inject axe-core.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      for (const path of ['/', '/areas/greater-manchester/', league, '/prisons/', '/data/', '/methodology/', '/league-tables/', '/national/', '/about/']) {
        await page.goto(base + path);
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () => {
          // @ts-expect-error axe is injected above
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[]; help: string }) => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} [${v.nodes.length} nodes]`);
        });
        for (const v of violations) problems.push(`${path}: ${v}`);
      }
      await context.close();
      return problems;
    });

    await check('keyboard only (Tab and Enter): home → Cumbria → its police officers per 100,000 figure', async () => {
      const problems: string[] = [];
      const page = await browser.newPage();
      await page.goto(base + '/');
      const tabTo = async (name: RegExp, limit: number) => {
        for (let i = 0; i < limit; i++) {
          await page.keyboard.press('Tab');
          const text = await page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
          if (name.test(text)) return i + 1;
        }
        return -1;
      };
      const n1 = await tabTo(/^Cumbria$/, 150);
      if (n1 < 0) { problems.push('could not reach the Cumbria link by Tab from home'); return problems; }
      const focusVisible = await page.evaluate(() => { const el = document.activeElement as HTMLElement; const s = getComputedStyle(el); return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; });
      if (!focusVisible) problems.push('the focused link shows no focus indicator');
      await Promise.all([page.waitForURL('**/areas/cumbria/'), page.keyboard.press('Enter')]);
      const target = meta.has('police_officers_per_100k') ? 'police_officers_per_100k' : [...meta.keys()][0];
      const title = meta.get(target)!.title;
      const n2 = await tabTo(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), 80);
      if (n2 < 0) { problems.push(`could not reach the "${title}" link on the Cumbria page by Tab`); return problems; }
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => location.hash === `#${id}`, target);
      const figure = page.locator(`#${target} .figure`);
      if (!(await figure.isVisible())) problems.push('figure not visible');
      const box = await figure.boundingBox();
      const vh = page.viewportSize()!.height;
      if (!box || box.y < 0 || box.y > vh) problems.push(`figure is not in view after Enter (y=${box?.y})`);
      const text = (await figure.textContent())?.trim();
      if (!text || text === 'no value') problems.push(`figure reads "${text}"`);
      console.log(`    reached in ${n1} + ${n2} Tabs and 2 Enters; figure reads ${text}`);
      await page.close();
      return problems;
    });

    await check('home search filters as you type, and finds "HMP Wandsworth" (JavaScript on)', async () => {
      const problems: string[] = [];
      const page = await browser.newPage();
      await page.goto(base + '/');
      await page.fill('#finder-input', 'barrow');
      await page.waitForTimeout(400);
      const visible = await page.$$eval('[data-finder-group] li[data-name]', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.textContent?.trim() ?? ''));
      if (!visible.length || !visible.every((t) => /barrow/i.test(t))) problems.push(`searching "barrow" shows: ${visible.slice(0, 5).join('; ')}`);
      if (!visible.some((t) => /Cumbria/.test(t))) problems.push('Barrow-in-Furness is not shown with Cumbria');
      // Readers type a prison as it is styled: the HMP prefix is not part of the listed name.
      await page.fill('#finder-input', 'HMP Wandsworth');
      await page.waitForTimeout(400);
      const prisons = await page.$$eval('[data-finder-group] li[data-name]', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.textContent?.trim() ?? ''));
      if (!prisons.some((t) => /Wandsworth/.test(t))) problems.push(`searching "HMP Wandsworth" shows: ${prisons.slice(0, 5).join('; ') || 'nothing'}`);
      await page.close();
      return problems;
    });

    await check('league table sorts with JavaScript and keeps aria-sort in step', async () => {
      const problems: string[] = [];
      const page = await browser.newPage();
      const league = leagueFor('police_officers_per_100k');
      await page.goto(base + league);
      await page.click('th button.sort:has-text("Area")');
      const names = await page.$$eval('table.league tbody th', (els) => els.map((e) => e.textContent!.trim()));
      const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en-GB'));
      if (names.join('|') !== sorted.join('|')) problems.push('rows are not in name order after sorting by Area');
      const sortAttr = await page.$eval('th:has(button.sort:has-text("Area"))', (e) => e.getAttribute('aria-sort'));
      if (sortAttr !== 'ascending') problems.push(`aria-sort on Area is ${sortAttr}`);
      await page.close();
      return problems;
    });

    await headChecks({ browser, base, dist: DIST, check });
    await sharingChecks({ browser, base, dist: DIST, check });
    await check('no broken internal links, fragments or downloads in any built page', async () => checkLinks(DIST));
    await (await import('./accountability.ts')).accountabilityChecks({ browser, base, dist: DIST, out: OUT, check });
    await (await import('./areas.ts')).areaChecks({ browser, base, dist: DIST, out: OUT, check });

    await check('screenshots of home, an area and a league table at 1280 and 375 px', async () => {
      const league = leagueFor('recorded_crime_per_1000');
      const problems: string[] = [];
      for (const width of [1280, 375]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        for (const [name, path] of [['home', '/'], ['area-cumbria', '/areas/cumbria/'], ['league-table', league]] as const) {
          await page.goto(base + path);
          await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: false });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 1) problems.push(`${path} at ${width}px scrolls sideways by ${overflow}px`);
        }
        await page.close();
      }
      return problems;
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

runSuite((h) => main(h.check));
