/**
 * The police precept of council tax per English police force area: average Band D (£), council tax
 * requirement (£) and tax base (Band D equivalents) of each PCC (or mayor with PCC functions), from
 * the government's "Council Tax levels set by local authorities in England" workbooks: the Data sheet
 * of each year's CTR workbook (2015-16 to 2022-23) and Table 9's Data_Precepting sheet (2023-24).
 *
 * Columns are found by their labels (row 4) and year labels (row 5), never by letter: letters move
 * between years. Rows: class PCC only (fire rows of PFCCs sit beside them), plus the GLA's police
 * precept ("London Boroughs less CoL", E5102). GMCA police ("a"/E6348a) and WYCA police ("c"/E6353a)
 * are class PCC rows under their combined authority.
 *
 * Checks (DataError naming the cell): the PCC rows sum to the file's class row "Police authorities ex
 * Met Police" (requirement and tax base, both years); each file's previous-year column agrees with
 * the previous file's current year (within the rounding PROVENANCE.md documents); Band D × tax base
 * reproduces the requirement; 38 areas every year.
 *
 * Every release from 2023-24 publishes the local authority level data in this Table 9 layout, one
 * workbook a year (renamed Table 10 in 2026-27): a file is read as Table 9 when it has the sheet
 * Data_Precepting, whatever its registry id, and the E-code → PFA mapping is the union of every Table
 * 9's ONS Code column. Layout of the later releases, from public code that reads them: MHCLG's own
 * analysts' R (Em1lyK/council-tax) reads every year's Data_Precepting with `skip = 5` (header on row
 * 6, "… (previous year)" / "… (current year)" column pairs) through 2024-25; a survey of the 2026-27
 * release (Table_10_2026-27.ods, sheets Data_Billing, Data_Precepting, …) lists the GLA's police
 * precept as E5102 "London Boroughs area" beside E5101 "Whole of GLA's area". Release pages:
 * https://www.gov.uk/government/collections/council-tax-statistics ("Council Tax levels set by local
 * authorities in England 2024 to 2025"). No Table 9 after 2023-24 is held (see docs/sources.md).
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import { GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import { readCommittedCsv } from '../read/csv.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { cellAt, cleanText, columnLetter, denseRows, findHeader, getSheet, locate, type Sheet } from '../read/sheet.ts';
import { requireNumber, roundTo } from '../read/values.ts';
import type { SourceModule } from './types.ts';

export const PRECEPT_MEASURES = ['band_d_gbp', 'council_tax_requirement_gbp', 'tax_base'] as const;
export type PreceptMeasure = (typeof PRECEPT_MEASURES)[number];

export const POLICE_PRECEPT: TableDef = {
  name: 'police_precept',
  title: 'Police precept of council tax by police force area (England)',
  description:
    "For each English police force area and financial year: the police precept's average Band D council tax (£, 2 adults, cash terms), council tax requirement (£) and tax base (Band D equivalents), as set by the PCC or mayor with PCC functions. 2015-16 to 2022-23 from each year's CTR workbook (Data sheet); 2023-24 from Table 9 (Data_Precepting). Metropolitan Police = the GLA's police precept on London boroughs excluding the City of London (MOPAC); Greater Manchester and West Yorkshire = the combined authorities' police precepts from the years the mayors took the functions. England only: Welsh PCCs set precepts under Welsh rules (not in these files) and the City of London has no PCC precept. Band D values are rounded to pennies (the GLA figure is stored unrounded in some years). Table 9's 2022-23 tax bases for the GLA police precept and the rest of the GLA are swapped (a publisher error); 2022-23 figures come from the 2022-23 workbook, which is consistent. Band D is the average council tax per Band D dwelling, not funding per force.",
  primaryKey: ['pfa_code', 'financial_year', 'measure'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'financial_year', type: 'string', description: 'Financial year (April to March), e.g. 2023-24.', pattern: '^\\d{4}-\\d{2}$' },
    { name: 'measure', type: 'string', description: 'band_d_gbp (average Band D council tax, £), council_tax_requirement_gbp (£) or tax_base (Band D equivalents).', enum: PRECEPT_MEASURES },
    { name: 'value', type: 'number', description: 'The figure as published (Band D rounded to pennies).', min: 0 },
    { name: 'authority_ecode', type: 'string', description: "The precepting authority's E-code in the workbook (blank GLA codes shown as E5102).", nullable: true },
    { name: 'authority_name', type: 'string', description: 'The precepting authority as the workbook names it.' },
  ],
};

/**
 * Police precepts whose E-code is not a PCC's (the GLA, and the combined authorities' police rows),
 * mapped by hand with their evidence in pipeline/geography/precept_authority_pfa.csv.
 */
