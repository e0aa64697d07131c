/**
 * ONS mid-year population estimates (30 June of each year) by council, for every year a held file
 * gives, rolled up to police force area, and England and Wales: the `population_mid_year` table.
 *
 * Layouts read (by sheet, never by registry id, so a release accepted from discovery is read too):
 * - MYEB1, by council, sex and single year of age (0 to 90, 90 meaning 90 and over), one column per
 *   year, population_YYYY. Two variants:
 *   - the main workbook's MYEB1 sheet (mye22final.xlsx, held: header row 1, code, name, geography,
 *     sex, age, population_2011, population_2022; every UK area, filtered here to councils of
 *     England and Wales and the England and Wales row K04000001);
 *   - the "detailed time series" workbook (myebtablesenglandwales2011<YYYY>.xlsx, not held: sheet
 *     "MYEB1 (2023 Geography)", a title in row 1, header row 2: ladcode23, laname23, country, sex, age,
 *     population_2011 … population_<YYYY>; councils only, 318 × 2 × 91 = 57,876 rows).
 *   Sources: ONS, "Estimates of the population for England and Wales" dataset page and its notes
 *   (https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates/datasets/estimatesofthepopulationforenglandandwales);
 *   public code reading it found with the search tool: an SQL Server import of
 *   myebtablesenglandwales20112022v2.xlsx ("MYEB1 (2023 Geography)", range A2:Q, 57,876 rows
 *   expected, columns ladcode23 … population_2022) and a TypeScript loader test standing in for "the
 *   MYEB1 worksheet, title row and all" (ladcode23, laname23, country, sex, age, population_2011 …);
 *   the index that found them does not name their repositories.
 * - MYE2 - Persons (every main workbook: title "MYE2: Persons by single year of age and sex for local
 *   authorities in the UK, mid-<YYYY>" in A1, header Code, Name, Geography, All ages, 0 … 90): one year,
 *   the year in the title. Where MYEB1 is in the same workbook, MYE2's All ages must equal MYEB1's sum
 *   for every council (checked: both are the publisher's cells).
 *
 * Checks: each council has exactly 2 sexes × 91 ages per year (a missing or repeated row is an
 * error naming the council), every council is one the geography places in a police force area, the
 * councils cover all 43 police force areas, and where the file prints England and Wales the councils
 * add up to it exactly (the estimates are unrounded). A year given by two files is taken from the
 * newest release (registry `release`, a date): later releases revise earlier years.
 */
import { DataError } from '../../../src/errors.ts';
import { GSS_LAD, GSS_PFA, type Row, type TableDef } from '../../../src/tables.ts';
import type { Geography } from '../../geography/index.ts';
import { readWorkbook } from '../../read/spreadsheet.ts';
import { columnLetter, denseRows, findHeader, getSheet, locate, type Sheet } from '../../read/sheet.ts';
import { requireNumber } from '../../read/values.ts';
import type { HeldFile } from '../types.ts';

export const EW_CODE = 'K04000001';
const AGES = 91;
const LAD = new RegExp(GSS_LAD);

export const POPULATION_MID_YEAR: TableDef = {
  name: 'population_mid_year',
  title: 'Resident population, ONS mid-year estimates, by council, police force area and England and Wales, each year',
  description:
    'Usual residents (all ages) on 30 June of each year, from the ONS mid-year population estimates: councils (local authority districts) as published, summed over sex and single year of age; police force areas as the sum of their councils; England and Wales as published where the file prints it, else the sum of its councils. Each year comes from the newest release held that gives it. One basis (mid-year estimates) in every year: census counts are in the table population.',
  primaryKey: ['area_type', 'area_code', 'year'],
  columns: [
    { name: 'area_type', type: 'string', description: "'lad' (council), 'pfa' or 'england_wales'.", enum: ['lad', 'pfa', 'england_wales'] },
    { name: 'area_code', type: 'string', description: 'GSS code of the council, police force area, or K04000001.', pattern: `${GSS_LAD}|${GSS_PFA}|^K04000001$` },
    { name: 'area_name', type: 'string', description: 'Name as published (councils) or as the site names it (police force areas).' },
    { name: 'year', type: 'integer', description: 'Year of the estimate.', min: 1991, max: 2100 },
    { name: 'reference_date', type: 'string', description: 'The day the estimate refers to (30 June).', pattern: '^\\d{4}-06-30$' },
    { name: 'population', type: 'integer', description: 'Residents, all ages.', min: 1 },
    { name: 'method', type: 'string', description: 'How the figure was obtained from the file.', enum: ['published cells', 'sum of councils'] },
    { name: 'councils', type: 'integer', description: 'Councils summed (police force areas and a computed England and Wales); 1 for a council.', min: 1 },
    { name: 'release', type: 'string', description: 'Release date of the file the year was taken from (registry).' },
  ],
};

