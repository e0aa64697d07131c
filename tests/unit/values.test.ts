import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import { parseNumber, requireNumber, roundTo, SUPPRESSION_MARKERS } from '../../pipeline/read/values.ts';

const where = { file: 'tables.xlsx', sheet: 'Table 1', row: 12, column: 'C' };

describe('parseNumber: suppression markers are data, never 0', () => {
  it.each(['..', '-', '*', '[c]', '[x]', '[z]', '', '  ', '[C]', '\u00a0..\u00a0'])('%j → null with a reason', (m) => {
    const p = parseNumber(m, where);
    expect(p.value).toBeNull();
    expect(p.reason).toBeTruthy();
  });

  it('null (an empty cell) → null, reason "blank in the source"', () => {
    expect(parseNumber(null, where)).toEqual({ value: null, reason: 'blank in the source' });
  });

  it('each marker has its own reason', () => {
    expect(parseNumber('[c]', where).reason).toBe(SUPPRESSION_MARKERS['[c]']);
    expect(parseNumber('[z]', where).reason).toBe('not applicable');
    expect(parseNumber('*', where).reason).toMatch(/suppressed/);
  });
});

describe('parseNumber: numbers as publishers store them', () => {
  it.each([
    [1184, 1184],
    ['1184', 1184],
    ['1,234', 1234],
    ['1,234,567.5', 1234567.5],
    ['-12.5', -12.5],
    ['80817**', 80817],
    ['£1,250', 1250],
    ['7.8700000000000006E-2', 0.078700000000000006],
    [' 42 ', 42],
    [0, 0],
  ])('%j → %f', (raw, want) => {
    expect(parseNumber(raw, where)).toEqual({ value: want, reason: null });
  });

  it.each(['12,34', '1.2.3', 'twelve', '12%', '1,2345', 'NaN', '--'])('%j is an error naming the cell', (raw) => {
    let err: unknown;
    try {
      parseNumber(raw, where, 'a count of offenders');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    const msg = (err as Error).message;
    expect(msg).toContain('tables.xlsx');
    expect(msg).toContain('sheet Table 1');
    expect(msg).toContain('row 12');
    expect(msg).toContain('column C');
    expect(msg).toContain('expected a count of offenders');
    expect(msg).toContain(`found '${raw}'`);
  });

  it('a non-finite number is an error', () => {
    expect(() => parseNumber(Number.POSITIVE_INFINITY, where)).toThrow(DataError);
    expect(() => parseNumber(Number.NaN, where)).toThrow(/row 12, column C/);
  });
});

describe('requireNumber', () => {
  it('a marker where a figure is required is an error naming the cell', () => {
    expect(() => requireNumber('..', where, 'a total')).toThrow(/tables\.xlsx, sheet Table 1, row 12, column C: expected a total, found '\.\.'/);
    expect(() => requireNumber(null, where)).toThrow(/found an empty cell/);
  });
  it('returns the number', () => {
    expect(requireNumber('2,001', where)).toBe(2001);
  });
});

describe('roundTo', () => {
  it('removes binary noise', () => {
    expect(roundTo(0.1 + 0.2, 2)).toBe(0.3);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
  });
});
