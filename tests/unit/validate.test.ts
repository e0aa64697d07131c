import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import type { Registry } from '../../pipeline/registry.ts';
import { validateTable } from '../../pipeline/validate.ts';
import type { Row, TableDef } from '../../src/tables.ts';

const DEF: TableDef = {
  name: 'rates',
  title: 'Rates',
  description: 'Test',
  primaryKey: ['pfa_code', 'year'],
  columns: [
    { name: 'pfa_code', type: 'string', description: '', pattern: '^E23\\d{6}$' },
    { name: 'year', type: 'integer', description: '', min: 2000, max: 2100 },
    { name: 'count', type: 'integer', description: '', min: 0, unit: 'people' },
    { name: 'rate', type: 'number', description: '', min: 0, max: 1, nullable: true },
    { name: 'kind', type: 'string', description: '', enum: ['adult', 'juvenile'] },
  ],
};

const registry = {
  datasets: [],
  files: new Map([['moj_file', { id: 'moj_file', path: 'reoffending/table.xlsx' }]]),
} as unknown as Registry;

const good = (over: Partial<Row> = {}): Row => ({ pfa_code: 'E23000001', year: 2020, count: 10, rate: 0.25, kind: 'adult', source_id: 'moj_file', source_cell: 'Table 3!D14', ...over });

function message(rows: Row[]): string {
  try {
    validateTable(DEF, rows, registry);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  throw new Error('expected validation to fail');
}

describe('validateTable', () => {
  it('accepts good rows, and null where the column allows it', () => {
    expect(() => validateTable(DEF, [good(), good({ year: 2021, rate: null })], registry)).not.toThrow();
  });

  it('a negative count names file, sheet, row, column, expected and found', () => {
    expect(message([good({ count: -3 })])).toBe("reoffending/table.xlsx, sheet Table 3, row 14, column D (rates.count): expected a number of at least 0 (people), found '-3'");
  });

  it('a rate above 1', () => {
    expect(message([good({ rate: 1.2 })])).toMatch(/row 14, column D \(rates\.rate\): expected a number of at most 1, found '1\.2'/);
  });

  it('a number that is not a whole number where one is needed', () => {
    expect(message([good({ count: 2.5 })])).toMatch(/rates\.count\): expected /);
  });

  it('NaN and Infinity are refused', () => {
    expect(message([good({ rate: Number.NaN })])).toMatch(/rates\.rate/);
    expect(message([good({ rate: Number.POSITIVE_INFINITY })])).toMatch(/rates\.rate/);
  });

  it('a bad code, a value outside the enum, a null where none is allowed', () => {
    expect(message([good({ pfa_code: 'E06000001' })])).toMatch(/rates\.pfa_code\): expected a value matching \^E23\\d\{6\}\$, found 'E06000001'/);
    expect(message([good({ kind: 'child' })])).toMatch(/rates\.kind\): expected one of 'adult', 'juvenile', found 'child'/);
    expect(message([good({ count: null })])).toMatch(/rates\.count\): expected a number, found an empty cell/);
  });

  it('a CSV source cell ("row N") gives the row', () => {
    expect(message([good({ rate: 2, source_cell: 'row 7' })])).toMatch(/^reoffending\/table\.xlsx, row 7, column rates\.rate: /);
  });

  it('a duplicate key names both rows', () => {
    expect(message([good(), good({ source_cell: 'Table 3!D20' })])).toMatch(
      /row 20, column D: expected one row per pfa_code × year in table rates, found a second row for E23000001 \| 2020 \(the first came from moj_file Table 3!D14\)/,
    );
  });

  it('an undeclared column and an unregistered source are refused', () => {
    expect(message([{ ...good(), extra: 1 }])).toMatch(/only the declared columns \(not extra\)/);
    expect(message([good({ source_id: 'nobody' })])).toMatch(/expected a source_id registered in data\/sources\//);
  });
});
