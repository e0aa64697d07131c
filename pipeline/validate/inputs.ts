/**
 * Checks on every held delimited text file (CSV, TSV) before any parser reads it, over every row the
 * file carries, used or not: a body under the header, each header named once, every row as wide as
 * the header, no row repeated word for word, and no text in a column of numbers (suppression markers are data, not errors). They
 * run first so that the first error names the file that broke, not a later file that reads it, and
 * they name the registry path, never the cache's copy. Exceptions are data: rules.json `inputs`.
 * Every sheet of every held workbook (.xlsx, .ods) is checked the same way for text among its figures
 * (workbook_cells.ts).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { DataError, quoteFound } from '../../src/errors.ts';
import { hashJson } from '../fingerprint.ts';
import type { Registry } from '../registry.ts';
import { rules } from './rules.ts';
import { checkWorkbook } from './workbook_cells.ts';

/**
 * What publishers print for a figure they do not give (suppressed, not available, not applicable).
 * '+' is the ONS crime tables' mark for a rate not given for the City of London (Table P3 note 11);
 * 'No data' fills the figure cells of the ONS mid-year estimates' sub-heading rows (MYE1 'Age Groups').
 */
export const MARKERS = /^(\.\.?|\.\.\.|-|–|—|\*|\*\*|\+|x|z|c|u|n\/a|na|nan|null|none|:|\[[a-z]+\]|\[x\]|\[c\]|\[z\]|\[u\]|~|#|!|low|n\.a\.|not available|no data|suppressed)$/i;
const NUMBER = /^[-+]?[£$€]?\s?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?%?$/i;

export const isNumberText = (v: string) => NUMBER.test(v.trim());

/** The share of a column's filled cells that must be numbers for the column to count as numeric. */
const NUMERIC_SHARE = 0.9;

/**
 * `cacheDir`: where the workbooks that passed are remembered (reading every sheet of a hundred
 * workbooks takes about 11 s), by their registered sha256, their rules.json entry and this code.
 */
export function checkInputs(registry: Registry, paths: Map<string, string>, cacheDir?: string): void {
  const memo = new PassedWorkbooks(cacheDir);
  for (const f of registry.files.values()) {
    if (!f.held || !f.path || !f.dataset.parser) continue;
    const kind = /\.(csv|tsv|xlsx|ods)$/i.exec(f.path)?.[1]?.toLowerCase();
    const path = paths.get(f.id);
    if (!kind || !path) continue;
    if (kind === 'xlsx' || kind === 'ods') {
      const key = hashJson({ sha256: f.sha256, rule: rules().inputs[f.id] ?? null, code: CHECK_CODE });
      if (memo.has(key)) continue;
      checkWorkbook(f.path, new Uint8Array(readFileSync(path)), f.id);
      memo.add(key);
    } else checkDelimited(f.path, readFileSync(path), kind === 'tsv' ? '\t' : ',', f.id);
  }
  memo.save();
}

/** The code a workbook's check is a function of: the check and the readers it reads cells with. */
const CHECK_CODE = hashJson(['./inputs.ts', './workbook_cells.ts', '../read/spreadsheet.ts', '../read/sheet.ts', '../read/zipped_xml.ts'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')));

class PassedWorkbooks {
  private keys = new Set<string>();
  private added = false;
  private file: string | null;
  constructor(cacheDir?: string) {
    this.file = cacheDir ? join(cacheDir, '_checked', 'workbooks.json') : null;
    if (!this.file || !existsSync(this.file)) return;
    try {
      this.keys = new Set(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // a damaged memo only costs the checks again
    }
  }
  has(key: string) {
    return this.keys.has(key);
  }
  add(key: string) {
    this.keys.add(key);
    this.added = true;
  }
  save() {
    if (!this.file || !this.added) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.part`;
    writeFileSync(tmp, JSON.stringify([...this.keys].sort()));
    renameSync(tmp, this.file);
  }
}

export function checkDelimited(label: string, bytes: Uint8Array, delimiter: string, fileId = ''): void {
  const rule = rules().inputs[fileId] ?? {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return; // the parser names the cell whose bytes are not UTF-8 (read/csv.ts)
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  if (rows.length === 0) return; // the parser says the file is empty
  const header = rows[0].map((h) => h.trim());
  if (rows.length === 1) throw new DataError({ file: label }, 'rows under the header', 'a header and no rows (an empty body)', 'A publisher would not release an empty table; check the download.');
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (h && seen.has(h) && !rule.repeated_headers) throw new DataError({ file: label, row: 1, column: h }, 'each column named once in the header', `'${h}' in columns ${seen.get(h)! + 1} and ${i + 1}`);
    seen.set(h, i);
  });
  if (!rule.ragged) {
    for (let r = 1; r < rows.length; r++) {
      if (rows[r].length !== header.length) {
        throw new DataError({ file: label, row: r + 1 }, `${header.length} fields, as the header has`, `${rows[r].length}`, 'A column may have been dropped or a delimiter added.');
      }
    }
  }
  if (!rule.repeated_rows) {
    // A row printed twice, word for word, is a copying fault: no table states one fact twice.
    const seenRows = new Map<string, number>();
    for (let r = 1; r < rows.length; r++) {
      const key = JSON.stringify(rows[r]);
      const first = seenRows.get(key);
      if (first !== undefined) throw new DataError({ file: label, row: r + 1 }, 'each row once', `a copy of row ${first + 1}`);
      seenRows.set(key, r);
    }
  }
  const textColumns = new Set(rule.text_columns ?? []);
  for (let c = 0; c < header.length && !rule.no_numeric_columns; c++) {
    if (textColumns.has(header[c])) continue;
    let numbers = 0;
    let filled = 0;
    for (let r = 1; r < rows.length; r++) {
      const v = (rows[r][c] ?? '').trim();
      if (!v || MARKERS.test(v)) continue;
      filled++;
      if (isNumberText(v)) numbers++;
    }
    if (filled < 5 || numbers / filled < NUMERIC_SHARE) continue;
    for (let r = 1; r < rows.length; r++) {
      const v = (rows[r][c] ?? '').trim();
      if (v && !MARKERS.test(v) && !isNumberText(v)) {
        throw new DataError({ file: label, row: r + 1, column: header[c] || String(c + 1) }, `a number or a suppression marker (the column holds ${numbers} numbers)`, quoteFound(v));
      }
    }
  }
}