interface Figure { name: string; population: number; cell: string }
interface YearFigures { lads: Map<string, Figure>; ew: Figure | null }
export interface MidYearFile { id: string; label: string; release: string; years: Map<number, YearFigures> }

/** A council the geography cannot place would drop out of every police force area's sum without a word. */
const unplaced = (where: ReturnType<typeof locate>, code: string) =>
  new DataError(where, 'a local authority district code that the geography places in a police force area', `'${code}'`, 'A new or changed district code needs a row in the LAD → PFA lookup before its residents can be counted.');

/** A contiguous block of rows as a range, otherwise the rows counted. */
const cells = (sheet: string, col: number, first: number, last: number, n: number) =>
  last - first + 1 === n ? `${sheet}!${columnLetter(col)}${first}:${columnLetter(col)}${last}` : `${sheet}!${columnLetter(col)} (${n} rows from ${first})`;

function readMyeb1(sheet: Sheet, geography: Pick<Geography, 'ladToPfa'>): Map<number, YearFigures> {
  const h = findHeader(sheet, { code: /^(code|ladcode\d{2})$/i, name: /^(name|laname\d{2})$/i, sex: /^sex$/i, age: /^age$/i }, { maxRow: 10 });
  const header = [...denseRows(sheet)].find((r) => r.row === h.row)!.cells;
  const yearCols = header.flatMap((c) => {
    const m = /^population_(\d{4})$/i.exec(String(c.value ?? '').trim());
    return m ? [{ year: Number(m[1]), col: c.col }] : [];
  });
  if (yearCols.length === 0) throw new DataError({ file: sheet.file, sheet: sheet.name, row: h.row }, 'one or more columns population_YYYY', 'none', 'ONS may have renamed the year columns: check the release notes.');
  type Acc = { name: string; rows: number; first: number; last: number; sums: number[]; pairs: Set<string> };
  const areas = new Map<string, Acc>();
  for (const { row, cells: c } of denseRows(sheet)) {
    if (row <= h.row) continue;
    const code = String(c[h.columns.code - 1]?.value ?? '').trim();
    if (!LAD.test(code) && code !== EW_CODE) continue;
    const where = (col: number) => locate(sheet, { row, col });
    if (code !== EW_CODE && !geography.ladToPfa.has(code)) throw unplaced(where(h.columns.code), code);
    const sex = String(c[h.columns.sex - 1]?.value ?? '').trim().toUpperCase();
    if (sex !== 'M' && sex !== 'F') throw new DataError(where(h.columns.sex), "a sex code 'M' or 'F'", `'${sex}'`);
    const ageRaw = c[h.columns.age - 1]?.value;
    const age = typeof ageRaw === 'number' ? ageRaw : /^\d+\+?$/.test(String(ageRaw ?? '').trim()) ? Number(String(ageRaw).replace('+', '')) : NaN;
    if (!Number.isInteger(age) || age < 0 || age > 90) throw new DataError(where(h.columns.age), 'a single year of age 0 to 90 (90 meaning 90 and over)', `'${ageRaw ?? ''}'`);
    let a = areas.get(code);
    if (!a) areas.set(code, (a = { name: String(c[h.columns.name - 1]?.value ?? '').trim(), rows: 0, first: row, last: row, sums: yearCols.map(() => 0), pairs: new Set() }));
    const pair = `${sex}${age}`;
    if (a.pairs.has(pair)) throw new DataError(where(h.columns.age), `one row per sex and age for ${code}`, `a second row for sex ${sex}, age ${age}`);
    a.pairs.add(pair);
    a.rows++;
    a.last = row;
    yearCols.forEach((y, i) => (a.sums[i] += requireNumber(c[y.col - 1]?.value ?? null, where(y.col), 'a population count')));
  }
  const out = new Map<number, YearFigures>();
  for (const [code, a] of areas) {
    if (a.rows !== 2 * AGES) {
      throw new DataError({ file: sheet.file, sheet: sheet.name, row: a.first }, `${2 * AGES} rows for ${code} (${a.name}): 2 sexes × ages 0 to 90`, `${a.rows}`, 'The file may be truncated, or ONS changed the age bands.');
    }
    yearCols.forEach((y, i) => {
      if (!out.has(y.year)) out.set(y.year, { lads: new Map(), ew: null });
      const fig = { name: a.name, population: a.sums[i], cell: cells(sheet.name, y.col, a.first, a.last, a.rows) };
      if (code === EW_CODE) out.get(y.year)!.ew = fig;
      else out.get(y.year)!.lads.set(code, fig);
    });
  }
  return out;
}

