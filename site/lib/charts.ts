/**
 * Charts as SVG strings, drawn at build time with d3 scales and shapes, so they show without
 * JavaScript and print. Every chart is paired on its page with a table of the same figures;
 * inside the SVG, <title> and <desc> say what the chart shows.
 */
import { scaleLinear, scalePoint, scaleTime, line, area, extent, max, min } from 'd3';
import type { IndicatorDef } from '../../src/indicator.ts';
import { formatBare, formatPeriodShort, formatValue } from './format.ts';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Point {
  period: string;
  value: number | null;
  lower?: number | null;
  upper?: number | null;
}

export interface TrendInput {
  id: string;
  title: string;
  display: IndicatorDef['display'];
  main: { label: string; points: Point[] };
  comparator?: { label: string; points: Point[] };
  width?: number;
  height?: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Line chart of one area (solid line, round markers) against England and Wales (dashed, square markers). */
export function trendChart(input: TrendInput): string {
  const width = input.width ?? 520;
  const height = input.height ?? 240;
  const m = { top: 16, right: 16, bottom: 52, left: 64 };
  const periods = [...new Set([...input.main.points, ...(input.comparator?.points ?? [])].map((p) => p.period))].sort();
  const all = [...input.main.points, ...(input.comparator?.points ?? [])];
  const nums = all.flatMap((p) => [p.value, p.lower ?? null, p.upper ?? null]).filter((v): v is number => v !== null && Number.isFinite(v));
  const titleId = `chart-${input.id}-title`;
  const descId = `chart-${input.id}-desc`;
  const latest = input.main.points.filter((p) => p.value !== null).at(-1);
  const desc = `${input.main.label}: ${input.main.points.filter((p) => p.value !== null).length} periods from ${formatPeriodShort(periods[0] ?? '')} to ${formatPeriodShort(periods.at(-1) ?? '')}; latest ${latest ? formatValue(input.display, latest.value) : 'no value'}. The same figures are in the table that follows the chart.`;
  if (nums.length === 0) return '';
  const allIso = periods.every((p) => ISO.test(p));
  const s = input.display.scale;
  let lo = min(nums)! * s;
  let hi = max(nums)! * s;
  // Counts and rates are read against zero; changes (which can be negative) against their own range.
  if (lo > 0 && lo < hi * 0.5) lo = 0;
  if (lo === hi) { lo = lo === 0 ? -1 : lo * 0.9; hi = hi === 0 ? 1 : hi * 1.1; }
  const y = scaleLinear().domain([lo, hi]).nice(4).range([height - m.bottom, m.top]);
  let x: (p: string) => number;
  let ticks: string[];
  if (allIso) {
    const dates = periods.map((p) => new Date(`${p}T00:00:00Z`));
    const [d0, d1] = extent(dates) as [Date, Date];
    const t = scaleTime().domain(d0.getTime() === d1.getTime() ? [new Date(d0.getTime() - 864e5 * 180), new Date(d1.getTime() + 864e5 * 180)] : [d0, d1]).range([m.left + 8, width - m.right - 8]);
    x = (p) => t(new Date(`${p}T00:00:00Z`));
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
  for (const tv of y.ticks(4)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(tv).toFixed(1)}" y2="${y(tv).toFixed(1)}" stroke="#d5dbe1" stroke-width="1"/>`);
    parts.push(`<text x="${m.left - 6}" y="${(y(tv) + 4).toFixed(1)}" text-anchor="end" font-size="12">${esc(formatBare({ ...input.display, scale: 1, decimals: tickDecimals(y.ticks(4)) }, tv))}</text>`);
  }
  parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#1b1f24"/>`);
  for (const p of ticks) {
    parts.push(`<text x="${x(p).toFixed(1)}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="12">${esc(formatPeriodShort(p))}</text>`);
  }
  const band = input.main.points.filter((p) => p.value !== null && p.lower != null && p.upper != null);
  if (band.length > 1) {
    const a = area<Point>().x((p) => x(p.period)).y0((p) => yv(p.lower!)).y1((p) => yv(p.upper!));
    parts.push(`<path d="${a(band)}" fill="#0072b2" fill-opacity="0.15" stroke="none"/>`);
  }
  for (const p of band) {
    parts.push(`<line x1="${x(p.period).toFixed(1)}" x2="${x(p.period).toFixed(1)}" y1="${yv(p.lower!).toFixed(1)}" y2="${yv(p.upper!).toFixed(1)}" stroke="#0072b2" stroke-width="1.5"/>`);
  }
  const ln = line<Point>().defined((p) => p.value !== null).x((p) => x(p.period)).y((p) => yv(p.value!));
  if (input.comparator) {
    const c = input.comparator.points;
    parts.push(`<path d="${ln(c)}" fill="none" stroke="#4a5561" stroke-width="2" stroke-dasharray="6 4"/>`);
    for (const p of c) if (p.value !== null) parts.push(`<rect x="${(x(p.period) - 3.5).toFixed(1)}" y="${(yv(p.value) - 3.5).toFixed(1)}" width="7" height="7" fill="#fff" stroke="#4a5561" stroke-width="1.5"/>`);
  }
  const main = input.main.points;
  parts.push(`<path d="${ln(main)}" fill="none" stroke="#0072b2" stroke-width="2.5"/>`);
  for (const p of main) if (p.value !== null) parts.push(`<circle cx="${x(p.period).toFixed(1)}" cy="${yv(p.value).toFixed(1)}" r="4" fill="#0072b2" stroke="#fff" stroke-width="1"/>`);
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
