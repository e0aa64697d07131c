/**
 * Browser checks of the accountability parts: every area page names who answers for it (all 43, with
 * JavaScript off) and carries the term record; /commissioning/ shows the published cost per place
 * without JavaScript and recomputes the notional cost from the published places when the reader
 * changes the tariff. Expected text is worked out here from the published tables, independently of
 * the site's own wording code (site/lib/accountability.ts). Registered by run.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectedFigure, parseShown, type Display } from './figures.ts';

export interface AccountabilityContext {
  browser: Browser;
  /** Server address without a trailing slash. */
  base: string;
  /** The built site (dist/), whose data/ folder holds the published tables. */
  dist: string;
  /** Where screenshots go (test-results/). */
  out: string;
  check: (name: string, fn: () => Promise<string[]>) => Promise<void>;
}

interface Holder { pfa_code: string; round: number; arrangement: string; holder_name: string | null; election: string | null; election_date: string | null }
interface Term { pfa_code: string; indicator_id: string; status: string; start_period: string; start_value: number | null; latest_period: string; latest_value: number | null; tenure_start: string | null }
interface Value { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; numerator: number | null; denominator: number | null }
interface Pfa { pfa_code: string; pfa_name: string; slug: string }

const longDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const pounds = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;

/** The current holder and the election from which they have been returned every round since. */
function expectedHolder(rows: Holder[]): { holder: Holder; since: string | null } {
  const sorted = [...rows].sort((a, b) => a.round - b.round);
  const holder = sorted.at(-1)!;
  let since: string | null = null;
  for (const r of sorted.reverse()) {
    if (r.holder_name !== holder.holder_name || !r.election_date) break;
    since = r.election_date;
  }
  return { holder, since };
}

/** The words the sentence must contain for each arrangement pcc_holder publishes. */
function officeMustSay(h: Holder): RegExp {
  if (h.arrangement === 'PCC') return /Police and Crime Commissioner since the election of/;
  if (h.arrangement.startsWith('Combined authority mayor')) {
    const place = /^(.+) mayoral election$/.exec(h.election ?? '')?.[1] ?? '';
    return new RegExp(`Mayor of ${place}, holding the police and crime commissioner functions, since the election of`);
  }
  if (h.arrangement.startsWith('Mayor of London')) return /Mayor of London, holding the police and crime commissioner functions through the Mayor's Office for Policing and Crime \(MOPAC\), since the election of/;
  if (h.arrangement.startsWith('City of London Corporation')) return /City of London Corporation is the police authority/;
  return /^$/;
}

