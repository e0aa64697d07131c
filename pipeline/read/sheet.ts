import { DataError, quoteFound } from '../../src/errors.ts';

/** One cell as the publisher stored it, with enough position to point a person at it. */
export interface Cell {
  /** Number for numeric cells, string for text, null for an empty cell. */
  value: number | string | null;
  /** The text as displayed (for numbers stored as text, "1184"; for numeric cells, the value). */
  text: string;
  row: number; // 1-based
  col: number; // 1-based
}

export interface Sheet {
  file: string;
  name: string;
  /** Sparse: rows[r] holds the cells of 1-based row r that have content. */
  rows: Map<number, Cell[]>;
  maxRow: number;
}

export interface Workbook {
  file: string;
  sheets: Sheet[];
}

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Find a sheet by name, tolerating the trailing spaces some publishers leave in names. */
export function getSheet(book: Workbook, name: string): Sheet {
  const want = name.trim().toLowerCase();
  const sheet = book.sheets.find((s) => s.name.trim().toLowerCase() === want);
  if (!sheet) {
    throw new DataError(
      { file: book.file },
      `a sheet named '${name}'`,
      `sheets ${book.sheets.map((s) => `'${s.name}'`).join(', ')}`,
      'The publisher may have renamed the sheet; update the parser for this source.',
    );
  }
  return sheet;
}

export function cellAt(sheet: Sheet, row: number, col: number): Cell {
  const cells = sheet.rows.get(row);
  const found = cells?.find((c) => c.col === col);
  return found ?? { value: null, text: '', row, col };
}

/** The rows of a sheet in order, each as a dense array indexed by column - 1. */
export function* denseRows(sheet: Sheet): Generator<{ row: number; cells: Cell[] }> {
  const rowNumbers = [...sheet.rows.keys()].sort((a, b) => a - b);
  for (const r of rowNumbers) {
    const sparse = sheet.rows.get(r)!;
    const width = Math.max(0, ...sparse.map((c) => c.col));
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push({ value: null, text: '', row: r, col: c });
    for (const c of sparse) cells[c.col - 1] = c;
    yield { row: r, cells };
  }
}

/** Text of a cell with footnote markers, non-breaking and doubled spaces tidied. */
export function cleanText(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

export function locate(sheet: Sheet, cell: { row: number; col: number }) {
  return { file: sheet.file, sheet: sheet.name, row: cell.row, column: columnLetter(cell.col) };
}

/**
 * Find the first row whose cells contain every label (case-insensitive, footnote digits ignored)
 * and return each label's column. Publishers move columns between editions: find them by label.
 */
export function findHeader(
  sheet: Sheet,
  labels: Record<string, RegExp>,
  opts: { maxRow?: number } = {},
): { row: number; columns: Record<string, number> } {
  const maxRow = opts.maxRow ?? 40;
  let best: { row: number; found: string[] } | null = null;
  for (const { row, cells } of denseRows(sheet)) {
    if (row > maxRow) break;
    const columns: Record<string, number> = {};
    for (const [key, re] of Object.entries(labels)) {
      const hit = cells.find((c) => typeof c.value === 'string' && re.test(cleanText(c.text)));
      if (hit) columns[key] = hit.col;
    }
    if (Object.keys(columns).length === Object.keys(labels).length) return { row, columns };
    if (Object.keys(columns).length && (!best || Object.keys(columns).length > best.found.length)) best = { row, found: Object.keys(columns) };
  }
  const all = Object.entries(labels);
  const missing = best ? all.filter(([k]) => !best!.found.includes(k)) : all;
  throw new DataError(
    { file: sheet.file, sheet: sheet.name, ...(best ? { row: best.row } : {}) },
    `a header row (within the first ${maxRow} rows) with columns ${all.map(([, r]) => r.source).join(', ')}`,
    best
      ? `the nearest row (${best.row}) lacks a column matching ${missing.map(([, r]) => r.source).join(', ')}`
      : 'no row with any of them',
    'A column may have been renamed or removed by the publisher, or the header moved further down.',
  );
}

export { quoteFound };
