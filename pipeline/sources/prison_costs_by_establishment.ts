/**
 * HMPPS (formerly NOMS) "Costs per place and costs per prisoner by individual prison": the data
 * addendum to the annual report and accounts, one workbook a financial year. Per establishment: the
 * baseline certified normal accommodation (CNA), the average population, the direct resource
 * expenditure (the prison's own cost centre) and the overall resource expenditure (direct plus the
 * share of regional and national spend), each with its cost per place (÷ baseline CNA) and per
 * prisoner (÷ average population). Establishments are listed under their function (Male local, Male
 * category C, Female open, …) with a total for all prisons.
 *
 * No copy of the file is held and no public code that reads it was found, so the layout is read from
 * the release itself: the "Definitions of Prison Functions and Key Terms used in the Tables" page of
 * the addenda (2013-14 and 2014-15 copies at https://studylib.net/doc/18163564 and
 * https://studylib.net/doc/18163563: functions, Baseline CNA, Average Population, Direct Resource
 * Expenditure, Overall Resource Expenditure), the release pages
 * (https://www.gov.uk/government/statistics/hmpps-annual-report-and-accounts-data-addendum; the
 * 2015-16 addendum's spreadsheet tab "Cost by Establishment", ../shared/data/raw/prison-costs/PROVENANCE.md)
 * and the figures quoted from the 2022-23 release (Oakwood: average population 2,069, CNA 1,600, cost
 * per prisoner £17,006; russellwebster.com, 28 March 2024).
 *
 * Checked strictly: the sheet name, a title naming the financial year, one header row holding every
 * column (found by label; per-place and per-prisoner columns belong to the expenditure column before
 * them), every establishment name known to the prison name bridge, each printed cost per place and
 * per prisoner reproduced from its expenditure and denominator within £1 (the publisher rounds to
 * whole pounds), and the Total row equal to the sum of the establishments (places, population, both
 * expenditures). Any failure names the file, sheet, row and column.
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import { defineTable, type Row } from '../../src/tables.ts';
import { prisonNames } from '../geography/prison_names.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { cellAt, cleanText, columnLetter, denseRows, findHeader, locate, type Sheet, type Workbook } from '../read/sheet.ts';
import { parseNumber, requireNumber } from '../read/values.ts';
import type { SourceModule } from './types.ts';

export const PRISON_COST_ESTABLISHMENT = defineTable({
  name: 'prison_cost_establishment',
  title: 'Cost per place and per prisoner by establishment (HMPPS annual report data addendum)',
  description:
    "For each establishment and financial year, as the HMPPS addendum publishes them: baseline certified normal accommodation (places), average population, direct resource expenditure (the prison's own cost centre) and overall resource expenditure (direct plus its share of regional and national spend), with the published cost per place (÷ baseline CNA) and per prisoner (÷ average population). Cash prices of the year. Contracted (private) prisons' costs are the contract payments, not comparable line by line with public sector budgets.",
  primaryKey: ['financial_year', 'prison_code'],
  columns: [
    { name: 'financial_year', type: 'string', description: 'Financial year (April to March), e.g. 2022-23.', pattern: '^\\d{4}-\\d{2}$' },
    { name: 'prison_code', type: 'string', description: 'NOMIS code of the establishment (through the prison name bridge).' },
    { name: 'prison_name', type: 'string', description: 'The establishment as the addendum names it.' },
    { name: 'function', type: 'string', description: 'The function heading the establishment is listed under (e.g. Male local).', nullable: true },
    { name: 'baseline_cna', type: 'number', description: 'Baseline certified normal accommodation (places).', min: 0 },
    { name: 'average_population', type: 'number', description: 'Average population over the year.', min: 0 },
    { name: 'direct_expenditure_gbp', type: 'number', description: 'Direct resource expenditure (£).' },
    { name: 'direct_cost_per_place_gbp', type: 'number', description: 'Direct cost per place (£), as published.', nullable: true },
    { name: 'direct_cost_per_prisoner_gbp', type: 'number', description: 'Direct cost per prisoner (£), as published.', nullable: true },
    { name: 'overall_expenditure_gbp', type: 'number', description: 'Overall resource expenditure (£).' },
    { name: 'overall_cost_per_place_gbp', type: 'number', description: 'Overall cost per place (£), as published.', nullable: true },
    { name: 'overall_cost_per_prisoner_gbp', type: 'number', description: 'Overall cost per prisoner (£), as published.', nullable: true },
    { name: 'null_reason', type: 'string', description: 'Why a published cost is empty (publisher marker), where one is.', nullable: true },
  ],
});

/** The one sheet name the release is known to use (the 2015-16 addendum's tab). */
export const COST_SHEETS = ['Cost by Establishment'];