export const HAND_MAPPED_ECODES: Record<string, string> = Object.fromEntries(
  readCommittedCsv(new URL('../geography/precept_authority_pfa.csv', import.meta.url), ['ecode', 'pfa_code']).map((r) => [r.ecode, r.pfa_code]),
);
const GLA_POLICE_NAME = /^(of which: )?London Boroughs (less (CoL|City of London)|area)( \(GLA - Police function\))?$/i;
const CLASS_TOTAL_NAME = /^Police authorities ex Met Police$/i;

/**
 * Publisher errors known and documented in PROVENANCE.md (precept/known_publisher_errors.csv, with
 * the evidence): the previous-year check reports them as warnings rather than failing.
 */
export const KNOWN_PREVIOUS_YEAR_ERRORS = readCommittedCsv(new URL('./precept/known_publisher_errors.csv', import.meta.url), ['year', 'pfa_code', 'measure', 'in_file_year']).map((r) => ({
  year: r.year,
  pfa: r.pfa_code,
  measure: r.measure as PreceptMeasure,
  inFileYear: r.in_file_year,
}));

/** Rounding differences between editions that PROVENANCE.md found (tax bases to 1 dp, whole pounds). */
const PREVIOUS_YEAR_TOLERANCE: Record<PreceptMeasure, number> = { band_d_gbp: 0.005, council_tax_requirement_gbp: 0.5, tax_base: 0.05 };

interface Figure {
  value: number;
  cell: string;
  row: number;
  col: number;
}

export interface PreceptRow {
  pfa: string;
  ecode: string | null;
  name: string;
  row: number;
  current: Record<PreceptMeasure, Figure>;
  previous: Record<PreceptMeasure, Figure>;
}

export interface PreceptYear {
  file: string;
  sheet: Sheet;
  year: string;
  previousYear: string;
  rows: PreceptRow[];
}

