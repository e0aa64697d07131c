import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import { readCsv } from '../../pipeline/read/csv.ts';

describe('readCsv', () => {
  it('keeps the 1-based line of every row, counting blank lines, and strips a BOM and header spaces', () => {
    const rows = readCsv('a.csv', '\uFEFFcode , name\r\nE23000001,Metropolitan Police\r\n\r\nE23000034,"London, City of"\r\n');
    expect(rows).toEqual([
      { line: 2, values: { code: 'E23000001', name: 'Metropolitan Police' } },
      { line: 4, values: { code: 'E23000034', name: 'London, City of' } },
    ]);
  });

  it('reads a tab-separated file when asked', () => {
    expect(readCsv('a.tsv', 'x\ty\n1\t2\n', { delimiter: '\t' })[0].values).toEqual({ x: '1', y: '2' });
  });

  it('keeps markers and numbers as text for parseNumber to judge', () => {
    expect(readCsv('a.csv', 'n\n..\n[c]\n"1,234"\n').map((r) => r.values.n)).toEqual(['..', '[c]', '1,234']);
  });

  it('an empty file is an error naming the file', () => {
    expect(() => readCsv('empty.csv', '')).toThrow(/^empty\.csv: expected a CSV file with a header row, found an empty file/);
    expect(() => readCsv('empty.csv', ' \n\n')).toThrow(DataError);
  });

  it('a missing column names the file, row 1, the column and the columns found', () => {
    expect(() => readCsv('a.csv', 'code,nm\nx,y\n', { requiredColumns: ['code', 'name'] })).toThrow(
      /a\.csv, row 1, column name: expected a column headed 'name', found columns 'code', 'nm'/,
    );
  });

  it('a row with too many fields is an error naming its row', () => {
    expect(() => readCsv('a.csv', 'a,b\n1,2\n3,4,5\n')).toThrow(/a\.csv, row 3: expected well-formed CSV, found TooManyFields/);
  });

  it('Latin-1 bytes read as UTF-8 are an error naming the row and column', () => {
    const latin1 = Buffer.concat([Buffer.from('code,name\nW15000001,'), Buffer.from([0x59, 0x6e, 0x79, 0x73, 0x20, 0x4d, 0xf4, 0x6e]), Buffer.from('\n')]);
    expect(() => readCsv('wales.csv', latin1.toString('utf8'))).toThrow(/wales\.csv, row 2, column name: expected UTF-8 text, found bytes that are not valid UTF-8/);
  });
});

describe('readCsv line numbers', () => {
  it('count a quoted field with line breaks, and blank lines, to give each row its real line', () => {
    const rows = readCsv('q.csv', 'code,note\nA,"two\nlines"\n\nB,plain\n  \nC,"x\n\ny"\nD,last\n');
    expect(rows.map((r) => [r.values.code, r.line])).toEqual([['A', 2], ['B', 5], ['C', 7], ['D', 10]]);
    expect(rows[0].values.note).toBe('two\nlines');
  });

  it('a header with no rows still has its columns checked', () => {
    expect(readCsv('h.csv', 'code,name\n', { requiredColumns: ['code'] })).toEqual([]);
    expect(() => readCsv('h.csv', 'code,name\n', { requiredColumns: ['pfa'] })).toThrow(/h\.csv, row 1, column pfa: expected a column headed 'pfa', found columns 'code', 'name'/);
  });

  it('CRLF line ends', () => {
    expect(readCsv('w.csv', 'a,b\r\n1,2\r\n\r\n3,4\r\n').map((r) => r.line)).toEqual([2, 4]);
  });
});
