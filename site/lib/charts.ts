/**
 * Charts as SVG strings, drawn at build time with d3 scales and shapes, so they show without
 * JavaScript and print. Every chart is paired on its page with a table of the same figures;
 * inside the SVG, <title> and <desc> say what the chart shows.
 */
import { scaleLinear, scalePoint, scaleTime, line, area, extent, max, min } from 'd3';
import type { IndicatorDef } from '../../src/indicator.ts';
import { formatBare, formatPeriodShort, formatValue, periodDate, type PeriodKind } from './format.ts';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Point {
  period: string;
  value: number | null;
  lower?: number | null;
  upper?: number | null;
  /** The denominator basis (indicator_values.basis): where it changes, the series breaks. */
  basis?: string | null;
}

/** Runs of consecutive points on one denominator basis (a series with no basis is one run). */
export function basisRuns<P extends Point>(points: readonly P[]): P[][] {
  const runs: P[][] = [];
  for (const p of points) {
    const last = runs.at(-1);
    if (last && (last[0].basis ?? null) === (p.basis ?? null)) last.push(p);
    else runs.push([p]);
  }
  return runs;
}

export interface TrendInput {
  id: string;
  title: string;
  display: IndicatorDef['display'];
  main: { label: string; points: Point[] };
  comparator?: { label: string; points: Point[] };
  /** How to read periods such as "2011-12" (a month or a financial year): see periodKindOf. */
  periodKind?: PeriodKind;
  width?: number;
  height?: number;
}

/**
 * Width of a text in px, from above: every character counted as 0.64 em, a little over a digit in
 * the widest of the fonts system-ui falls back to (DejaVu Sans, 0.636 em; a comma or a full stop is
 * half that), so a label measured this way does not overflow whatever font the browser picks.
 */
export const textWidth = (text: string, fontSize = 12) => Math.ceil(text.length * fontSize * 0.64);

/** The left margin that fits the widest y-axis label (right-aligned 6 px left of the axis); at least 64 px, so stacked charts line up. */
export const leftMargin = (labels: string[], fontSize = 12, least = 64) => Math.max(least, ...labels.map((l) => textWidth(l, fontSize) + 10));

