/**
 * One HMPPS "Prison population: monthly bulletin" spreadsheet (ODS, March 2018 onwards) → BulletinParse.
 *
 * Layout traps handled here (see ../shared/data/raw/prisons/PROVENANCE.md):
 * - read only the sheet named MonthlyBulletin (one 2021 file also lists sheet names that point at an
 *   internal SharePoint workbook);
 * - 2018–2020 files store every number as text ("1184"); the reader keeps text, parseNumber reads it;
 * - 2018–2021 files add an "HMPPS Operated Immigration Removal Centres (IRCs)" block, each block
 *   closed by a "Sub total" row; the Total row covers both blocks;
 * - the Total row's operational capacity is the USEABLE operational capacity, printed as text with
 *   footnote stars ("80817**", "85079 **").
 * Each "Sub total" is checked against its block here; the Total row is checked by bulletin_checks.ts.
 */
import { DataError } from '../../../src/errors.ts';
import { readWorkbook } from '../../read/spreadsheet.ts';
import { cleanText, columnLetter, denseRows, findHeader, getSheet, locate, type Cell, type Sheet } from '../../read/sheet.ts';
import { parseNumber } from '../../read/values.ts';
import type { BulletinEstablishment, BulletinParse } from './bulletin.ts';

export const BULLETIN_SHEET = 'MonthlyBulletin';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Measures in the order the bulletin prints them, with the header label that finds each column. */
export const BULLETIN_MEASURES = {
  baselineCna: /^Baseline CNA/i,
  inUseCna: /^In Use CNA/i,
  operationalCapacity: /^Operational Capacity/i,
  population: /^Population/i,
} as const;
type Measure = keyof typeof BULLETIN_MEASURES;
const MEASURES = Object.keys(BULLETIN_MEASURES) as Measure[];

/** Where each measure sits, so that the totals checks can name the cell. */
export interface OdsBulletin extends BulletinParse {
  sheet: string;
  columns: Record<Measure, string>;
  /** 1-based row of the Total row. */
  totalRow: number;
  /** Inconsistencies inside the file that do not stop it being read (shown as pipeline warnings). */
  notes: string[];
}

/** "Monthly Bulletin - April 2021" → 2021-04-01. */
export function monthFromTitle(title: string): string | null {
  const m = /^Monthly Bulletin\s*-\s*([A-Za-z]+)\s+(\d{4})$/i.exec(cleanText(title));
  if (!m) return null;
  const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
  return month ? `${m[2]}-${String(month).padStart(2, '0')}-01` : null;
}

