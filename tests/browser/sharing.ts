/**
 * Sharing, printing, finding (issue 11 §5), in one pass of a few pages: a chart's share links and,
 * with JavaScript, its PNG button and iframe snippet; a league table opened from a shared link in the
 * sender's sort order, with its own CSV; the commissioning tariff from a shared link; the deaths
 * league table within an A4 column when printed (it was 923 px in 680).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Check } from './harness.ts';

/** A4 between 15 mm margins at 96 px to the inch. */
const A4_COLUMN_PX = 680;

export async function sharingChecks(ctx: { browser: Browser; base: string; dist: string; check: Check }): Promise<void> {
  await ctx.check('sharing: chart downloads and embed code, league table sort and CSV from a shared link, the tariff in the address, A4 print', async () => {
    const problems: string[] = [];
    const page = await ctx.browser.newPage();
    // Trend charts are on the topic pages (the overview has the spine chart).
    const topic = '/areas/kent/policing-and-crime/';
    await page.goto(`${ctx.base}${topic}`);
    const share = page.locator('.chart-export').first();
    const links = await share.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    if (!links.some((h) => /^\/embed\/kent\/[^/]+\/chart\.svg$/.test(h)) || !links.some((h) => /data\.csv$/.test(h)) || !links.some((h) => /^\/embed\/kent\/[^/]+\/$/.test(h))) problems.push(`the first chart on ${topic} links ${links.join(', ')}: expected its SVG, CSV and chart-only page`);
    if (!(await share.locator('button:has-text("Download PNG")').count())) problems.push('no PNG button under the chart with JavaScript on');
    const snippet = await share.locator('textarea').inputValue().catch(() => '');
    if (!new RegExp(`^<iframe src="${ctx.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/embed/kent/`).test(snippet)) problems.push(`embed snippet reads "${snippet.slice(0, 120)}"`);

    const league = '/league-tables/prison_deaths_per_1000/';
    await page.goto(`${ctx.base}${league}?sort=value&order=descending`);
    const values = await page.$$eval('#league-table tbody td[data-indicator]', (tds) => tds.map((td) => Number(td.getAttribute('data-sort') || NaN)).filter((n) => !Number.isNaN(n)));
    if (!values.length || values.some((v, i) => i > 0 && v > values[i - 1])) problems.push(`${league}?sort=value&order=descending is not in descending value order`);
    await page.click('th:has(button.sort:has-text("Area")) button');
    if (new URL(page.url()).searchParams.get('sort') !== 'area') problems.push(`sorting by Area left the address at ${page.url()}`);
    const csv = readFileSync(join(ctx.dist, league, 'table.csv'), 'utf8').trim().split('\n');
    const rows = await page.locator('#league-table tbody tr').count();
    if (csv.length - 1 !== rows) problems.push(`table.csv has ${csv.length - 1} rows, the table on screen ${rows}`);
    if (!(await page.locator('a[data-table-csv]').count())) problems.push(`${league} has no "Download this table" link`);

    await page.goto(`${ctx.base}/commissioning/?tariff=50000`);
    if ((await page.inputValue('#tariff-input')) !== '50000') problems.push('/commissioning/?tariff=50000 did not fill the tariff box');
    await page.waitForFunction(() => /Your scenario/.test(document.getElementById('tariff-status')?.textContent ?? ''), null, { timeout: 5000 }).catch(() => problems.push('/commissioning/?tariff=50000 did not recompute the scenario'));
    await page.close();

    const print = await ctx.browser.newPage({ viewport: { width: A4_COLUMN_PX, height: 1000 } });
    await print.emulateMedia({ media: 'print' });
    await print.goto(`${ctx.base}${league}`);
    const width = await print.$eval('table.league', (t) => t.scrollWidth);
    if (width > A4_COLUMN_PX) problems.push(`printed, ${league} is ${width} px wide in a ${A4_COLUMN_PX} px A4 column`);
    // An area's pages print too: no table wider than the column (the votes and prisons tables were).
    for (const path of ['/areas/kent/', '/areas/kent/prisons/', '/areas/kent/who-answers/']) {
      await print.goto(`${ctx.base}${path}`);
      const wide = await print.$$eval('main table', (ts) => ts.map((t) => ({ w: t.scrollWidth, what: t.querySelector('caption')?.textContent?.trim().slice(0, 60) ?? t.className })));
      for (const t of wide) if (t.w > A4_COLUMN_PX) problems.push(`printed, a table on ${path} ("${t.what}") is ${t.w} px wide in a ${A4_COLUMN_PX} px A4 column`);
    }
    await print.close();
    return problems;
  });
}
