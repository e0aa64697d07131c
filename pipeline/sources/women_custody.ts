/**
 * Prison Reform Trust's table of women sentenced to immediate custody per 100,000 women, by police
 * force area, 2014-2022 (built by PRT from MoJ Outcomes by Offence data and ONS population estimates;
 * a third party's table, not a publisher's file). Rates only: no counts, no intervals.
 *
 * The table has 42 areas: "Metropolitan Police" includes City of London. That row is kept under the
 * Metropolitan Police code with covers_city_of_london = true, and City of London gets an explicit
 * null row ("not published separately") so that nobody reads its absence as zero.
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import { GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { cleanText, columnLetter, denseRows, findHeader, getSheet, locate, type Sheet } from '../read/sheet.ts';
import type { NameLookup } from '../geography/names.ts';
import { requireNumber } from '../read/values.ts';
import type { SourceModule } from './types.ts';

export const WOMEN_CUSTODY_RATE: TableDef = {
  name: 'women_custody_rate',
  title: "Women sentenced to immediate custody per 100,000 women, by police force area (Prison Reform Trust's table)",
  description:
    "Women (aged 18 and over) sentenced to immediate custody at courts in the police force area in the calendar year, per 100,000 women living there, as published by the Prison Reform Trust from MoJ Outcomes by Offence data (December 2024 edition) and ONS mid-year estimates, rounded to 1 decimal place. A third party's table built from publisher data. The area is that of the COURT, not of the woman's home. MoJ re-mapped courts to police force areas in 2023 and revised the back series, so older editions differ (e.g. Gwent and Dyfed-Powys lower, South Wales higher). The Metropolitan Police figure includes City of London, which has no separate figure.",
  primaryKey: ['pfa_code', 'year'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'year', type: 'integer', description: 'Calendar year of sentence.', min: 2000, max: 2100 },
    { name: 'rate_per_100k_women', type: 'number', description: 'Women sentenced to immediate custody per 100,000 women (as published, 1 decimal place).', nullable: true, min: 0 },
    { name: 'covers_city_of_london', type: 'boolean', description: 'True where the figure also covers City of London (the Metropolitan Police row).' },
    { name: 'null_reason', type: 'string', description: 'Why the rate is empty.', nullable: true },
  ],
};

const METROPOLITAN = 'E23000001';
const CITY_OF_LONDON = 'E23000034';

/** Rows of the table (one sheet): 42 areas × years, plus City of London as not published. */
export function readWomenCustodySheet(sheet: Sheet, pfaNames: Pick<NameLookup, 'code'>, sourceId: string): Row[] {
  const rows: Row[] = [];
  const h = findHeader(sheet, { area: /^Police Force Area$/i }, { maxRow: 5 });
  const yearCols: { year: number; col: number }[] = [];
  for (const c of sheet.rows.get(h.row) ?? []) {
    const t = cleanText(c.text);
    if (/^(19|20)\d{2}$/.test(t)) yearCols.push({ year: Number(t), col: c.col });
  }
  if (!yearCols.length) throw new DataError(locate(sheet, { row: h.row, col: h.columns.area + 1 }), 'year columns (2014, 2015, …)', 'none');
  const seen = new Map<string, number>();
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= h.row) continue;
    const nameCell = cells[h.columns.area - 1];
    const name = cleanText(String(nameCell?.value ?? ''));
    if (!name) continue;
    const where = locate(sheet, { row, col: h.columns.area });
    const code = pfaNames.code(name, where);
    if (code === CITY_OF_LONDON) {
      throw new DataError(where, 'no separate City of London row (the table folds it into Metropolitan Police)', quoteFound(name), 'If the publisher now separates City of London, update this parser.');
    }
    if (seen.has(code)) throw new DataError(where, `one row for ${name}`, `a second (first on row ${seen.get(code)})`);
    seen.set(code, row);
    for (const { year, col } of yearCols) {
      const rate = requireNumber(cells[col - 1]?.value ?? null, locate(sheet, { row, col }), 'a rate per 100,000 women');
      if (rate < 0) throw new DataError(locate(sheet, { row, col }), 'a rate of 0 or more', `${rate}`);
      rows.push({ pfa_code: code, year, rate_per_100k_women: rate, covers_city_of_london: code === METROPOLITAN, null_reason: null, source_id: sourceId, source_cell: `${sheet.name}!${columnLetter(col)}${row}` });
    }
  }
  if (seen.size !== 42 || !seen.has(METROPOLITAN)) {
    throw new DataError({ file: sheet.file, sheet: sheet.name, column: columnLetter(h.columns.area) }, '42 police force areas (Metropolitan Police including City of London)', `${seen.size}${seen.has(METROPOLITAN) ? '' : ', without Metropolitan Police'}`);
  }
  const metRow = seen.get(METROPOLITAN)!;
  for (const { year } of yearCols) {
    rows.push({
      pfa_code: CITY_OF_LONDON,
      year,
      rate_per_100k_women: null,
      covers_city_of_london: false,
      null_reason: 'Not published separately: the table includes City of London in the Metropolitan Police figure.',
      source_id: sourceId,
      source_cell: `${sheet.name}!${columnLetter(h.columns.area)}${metRow}`,
    });
  }
  return rows;
}

const source: SourceModule = {
  tables: [WOMEN_CUSTODY_RATE],
  parse({ files, geography }) {
    const rows = files.flatMap((file) => readWomenCustodySheet(getSheet(readWorkbook(file.label, readFileSync(file.path)), 'Sheet1'), geography.pfaNames, file.entry.id));
    return { women_custody_rate: rows };
  },
};

export default source;
