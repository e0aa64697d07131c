import { describe, expect, it } from 'vitest';
import { csvCell, formatBytes, formatChange, formatInterval, formatMonth, formatYearMonth, formatPeriod, formatPeriodShort, formatValue, ordinal, periodDate, toCsv } from '../../site/lib/format.ts';

const pct = { scale: 100, decimals: 1, suffix: '%' };
const gbp = { scale: 1, decimals: 0, prefix: '£' };

describe('formatting figures', () => {
  it('applies the indicator display rule and nothing else', () => {
    expect(formatValue(pct, 0.12345)).toBe('12.3%');
    expect(formatValue(pct, -0.0118338)).toBe('−1.2%');
    expect(formatValue(gbp, 41954.4)).toBe('£41,954');
    expect(formatValue({ scale: 1, decimals: 1 }, 88.449)).toBe('88.4');
    expect(formatValue({ scale: 1, decimals: 1 }, -0.04)).toBe('0.0');
  });

  it('rounds half away from zero despite binary floating point', () => {
    expect(formatValue(pct, 0.0255)).toBe('2.6%');
    expect(formatValue(pct, -0.0255)).toBe('−2.6%');
    expect(formatValue({ scale: 1, decimals: 0 }, 2.5)).toBe('3');
    expect(formatValue({ scale: 1, decimals: 2 }, 1.005)).toBe('1.01');
  });

  it('writes missing values as words, never as zero', () => {
    expect(formatValue(pct, null)).toBe('no value');
    expect(formatValue(pct, undefined)).toBe('no value');
    expect(formatInterval(pct, null, 0.3)).toBeNull();
    expect(formatInterval(pct, 0.25, 0.3)).toBe('25.0% to 30.0%');
  });

  it('writes changes of percentages in percentage points, with a sign', () => {
    expect(formatChange(pct, 'percent', -0.0316)).toBe('−3.2 percentage points');
    expect(formatChange(pct, 'percent', 0.0255)).toBe('+2.6 percentage points');
    expect(formatChange(gbp, 'gbp', 12)).toBe('+£12');
  });

  it('writes periods in words', () => {
    expect(formatPeriod('2018-09-30')).toBe('30 September 2018');
    expect(formatPeriod('2017-04/2018-03')).toBe('April 2017 to March 2018');
    expect(formatPeriod('2015-16')).toBe('2015-16 (April to March)');
    expect(formatPeriod('2019')).toBe('2019');
    expect(formatPeriod('2013-14 overall (PRT press release, 6 Jul 2015)')).toBe('2013-14 overall (PRT press release, 6 Jul 2015)');
    expect(formatMonth('2024-12-01')).toBe('December 2024');
    expect(formatYearMonth('2012-11')).toBe('November 2012');
  });

  it('shortens periods for chart axes', () => {
    expect(formatPeriodShort('2018-09-30')).toBe('Sep 2018');
    expect(formatPeriodShort('2017-04/2018-03')).toBe('2017/18');
    expect(formatPeriodShort('2002-01/2002-12')).toBe('2002');
    expect(formatPeriodShort('2000-01/2000-03')).toBe('Jan–Mar 2000');
  });

  it('places periods on a time axis at their midpoints, and free text nowhere', () => {
    expect(periodDate('2018-09-30')!.toISOString().slice(0, 10)).toBe('2018-09-30');
    expect(periodDate('2017-04/2018-03')!.getTime()).toBe((Date.UTC(2017, 3, 1) + Date.UTC(2018, 3, 1)) / 2);
    expect(periodDate('2015-16')!.toISOString().slice(0, 10)).toBe('2015-10-01');
    expect(periodDate('2013-14 overall')).toBeNull();
  });

  it('ordinals and sizes', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 43].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '43rd']);
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('writes CSV cells quoted only when needed', () => {
    expect(csvCell('Devon & Cornwall')).toBe('Devon & Cornwall');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [{ a: 1, b: null }])).toBe('a,b\n1,\n');
  });
});
