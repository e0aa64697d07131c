import { describe, expect, it } from 'vitest';
import { trendChart, multiLineChart } from '../../site/lib/charts.ts';

// Advance widths of DejaVu Sans (the widest font system-ui falls back to on Linux), in em: the test
// measures with a real font's metrics, not with the chart's own estimate.
const DEJAVU: Record<string, number> = { ',': 0.318, '.': 0.318, '−': 0.838, '-': 0.361, '£': 0.636, '%': 0.95 };
const widthPx = (text: string, size = 12) => [...text].reduce((w, ch) => w + (DEJAVU[ch] ?? (/\d/.test(ch) ? 0.636 : 0.7)), 0) * size;

/** The y-axis labels of a chart (right-aligned texts), with the x each one ends at. */
function yLabels(svg: string): { text: string; right: number }[] {
  return [...svg.matchAll(/<text x="([\d.]+)" y="[\d.-]+" text-anchor="end" font-size="12">([^<]*)<\/text>/g)].map((m) => ({ right: Number(m[1]), text: m[2] }));
}

const gbp = { scale: 1, decimals: 0, prefix: '£' };

describe('trend chart axis labels fit the chart', () => {
  it('a single month of tens of millions of pounds (the notional cost) keeps every digit inside the chart', () => {
    const svg = trendChart({ id: 't', title: 't', display: gbp, main: { label: 'Kent', points: [{ period: '2026-07-01', value: 43_512_345 }] } });
    const labels = yLabels(svg);
    expect(labels.map((l) => l.text)).toContain('40,000,000');
    for (const l of labels) expect(l.right - widthPx(l.text), `"${l.text}" starts left of the chart`).toBeGreaterThanOrEqual(0);
  });

  it('small values keep the usual margin, so stacked charts line up', () => {
    const a = trendChart({ id: 'a', title: 'a', display: { scale: 1, decimals: 1 }, main: { label: 'A', points: [{ period: '2020-01-01', value: 5 }, { period: '2021-01-01', value: 7 }] } });
    const b = trendChart({ id: 'b', title: 'b', display: { scale: 1, decimals: 1 }, main: { label: 'B', points: [{ period: '2020-01-01', value: 50 }, { period: '2021-01-01', value: 70 }] } });
    expect(yLabels(a)[0].right).toBe(yLabels(b)[0].right);
  });

  it('the several-line chart measures its labels too', () => {
    const svg = multiLineChart({ id: 'm', title: 'm', desc: 'm', lines: [{ label: 'x', colour: '#000', points: [{ period: '2020-01-01', value: 88_000_000 }, { period: '2021-01-01', value: 91_000_000 }] }] });
    for (const l of yLabels(svg)) expect(l.right - widthPx(l.text)).toBeGreaterThanOrEqual(0);
  });
});