/** "Report Date : 30/4/2021" → 2021-04-30. */
export function reportDateFromText(text: string): string | null {
  const m = /^Report Date\s*:\s*(\d{1,2})\/(\d{1,2})\/(\d{4})$/i.exec(cleanText(text));
  if (!m) return null;
  return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

/**
 * The operating margin: the "**" footnote under the Total row ("** Useable Operational Capacity … less
 * 3000 places.") is the one the starred figure refers to. The definitions section repeats the sentence;
 * when the repeat disagrees (April 2022: 2500 under the Total, 2750 in the definitions) the starred
 * footnote wins and the disagreement is returned as a note naming the cell.
 */
export function operatingMarginFrom(texts: { text: string; where: ReturnType<typeof locate> }[]): { margin: number | null; notes: string[] } {
  const stated = texts
    .map((t) => ({ ...t, m: /operational capacity less ([\d,]+) places/i.exec(t.text) }))
    .filter((t) => t.m)
    .map((t) => ({ where: t.where, starred: t.text.startsWith('*'), value: Number(t.m![1].replace(/,/g, '')) }));
  const starred = stated.filter((s) => s.starred);
  if (new Set(starred.map((s) => s.value)).size > 1) {
    const [a, b] = starred;
    throw new DataError(b.where, `the same operating margin as the footnote at row ${a.where.row} (${a.value} places)`, `${b.value} places`);
  }
  const chosen = starred[0] ?? stated[0];
  if (!chosen) return { margin: null, notes: [] };
  const notes = stated
    .filter((s) => s.value !== chosen.value)
    .map((s) => `${s.where.file}, sheet ${s.where.sheet}, row ${s.where.row}: the definitions state an operating margin of ${s.value} places; the footnote to the Total (row ${chosen.where.row}) states ${chosen.value}, which is used.`);
  return { margin: chosen.value, notes };
}

/** Number in a bulletin cell; the Total's useable capacity carries footnote stars, maybe after a space. */
function readMeasure(sheet: Sheet, cell: Cell, what: string): { value: number | null; reason: string | null } {
  const raw = typeof cell.value === 'string' ? cell.value.replace(/\s*\*+\s*$/, '') : cell.value;
  return parseNumber(raw, locate(sheet, cell), what);
}

export function parseOdsBulletin(label: string, bytes: Uint8Array): OdsBulletin {
  const sheet = getSheet(readWorkbook(label, bytes), BULLETIN_SHEET);
  let month: string | null = null;
  let reportDate: string | null = null;
  const texts: { text: string; where: ReturnType<typeof locate> }[] = [];
  for (const { cells } of denseRows(sheet)) {
    for (const c of cells) if (typeof c.value === 'string') texts.push({ text: cleanText(c.value), where: locate(sheet, c) });
  }
  for (const { text } of texts.slice(0, 10)) {
    month ??= monthFromTitle(text);
    reportDate ??= reportDateFromText(text);
  }
  if (!month) throw new DataError({ file: label, sheet: sheet.name, row: 1, column: 'A' }, "a title 'Monthly Bulletin - <Month YYYY>'", `'${texts[0]?.text ?? ''}'`);
  if (!reportDate) throw new DataError({ file: label, sheet: sheet.name, row: 2, column: 'A' }, "'Report Date : dd/mm/yyyy'", `'${texts[1]?.text ?? ''}'`);

  const header = findHeader(sheet, { name: /^Prison Name$/i, ...BULLETIN_MEASURES }, { maxRow: 12 });
  const nameCol = header.columns.name;
  const col = (m: Measure) => header.columns[m];

  const establishments: BulletinEstablishment[] = [];
  let section: 'prison' | 'irc' = 'prison';
  let blockStart = 0; // index in establishments where the current block began
  let total: BulletinParse['total'] = null;
  let totalRow = 0;
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= header.row) continue;
    const nameCell = cells[nameCol - 1];
    const name = typeof nameCell?.value === 'string' ? cleanText(nameCell.value) : '';
    const measureCells = MEASURES.map((m) => cells[col(m) - 1] ?? { value: null, text: '', row, col: col(m) });
    const hasNumbers = measureCells.some((c) => c.value !== null && String(c.value).trim() !== '');
    if (!name && !hasNumbers) continue;
    if (!name) throw new DataError(locate(sheet, { row, col: nameCol }), 'a prison name beside the figures', 'an empty cell');
    if (!hasNumbers) {
      if (/Immigration Removal Centres/i.test(name)) {
        section = 'irc';
        blockStart = establishments.length;
        continue;
      }
      throw new DataError(locate(sheet, { row, col: col('baselineCna') }), `figures for '${name}' (or a known section heading)`, 'empty cells', 'The bulletin layout may have changed.');
    }
    if (/^Sub ?total$/i.test(name)) {
      const block = establishments.slice(blockStart);
      MEASURES.forEach((m, i) => {
        const printed = readMeasure(sheet, measureCells[i], `the ${section} block's sub total`).value;
        const sum = block.reduce((s, e) => s + (e[m] ?? 0), 0);
        if (printed !== sum) {
          throw new DataError(locate(sheet, measureCells[i]), `the sum of the ${block.length} establishments above (${sum})`, `${printed}`, 'An establishment row may be missing or misread.');
        }
      });
      blockStart = establishments.length;
      continue;
    }
    if (/^Total$/i.test(name)) {
      const [b, u, o, p] = measureCells.map((c, i) => readMeasure(sheet, c, `the Total row's ${MEASURES[i]}`).value);
      total = { baselineCna: b, inUseCna: u, usableOperationalCapacity: o, population: p, cell: `${sheet.name}!${columnLetter(nameCol)}${row}` };
      totalRow = row;
      break; // footnotes and definitions follow
    }
    const values = measureCells.map((c) => readMeasure(sheet, c, `a number of places or prisoners for '${name}'`));
    establishments.push({
      name,
      section,
      baselineCna: values[0].value,
      inUseCna: values[1].value,
      operationalCapacity: values[2].value,
      population: values[3].value,
      nullReason: values.some((v) => v.value === null)
        ? MEASURES.filter((_, i) => values[i].value === null).map((m) => `${m}: ${values[MEASURES.indexOf(m)].reason}`).join('; ')
        : null,
      cell: `${sheet.name}!${columnLetter(nameCol)}${row}`,
    });
  }
  const margin = operatingMarginFrom(texts);
  if (!total) throw new DataError({ file: label, sheet: sheet.name }, "a 'Total' row below the establishments", 'none', 'The bulletin layout may have changed.');
  return {
    month,
    reportDate,
    establishments,
    total,
    operatingMargin: margin.margin,
    notes: margin.notes,
    sheet: sheet.name,
    columns: Object.fromEntries(MEASURES.map((m) => [m, columnLetter(col(m))])) as Record<Measure, string>,
    totalRow,
  };
}