/** Line chart of one area (solid line, round markers) against England and Wales (dashed, square markers). */
export function trendChart(input: TrendInput): string {
  const width = input.width ?? 520;
  const height = input.height ?? 240;
  const m = { top: 16, right: 32, bottom: 52, left: 0 };
  const periods = [...new Set([...input.main.points, ...(input.comparator?.points ?? [])].map((p) => p.period))].sort();
  const all = [...input.main.points, ...(input.comparator?.points ?? [])];
  const nums = all.flatMap((p) => [p.value, p.lower ?? null, p.upper ?? null]).filter((v): v is number => v !== null && Number.isFinite(v));
  const titleId = `chart-${input.id}-title`;
  const descId = `chart-${input.id}-desc`;
  const latest = input.main.points.filter((p) => p.value !== null).at(-1);
  const pk = { kind: input.periodKind };
  const sortedPoints = (pts: Point[]) => [...pts].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  // A change of denominator basis breaks the line (TEAM contract 2): each run is drawn on its own and
  // named, so a fall that is the switch from one census to the next does not read as a trend.
  const mainRuns = basisRuns(sortedPoints(input.main.points));
  const compRuns = input.comparator ? basisRuns(sortedPoints(input.comparator.points)) : [];
  const labelled = mainRuns.length > 1 ? mainRuns : compRuns.length > 1 ? compRuns : [];
  const breaks = labelled.slice(1).map((run, i) => `from ${labelled[i][0].basis ?? 'no stated basis'} to ${run[0].basis ?? 'no stated basis'} between ${formatPeriodShort(labelled[i].at(-1)!.period, pk)} and ${formatPeriodShort(run[0].period, pk)}`);
  const breakText = breaks.length ? ` The denominator changes ${breaks.join('; and ')}: the line is broken there and the figures either side are not comparable.` : '';
  const desc = `${input.main.label}: ${input.main.points.filter((p) => p.value !== null).length} periods from ${formatPeriodShort(periods[0] ?? '', pk)} to ${formatPeriodShort(periods.at(-1) ?? '', pk)}; latest ${latest ? formatValue(input.display, latest.value) : 'no value'}.${breakText} The same figures are in the table that follows the chart.`;
  if (nums.length === 0) return '';
  const dated = periods.every((p) => periodDate(p, pk) !== null);
  const s = input.display.scale;
  let lo = min(nums)! * s;
  let hi = max(nums)! * s;
  // Counts and rates are drawn from zero so a small change does not look like a big one; changes
  // (which can be negative) are drawn over their own range.
  if (lo > 0) lo = 0;
  if (lo === hi) { lo = lo === 0 ? -1 : lo * 0.9; hi = hi === 0 ? 1 : hi * 1.1; }
  const y = scaleLinear().domain([lo, hi]).nice(4).range([height - m.bottom, m.top]);
  // The y labels are written first so that the margin fits the widest: a fixed margin cut a single
  // month's notional cost (tens of millions of pounds) to "0,000,000" (issue 11 §4).
  const yTicks = y.ticks(4);
  const yLabels = yTicks.map((tv) => formatBare({ ...input.display, scale: 1, decimals: tickDecimals(yTicks) }, tv));
  m.left = leftMargin(yLabels);
  let x: (p: string) => number;
  let ticks: string[];
  if (dated) {
    // Periods sit on a time axis at their midpoints, so uneven gaps between releases show as gaps.
    const dates = periods.map((p) => periodDate(p, pk)!);
    const [d0, d1] = extent(dates) as [Date, Date];
    const t = scaleTime().domain(d0.getTime() === d1.getTime() ? [new Date(d0.getTime() - 864e5 * 180), new Date(d1.getTime() + 864e5 * 180)] : [d0, d1]).range([m.left + 8, width - m.right - 8]);
    x = (p) => t(periodDate(p, pk)!);
    ticks = thin(periods, 6);
  } else {
    const pt = scalePoint<string>().domain(periods).range([m.left + 8, width - m.right - 8]).padding(0.2);
    x = (p) => pt(p) ?? 0;
    ticks = thin(periods, 6);
  }
  const yv = (v: number) => y(v * s);
  const parts: string[] = [];
  parts.push(`<svg class="chart trend" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}">`);
  parts.push(`<title id="${titleId}">${esc(input.title)}</title><desc id="${descId}">${esc(desc)}</desc>`);
  // Horizontal grid and y labels
  yTicks.forEach((tv, i) => {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(tv).toFixed(1)}" y2="${y(tv).toFixed(1)}" stroke="#d5dbe1" stroke-width="1"/>`);
    parts.push(`<text x="${m.left - 6}" y="${(y(tv) + 4).toFixed(1)}" text-anchor="end" font-size="12">${esc(yLabels[i])}</text>`);
  });
  parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#1b1f24"/>`);
  for (const p of ticks) {
    parts.push(`<text x="${x(p).toFixed(1)}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="12">${esc(formatPeriodShort(p, pk))}</text>`);
  }
  // Each break: a dotted rule halfway between the runs, and each run's basis written at its start
  // (alternate rows, so that short runs do not write over each other).
  labelled.forEach((run, i) => {
    const start = i === 0 ? m.left + 4 : (x(labelled[i - 1].at(-1)!.period) + x(run[0].period)) / 2;
    if (i > 0) parts.push(`<line class="basis-break" x1="${start.toFixed(1)}" x2="${start.toFixed(1)}" y1="${m.top}" y2="${height - m.bottom}" stroke="#1b1f24" stroke-width="1" stroke-dasharray="2 3"/>`);
    const room = width - m.right - start;
    const label = run[0].basis ?? 'no stated basis';
    const anchor = textWidth(label, 11) + 4 > room ? 'end' : 'start';
    const lx = anchor === 'start' ? start + 4 : width - m.right;
    parts.push(`<text class="basis-label" x="${lx.toFixed(1)}" y="${m.top + 10 + (i % 2) * 13}" text-anchor="${anchor}" font-size="11" fill="#1b1f24">${esc(label)}</text>`);
  });
  // Whiskers and markers are one <path> per kind rather than an element per point: a monthly series
  // has nearly two hundred points, and an area page draws dozens of charts, so separate elements
  // made pages of thousands of nodes for the browser to parse and lay out. A point carries nothing
  // of its own (no label, no link); its figures are in the table after the chart.
  const f = (v: number) => v.toFixed(1);
  const band = input.main.points.filter((p) => p.value !== null && p.lower != null && p.upper != null);
  const a = area<Point>().x((p) => x(p.period)).y0((p) => yv(p.lower!)).y1((p) => yv(p.upper!)).digits(1);
  for (const run of mainRuns) {
    const runBand = run.filter((p) => p.value !== null && p.lower != null && p.upper != null);
    if (runBand.length > 1) parts.push(`<path d="${a(runBand)}" fill="#0072b2" fill-opacity="0.15" stroke="none"/>`);
  }
  if (band.length) parts.push(`<path d="${band.map((p) => `M${f(x(p.period))},${f(yv(p.lower!))}V${f(yv(p.upper!))}`).join('')}" stroke="#0072b2" stroke-width="1.5"/>`);
  const ln = line<Point>().defined((p) => p.value !== null).x((p) => x(p.period)).y((p) => yv(p.value!)).digits(1);
  if (input.comparator) {
    const c = input.comparator.points;
    for (const run of compRuns) if (run.some((p) => p.value !== null)) parts.push(`<path d="${ln(run)}" fill="none" stroke="#4a5561" stroke-width="2" stroke-dasharray="6 4"/>`);
    parts.push(markers(c, (p) => `M${f(x(p.period) - 3.5)},${f(yv(p.value!) - 3.5)}h7v7h-7z`, 'fill="#fff" stroke="#4a5561" stroke-width="1.5"'));
  }
  const main = input.main.points;
  for (const run of mainRuns) if (run.some((p) => p.value !== null)) parts.push(`<path d="${ln(run)}" fill="none" stroke="#0072b2" stroke-width="2.5"/>`);
  parts.push(markers(main, (p) => `M${f(x(p.period) - 4)},${f(yv(p.value!))}a4,4 0 1,0 8,0a4,4 0 1,0 -8,0z`, 'fill="#0072b2" stroke="#fff" stroke-width="1"'));
  // Legend under the axis: a shape and a name for each line.
  const ly = height - 14;
  parts.push(`<g font-size="12"><line x1="${m.left}" x2="${m.left + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="#0072b2" stroke-width="2.5"/><circle cx="${m.left + 11}" cy="${ly - 4}" r="4" fill="#0072b2"/><text x="${m.left + 28}" y="${ly}">${esc(input.main.label)}</text>`);
  if (input.comparator) {
    const lx = m.left + 40 + Math.min(220, input.main.label.length * 7);
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="#4a5561" stroke-width="2" stroke-dasharray="6 4"/><rect x="${lx + 7.5}" y="${ly - 7.5}" width="7" height="7" fill="#fff" stroke="#4a5561" stroke-width="1.5"/><text x="${lx + 28}" y="${ly}">${esc(input.comparator.label)}</text>`);
  }
  parts.push('</g></svg>');
  return parts.join('');
}

/** The figures a trend chart of one indicator is drawn from (rows of indicator_values). */
export interface TrendRow {
  period: string;
  value: number | null;
  lower_95?: number | null;
  upper_95?: number | null;
  basis?: string | null;
}

/**
 * The trend chart of an indicator for an area, with England and Wales (or another comparator): the one
 * drawing the area pages, the national page, the chart-only pages and their SVG files share.
 */
export function indicatorTrendChart(o: {
  id: string;
  indicator: Pick<IndicatorDef, 'title' | 'display'>;
  areaName: string;
  series: readonly TrendRow[];
  comparator?: readonly TrendRow[];
  comparatorLabel?: string;
  periodKind?: PeriodKind;
}): string {
  const comparator = o.comparator ?? [];
  const label = o.comparatorLabel ?? 'England and Wales';
  return trendChart({
    id: o.id,
    periodKind: o.periodKind,
    title: `${o.indicator.title}: ${o.areaName}${comparator.length ? ` and ${label}` : ''}, by period`,
    display: o.indicator.display,
    main: { label: o.areaName, points: o.series.map((v) => ({ period: v.period, value: v.value, lower: v.lower_95 ?? null, upper: v.upper_95 ?? null, basis: v.basis ?? null })) },
    comparator: comparator.length ? { label, points: comparator.map((v) => ({ period: v.period, value: v.value, basis: v.basis ?? null })) } : undefined,
  });
}

/**
 * One path of markers for the points with a value. The latest is drawn on its own, last, so that where
 * markers overlap (monthly series) it stays whole on top, as it was when each point was an element.
 */
function markers(points: Point[], shape: (p: Point) => string, attrs: string): string {
  const held = points.filter((p) => p.value !== null);
  if (!held.length) return '';
  const rest = held.slice(0, -1).map(shape).join('');
  return `${rest ? `<path d="${rest}" ${attrs}/>` : ''}<path d="${shape(held.at(-1)!)}" ${attrs}/>`;
}

function tickDecimals(ticks: number[]): number {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  return step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step)));
}

/** At most n labels, always the first and last. */
export function thin<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = Math.ceil((items.length - 1) / (n - 1));
  const out = items.filter((_, i) => i % step === 0);
  if (out.at(-1) !== items.at(-1)) {
    if (out.length >= n) out.pop();
    out.push(items.at(-1)!);
  }
  return out;
}

/** The shape that goes with a comparison word (the word is always written beside it). */
export function comparisonShape(c: string, size = 14): string {
  const h = size / 2;
  switch (c) {
    case 'better':
      return `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true" focusable="false"><circle cx="${h}" cy="${h}" r="${h - 1}" fill="#0072b2"/></svg>`;
    case 'worse':
      return `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true" focusable="false"><path d="M${h} 1 L${size - 1} ${size - 1} L1 ${size - 1} Z" fill="#b34700"/></svg>`;
    case 'similar':
      return `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true" focusable="false"><rect x="2" y="${h - 2}" width="${size - 4}" height="4" fill="#5f6b76"/></svg>`;
    default:
      return `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true" focusable="false"><circle cx="${h}" cy="${h}" r="${h - 2}" fill="none" stroke="#5f6b76" stroke-width="1.5"/></svg>`;
  }
}