function readMye2(sheet: Sheet, geography: Pick<Geography, 'ladToPfa'>): { year: number; figures: YearFigures } {
  const title = [...denseRows(sheet)].slice(0, 3).map((r) => String(r.cells[0]?.value ?? '')).join(' ');
  const m = /\bmid-?\s*((?:19|20)\d{2})\b/i.exec(title);
  if (!m) throw new DataError({ file: sheet.file, sheet: sheet.name, row: 1, column: 'A' }, "a title naming the year ('… mid-2023')", `'${title.slice(0, 80)}'`);
  const h = findHeader(sheet, { code: /^Code$/i, name: /^Name$/i, all: /^All ages$/i });
  const figures: YearFigures = { lads: new Map(), ew: null };
  for (const { row, cells: c } of denseRows(sheet)) {
    if (row <= h.row) continue;
    const code = String(c[h.columns.code - 1]?.value ?? '').trim();
    if (!LAD.test(code) && code !== EW_CODE) continue;
    if (code !== EW_CODE && !geography.ladToPfa.has(code)) throw unplaced(locate(sheet, { row, col: h.columns.code }), code);
    const where = locate(sheet, { row, col: h.columns.all });
    const fig = { name: String(c[h.columns.name - 1]?.value ?? '').trim(), population: requireNumber(c[h.columns.all - 1]?.value ?? null, where, 'a population count'), cell: `${sheet.name}!${columnLetter(h.columns.all)}${row}` };
    if (code === EW_CODE) figures.ew = fig;
    else if (figures.lads.has(code)) throw new DataError(where, `one row for ${code}`, 'a second row');
    else figures.lads.set(code, fig);
  }
  return { year: Number(m[1]), figures };
}

/** Councils must cover every police force area, and add up to England and Wales where the file prints it. */
function checkYear(label: string, year: number, f: YearFigures, geography: Pick<Geography, 'ladToPfa' | 'pfas'>) {
  const covered = new Set([...f.lads.keys()].map((c) => geography.ladToPfa.get(c)));
  const missing = geography.pfas.filter((p) => !covered.has(p.code));
  if (missing.length) throw new DataError({ file: label }, `councils in every police force area for mid-${year}`, `none in ${missing.map((p) => p.name).join(', ')}`, 'The file may be truncated or cover part of the country only.');
  if (f.ew) {
    const sum = [...f.lads.values()].reduce((s, x) => s + x.population, 0);
    if (sum !== f.ew.population) {
      throw new DataError({ file: label }, `the councils to add up to England and Wales for mid-${year} (${f.ew.cell}: ${f.ew.population})`, `${sum} over ${f.lads.size} councils`, 'A council may be missing or counted twice (two vintages of a reorganised area).');
    }
  }
}

