import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { DataError } from '../../src/errors.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import { cellAt, columnLetter, columnNumber, denseRows, findHeader, getSheet, locate } from '../../pipeline/read/sheet.ts';
import { parseNumber } from '../../pipeline/read/values.ts';
import { ods, odsEmpty, odsFloat, odsRow, odsText, xlsx } from './fixtures.ts';

describe('xlsx reader', () => {
  const book = readWorkbook(
    'test.xlsx',
    xlsx([
      { name: 'Notes', cells: [{ ref: 'A1', s: 'About these tables' }] },
      {
        name: 'Table 1 ',
        cells: [
          { ref: 'A1', s: 'Force' },
          { ref: 'B1', s: 'Officers' },
          { ref: 'C1', inline: 'Rate' },
          { ref: 'A2', s: 'Avon & Somerset' },
          { ref: 'B2', n: 2950.5 },
          { ref: 'C2', s: '1,234' },
          { ref: 'A3', inline: 'Kent' },
          { ref: 'B3', s: '[c]' },
          { ref: 'C3', str: '0.25' },
          { ref: 'AA3', b: true },
          { ref: 'A10', s: 'Force' },
        ],
      },
    ]),
  );

  it('lists sheets in workbook order', () => {
    expect(book.sheets.map((s) => s.name)).toEqual(['Notes', 'Table 1 ']);
  });

  it('finds a sheet whose name has a trailing space, and names the sheets when one is missing', () => {
    expect(getSheet(book, 'Table 1').name).toBe('Table 1 ');
    expect(getSheet(book, 'table 1 ').name).toBe('Table 1 ');
    expect(() => getSheet(book, 'Table 2')).toThrow(/test\.xlsx: expected a sheet named 'Table 2', found sheets 'Notes', 'Table 1 '/);
  });

  it('reads shared strings, inline strings, numbers, formula strings and booleans with their positions', () => {
    const s = getSheet(book, 'Table 1');
    expect(cellAt(s, 2, 1).value).toBe('Avon & Somerset');
    expect(cellAt(s, 2, 2).value).toBe(2950.5);
    expect(cellAt(s, 1, 3).value).toBe('Rate');
    expect(cellAt(s, 3, 1).value).toBe('Kent');
    expect(cellAt(s, 3, 3).value).toBe('0.25');
    expect(cellAt(s, 3, 27).value).toBe('TRUE');
    expect(cellAt(s, 5, 5).value).toBeNull();
    expect(s.maxRow).toBe(10);
  });

  it('numbers stored as text become numbers only through parseNumber, which names the cell', () => {
    const s = getSheet(book, 'Table 1');
    const c = cellAt(s, 2, 3);
    expect(c.value).toBe('1,234');
    expect(parseNumber(c.value, locate(s, c)).value).toBe(1234);
    const sup = cellAt(s, 3, 2);
    expect(parseNumber(sup.value, locate(s, sup))).toEqual({ value: null, reason: 'confidential (suppressed)' });
    expect(locate(s, cellAt(s, 3, 27))).toEqual({ file: 'test.xlsx', sheet: 'Table 1 ', row: 3, column: 'AA' });
  });

  it('denseRows fills gaps with empty cells and keeps row numbers', () => {
    const rows = [...denseRows(getSheet(book, 'Table 1'))];
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 10]);
    expect(rows[2].cells).toHaveLength(27);
    expect(rows[2].cells[5].value).toBeNull();
  });

  it('findHeader returns the first row with every label, and reports when there is none', () => {
    const s = getSheet(book, 'Table 1');
    expect(findHeader(s, { force: /^force$/i, n: /^officers$/i })).toEqual({ row: 1, columns: { force: 1, n: 2 } });
    expect(() => findHeader(s, { force: /^force$/i, x: /^budget$/i })).toThrow(/test\.xlsx, sheet Table 1 , row 1: expected a header row .*budget.*found the nearest row \(1\) lacks a column matching \^budget\$/);
  });
});