export const COST_HEADERS = {
  name: /^(prison|establishment)( name)?$/i,
  cna: /^baseline (cna|certified normal accommodation)\b/i,
  population: /^average population\b/i,
  direct: /^direct resource expenditure\b/i,
  overall: /^overall resource expenditure\b/i,
} as const;

const PER_PLACE = /\bcost per place\b/i;
const PER_PRISONER = /\bcost per prisoner\b/i;
/** Function headings of the addendum's definitions page ("Male local", "Female open", "Male closed YOI (ages 15-21)", …). */
const FUNCTION = /^(male|female)\b.*\b(local|category [a-d]|cat [a-d]|dispersal|closed|open|yoi|young|training|reception|semi-open|high security)/i;
const TOTAL = /^(total|all prisons|national total)\b/i;

/** "Costs per place … 2022-23" or "2022/23" → '2022-23'. */
export function financialYearOf(title: string): string | null {
  const m = /\b(20\d{2})[-/](\d{2})\b/.exec(title);
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) return null;
  return `${m[1]}-${m[2]}`;
}

interface Columns {
  name: number;
  cna: number;
  population: number;
  direct: number;
  directPlace: number;
  directPrisoner: number;
  overall: number;
  overallPlace: number;
  overallPrisoner: number;
}

/** The per-place and per-prisoner columns that follow each expenditure column, on the header row. */
function costColumns(sheet: Sheet, row: number, found: Record<keyof typeof COST_HEADERS, number>): Columns {
  const cells = (sheet.rows.get(row) ?? []).filter((c) => typeof c.value === 'string');
  const after = (from: number, until: number, re: RegExp) => cells.filter((c) => c.col > from && c.col < until && re.test(cleanText(c.text)));
  const pick = (basis: 'direct' | 'overall', re: RegExp, what: string) => {
    const from = found[basis];
    const until = basis === 'direct' && found.overall > found.direct ? found.overall : Infinity;
    const hits = after(from, until, re);
    if (hits.length !== 1) {
      throw new DataError(
        { file: sheet.file, sheet: sheet.name, row },
        `one '${what}' column after '${basis} resource expenditure' (column ${columnLetter(from)})`,
        `${hits.length}`,
        'Costs are matched to the expenditure column before them.',
      );
    }
    return hits[0].col;
  };
  return {
    ...found,
    directPlace: pick('direct', PER_PLACE, 'cost per place'),
    directPrisoner: pick('direct', PER_PRISONER, 'cost per prisoner'),
    overallPlace: pick('overall', PER_PLACE, 'cost per place'),
    overallPrisoner: pick('overall', PER_PRISONER, 'cost per prisoner'),
  };
}

export interface EstablishmentCost {
  row: number;
  name: string;
  code: string;
  function: string | null;
  cna: number;
  population: number;
  direct: number;
  overall: number;
  costs: Record<'directPlace' | 'directPrisoner' | 'overallPlace' | 'overallPrisoner', { value: number | null; reason: string | null }>;
}

export function costSheet(book: Workbook): Sheet {
  const sheet = book.sheets.find((s) => COST_SHEETS.some((n) => n.toLowerCase() === s.name.trim().toLowerCase()));
  if (!sheet) {
    throw new DataError({ file: book.file }, `a sheet named ${COST_SHEETS.map((n) => `'${n}'`).join(' or ')}`, `sheets ${book.sheets.map((s) => `'${s.name}'`).join(', ')}`, 'If the release renamed its tab, check its columns and add the name to COST_SHEETS (pipeline/sources/prison_costs_by_establishment.ts).');
  }
  return sheet;
}