export interface FunnelPoint {
  label: string;
  n: number;
  value: number;
  band: string;
}

/** Value against denominator, with the England and Wales line and 95% / 99.8% limits. */
export function funnelChart(input: {
  id: string;
  title: string;
  display: IndicatorDef['display'];
  xLabel: string;
  target: number;
  points: FunnelPoint[];
  limits: (ns: number[]) => { n: number; lower95: number; upper95: number; lower998: number; upper998: number }[];
  width?: number;
  height?: number;
}): string {
  const width = input.width ?? 560;
  const height = input.height ?? 340;
  const m = { top: 16, right: 24, bottom: 72, left: 64 };
  const yFmt = (tv: number, ticks: number[]) => formatBare({ ...input.display, scale: 1, decimals: tickDecimals(ticks) }, tv);
  const s = input.display.scale;
  const nMax = max(input.points, (p) => p.n) ?? 1;
  const nMin = Math.max(1, (min(input.points, (p) => p.n) ?? 1) * 0.5);
  const x = scaleLinear().domain([0, nMax * 1.05]).nice().range([m.left, width - m.right]);
  const steps = 120;
  const ns = Array.from({ length: steps + 1 }, (_, i) => nMin + ((x.domain()[1] - nMin) * i) / steps);
  const lim = input.limits(ns);
  const vals = [...input.points.map((p) => p.value), ...lim.filter((l) => l.n >= nMax * 0.15).flatMap((l) => [l.lower998, l.upper998]), input.target];
  const y = scaleLinear().domain([min(vals)! * s, max(vals)! * s]).nice(5).range([height - m.bottom, m.top]);
  m.left = leftMargin(y.ticks(5).map((tv) => yFmt(tv, y.ticks(5))));
  x.range([m.left, width - m.right]);
  const X = (n: number) => x(n).toFixed(1);
  const Y = (v: number) => Math.min(height - m.bottom, Math.max(m.top, y(v * s))).toFixed(1);
  const path = (key: 'lower95' | 'upper95' | 'lower998' | 'upper998') => lim.map((l, i) => `${i ? 'L' : 'M'}${X(l.n)},${Y(l[key])}`).join('');
  const titleId = `funnel-${input.id}-title`;
  const descId = `funnel-${input.id}-desc`;
  const outside = input.points.filter((p) => p.band === 'outside 99.8%').map((p) => p.label);
  const parts: string[] = [];
  parts.push(`<svg class="chart funnel" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}">`);
  parts.push(`<title id="${titleId}">${esc(input.title)}</title><desc id="${descId}">${esc(`${input.points.length} areas. ${outside.length ? `Outside the 99.8% limits: ${outside.join(', ')}.` : 'No area is outside the 99.8% limits.'} Each area's position is also in the table's last column.`)}</desc>`);
  for (const tv of y.ticks(5)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(tv).toFixed(1)}" y2="${y(tv).toFixed(1)}" stroke="#e1e6eb"/>`);
    parts.push(`<text x="${m.left - 6}" y="${(y(tv) + 4).toFixed(1)}" text-anchor="end" font-size="12">${esc(yFmt(tv, y.ticks(5)))}</text>`);
  }
  for (const tv of x.ticks(5)) {
    parts.push(`<text x="${X(tv)}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="12">${esc(tv.toLocaleString('en-GB'))}</text>`);
  }
  parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#1b1f24"/>`);
  parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - m.bottom + 34}" text-anchor="middle" font-size="12">${esc(input.xLabel)}</text>`);
  parts.push(`<path d="${path('lower998')}" fill="none" stroke="#4a5561" stroke-width="1.5" stroke-dasharray="2 3"/><path d="${path('upper998')}" fill="none" stroke="#4a5561" stroke-width="1.5" stroke-dasharray="2 3"/>`);
  parts.push(`<path d="${path('lower95')}" fill="none" stroke="#4a5561" stroke-width="1.5" stroke-dasharray="7 4"/><path d="${path('upper95')}" fill="none" stroke="#4a5561" stroke-width="1.5" stroke-dasharray="7 4"/>`);
  parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${Y(input.target)}" y2="${Y(input.target)}" stroke="#1b1f24" stroke-width="1.5"/>`);
  for (const p of input.points) {
    const cx = X(p.n);
    const cy = Y(p.value);
    // Shape says the band too: circle within 95%, square between, triangle outside 99.8%.
    if (p.band === 'outside 99.8%') parts.push(`<path d="M${cx},${(Number(cy) - 5.5).toFixed(1)}l5.5,9.5h-11z" fill="#b34700"><title>${esc(`${p.label}: ${formatValue(input.display, p.value)}`)}</title></path>`);
    else if (p.band === 'between 95% and 99.8%') parts.push(`<rect x="${(Number(cx) - 4).toFixed(1)}" y="${(Number(cy) - 4).toFixed(1)}" width="8" height="8" fill="#e69f00" stroke="#1b1f24" stroke-width="0.5"><title>${esc(`${p.label}: ${formatValue(input.display, p.value)}`)}</title></rect>`);
    else parts.push(`<circle cx="${cx}" cy="${cy}" r="4" fill="#0072b2" fill-opacity="0.8"><title>${esc(`${p.label}: ${formatValue(input.display, p.value)}`)}</title></circle>`);
  }
  const ly = height - 14;
  parts.push(`<g font-size="12"><line x1="${m.left}" x2="${m.left + 20}" y1="${ly - 4}" y2="${ly - 4}" stroke="#1b1f24" stroke-width="1.5"/><text x="${m.left + 24}" y="${ly}">England and Wales</text>`);
  parts.push(`<line x1="${m.left + 140}" x2="${m.left + 160}" y1="${ly - 4}" y2="${ly - 4}" stroke="#4a5561" stroke-width="1.5" stroke-dasharray="7 4"/><text x="${m.left + 164}" y="${ly}">95% limits</text>`);
  parts.push(`<line x1="${m.left + 240}" x2="${m.left + 260}" y1="${ly - 4}" y2="${ly - 4}" stroke="#4a5561" stroke-width="1.5" stroke-dasharray="2 3"/><text x="${m.left + 264}" y="${ly}">99.8% limits</text></g>`);
  parts.push('</svg>');
  return parts.join('');
}

