/**
 * Chart export for any page: "Download SVG", "Download PNG" and an embed snippet, for an inline SVG
 * chart. No WASM, no network: everything happens on the SVG already in the page.
 *
 * Usage (in a page's module script; the page stays complete without it):
 *
 *   <figure data-chart-id="police_officers_per_100k-E23000001" data-chart-title="Police officers per 100,000 residents, Cumbria">
 *     <svg class="chart" …>…</svg>
 *     <div class="chart-export"
 *          data-embed-src="/embed/police_officers_per_100k/cumbria/"
 *          data-embed-title="Police officers per 100,000 residents, Cumbria (Justice by Area)"></div>
 *   </figure>
 *   <script>
 *     import { enhanceChartExports } from '../explore/export.ts';
 *     enhanceChartExports();
 *   </script>
 *
 * enhanceChartExports() fills every .chart-export with two download buttons and, when
 * data-embed-src is set, a read-only text box holding an <iframe> snippet (absolute URL). The
 * functions below can also be wired by hand: downloadSvg(svg, name), downloadPng(svg, name),
 * embedSnippet(src, title).
 *
 * The exported SVG carries the computed styles of its elements inline (fill, stroke, fonts …), so it
 * looks the same outside the page's stylesheet; the PNG is drawn from that SVG at twice the size.
 * CSP: the PNG needs img-src blob: (the SVG is loaded as an image from a blob URL).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties that decide how a chart looks; others are left to the SVG defaults. */
const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'alignment-baseline', 'letter-spacing', 'visibility', 'display',
];

/** A standalone copy of the chart: computed styles inline, explicit size, namespaces set. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((el, i) => {
    const computed = getComputedStyle(el);
    const target = copies[i] as SVGElement;
    const style = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', `${style};${target.getAttribute('style') ?? ''}`);
  });
  const box = svg.getBoundingClientRect();
  const viewBox = svg.viewBox.baseVal;
  const width = viewBox?.width || box.width;
  const height = viewBox?.height || box.height;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  // A white ground: a transparent PNG reads badly on dark backgrounds.
  const ground = document.createElementNS(SVG_NS, 'rect');
  ground.setAttribute('width', '100%');
  ground.setAttribute('height', '100%');
  ground.setAttribute('fill', '#ffffff');
  copy.insertBefore(ground, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

function save(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** A file name from a chart id: letters, digits and hyphens only. */
export function safeFileName(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}

export function downloadSvg(svg: SVGSVGElement, name: string): void {
  save(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }), `${safeFileName(name)}.svg`);
}

export async function svgToPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = standaloneSvg(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((ok, fail) => {
      image.onload = () => ok();
      image.onerror = () => fail(new Error('The chart could not be drawn as an image.'));
    });
    image.src = url;
    await loaded;
    const width = Number(/ width="(\d+)"/.exec(text)?.[1] ?? image.width);
    const height = Number(/ height="(\d+)"/.exec(text)?.[1] ?? image.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw to a canvas.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(svg: SVGSVGElement, name: string): Promise<void> {
  save(await svgToPngBlob(svg), `${safeFileName(name)}.png`);
}

const attribute = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** An <iframe> snippet for a chart-only page; `src` may be site-relative (made absolute here). */
export function embedSnippet(src: string, title: string, size = { width: 640, height: 420 }): string {
  const absolute = new URL(src, location.href).href;
  return `<iframe src="${attribute(absolute)}" title="${attribute(title)}" width="${size.width}" height="${size.height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** Fills every .chart-export holder inside `root` (idempotent). */
export function enhanceChartExports(root: ParentNode = document): void {
  for (const holder of Array.from(root.querySelectorAll<HTMLElement>('.chart-export:not([data-enhanced])'))) {
    const figure = holder.closest<HTMLElement>('[data-chart-id]') ?? holder.parentElement;
    const svg = figure?.querySelector<SVGSVGElement>('svg');
    if (!figure || !svg) continue;
    holder.dataset.enhanced = 'true';
    const name = figure.dataset.chartId ?? 'chart';
    const label = figure.dataset.chartTitle ?? 'chart';

    const svgButton = document.createElement('button');
    svgButton.type = 'button';
    svgButton.textContent = 'Download SVG';
    svgButton.setAttribute('aria-label', `Download SVG: ${label}`);
    svgButton.addEventListener('click', () => downloadSvg(svg, name));

    const pngButton = document.createElement('button');
    pngButton.type = 'button';
    pngButton.textContent = 'Download PNG';
    pngButton.setAttribute('aria-label', `Download PNG: ${label}`);
    pngButton.addEventListener('click', () => {
      downloadPng(svg, name).catch((e: unknown) => {
        pngButton.textContent = e instanceof Error ? e.message : 'PNG failed';
      });
    });
    // A chart whose SVG file the build wrote links it already (site/components/ChartExport.astro).
    if (holder.querySelector('[data-svg-file]')) holder.append(pngButton);
    else holder.append(svgButton, pngButton);

    const src = holder.dataset.embedSrc;
    if (src) {
      const id = `embed-${safeFileName(name)}`;
      const wrap = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'Embed this chart';
      const fieldLabel = document.createElement('label');
      fieldLabel.htmlFor = id;
      fieldLabel.textContent = 'Copy this HTML into your page:';
      const field = document.createElement('textarea');
      field.id = id;
      field.readOnly = true;
      field.rows = 3;
      field.value = embedSnippet(src, holder.dataset.embedTitle ?? label);
      field.addEventListener('focus', () => field.select());
      wrap.append(summary, fieldLabel, field);
      holder.append(wrap);
    }
  }
}