/** One year's establishments, checked against their own ratios and the Total row. */
export function readCostByEstablishment(sheet: Sheet, code: (name: string, where: ReturnType<typeof locate>) => string): { year: string; rows: EstablishmentCost[] } {
  const title = cleanText(String(cellAt(sheet, 1, 1).value ?? ''));
  const year = financialYearOf(title);
  if (!year) throw new DataError(locate(sheet, { row: 1, col: 1 }), "a title naming the financial year ('… 2022-23')", quoteFound(title));
  const h = findHeader(sheet, COST_HEADERS, { maxRow: 15 });
  const cols = costColumns(sheet, h.row, h.columns);
  const rows: EstablishmentCost[] = [];
  let fn: string | null = null;
  let total: { row: number; cells: Map<number, number> } | null = null;
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= h.row) continue;
    const name = cleanText(String(cells[cols.name - 1]?.value ?? '')).replace(/(\D)\d+$/, '$1').trim();
    if (!name) continue;
    const value = (col: number) => cells[col - 1]?.value ?? null;
    const hasNumbers = [cols.cna, cols.direct, cols.overall].some((c) => typeof value(c) === 'number');
    if (TOTAL.test(name)) {
      total = { row, cells: new Map([cols.cna, cols.population, cols.direct, cols.overall].map((c) => [c, requireNumber(value(c), locate(sheet, { row, col: c }), 'the total')])) };
      break;
    }
    if (FUNCTION.test(name)) {
      fn = name; // a heading (or a function subtotal: the Total row checks the whole)
      continue;
    }
    if (!hasNumbers) continue; // notes between blocks
    const at = (col: number) => locate(sheet, { row, col });
    const cna = requireNumber(value(cols.cna), at(cols.cna), 'a baseline CNA (places)');
    const population = requireNumber(value(cols.population), at(cols.population), 'an average population');
    const direct = requireNumber(value(cols.direct), at(cols.direct), 'a direct resource expenditure (£)');
    const overall = requireNumber(value(cols.overall), at(cols.overall), 'an overall resource expenditure (£)');
    const costs = {} as EstablishmentCost['costs'];
    for (const [key, spend, per] of [
      ['directPlace', direct, cna],
      ['directPrisoner', direct, population],
      ['overallPlace', overall, cna],
      ['overallPrisoner', overall, population],
    ] as const) {
      const p = parseNumber(value(cols[key]), at(cols[key]), 'a cost in pounds');
      if (p.value !== null && per > 0 && Math.abs(p.value - spend / per) > 1) {
        throw new DataError(at(cols[key]), `the expenditure ÷ ${key.endsWith('Place') ? 'baseline CNA' : 'average population'} (${(spend / per).toFixed(2)}), within £1`, `${p.value}`, 'A column may be misread or the figures belong to another year.');
      }
      costs[key] = p;
    }
    rows.push({ row, name, code: code(name, at(cols.name)), function: fn, cna, population, direct, overall, costs });
  }
  if (!total) throw new DataError({ file: sheet.file, sheet: sheet.name, column: columnLetter(cols.name) }, "a 'Total' row after the establishments", 'none', 'The sheet may be cut short or its layout changed.');
  for (const [col, key] of [[cols.cna, 'cna'], [cols.population, 'population'], [cols.direct, 'direct'], [cols.overall, 'overall']] as const) {
    const sum = rows.reduce((s, r) => s + r[key], 0);
    const published = total.cells.get(col)!;
    // Whole pounds and places, each rounded by the publisher: allow half a unit per establishment.
    if (Math.abs(sum - published) > Math.max(1, rows.length * 0.5)) {
      throw new DataError(locate(sheet, { row: total.row, col }), `the sum of the ${rows.length} establishments (${sum})`, `${published}`, 'An establishment row may be missing or misread.');
    }
  }
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (seen.has(r.code)) throw new DataError(locate(sheet, { row: r.row, col: cols.name }), `one row per establishment (${r.code} is already on row ${seen.get(r.code)})`, quoteFound(r.name));
    seen.set(r.code, r.row);
  }
  return { year, rows };
}

const source: SourceModule = {
  tables: [PRISON_COST_ESTABLISHMENT],
  after: ['prison_estate'],
  parse({ files, tables }) {
    const names = prisonNames();
    const known = new Set((tables.prison ?? []).map((p) => String(p.prison_code)));
    const out: Row[] = [];
    const years = new Map<string, string>();
    for (const file of files) {
      const sheet = costSheet(readWorkbook(file.label, readFileSync(file.path)));
      const code = (name: string, where: ReturnType<typeof locate>) => {
        const c = names.code(name, where);
        if (!known.has(c)) throw new DataError(where, 'an establishment in table prison (a held bulletin lists it)', `'${name}' (${c})`);
        return c;
      };
      const { year, rows } = readCostByEstablishment(sheet, code);
      if (years.has(year)) throw new DataError({ file: file.label, sheet: sheet.name, row: 1 }, `one file for ${year}`, `a second (${years.get(year)} is already read for it)`, 'Figures are restated between editions: register one edition of each year.');
      years.set(year, file.entry.id);
      for (const r of rows) {
        const reasons = Object.values(r.costs).map((c) => c.reason).filter(Boolean);
        out.push({
          financial_year: year,
          prison_code: r.code,
          prison_name: r.name,
          function: r.function,
          baseline_cna: r.cna,
          average_population: r.population,
          direct_expenditure_gbp: r.direct,
          direct_cost_per_place_gbp: r.costs.directPlace.value,
          direct_cost_per_prisoner_gbp: r.costs.directPrisoner.value,
          overall_expenditure_gbp: r.overall,
          overall_cost_per_place_gbp: r.costs.overallPlace.value,
          overall_cost_per_prisoner_gbp: r.costs.overallPrisoner.value,
          null_reason: reasons.length ? [...new Set(reasons)].join('; ') : null,
          source_id: file.entry.id,
          source_cell: `${sheet.name}!A${r.row}`,
        });
      }
    }
    return { prison_cost_establishment: out };
  },
};

export default source;