export interface Line {
  label: string;
  /** Dash pattern (SVG stroke-dasharray) so lines differ by more than colour. */
  dash?: string;
  colour: string;
  points: { period: string; value: number | null }[];
}

/** Several series against time, each with its own dash pattern and a legend. Values are plotted as given. */
export function multiLineChart(input: { id: string; title: string; desc: string; lines: Line[]; width?: number; height?: number; yFormat?: (v: number) => string }): string {
  const width = input.width ?? 640;
  const height = input.height ?? 280;
  const m = { top: 16, right: 32, bottom: 56, left: 64 };
  const periods = [...new Set(input.lines.flatMap((l) => l.points.map((p) => p.period)))].sort();
  const nums = input.lines.flatMap((l) => l.points.map((p) => p.value)).filter((v): v is number => v !== null);
  if (!nums.length || !periods.every((p) => periodDate(p))) return '';
  const [d0, d1] = extent(periods.map((p) => periodDate(p)!)) as [Date, Date];
  const x = scaleTime().domain([d0, d1.getTime() === d0.getTime() ? new Date(d0.getTime() + 864e5 * 31) : d1]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([Math.min(0, min(nums)!), max(nums)!]).nice(5).range([height - m.bottom, m.top]);
  const fmt = input.yFormat ?? ((v: number) => v.toLocaleString('en-GB'));
  m.left = leftMargin(y.ticks(5).map(fmt));
  x.range([m.left, width - m.right]);
  const parts: string[] = [];
  const titleId = `ml-${input.id}-title`;
  const descId = `ml-${input.id}-desc`;
  parts.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}"><title id="${titleId}">${esc(input.title)}</title><desc id="${descId}">${esc(input.desc)}</desc>`);
  for (const tv of y.ticks(5)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(tv).toFixed(1)}" y2="${y(tv).toFixed(1)}" stroke="#e1e6eb"/><text x="${m.left - 6}" y="${(y(tv) + 4).toFixed(1)}" text-anchor="end" font-size="12">${esc(fmt(tv))}</text>`);
  }
  for (const tv of x.ticks(6)) parts.push(`<text x="${x(tv).toFixed(1)}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="12">${tv.getUTCFullYear()}</text>`);
  parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#1b1f24"/>`);
  for (const l of input.lines) {
    const ln = line<{ period: string; value: number | null }>().defined((p) => p.value !== null).x((p) => x(periodDate(p.period)!)).y((p) => y(p.value!));
    parts.push(`<path d="${ln(l.points)}" fill="none" stroke="${l.colour}" stroke-width="2" ${l.dash ? `stroke-dasharray="${l.dash}"` : ''}/>`);
  }
  let lx = m.left;
  const ly = height - 12;
  parts.push('<g font-size="12">');
  for (const l of input.lines) {
    parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${l.colour}" stroke-width="2" ${l.dash ? `stroke-dasharray="${l.dash}"` : ''}/><text x="${lx + 28}" y="${ly}">${esc(l.label)}</text>`);
    lx += 40 + l.label.length * 6.5;
  }
  parts.push('</g></svg>');
  return parts.join('');
}

/** A tiny trend line for a table cell; decorative (the figures are in the row), so hidden from assistive technology. */
export function sparkline(values: (number | null)[], width = 96, height = 24): string {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length < 2) return '';
  const x = scaleLinear().domain([0, values.length - 1]).range([2, width - 2]);
  const y = scaleLinear().domain([min(nums)!, max(nums)!]).range([height - 3, 3]);
  const d = line<number | null>().defined((v) => v !== null).x((_, i) => x(i)).y((v) => y(v!))(values);
  const last = values.length - 1;
  const lastV = values[last];
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true" focusable="false"><path d="${d}" fill="none" stroke="#0072b2" stroke-width="1.5"/>${lastV !== null ? `<circle cx="${x(last).toFixed(1)}" cy="${y(lastV).toFixed(1)}" r="2.5" fill="#0072b2"/>` : ''}</svg>`;
}
