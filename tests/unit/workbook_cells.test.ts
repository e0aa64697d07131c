/**
 * Text among a workbook's figures is refused on every sheet and row (pipeline/validate/workbook_cells.ts),
 * naming file, sheet, row, column and value; titles, headers, notes and the publishers' markers are not.
 * Workbooks are written by the test (tests/unit/fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../pipeline/validate/workbook_cells.ts';
import { DataError } from '../../src/errors.ts';
import { errorOf } from './error-of.ts';
import { ods, odsEmpty, odsFloat, odsRow, odsText, xlsx, type XCell } from './fixtures.ts';

/** A sheet as publishers lay one out: a title, a header of years, a label column, figures, a note. */
function table(figure: (row: number, col: string) => XCell['n'] | { s: string } = (r, c) => r * 10 + c.charCodeAt(0)): XCell[] {
  const cells: XCell[] = [{ ref: 'A1', s: 'Table 1: prisoners by area' }, { ref: 'A3', s: 'Area' }, { ref: 'B3', n: 2019 }, { ref: 'C3', n: 2020 }, { ref: 'D3', s: 'Change %' }];
  for (let r = 4; r <= 12; r++) {
    cells.push({ ref: `A${r}`, s: `Area ${String.fromCharCode(60 + r)}` });
    for (const c of ['B', 'C', 'D']) {
      const v = figure(r, c);
      cells.push(typeof v === 'object' ? { ref: `${c}${r}`, s: v.s } : { ref: `${c}${r}`, n: v });
    }
  }
  cells.push({ ref: 'A14', s: 'Source: a publisher' }, { ref: 'A15', n: 1 }, { ref: 'A16', s: 'Note 1: counts at 30 June' });
  return cells;
}

const check = (bytes: Uint8Array, id = 'prison_table') => () => checkWorkbook('prisons/tables/table1.xlsx', bytes, id);

describe('text among figures in a workbook', () => {
  it('accepts titles, a header of years, labels, notes, and the markers and forms publishers print', () => {
    const marks = ['..', '[c]', 'x', '-', ':', '*', '+', 'No data', '80653**', '1,234', '12.5%'];
    expect(check(xlsx([{ name: 'Table 1', cells: table((r, c) => (c === 'C' && r >= 5 && r < 5 + marks.length - 2 ? { s: marks[r - 5] } : r * 10)) }]))).not.toThrow();
    expect(check(xlsx([{ name: 'Table 1', cells: table((r, c) => (c === 'D' ? { s: marks[r % marks.length] } : r)) }]))).not.toThrow();
  });

  it('refuses a word in the middle of a column of figures on a sheet no parser reads, naming file, sheet, row, column and value', () => {
    const book = xlsx([{ name: 'Table 1', cells: table() }, { name: 'Table 2 (not read)', cells: table((r, c) => (r === 8 && c === 'C' ? { s: 'n/k' } : r)) }]);
    const e = errorOf(check(book));
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(
      "prisons/tables/table1.xlsx, sheet Table 2 (not read), row 8, column C: expected a number or a suppression marker (the cells above and below are figures), found 'n/k'. " +
        'A publisher prints figures or markers (.., *, :, c, x, -) among figures; check the download. A cell that is rightly text there is listed in pipeline/validate/rules.json (inputs.<file>.text_cells) with its reason. (registry file prison_table)',
    );
  });

  it('refuses a word in the last row of a table, where the row is one of the table’s', () => {
    expect(check(xlsx([{ name: 'T', cells: table((r, c) => (r === 12 && c === 'B' ? { s: 'twelve' } : r)) }]))).toThrow(/sheet T, row 12, column B: expected a number or a suppression marker \(the cells above are figures, as in the rest of the row\), found 'twelve'/);
  });

  it('does not take a column of markers with a few answers in words for figures', () => {
    const cells = table((r, c) => (c === 'D' ? { s: r === 8 ? 'Bournemouth' : '-' } : r));
    expect(check(xlsx([{ name: 'Data', cells }]))).not.toThrow();
  });

  it('reads .ods the same way', () => {
    const rows = (bad: boolean) =>
      [odsRow(odsText('Area') + odsText('Count')), ...Array.from({ length: 6 }, (_, i) => odsRow(odsText(`Area ${'ABCDEF'[i]}`) + (bad && i === 3 ? odsText('unknown') : odsFloat(100 + i)))), odsRow(odsEmpty(2)), odsRow(odsText('Notes'))].join('');
    expect(check(ods([{ name: 'Data', rowsXml: rows(false) }]))).not.toThrow();
    expect(check(ods([{ name: 'Data', rowsXml: rows(false) }, { name: 'Old', rowsXml: rows(true) }]))).toThrow(/table1\.xlsx, sheet Old, row 5, column B: expected a number or a suppression marker .*found 'unknown'/);
  });

  it('a cell listed in rules.json for its file (with a reason) is accepted there and nowhere else', () => {
    // The DLUHC database extract: column numbers in row 1, column names under them in row 2.
    const cells: XCell[] = ['C', 'D', 'E'].flatMap((c, i) => [{ ref: `${c}1`, n: i + 3 }, { ref: `${c}2`, s: `name_${c}` }, { ref: `${c}3`, n: 10 }, { ref: `${c}4`, n: 11 }]);
    const book = xlsx([{ name: 'CTR2 SQL', cells }]);
    expect(check(book, 'dluhc_ctr_2022_23')).not.toThrow();
    expect(check(book, 'another_file')).toThrow(/sheet CTR2 SQL, row 2, column C: .*found 'name_C'/);
  });
});