export function previousFinancialYear(fy: string): string {
  const start = Number(fy.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

type Columns = Record<PreceptMeasure, { previous: number; current: number }>;

function figure(sheet: Sheet, row: number, col: number, what: string): Figure {
  const c = cellAt(sheet, row, col);
  return { value: requireNumber(c.value, locate(sheet, { row, col }), what), cell: `${sheet.name}!${columnLetter(col)}${row}`, row, col };
}

const WHAT: Record<PreceptMeasure, string> = {
  band_d_gbp: 'an average Band D council tax (£)',
  council_tax_requirement_gbp: 'a council tax requirement (£)',
  tax_base: 'a tax base (Band D equivalents)',
};

function readRow(sheet: Sheet, row: number, cols: Columns): Pick<PreceptRow, 'current' | 'previous'> {
  const current = {} as Record<PreceptMeasure, Figure>;
  const previous = {} as Record<PreceptMeasure, Figure>;
  for (const m of PRECEPT_MEASURES) {
    current[m] = figure(sheet, row, cols[m].current, WHAT[m]);
    previous[m] = figure(sheet, row, cols[m].previous, WHAT[m]);
    if (m === 'band_d_gbp') {
      current[m].value = roundTo(current[m].value, 2);
      previous[m].value = roundTo(previous[m].value, 2);
    }
  }
  return { current, previous };
}

/** Sum of the PCC rows must equal the class row "Police authorities ex Met Police". */
function checkClassTotal(sheet: Sheet, pccRows: PreceptRow[], cols: Columns, nameCol: number) {
  let totalRow = 0;
  for (const { row, cells } of denseRows(sheet)) {
    if (CLASS_TOTAL_NAME.test(cleanText(String(cells[nameCol - 1]?.value ?? '')))) totalRow = row;
  }
  if (!totalRow) {
    throw new DataError(
      { file: sheet.file, sheet: sheet.name, column: columnLetter(nameCol) },
      "the class total row 'Police authorities ex Met Police'",
      'no such row',
      'The PCC rows cannot be checked against the publisher’s total; the sheet may be truncated or its layout changed.',
    );
  }
  for (const m of ['council_tax_requirement_gbp', 'tax_base'] as const) {
    for (const which of ['current', 'previous'] as const) {
      const col = cols[m][which];
      const published = figure(sheet, totalRow, col, `the class total ${WHAT[m]}`).value;
      const sum = pccRows.reduce((s, r) => s + r[which][m].value, 0);
      if (Math.abs(sum - published) > 0.01) {
        throw new DataError(
          locate(sheet, { row: totalRow, col }),
          `the class total to equal the sum of the ${pccRows.length} PCC rows (${sum.toFixed(2)})`,
          `${published}`,
          'A PCC row may be missing, duplicated or misread.',
        );
      }
    }
  }
}

function pfaOf(sheet: Sheet, row: number, col: number, ecode: string | null, ecodeToPfa: Map<string, string>): string {
  const pfa = (ecode && (HAND_MAPPED_ECODES[ecode] ?? ecodeToPfa.get(ecode))) ?? null;
  if (!pfa) {
    throw new DataError(locate(sheet, { row, col }), 'the E-code of a police precepting authority with a known PFA (Table 9 ONS Code column, or the GLA/GMCA/WYCA police rows)', quoteFound(ecode), 'A new or renamed precepting authority: add its code mapping, with its evidence, to pipeline/geography/precept_authority_pfa.csv.');
  }
  return pfa;
}

/** One year's CTR workbook, sheet Data. */
export function readCtrData(sheet: Sheet, year: string, ecodeToPfa: Map<string, string>): PreceptYear {
  const previousYear = previousFinancialYear(year);
  const h = findHeader(sheet, {
    ecode: /^Ecode$/i,
    authority: /^Authority$/i,
    klass: /^Class$/i,
    council_tax_requirement_gbp: /^1\. Council Tax Requirement/i,
    tax_base: /council tax base for council tax setting purposes/i,
    band_d_gbp: /^\d+\. Average \(Band D 2 Adult equivalent\) council tax \(including (Adult Social Care precept and )?local precepts\)/i,
  });
  const cols = {} as Columns;
  for (const m of PRECEPT_MEASURES) {
    const label = h.columns[m];
    const years = new Map<string, number>();
    for (const col of [label, label + 1]) years.set(cleanText(cellAt(sheet, h.row + 1, col).text), col);
    if (!years.has(year) || !years.has(previousYear)) {
      throw new DataError(
        locate(sheet, { row: h.row + 1, col: label }),
        `year labels '${previousYear}' and '${year}' under '${cleanText(cellAt(sheet, h.row, label).text).slice(0, 50)}'`,
        [...years.keys()].map((y) => quoteFound(y)).join(' and '),
        'The workbook may be for another year, or the layout changed.',
      );
    }
    cols[m] = { previous: years.get(previousYear)!, current: years.get(year)! };
  }
  let inPrecepting = false;
  const rows: PreceptRow[] = [];
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= h.row + 1) continue;
    const first = cleanText(String(cells[0]?.value ?? ''));
    if (/^Precepting authorities$/i.test(first)) {
      inPrecepting = true;
      continue;
    }
    if (!inPrecepting) continue;
    const name = cleanText(String(cells[h.columns.authority - 1]?.value ?? ''));
    const klass = cleanText(String(cells[h.columns.klass - 1]?.value ?? ''));
    const ecodeRaw = cleanText(String(cells[h.columns.ecode - 1]?.value ?? ''));
    const isGla = GLA_POLICE_NAME.test(name);
    if ((klass !== 'PCC' || CLASS_TOTAL_NAME.test(name)) && !isGla) continue;
    const ecode = isGla ? 'E5102' : ecodeRaw || null;
    const pfa = pfaOf(sheet, row, h.columns.ecode, ecode, ecodeToPfa);
    rows.push({ pfa, ecode, name, row, ...readRow(sheet, row, cols) });
  }
  if (!inPrecepting) throw new DataError({ file: sheet.file, sheet: sheet.name, column: 'A' }, "a section row 'Precepting authorities'", 'none');
  checkClassTotal(sheet, rows.filter((r) => r.ecode !== 'E5102'), cols, h.columns.authority);
  return { file: sheet.file, sheet, year, previousYear, rows };
}

