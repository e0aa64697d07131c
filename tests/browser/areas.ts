/**
 * Browser checks of the area overview, its topic pages and /compare/ (issue 11 §1-§3), on a few
 * pages rather than all 43 × 6: the first screen at 375×812 and 1280×800 shows who answers, the
 * spine chart and a figure; topic pages are complete with JavaScript off and together hold every
 * figure the area has; every anchor of edition 2026.1 (/areas/<slug>/#<indicator_id>) lands on a
 * visible link to the figure's topic page; /compare/ compares with JavaScript and explains itself
 * without; axe-core finds nothing on an overview, a topic page and /compare/. Registered by run.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectedFigure, parseShown, type Display } from './figures.ts';

export interface AreaContext {
  browser: Browser;
  /** Server address without a trailing slash. */
  base: string;
  /** The built site (dist/), whose data/ folder holds the published tables. */
  dist: string;
  /** Where screenshots go (test-results/). */
  out: string;
  check: (name: string, fn: () => Promise<string[]>) => Promise<void>;
}

interface Value { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; rank_of?: number | null }
interface Pfa { pfa_code: string; pfa_name: string; slug: string }
interface Region { pfa_code: string; region_code: string | null }

const TOPICS = ['reoffending', 'prisons', 'policing-and-crime', 'money', 'who-answers'];

