/**
 * Rows of an MoJ proven reoffending data tool, from either form the release publishes: the "CSV
 * format of data tools" file (one CSV per tool) or the xlsx tool's sheet "Data" (header in row 1,
 * one row per cell of the tool). Both carry the same columns; a column is found by the header
 * spellings the releases have used (listed by each parser with its sources), and a header that
 * lacks one, or has it twice, is refused naming the file, sheet and row 1.
 */
import { readFileSync } from 'node:fs';
import { DataError, type CellLocation } from '../../../src/errors.ts';
import { readCsv } from '../../read/csv.ts';
import { readWorkbook } from '../../read/spreadsheet.ts';
import { cleanText, columnLetter, denseRows, getSheet } from '../../read/sheet.ts';

export interface ToolRow {
  values: Record<string, string>;
  at(column: string): CellLocation;
  /** 'row N' (CSV) or 'Data!row N' (xlsx). */
  cell: string;
}

/** canonical column → header spellings accepted (exact text, case as published). */
export type ToolColumns<K extends string> = Record<K, readonly string[]>;

function pickColumns<K extends string>(header: string[], wanted: ToolColumns<K>, where: CellLocation): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const [key, spellings] of Object.entries(wanted) as [K, readonly string[]][]) {
    const hits = header.flatMap((h, i) => (spellings.includes(h) ? [i] : []));
    if (hits.length !== 1) {
      throw new DataError(
        { ...where, column: hits.length ? header[hits[1]] : undefined },
        `a header with one column ${spellings.map((s) => `'${s}'`).join(' or ')}`,
        hits.length ? 'it twice' : `columns ${header.map((h) => `'${h}'`).join(', ')}`,
        'The publisher may have renamed the column; check the release guidance before changing the parser.',
      );
    }
    out[key] = hits[0];
  }
  return out;
}

export function readToolRows<K extends string>(label: string, path: string, columns: ToolColumns<K>): { rows: ToolRow[]; form: 'csv' | 'xlsx' } {
  if (/\.xlsx$/i.test(path) || /\.xlsx$/i.test(label)) {
    const sheet = getSheet(readWorkbook(label, readFileSync(path), ['Data']), 'Data');
    const all = [...denseRows(sheet)];
    const first = all[0];
    if (!first || first.row !== 1) throw new DataError({ file: label, sheet: sheet.name, row: 1 }, 'the header row in row 1', first ? `row 1 empty, first content in row ${first.row}` : 'an empty sheet');
    const header = first.cells.map((c) => cleanText(c.text));
    const at = pickColumns(header, columns, { file: label, sheet: sheet.name, row: 1 });
    const rows = all.slice(1).map(({ row, cells }) => ({
      values: Object.fromEntries(Object.entries(at).map(([k, i]) => [k, cleanText(cells[i as number]?.text ?? '')])) as Record<string, string>,
      at: (column: string) => ({ file: label, sheet: sheet.name, row, column: columnLetter((at[column as K] ?? 0) + 1) }),
      cell: `Data!row ${row}`,
    }));
    if (!rows.length) throw new DataError({ file: label, sheet: sheet.name, row: 2 }, 'data rows under the header', 'none');
    return { rows, form: 'xlsx' };
  }
  if (!/\.csv$/i.test(path) && !/\.csv$/i.test(label)) {
    throw new DataError({ file: label }, "the data tool as a CSV file (the release's 'CSV format of data tools') or the xlsx tool", 'another kind of file', 'A .zip from the release holds the CSV: unzip it and add the CSV.');
  }
  const parsed = readCsv(label, readFileSync(path, 'utf8'));
  if (!parsed.length) throw new DataError({ file: label, row: 2 }, 'data rows under the header', 'none');
  const header = Object.keys(parsed[0].values);
  const at = pickColumns(header, columns, { file: label, row: 1 });
  const names = Object.fromEntries(Object.entries(at).map(([k, i]) => [k, header[i as number]])) as Record<K, string>;
  const rows = parsed.map((r) => ({
    values: Object.fromEntries(Object.entries(names).map(([k, h]) => [k, cleanText(r.values[h as string] ?? '')])) as Record<string, string>,
    at: (column: string) => ({ file: label, row: r.line, column: names[column as K] ?? column }),
    cell: `row ${r.line}`,
  }));
  return { rows, form: 'csv' };
}