describe('ods reader', () => {
  const rows =
    odsRow(odsText('Table 1: officers') + odsEmpty(1020)) +
    odsRow(odsEmpty(), 3) +
    odsRow(odsText('Force') + odsText('Sep 2017') + odsText('Mar 2018')) +
    odsRow(odsText('Cumbria') + odsFloat(1128.38, '1,128.38') + odsFloat(1150)) +
    odsRow(odsText('Same') + odsFloat(7, '7', 3), 2) +
    odsRow(`<table:table-cell office:value-type="string"><text:p>Two<text:s text:c="2"/>spaces</text:p><text:p>second line</text:p></table:table-cell>` + odsText('[x]')) +
    odsRow(odsEmpty(1024), 1048000);
  const book = readWorkbook('test.ods', ods([{ name: 'Table_1 ', rowsXml: rows }, { name: 'Other', rowsXml: odsRow(odsText('x')) }]));
  const s = getSheet(book, 'Table_1');

  it('reads sheet names (trailing space kept, found without it)', () => {
    expect(book.sheets.map((x) => x.name)).toEqual(['Table_1 ', 'Other']);
  });

  it('counts repeated empty rows and columns into the positions of later cells', () => {
    expect(cellAt(s, 1, 1).value).toBe('Table 1: officers');
    expect(cellAt(s, 5, 1).value).toBe('Force');
    expect(cellAt(s, 6, 2).value).toBe(1128.38);
    expect(cellAt(s, 6, 2).text).toBe('1128.38');
    expect(cellAt(s, 6, 3).value).toBe(1150);
  });

  it('expands repeated cells and repeated rows that have content', () => {
    for (const r of [7, 8]) {
      expect(cellAt(s, r, 1).value).toBe('Same');
      expect([2, 3, 4].map((c) => cellAt(s, r, c).value)).toEqual([7, 7, 7]);
      expect(cellAt(s, r, 5).value).toBeNull();
    }
    expect(cellAt(s, 9, 1).value).toBe('Two  spaces\nsecond line');
    expect(cellAt(s, 9, 2).value).toBe('[x]');
  });

  it('does not materialise a million trailing empty rows', () => {
    expect(s.maxRow).toBe(9);
    expect(s.rows.size).toBe(6);
  });
});

describe('damaged workbooks are errors naming the file', () => {
  const good = xlsx([{ name: 'S', cells: [{ ref: 'A1', n: 1 }] }]);

  it('a truncated file', () => {
    expect(() => readWorkbook('cut.xlsx', good.slice(0, Math.floor(good.length / 2)))).toThrow(DataError);
    expect(() => readWorkbook('cut.xlsx', good.slice(0, Math.floor(good.length / 2)))).toThrow(/^cut\.xlsx: expected a complete spreadsheet/);
  });

  it('an empty file', () => {
    expect(() => readWorkbook('empty.ods', new Uint8Array())).toThrow(/empty\.ods: expected a complete spreadsheet/);
  });

  it('a zip without a workbook', () => {
    expect(() => readWorkbook('other.xlsx', zipSync({ 'readme.txt': strToU8('hi') }))).toThrow(/other\.xlsx: expected an \.xlsx or \.ods workbook, found a zip archive without a workbook/);
  });

  it('broken XML inside', () => {
    const bad = zipSync({ 'content.xml': strToU8('<office:document-content><table:table table:name="A"><table:table-row>') });
    expect(() => readWorkbook('broken.ods', bad)).toThrow(/broken\.ods: expected well-formed spreadsheet XML/);
  });

  it('an entity-expansion (billion laughs) document is refused, not expanded', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><office:document-content><office:body><office:spreadsheet><table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p>&lol2;</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    expect(() => readWorkbook('lol.ods', zipSync({ 'content.xml': strToU8(lol) }))).toThrow(DataError);
  });
});

describe('column letters', () => {
  it.each([[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [703, 'AAA'], [16384, 'XFD']])('%i ↔ %s', (n, l) => {
    expect(columnLetter(n)).toBe(l);
    expect(columnNumber(l)).toBe(n);
  });
});
