/**
 * Home Office "Police workforce open data tables" (2019 onwards; the workforce table that goes back to
 * 31 March 2007): one sheet "Data", one row per force × year × sex × rank × worker type, with
 * headcount and full-time equivalent. Officers FTE by force at 31 March is the sum of the rows whose
 * worker type is "Police Officer".
 *
 * Layout, from two sources (no copy of the file is held; see docs/sources.md):
 * - the release: https://www.gov.uk/government/statistics/police-workforce-open-data-tables, with the
 *   "User guide to police workforce statistics" (gov.uk guidance, updated 24 January 2024) for what
 *   the worker types and FTE mean;
 * - public code that reads the file (open-data-table-police-workforce-280126.ods and -220726.ods, read
 *   with pandas: `sheet_name="Data"`, header on the first row, columns "As at 31 March", "Geocode",
 *   "Force name", "Region", "Sex", "Rank", "Worker type", "Total (Headcount)", "Total (FTE)";
 *   officers are `Worker type == "Police Officer"`, summed by Geocode; years are numbers, 2010, 2026).
 *
 * Checked strictly: the sheet name and every header above, in one row; each year gives exactly the 43
 * force codes (E23/W15) of the geography; a force code outside it is an error naming the cell. Rows
 * for British Transport Police (no PFA code) are not police force areas and are left out.
 */
import { DataError, quoteFound } from '../../../src/errors.ts';
import type { Geography } from '../../geography/index.ts';
import { cleanText, denseRows, findHeader, getSheet, locate, type Workbook } from '../../read/sheet.ts';
import { requireNumber, roundTo } from '../../read/values.ts';

export const OPEN_DATA_SHEET = 'Data';

/** The header of the Data sheet, exactly as the publisher writes it (case and spacing tolerated). */
export const OPEN_DATA_HEADERS = {
  year: /^As at 31 March$/i,
  geocode: /^Geocode$/i,
  force: /^Force name$/i,
  region: /^Region$/i,
  sex: /^Sex$/i,
  rank: /^Rank$/i,
  workerType: /^Worker type$/i,
  headcount: /^Total \(Headcount\)$/i,
  fte: /^Total \(FTE\)$/i,
} as const;

const OFFICER = /^police officers?$/i;
const PFA_CODE = /^(E23|W15)\d{6}$/;

export interface OfficerCount {
  pfa: string;
  date: string;
  fte: number;
  /** Where the first of the summed rows sits, and how many rows were summed. */
  cell: string;
  rows: number;
}

export function isOpenDataWorkbook(book: Workbook): boolean {
  return book.sheets.some((s) => s.name.trim().toLowerCase() === OPEN_DATA_SHEET.toLowerCase());
}

/** Officers (FTE) by force at each 31 March the table gives. */
export function readOpenDataOfficers(book: Workbook, geography: Geography): OfficerCount[] {
  const sheet = getSheet(book, OPEN_DATA_SHEET);
  const h = findHeader(sheet, OPEN_DATA_HEADERS, { maxRow: 5 });
  const c = h.columns;
  const sums = new Map<string, OfficerCount>();
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= h.row) continue;
    const worker = cleanText(String(cells[c.workerType - 1]?.value ?? ''));
    if (!OFFICER.test(worker)) continue;
    const code = cleanText(String(cells[c.geocode - 1]?.value ?? ''));
    if (!PFA_CODE.test(code)) continue; // British Transport Police and other bodies: not a PFA
    if (!geography.pfaByCode.has(code)) throw new DataError(locate(sheet, { row, col: c.geocode }), 'one of the 43 police force area codes', quoteFound(code));
    const yearRaw = cells[c.year - 1]?.value ?? null;
    const year = typeof yearRaw === 'number' ? yearRaw : Number(cleanText(String(yearRaw ?? '')));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DataError(locate(sheet, { row, col: c.year }), "a year ('2025': the count at 31 March of that year)", quoteFound(yearRaw));
    const fte = requireNumber(cells[c.fte - 1]?.value ?? null, locate(sheet, { row, col: c.fte }), 'a number of officers (FTE)');
    if (fte < 0) throw new DataError(locate(sheet, { row, col: c.fte }), 'a number of officers (FTE) of 0 or more', `${fte}`);
    const date = `${year}-03-31`;
    const key = `${code}|${date}`;
    const prior = sums.get(key);
    if (prior) {
      prior.fte += fte;
      prior.rows++;
    } else {
      sums.set(key, { pfa: code, date, fte, cell: `${sheet.name}!${locate(sheet, { row, col: c.fte }).column}${row}`, rows: 1 });
    }
  }
  const byDate = new Map<string, number>();
  for (const s of sums.values()) {
    s.fte = roundTo(s.fte, 4);
    byDate.set(s.date, (byDate.get(s.date) ?? 0) + 1);
  }
  if (!byDate.size) throw new DataError({ file: sheet.file, sheet: sheet.name, column: 'worker type' }, "rows with worker type 'Police Officer' for police force areas", 'none', 'The table may have changed its worker types or codes.');
  for (const [date, n] of byDate) {
    if (n !== 43) throw new DataError({ file: sheet.file, sheet: sheet.name }, `officers for each of the 43 police force areas at ${date}`, `${n}`);
  }
  return [...sums.values()].sort((a, b) => a.date.localeCompare(b.date) || a.pfa.localeCompare(b.pfa));
}