/** Table 9 (2023-24 onward), sheet Data_Precepting: previous/current year in the column labels. */
export function readTable9(sheet: Sheet): { data: PreceptYear; ecodeToPfa: Map<string, string> } {
  const title = cleanText(String(cellAt(sheet, 1, 1).value ?? ''));
  const ym = /(\d{4}-\d{2}) and (\d{4}-\d{2})/.exec(title);
  if (!ym) throw new DataError(locate(sheet, { row: 1, col: 1 }), "a title naming the two years ('… 2022-23 and 2023-24')", quoteFound(title));
  const [previousYear, year] = [ym[1], ym[2]];
  if (previousFinancialYear(year) !== previousYear) throw new DataError(locate(sheet, { row: 1, col: 1 }), 'two consecutive financial years', `${previousYear} and ${year}`);
  const h = findHeader(sheet, { ecode: /^E-code$/i, ons: /^ONS Code$/i, authority: /^Authority$/i, klass: /^Class$/i });
  const labels: Record<PreceptMeasure, RegExp> = {
    council_tax_requirement_gbp: /^1\. Council Tax Requirement/i,
    tax_base: /^2\. Council tax base/i,
    band_d_gbp: /^3\. Average \(Band D 2 Adult equivalent\) council tax/i,
  };
  const cols = {} as Columns;
  for (const m of PRECEPT_MEASURES) {
    const cells = (sheet.rows.get(h.row) ?? []).filter((c) => labels[m].test(cleanText(c.text)));
    const prev = cells.find((c) => /\(previous year\)$/i.test(cleanText(c.text)));
    const cur = cells.find((c) => /\(current year\)$/i.test(cleanText(c.text)));
    if (!prev || !cur) throw new DataError({ file: sheet.file, sheet: sheet.name, row: h.row }, `columns '${labels[m].source} … (previous year)' and '(current year)'`, `${cells.length} matching column(s)`);
    cols[m] = { previous: prev.col, current: cur.col };
  }
  const ecodeToPfa = new Map<string, string>();
  const candidates: { row: number; ecode: string; name: string; isGla: boolean }[] = [];
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= h.row) continue;
    const name = cleanText(String(cells[h.columns.authority - 1]?.value ?? ''));
    const klass = cleanText(String(cells[h.columns.klass - 1]?.value ?? ''));
    const ecode = cleanText(String(cells[h.columns.ecode - 1]?.value ?? ''));
    const ons = cleanText(String(cells[h.columns.ons - 1]?.value ?? ''));
    const isGla = GLA_POLICE_NAME.test(name);
    if ((klass !== 'PCC' || CLASS_TOTAL_NAME.test(name)) && !isGla) continue;
    if (new RegExp(GSS_PFA).test(ons)) {
      const prior = ecodeToPfa.get(ecode);
      if (prior && prior !== ons) throw new DataError(locate(sheet, { row, col: h.columns.ons }), `${prior} (as on an earlier row for ${ecode})`, quoteFound(ons));
      ecodeToPfa.set(ecode, ons);
    }
    candidates.push({ row, ecode: isGla && !ecode ? 'E5102' : ecode, name, isGla });
  }
  const rows: PreceptRow[] = candidates.map((c) => ({
    pfa: pfaOf(sheet, c.row, h.columns.ecode, c.ecode, ecodeToPfa),
    ecode: c.ecode,
    name: c.name.replace(/^of which: /i, ''),
    row: c.row,
    ...readRow(sheet, c.row, cols),
  }));
  checkClassTotal(sheet, rows.filter((r) => r.ecode !== 'E5102'), cols, h.columns.authority);
  return { data: { file: sheet.file, sheet, year, previousYear, rows }, ecodeToPfa };
}

/** Band D × tax base must give the requirement (largest gap in the held files: 2.7e-5). */
function checkBandD(y: PreceptYear) {
  for (const r of y.rows) {
    for (const which of ['current', 'previous'] as const) {
      // The known swapped tax base is reported once, by checkPreviousYears.
      if (which === 'previous' && KNOWN_PREVIOUS_YEAR_ERRORS.some((k) => k.inFileYear === y.year && k.pfa === r.pfa)) continue;
      const f = r[which];
      const implied = f.band_d_gbp.value * f.tax_base.value;
      const req = f.council_tax_requirement_gbp.value;
      if (req > 0 && Math.abs(implied - req) / req > 1e-4) {
        throw new DataError(
          locate(y.sheet, { row: r.row, col: f.band_d_gbp.col }),
          `Band D × tax base (${f.tax_base.value}) to reproduce the requirement £${req} (within 0.01%)`,
          `£${f.band_d_gbp.value} (× tax base = £${implied.toFixed(2)})`,
          'A column may have been read from the wrong year or measure.',
        );
      }
    }
  }
}