export async function accountabilityChecks(ctx: AccountabilityContext): Promise<void> {
  const { browser, base, check } = ctx;
  const table = <T>(name: string): T[] => JSON.parse(readFileSync(join(ctx.dist, 'data', 'tables', `${name}.json`), 'utf8'));
  const pfas = table<Pfa>('pfa');
  const holders = table<Holder>('pcc_holder');
  const terms = table<Term>('term_record');
  const values = table<Value>('indicator_values');
  const displays = new Map(
    (JSON.parse(readFileSync(join(ctx.dist, 'data', 'indicators.json'), 'utf8')) as { indicators: { id: string; display: Display }[] }).indicators.map((i) => [i.id, i.display]),
  );

  /** Opens every area page in turn with JavaScript off and collects what `visit` finds wrong on each. */
  const eachAreaPageWithoutJs = async (visit: (page: Page, pfa: Pfa, path: string, problems: string[]) => Promise<void>): Promise<string[]> => {
    const problems: string[] = [];
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      for (const pfa of pfas) {
        const path = `/areas/${pfa.slug}/`;
        await page.goto(base + path);
        await visit(page, pfa, path, problems);
      }
    } finally {
      await context.close();
    }
    return problems;
  };

  await check(`every area page names who answers for it and since when, with JavaScript off (${pfas.length} areas)`, () => eachAreaPageWithoutJs(async (page, pfa, path, problems) => {
    const lead = page.locator('[data-who-answers] .who-answers-lead');
    if ((await lead.count()) !== 1) { problems.push(`${path}: no "who answers" sentence`); return; }
    const text = ((await lead.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const rows = holders.filter((h) => h.pfa_code === pfa.pfa_code);
    if (!rows.length) { problems.push(`${path}: pcc_holder has no row for ${pfa.pfa_code}`); return; }
    const { holder, since } = expectedHolder(rows);
    if (!officeMustSay(holder).test(text)) problems.push(`${path}: "${text}" does not say the office for '${holder.arrangement}'`);
    if (since) {
      if (!holder.holder_name || !text.startsWith(holder.holder_name)) problems.push(`${path}: "${text}" does not start with the holder ${holder.holder_name}`);
      if (!text.endsWith(`since the election of ${longDate(since)}.`)) problems.push(`${path}: "${text}" should end "since the election of ${longDate(since)}."`);
    }
    // At the top: before the area's figures and before the councils.
    const first = await page.evaluate(() => {
      const who = document.querySelector('[data-who-answers]');
      const figures = document.querySelector('#figures');
      return !!who && !!figures && !!(who.compareDocumentPosition(figures) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    if (!first) problems.push(`${path}: "who answers" is not above the area's figures`);
    const history = await page.locator('table.holders tbody tr').count();
    if (history !== rows.length) problems.push(`${path}: ${history} rows of office holders, pcc_holder has ${rows.length}`);
    const unlinked = await page.$$eval('table.holders tbody tr', (trs) => trs.filter((tr) => !tr.querySelector('a[href^="https://"]')).length);
    if (unlinked) problems.push(`${path}: ${unlinked} office-holder rows without a source link`);
  }));

  await check(`the term record is on every area page and matches term_record, with JavaScript off (${pfas.length} areas)`, () => eachAreaPageWithoutJs(async (page, pfa, path, problems) => {
    const { since } = expectedHolder(holders.filter((h) => h.pfa_code === pfa.pfa_code));
    const state = await page.$$eval('[data-term-record]', (els) => els.map((e) => e.getAttribute('data-term-record')));
    if (!since) {
      if (!state.includes('no-holder')) problems.push(`${path}: no elected holder, but the page does not say there is no term to compare (${state.join(', ') || 'nothing'})`);
      return;
    }
    const own = terms.filter((t) => t.pfa_code === pfa.pfa_code);
    const wrongStart = own.find((t) => t.tenure_start !== since);
    if (wrongStart) problems.push(`term_record dates ${pfa.pfa_name}'s tenure from ${wrongStart.tenure_start}; pcc_holder gives ${since} (pipeline/derived/term_record.ts)`);
    if (!state.includes('table')) { problems.push(`${path}: no term record table (${state.join(', ') || 'nothing'})`); return; }
    const shown = await page.$$eval('table.term-record tbody tr', (trs) => trs.map((tr) => ({
      id: tr.getAttribute('data-indicator')!,
      status: tr.getAttribute('data-status')!,
      start: tr.querySelector('[data-term="start"]')?.firstChild?.textContent?.trim() ?? null,
      latest: tr.querySelector('[data-term="latest"]')?.firstChild?.textContent?.trim() ?? null,
      words: tr.querySelector('[data-term="status"]')?.textContent?.trim() ?? null,
    })));
    if (shown.length !== own.length) problems.push(`${path}: ${shown.length} term record rows, term_record has ${own.length}`);
    for (const s of shown) {
      const t = own.find((x) => x.indicator_id === s.id);
      const display = displays.get(s.id);
      if (!t || !display) { problems.push(`${path}: term record row ${s.id} is not in term_record`); continue; }
      if (s.status !== t.status) problems.push(`${path}: ${s.id} status ${s.status}, term_record says ${t.status}`);
      if (parseShown(s.latest ?? '') !== expectedFigure(display, t.latest_value)) problems.push(`${path}: ${s.id} latest shows "${s.latest}", term_record has ${t.latest_value}`);
      if (t.status === 'compared' && parseShown(s.start ?? '') !== expectedFigure(display, t.start_value)) problems.push(`${path}: ${s.id} start shows "${s.start}", term_record has ${t.start_value}`);
      if (t.status === 'no_figures_in_term' && !/^No figures published for this term are held yet/.test(s.words ?? '')) problems.push(`${path}: ${s.id} has no term figures but reads "${s.words}"`);
      if (t.status === 'single_period' && !/^Only one period is held/.test(s.words ?? '')) problems.push(`${path}: ${s.id} has one period but reads "${s.words}"`);
    }
    const text = (await page.locator('.term-record-section').textContent()) ?? '';
    if (!/Association, not cause/.test(text)) problems.push(`${path}: the term record does not say it shows association, not cause`);
    if (/\b(because of|thanks to|caused by|due to)\b/i.test(text)) problems.push(`${path}: the term record uses causal words`);
  }));

  const cost = values.filter((v) => v.indicator_id === 'notional_prison_place_cost');
  const ewCost = cost.find((v) => v.area_type === 'england_wales');
  const costDisplay = displays.get('notional_prison_place_cost');

  const costCells = (page: Page) => page.$$eval('table[data-commissioning] [data-notional-cost]', (els) => els.map((e) => ({ area: e.getAttribute('data-area')!, text: (e.textContent ?? '').trim() })));

  await check('/commissioning/ without JavaScript: the published cost per place and the notional cost at it for every area', async () => {
    const problems: string[] = [];
    if (!ewCost || ewCost.denominator === null || !costDisplay) return ['indicator_values has no England and Wales notional_prison_place_cost with its cost per place'];
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/commissioning/`);
    const tariff = (await page.locator('[data-published-tariff]').textContent())?.trim();
    if (tariff !== pounds(ewCost.denominator)) problems.push(`published cost per place shows "${tariff}", indicator_values has ${ewCost.denominator}`);
    // The cost year is that of the first-published cost per place the indicator multiplies by (its denominator).
    const year = table<{ measure: string; restated: boolean; value_gbp: number; financial_year: string }>('prison_cost_national').find((c) => c.measure === 'overall_cost_per_place' && !c.restated && c.value_gbp === ewCost.denominator)?.financial_year;
    const tariffText = (await page.locator('[data-published-tariff-text]').textContent()) ?? '';
    if (!year || !tariffText.includes(year)) problems.push(`the published cost per place does not state its year (${year})`);
    if (await page.locator('[data-tariff-form]').isVisible()) problems.push('the tariff input shows without JavaScript, where it cannot work');
    const cells = await costCells(page);
    if (cells.length !== pfas.length + 1) problems.push(`${cells.length} notional cost cells, expected ${pfas.length} areas and England and Wales`);
    for (const c of cells) {
      const v = cost.find((x) => x.area_code === c.area);
      if (!v) { problems.push(`no published notional cost for ${c.area}`); continue; }
      if (parseShown(c.text) !== expectedFigure(costDisplay, v.value)) problems.push(`${c.area}: notional cost shows "${c.text}", indicator_values has ${v.value}`);
    }
    const body = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    if (!/Prisons in the area, not prisoners from the area/i.test(body)) problems.push('the page does not say "prisons in the area, not prisoners from the area"');
    if (!/scenario/i.test(body)) problems.push('the page does not call itself a scenario');
    for (const m of body.matchAll(/spending/gi)) {
      if (!/\bnot (\w+ )?$/i.test(body.slice(Math.max(0, m.index! - 12), m.index))) problems.push(`"${body.slice(Math.max(0, m.index! - 40), m.index! + 30)}": the notional cost must never read as spending`);
    }
    await context.close();
    return problems;
  });

  await check('/commissioning/ with JavaScript: changing the tariff recomputes every notional cost from the published places, and resets', async () => {
    const problems: string[] = [];
    if (!ewCost || ewCost.denominator === null || !costDisplay) return ['indicator_values has no England and Wales notional_prison_place_cost'];
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${base}/commissioning/`);
    if (!(await page.locator('#tariff-input').isVisible())) { await page.close(); return ['the tariff input is not shown with JavaScript']; }
    const tariff = 45_000;
    await page.fill('#tariff-input', String(tariff));
    await page.waitForFunction(() => document.querySelector('#tariff-status')?.textContent?.includes('Your scenario'), null, { timeout: 5000 }).catch(() => problems.push('the status line never says "Your scenario"'));
    for (const c of await costCells(page)) {
      const places = cost.find((x) => x.area_code === c.area)?.numerator;
      if (places === null || places === undefined) { problems.push(`no published places for ${c.area}`); continue; }
      if (c.text !== pounds(places * tariff)) problems.push(`${c.area}: at £${tariff} shows "${c.text}", expected ${pounds(places * tariff)} (${places} places)`);
    }
    const caption = (await page.locator('table[data-commissioning] caption').textContent()) ?? '';
    if (!/your scenario/i.test(caption)) problems.push(`the caption does not say the costs are the reader's scenario: "${caption.trim()}"`);
    await page.fill('#tariff-input', 'abc');
    await page.waitForFunction(() => document.querySelector('#tariff-input')?.getAttribute('aria-invalid') === 'true', null, { timeout: 5000 }).catch(() => problems.push('a tariff of "abc" is not marked invalid'));
    await page.fill('#tariff-input', '50000');
    await page.waitForFunction(() => document.querySelector('#tariff-status')?.textContent?.includes('£50,000'), null, { timeout: 5000 }).catch(() => problems.push('a second tariff did not recompute'));
    await page.click('[data-tariff-reset]');
    for (const c of await costCells(page)) {
      const v = cost.find((x) => x.area_code === c.area);
      if (v && parseShown(c.text) !== expectedFigure(costDisplay, v.value)) problems.push(`${c.area}: after reset shows "${c.text}", published ${v.value}`);
    }
    problems.push(...errors.map((e) => `page error: ${e}`));
    await page.close();
    return problems;
  });

  await check('axe-core: no violations on /commissioning/ (after a scenario) and on an area page with its office-holder details open', async () => {
    const problems: string[] = [];
    const axe = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
    // The injected axe script is inline, which the site's Content-Security-Policy (rightly) refuses.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const [path, prepare] of [
      ['/commissioning/', async () => { await page.fill('#tariff-input', '45000'); await page.waitForTimeout(400); }],
      ['/areas/south-yorkshire/', async () => { await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; })); }],
    ] as const) {
      await page.goto(base + path);
      await prepare();
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        // @ts-expect-error axe is injected above
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[]; help: string }) => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      for (const v of violations) problems.push(`${path}: ${v}`);
    }
    await context.close();
    return problems;
  });

  await check('screenshots of an area page top and /commissioning/ at 1280 and 375 px, without sideways scrolling', async () => {
    const problems: string[] = [];
    for (const width of [1280, 375]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      for (const [name, path] of [['area-top-greater-manchester', '/areas/greater-manchester/'], ['commissioning', '/commissioning/']] as const) {
        await page.goto(base + path);
        await page.screenshot({ path: join(ctx.out, `${name}-${width}.png`), fullPage: false });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) problems.push(`${path} at ${width}px scrolls sideways by ${overflow}px`);
      }
      await page.close();
    }
    return problems;
  });
}
