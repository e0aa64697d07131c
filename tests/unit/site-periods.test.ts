import { describe, expect, it } from 'vitest';
import { formatMonth, formatPeriod, formatPeriodShort, periodDate, periodKindOf } from '../../site/lib/format.ts';
import { basisRuns, trendChart } from '../../site/lib/charts.ts';

// Rows shaped as pipe's build writes them (TEAM contracts 2 and 3): a monthly bulletin's month with
// its count day, and Kent's officers per 100,000 across the switch from Census 2011 to Census 2021.
const monthly = [
  { period: '2011-12', value: 84_000, reference_date: null },
  { period: '2026-06', value: 87_000, reference_date: '2026-06-29' },
  { period: '2026-07', value: 87_500, reference_date: '2026-07-27' },
];
const officers = [
  { period: '2016-03-31', value: 184.2, basis: 'Census 2011 residents' },
  { period: '2016-09-30', value: 185.0, basis: 'Census 2011 residents' },
  { period: '2017-03-31', value: 175.6, basis: 'Census 2021 residents' },
  { period: '2018-09-30', value: 179.6, basis: 'Census 2021 residents' },
];

describe('months are labelled as months (contract 3)', () => {
  it('writes YYYY-MM as the month, with the count day where the publisher gives it', () => {
    expect(formatPeriod('2026-07')).toBe('July 2026');
    expect(formatPeriod('2026-07', { referenceDate: '2026-07-27' })).toBe('July 2026 (count on 27 July 2026)');
    expect(formatPeriodShort('2026-07')).toBe('Jul 2026');
    expect(formatMonth('2026-07')).toBe('July 2026');
  });

  it('reads a series as monthly from all its periods, so December 2011 is not the financial year 2011-12', () => {
    const kind = periodKindOf(monthly.map((r) => r.period));
    expect(kind).toBe('month');
    expect(formatPeriod('2011-12', { kind })).toBe('December 2011');
    expect(formatPeriodShort('2011-12', { kind })).toBe('Dec 2011');
    expect(periodDate('2011-12', { kind })?.toISOString().slice(0, 10)).toBe('2011-12-01');
    // Out of context the same text is a financial year, as the precept's periods are.
    expect(periodKindOf(['2015-16', '2016-17', '2023-24'])).toBe('financial_year');
    expect(formatPeriod('2011-12')).toBe('2011-12 (April to March)');
    expect(formatPeriod('2011-12', { kind: 'financial_year' })).toBe('2011-12 (April to March)');
  });

  it('keeps reading older builds, whose months were their first day', () => {
    const old = ['2026-05-01', '2026-06-01', '2026-07-01'];
    expect(periodKindOf(old)).toBe('month');
    expect(formatPeriod('2026-07-01', { kind: 'month' })).toBe('July 2026');
    expect(formatPeriod('2026-07-01')).toBe('1 July 2026');
    // Quarter-end counts are dates, not months.
    expect(periodKindOf(officers.map((r) => r.period))).toBe('as_written');
    expect(formatPeriod('2016-09-30', { kind: periodKindOf(officers.map((r) => r.period)) })).toBe('30 September 2016');
  });

  it('draws a monthly series on a time axis with month ticks', () => {
    const svg = trendChart({ id: 'm', title: 'm', display: { scale: 1, decimals: 0 }, periodKind: 'month', main: { label: 'England and Wales', points: monthly } });
    expect(svg).toContain('>Dec 2011<');
    expect(svg).toContain('>Jul 2026<');
  });
});

describe('a change of denominator basis breaks the line (contract 2)', () => {
  const input = { id: 'o', title: 'o', display: { scale: 1, decimals: 1 }, main: { label: 'Kent', points: officers } };

  it('splits the series into runs on one basis', () => {
    expect(basisRuns(officers).map((r) => r.map((p) => p.period))).toEqual([['2016-03-31', '2016-09-30'], ['2017-03-31', '2018-09-30']]);
    expect(basisRuns(officers.map(({ basis, ...p }) => p))).toHaveLength(1);
  });

  it('draws each run as its own line, marks the break and names both bases', () => {
    const svg = trendChart(input);
    const mainLines = svg.match(/<path d="[^"]*" fill="none" stroke="#0072b2" stroke-width="2.5"\/>/g) ?? [];
    expect(mainLines).toHaveLength(2);
    expect(svg.match(/class="basis-break"/g)).toHaveLength(1);
    expect(svg).toMatch(/class="basis-label"[^>]*>Census 2011 residents</);
    expect(svg).toMatch(/class="basis-label"[^>]*>Census 2021 residents</);
    expect(svg).toContain('The denominator changes from Census 2011 residents to Census 2021 residents between Sep 2016 and Mar 2017');
  });

  it('draws one line and no break where the basis does not change', () => {
    const svg = trendChart({ ...input, main: { label: 'Kent', points: officers.map((p) => ({ ...p, basis: 'Census 2021 residents' })) } });
    expect(svg.match(/<path d="[^"]*" fill="none" stroke="#0072b2" stroke-width="2.5"\/>/g)).toHaveLength(1);
    expect(svg).not.toContain('basis-break');
    expect(svg).not.toContain('denominator changes');
  });
});