/** Each file's previous-year column must agree with the previous file's current year. */
export function checkPreviousYears(years: PreceptYear[], warn: (m: string) => void) {
  const byYear = new Map(years.map((y) => [y.year, y]));
  for (const y of years) {
    const before = byYear.get(y.previousYear);
    if (!before) continue;
    const earlier = new Map(before.rows.map((r) => [r.pfa, r]));
    for (const r of y.rows) {
      const e = earlier.get(r.pfa);
      if (!e) throw new DataError(locate(y.sheet, { row: r.row, col: 1 }), `${r.pfa} also in the ${y.previousYear} file`, 'no row there');
      for (const m of PRECEPT_MEASURES) {
        const now = r.previous[m];
        const then = e.current[m];
        if (Math.abs(now.value - then.value) <= PREVIOUS_YEAR_TOLERANCE[m]) continue;
        const msg = `${y.file}, ${now.cell}: ${y.previousYear} ${m} for ${r.pfa} is ${now.value}; the ${y.previousYear} file (${before.file}, ${then.cell}) gives ${then.value}`;
        if (KNOWN_PREVIOUS_YEAR_ERRORS.some((k) => k.year === y.previousYear && k.pfa === r.pfa && k.measure === m && k.inFileYear === y.year)) {
          warn(`${msg}. Known publisher error (PROVENANCE.md): the ${y.previousYear} workbook's figure is used.`);
          continue;
        }
        throw new DataError(
          locate(y.sheet, { row: now.row, col: now.col }),
          `the ${y.previousYear} figure in ${before.file} (${then.cell}: ${then.value}), within ${PREVIOUS_YEAR_TOLERANCE[m]}`,
          `${now.value}`,
          'Either a revision between editions or a misread column: check both cells.',
        );
      }
    }
  }
}

/** Table 9 (and its successors) carry the precepting authorities on this sheet; the CTR workbooks do not. */
export const TABLE9_SHEET = 'Data_Precepting';

const source: SourceModule = {
  tables: [POLICE_PRECEPT],
  parse({ files, warn }) {
    const books = files.map((f) => ({ f, book: readWorkbook(f.label, readFileSync(f.path)) }));
    const isTable9 = (b: (typeof books)[number]) => b.book.sheets.some((s) => s.name.trim() === TABLE9_SHEET);
    const table9 = books.filter(isTable9);
    if (!table9.length) {
      throw new DataError({ file: 'data/sources/dluhc_council_tax_police_precept.json' }, `at least one held Table 9 workbook (a sheet ${TABLE9_SHEET}: its ONS Code column maps E-codes to PFAs)`, 'none');
    }
    const ecodeToPfa = new Map<string, string>();
    const sources = new Map<PreceptYear, string>();
    const years: PreceptYear[] = [];
    const add = (y: PreceptYear, id: string, label: string) => {
      const prior = years.find((o) => o.year === y.year);
      if (prior) throw new DataError({ file: label }, `one file for ${y.year}`, `a second (${prior.file} is already read for it)`, 'Register one edition of each year.');
      years.push(y);
      sources.set(y, id);
    };
    for (const { f, book } of table9) {
      const t9 = readTable9(getSheet(book, TABLE9_SHEET));
      for (const [ecode, pfa] of t9.ecodeToPfa) {
        const prior = ecodeToPfa.get(ecode);
        if (prior && prior !== pfa) throw new DataError({ file: f.label, sheet: TABLE9_SHEET }, `E-code ${ecode} mapped to ${prior}, as in another Table 9`, pfa);
        ecodeToPfa.set(ecode, pfa);
      }
      add(t9.data, f.entry.id, f.label);
    }
    for (const { f, book } of books.filter((b) => !isTable9(b))) {
      add(readCtrData(getSheet(book, 'Data'), f.entry.period, ecodeToPfa), f.entry.id, f.label);
    }
    for (const y of years) {
      checkBandD(y);
      const pfas = new Set(y.rows.map((r) => r.pfa));
      if (pfas.size !== 38 || y.rows.length !== 38) {
        throw new DataError({ file: y.file, sheet: y.sheet.name }, '38 police precepts (35 PCCs, GMCA, WYCA and the GLA, one per English PFA except City of London)', `${y.rows.length} rows for ${pfas.size} areas`);
      }
    }
    checkPreviousYears(years, warn);
    const out: Row[] = [];
    for (const y of years) {
      for (const r of y.rows) {
        for (const m of PRECEPT_MEASURES) {
          out.push({ pfa_code: r.pfa, financial_year: y.year, measure: m, value: r.current[m].value, authority_ecode: r.ecode, authority_name: r.name, source_id: sources.get(y)!, source_cell: r.current[m].cell });
        }
      }
    }
    return { police_precept: out };
  },
};

export default source;