async function axeViolations(page: Page, axe: string): Promise<string[]> {
  await page.addScriptTag({ content: axe });
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[]; help: string }) => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} [${v.nodes.length} nodes]`);
  });
}

export async function areaChecks(ctx: AreaContext): Promise<void> {
  const { browser, base, check } = ctx;
  const table = <T>(name: string): T[] => JSON.parse(readFileSync(join(ctx.dist, 'data', 'tables', `${name}.json`), 'utf8'));
  const pfas = table<Pfa>('pfa');
  const values = table<Value>('indicator_values');
  const regions = table<Region>('pfa_region');
  const displays = new Map(
    (JSON.parse(readFileSync(join(ctx.dist, 'data', 'indicators.json'), 'utf8')) as { indicators: { id: string; display: Display }[] }).indicators.map((i) => [i.id, i.display]),
  );
  const kent = pfas.find((p) => p.slug === 'kent') ?? pfas[0];
  const welsh = pfas.find((p) => p.slug === 'dyfed-powys') ?? pfas[1];
  /** Indicator ids with a value for the area (its own) or for its region. */
  const heldFor = (pfa: Pfa): Set<string> => {
    const region = regions.find((r) => r.pfa_code === pfa.pfa_code)?.region_code ?? null;
    return new Set(values.filter((v) => v.value !== null && ((v.area_type === 'pfa' && v.area_code === pfa.pfa_code) || (region && v.area_type === 'region' && v.area_code === region))).map((v) => v.indicator_id));
  };

  await check(`area overview: the first screen shows who answers, the spine chart and a figure (375×812 and 1280×800; ${kent.pfa_name}, ${welsh.pfa_name})`, async () => {
    const problems: string[] = [];
    for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 800 }]) {
      const context = await browser.newContext({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
      const page = await context.newPage();
      for (const pfa of [kent, welsh]) {
        const path = `/areas/${pfa.slug}/`;
        await page.goto(base + path);
        const at = `${path} at ${viewport.width}px`;
        // A string, so the bundler's helpers (esbuild's __name) do not leak into code the browser runs.
        const seen = (await page.evaluate(`(() => {
          const h = ${viewport.height};
          const inView = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.top < h; };
          const figures = [...document.querySelectorAll('.spine-table [data-spine-row] .spine-value')].filter(inView);
          return {
            who: inView(document.querySelector('[data-who-answers] .who-answers-lead')),
            spine: inView(document.querySelector('.spine-table')),
            bars: [...document.querySelectorAll('.spine-table svg.spine-svg')].filter(inView).length,
            figures: figures.map((f) => ({ id: f.getAttribute('data-indicator'), area: f.getAttribute('data-area'), period: f.getAttribute('data-period'), text: (f.textContent || '').trim() })),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        })()`)) as { who: boolean; spine: boolean; bars: number; figures: { id: string; area: string; period: string; text: string }[]; overflow: number };
        if (!seen.who) problems.push(`${at}: who answers is not on the first screen`);
        if (!seen.spine) problems.push(`${at}: the spine chart does not start on the first screen`);
        if (!seen.bars) problems.push(`${at}: no spine bar on the first screen`);
        if (!seen.figures.length) problems.push(`${at}: no figure on the first screen`);
        if (seen.overflow > 1) problems.push(`${at}: scrolls sideways by ${seen.overflow}px`);
        for (const f of seen.figures) {
          const v = values.find((x) => x.indicator_id === f.id && x.area_code === f.area && x.period === f.period);
          const display = displays.get(f.id);
          if (!v || !display) problems.push(`${at}: spine figure ${f.id} ${f.area} ${f.period} is not in indicator_values`);
          else if (parseShown(f.text) !== expectedFigure(display, v.value)) problems.push(`${at}: spine shows ${f.text} for ${f.id}, indicator_values has ${v.value}`);
        }
        if (pfa === kent) {
          // The place in words counts the areas the rank counts (the City of London rule leaves one out of per-resident rates).
          const own = values.filter((x) => x.indicator_id === 'police_officers_per_100k' && x.area_code === kent.pfa_code && x.value !== null).sort((a, b) => a.period.localeCompare(b.period)).at(-1);
          const words = (await page.locator('[data-sentence="Policing"]').first().textContent()) ?? '';
          const n = /of (\d+) areas/.exec(words)?.[1];
          if (own?.rank_of && Number(n) !== own.rank_of) problems.push(`${at}: the policing sentence places Kent among ${n} areas; its rank is of ${own.rank_of} ("${words.trim().slice(0, 120)}")`);
        }
        if (viewport.width === 375 && pfa === kent) await page.screenshot({ path: join(ctx.out, `area-overview-${pfa.slug}-375.png`) });
      }
      await context.close();
    }
    return problems;
  });

  await check(`topic pages with JavaScript off: ${kent.pfa_name}'s five topics hold every figure it has, each with a trend or its table`, async () => {
    const problems: string[] = [];
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const expected = heldFor(kent);
    await page.goto(`${base}/areas/${kent.slug}/`);
    const indexed = await page.$$eval('.figure-index li[id]', (lis) => lis.map((li) => ({ id: li.id, topic: li.getAttribute('data-topic')! })));
    const shown = new Set<string>();
    for (const topic of TOPICS) {
      const path = `/areas/${kent.slug}/${topic}/`;
      const res = await page.goto(base + path);
      if (!res || res.status() !== 200) { problems.push(`${path}: HTTP ${res?.status()}`); continue; }
      const figures = await page.$$eval('section.indicator .figure[data-indicator]', (els) => els.map((e) => ({ id: e.getAttribute('data-indicator')!, area: e.getAttribute('data-area')!, period: e.getAttribute('data-period')!, text: (e.textContent ?? '').trim() })));
      const want = indexed.filter((i) => i.topic === topic).map((i) => i.id).sort();
      const got = figures.map((f) => f.id).sort();
      if (want.join() !== got.join()) problems.push(`${path}: figures ${got.join(', ') || 'none'}; the overview lists ${want.join(', ') || 'none'} for this topic`);
      for (const f of figures) {
        shown.add(f.id);
        const v = values.find((x) => x.indicator_id === f.id && x.area_code === f.area && x.period === f.period);
        if (!v || parseShown(f.text) !== expectedFigure(displays.get(f.id)!, v.value)) problems.push(`${path}: ${f.id} shows "${f.text}", indicator_values has ${v?.value}`);
        const trendOrTable = await page.locator(`section.indicator[id="${f.id}"] :is(svg.chart.trend, table, p.muted)`).count();
        if (!trendOrTable) problems.push(`${path}: ${f.id} has no trend, table or note`);
      }
      const similar = await page.$$eval('[data-similar]', (els) => els.map((e) => `${e.getAttribute('data-similar')}|${(e.textContent ?? '').trim()}`));
      for (const s of similar) if (s.startsWith('absent|') && !s.includes('not in this build')) problems.push(`${path}: similar areas absent but the page says "${s.slice(7)}"`);
    }
    for (const id of expected) if (!shown.has(id)) problems.push(`${kent.pfa_name}: ${id} has a value but is on no topic page`);
    for (const id of shown) if (!expected.has(id)) problems.push(`${kent.pfa_name}: ${id} is shown but has no value for the area or its region`);
    await context.close();
    return problems;
  });

  await check(`old anchors land (edition 2026.1): /areas/${kent.slug}/#<indicator_id> shows a link on to the figure, with JavaScript off`, async () => {
    const problems: string[] = [];
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const ids = [...heldFor(kent)].sort();
    await page.goto(`${base}/areas/${kent.slug}/#${ids[0]}`);
    const anchors = await page.$$eval('[id]', (els, wanted) => els.filter((e) => (wanted as string[]).includes(e.id)).map((e) => ({ id: e.id, href: e.querySelector('a[href]')?.getAttribute('href') ?? null })), ids);
    const byId = new Map(anchors.map((a) => [a.id, a.href]));
    for (const id of ids) {
      const href = byId.get(id);
      if (href === undefined) problems.push(`/areas/${kent.slug}/#${id}: no element with this id on the overview`);
      else if (!href || !new RegExp(`^/areas/${kent.slug}/[a-z-]+/#${id}$`).test(href)) problems.push(`/areas/${kent.slug}/#${id}: its link goes to ${href}, not to a topic page's #${id}`);
    }
    // Two in full: the anchor is scrolled into view, its link is visible, and the link lands on the figure.
    for (const id of ['recorded_crime_per_1000', 'prison_population'].filter((i) => byId.get(i))) {
      await page.goto(`${base}/areas/${kent.slug}/#${id}`);
      const link = page.locator(`[id="${id}"] a[href]`).first();
      const box = await link.boundingBox();
      if (!box || box.y < 0 || box.y > 800) problems.push(`/areas/${kent.slug}/#${id}: the onward link is not in view (y=${box?.y})`);
      await link.click();
      await page.waitForLoadState('load');
      const fig = page.locator(`[id="${id}"] .figure`);
      const fb = await fig.boundingBox();
      if (!fb || fb.y < 0 || fb.y > 800) problems.push(`${page.url()}: the figure is not in view after following the link (y=${fb?.y})`);
    }
    await context.close();
    return problems;
  });

  await check('/compare/: two areas side by side with JavaScript; without it the page explains and links the league tables', async () => {
    const problems: string[] = [];
    const page = await browser.newPage();
    await page.goto(`${base}/compare/?a=${kent.slug}&b=${welsh.slug}`);
    await page.waitForSelector('table.compare', { timeout: 15000 }).catch(() => problems.push('/compare/: no comparison table appeared'));
    const cells = await page.$$eval('table.compare a[data-indicator]', (els) => els.map((e) => ({ id: e.getAttribute('data-indicator')!, area: e.getAttribute('data-area')!, period: e.getAttribute('data-period')!, text: (e.textContent ?? '').trim() })));
    const areasShown = new Set(cells.map((c) => c.area));
    if (!areasShown.has(kent.pfa_code) || !areasShown.has(welsh.pfa_code)) problems.push(`/compare/: figures shown for ${[...areasShown].join(', ')}, expected ${kent.pfa_code} and ${welsh.pfa_code}`);
    for (const c of cells) {
      const v = values.find((x) => x.indicator_id === c.id && x.area_code === c.area && x.period === c.period);
      if (!v || parseShown(c.text) !== expectedFigure(displays.get(c.id)!, v.value)) problems.push(`/compare/: ${c.id} ${c.area} shows "${c.text}", indicator_values has ${v?.value}`);
    }
    await page.selectOption('#compare-b', 'essex').catch(() => undefined);
    if (!/b=essex/.test(page.url()) && pfas.some((p) => p.slug === 'essex')) problems.push(`/compare/: choosing Essex did not put it in the address (${page.url()})`);
    await page.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${base}/compare/`);
    const text = (await noJs.locator('main').textContent()) ?? '';
    if (!/needs JavaScript/.test(text)) problems.push('/compare/ without JavaScript does not say the comparison needs it');
    if ((await noJs.locator('a[href^="/league-tables/"]').count()) < 2) problems.push('/compare/ without JavaScript links no league tables');
    if (await noJs.locator('[data-compare-form]').isVisible()) problems.push('/compare/ shows its form without JavaScript, where it cannot work');
    await context.close();
    return problems;
  });

  await check(`axe-core: no violations on /areas/${kent.slug}/, its prisons and who-answers pages, and /compare/`, async () => {
    const problems: string[] = [];
    const axe = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of [`/areas/${kent.slug}/`, `/areas/${kent.slug}/prisons/`, `/areas/${kent.slug}/who-answers/`, `/compare/?a=${kent.slug}&b=${welsh.slug}`]) {
      await page.goto(base + path);
      if (path.startsWith('/compare/')) await page.waitForSelector('table.compare', { timeout: 15000 }).catch(() => undefined);
      for (const v of await axeViolations(page, axe)) problems.push(`${path}: ${v}`);
    }
    await context.close();
    return problems;
  });
}
