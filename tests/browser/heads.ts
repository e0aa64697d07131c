/**
 * Every page type's head and first screen, one sample page per type (a type is a path with its
 * variable parts replaced: /areas/kent/ and /areas/cumbria/ are one type, /areas/*\/). Read in
 * Chromium with JavaScript off, as a reader without it and a search engine see them:
 * - one <title>, "<subject> – Justice by Area" (the home page: "Justice by Area"), naming the page's
 *   subject (its h1) on every page made from a template;
 * - nothing of the head spilt into the body (no text directly in <body>, no <link>/<meta>/<title>
 *   there), the icon link in the head, and no request answered with an error;
 * - the first visible text is the site's name in the header, or on a chart-only /embed/ page
 *   (no site header) the chart's heading.
 * Found by the embed pages, whose title ended early and left ": Kent – Justice by Area" as text
 * above the chart (issue 11 §4).
 */
import type { Browser } from 'playwright-core';
import { htmlFiles } from './links.ts';
import type { Check } from './harness.ts';

const SUFFIX = ' – Justice by Area';

/** The path of each built page, and the first (in path order) of each type. */
export function samplePages(dist: string): { type: string; path: string }[] {
  const byType = new Map<string, string>();
  for (const f of htmlFiles(dist)) {
    const path = '/' + f.slice(dist.length + 1).replace(/\\/g, '/').replace(/index\.html$/, '');
    const parts = path.split('/');
    // Keep the section (first segment) and replace the rest: /embed/kent/x/ → /embed/*/*/.
    const type = parts.map((p, i) => (i >= 2 && p !== '' ? '*' : p)).join('/');
    if (!byType.has(type)) byType.set(type, path);
  }
  return [...byType].map(([type, path]) => ({ type, path }));
}

export async function headChecks(ctx: { browser: Browser; base: string; dist: string; check: Check }): Promise<void> {
  const samples = samplePages(ctx.dist);
  await ctx.check(`every page type's <title> and first visible text (${samples.length} types, one page each, JavaScript off)`, async () => {
    const problems: string[] = [];
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    let current = '';
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/404.html')) problems.push(`${current}: ${r.url()} answered ${r.status()}`); });
    for (const { type, path } of samples) {
      current = path;
      await page.goto(ctx.base + path);
      // No named functions inside evaluate: tsx wraps them in a helper the page does not have.
      const seen = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let first = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = (n.textContent ?? '').trim();
          const el = n.parentElement;
          if (!text || !el) continue;
          const r = el.getBoundingClientRect();
          if (r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && getComputedStyle(el).visibility !== 'hidden') { first = text; break; }
        }
        return {
          titles: document.querySelectorAll('title:not(svg title)').length,
          title: document.title,
          h1: document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
          brand: document.querySelector('.site-header .brand')?.textContent?.trim() ?? null,
          first,
          strayText: [...document.body.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE && (c.textContent ?? '').trim()).map((c) => c.textContent!.trim()),
          headInBody: [...document.body.querySelectorAll('link, meta, title:not(svg title)')].filter((e) => !e.closest('svg')).map((e) => e.outerHTML.slice(0, 80)),
          icon: !!document.head.querySelector('link[rel="icon"]'),
          bodyClass: document.body.className,
        };
      });
      const where = `${path} (${type})`;
      if (seen.titles !== 1) problems.push(`${where}: ${seen.titles} <title> elements`);
      if (seen.title !== 'Justice by Area' && !(seen.title.endsWith(SUFFIX) && seen.title.length > SUFFIX.length)) problems.push(`${where}: title "${seen.title}" is not "<subject>${SUFFIX}"`);
      if (/[{}]|undefined|null|NaN/.test(seen.title)) problems.push(`${where}: title "${seen.title}" holds a template's leftovers`);
      // A status in brackets after the name ("Acklington (closed)") may sit elsewhere in the title.
      if (type.includes('*') && seen.h1 && !seen.title.includes(seen.h1.replace(/\s*\([^)]*\)$/, ''))) problems.push(`${where}: title "${seen.title}" does not name the page's subject "${seen.h1}"`);
      for (const t of seen.strayText) problems.push(`${where}: text directly in <body>: "${t.slice(0, 80)}"`);
      for (const e of seen.headInBody) problems.push(`${where}: head element in the body: ${e}`);
      if (!seen.icon) problems.push(`${where}: no <link rel="icon"> in the head (the browser asks for /favicon.ico)`);
      const expectedFirst = seen.brand ?? seen.h1;
      if (seen.first !== expectedFirst) problems.push(`${where}: first visible text is "${seen.first.slice(0, 80)}", expected "${expectedFirst}"`);
      if (type.startsWith('/embed/') && seen.bodyClass !== 'embed') problems.push(`${where}: <body class="${seen.bodyClass}">, expected "embed"`);
    }
    await context.close();
    if (!samples.some((s) => s.type.startsWith('/embed/'))) problems.push('no /embed/ page was built');
    return problems;
  });
}