export function readMidYearFile(file: HeldFile, bytes: Uint8Array, geography: Pick<Geography, 'ladToPfa' | 'pfas'>): MidYearFile {
  const names = readWorkbook(file.label, bytes, []).sheets.map((s) => s.name);
  const myeb1 = names.find((n) => /^MYEB1\b/i.test(n.trim()));
  const mye2 = names.find((n) => n.trim().toLowerCase() === 'mye2 - persons');
  if (!myeb1 && !mye2) {
    throw new DataError({ file: file.label }, "a mid-year estimates workbook: a sheet MYEB1 (by council, sex and single year of age) or 'MYE2 - Persons'", `sheets ${names.map((n) => `'${n}'`).join(', ')}`, 'ONS may have renamed the sheets: check the release, then pipeline/sources/population/mid_year.ts.');
  }
  const book = readWorkbook(file.label, bytes, [myeb1, mye2].filter((n): n is string => !!n));
  const years = myeb1 ? readMyeb1(getSheet(book, myeb1), geography) : new Map<number, YearFigures>();
  if (mye2) {
    const { year, figures } = readMye2(getSheet(book, mye2), geography);
    const b = years.get(year);
    if (!b) years.set(year, figures);
    else {
      // Two of the publisher's own tables of one year: they must agree, council by council.
      for (const [code, fig] of figures.lads) {
        const other = b.lads.get(code);
        if (!other || other.population !== fig.population) {
          throw new DataError({ file: file.label }, `${mye2} ${fig.cell} (${code}, ${fig.population}) to equal the sum of ${myeb1} for mid-${year}`, other ? `${other.population} (${other.cell})` : 'no rows there', 'The workbook is inconsistent: report it to ONS, and do not use it until it is corrected.');
        }
      }
    }
  }
  for (const [year, f] of years) checkYear(file.label, year, f, geography);
  return { id: file.entry.id, label: file.label, release: file.entry.release, years };
}

const releaseDate = (f: MidYearFile) => {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(f.release);
  if (!m) throw new DataError({ file: f.label }, 'a registry release that starts with its date (YYYY-MM-DD), to choose between releases giving the same year', `'${f.release}'`, `Write the release date into the entry ${f.id} in data/sources/ons_population.json.`);
  return m[0];
};

/** Each year from the newest release that gives it; councils, police force areas and England and Wales. */
export function midYearRows(files: MidYearFile[], geography: Pick<Geography, 'ladToPfa' | 'pfaByCode'>): Row[] {
  const chosen = new Map<number, MidYearFile>();
  for (const f of files) {
    for (const year of f.years.keys()) {
      const prior = chosen.get(year);
      if (!prior || releaseDate(f) > releaseDate(prior)) chosen.set(year, f);
      else if (releaseDate(f) === releaseDate(prior)) throw new DataError({ file: `${prior.label}, ${f.label}` }, `one file per release giving mid-${year}`, `two released ${releaseDate(f)}`, 'Mark one of them held: false.');
    }
  }
  const rows: Row[] = [];
  for (const [year, f] of [...chosen].sort((a, b) => a[0] - b[0])) {
    const y = f.years.get(year)!;
    const base = { year, reference_date: `${year}-06-30`, release: f.release, source_id: f.id };
    const pfa = new Map<string, { population: number; councils: number }>();
    for (const [code, fig] of y.lads) {
      rows.push({ ...base, area_type: 'lad', area_code: code, area_name: fig.name, population: fig.population, method: 'published cells', councils: 1, source_cell: fig.cell });
      const p = geography.ladToPfa.get(code)!;
      const acc = pfa.get(p) ?? { population: 0, councils: 0 };
      acc.population += fig.population;
      acc.councils++;
      pfa.set(p, acc);
    }
    for (const [code, acc] of pfa) {
      rows.push({ ...base, area_type: 'pfa', area_code: code, area_name: geography.pfaByCode.get(code)?.name ?? code, population: acc.population, method: 'sum of councils', councils: acc.councils, source_cell: `sum of ${acc.councils} council rows (area_type lad) of this table` });
    }
    const total = [...y.lads.values()].reduce((s, x) => s + x.population, 0);
    rows.push(
      y.ew
        ? { ...base, area_type: 'england_wales', area_code: EW_CODE, area_name: 'England and Wales', population: y.ew.population, method: 'published cells', councils: y.lads.size, source_cell: y.ew.cell }
        : { ...base, area_type: 'england_wales', area_code: EW_CODE, area_name: 'England and Wales', population: total, method: 'sum of councils', councils: y.lads.size, source_cell: `sum of ${y.lads.size} council rows (area_type lad) of this table` },
    );
  }
  return rows;
}
