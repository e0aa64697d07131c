/**
 * Rows of an MoJ proven reoffending data tool, from either form the release publishes: the "CSV
 * format of data tools" file (one CSV per tool) or the xlsx tool's sheet "Data" (header in row 1,
 * one row per cell of the tool). Both carry the same columns; a column is found by the header
 * spellings the releases have used (listed by each parser with its sources), and a header that
 * lacks one, or has it twice, is refused naming the file, sheet and row 1.
 */
import { readFileSync } from 'node:fs';
import { DataError, type CellLocation } from '../../../src/errors.ts';
import { cohortFromWords } from '../../read/cohorts.ts';
import { readCsv } from '../../read/csv.ts';
import { readWorkbook } from '../../read/spreadsheet.ts';
import { cleanText, columnLetter, denseRows, getSheet } from '../../read/sheet.ts';
import { parseNumber } from '../../read/values.ts';

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

/** Both tools' groups: 'Juvenile' until 2023, 'Child' from the 2024 releases. */
export const OFFENDER_GROUP: Record<string, 'adult' | 'juvenile'> = { Adult: 'adult', Juvenile: 'juvenile', Child: 'juvenile' };

const countColumn = (name: string, description: string) => ({ name, type: 'integer' as const, description, nullable: true, min: 0 });

/** The columns every tidy data-tool table ends with: group, cohort, the three counts, why one is empty. */
export const COHORT_COUNT_COLUMNS = [
  { name: 'offender_group', type: 'string', description: "'adult' (18+) or 'juvenile' (10-17; 'Child' in releases from 2024).", enum: ['adult', 'juvenile'] },
  { name: 'period', type: 'string', description: "Cohort: 'YYYY-MM/YYYY-MM' (first and last month of entry).", pattern: '^\\d{4}-\\d{2}/\\d{4}-\\d{2}$' },
  countColumn('offenders', 'Offenders in the cohort.'),
  countColumn('reoffenders', 'Offenders with a proven reoffence within a year (and six months to be proven).'),
  countColumn('reoffences', 'Proven reoffences committed by them.'),
  { name: 'null_reason', type: 'string', description: 'Why a count is empty (the marker the tool prints).', nullable: true },
] as const;

/**
 * One row's group, annual cohort and counts (suppression markers → null with the reason), checked:
 * a known group, a 12-month cohort, reoffenders ≤ offenders, at least one reoffence per reoffender.
 */
export function cohortCounts(r: ToolRow) {
  const offender_group = OFFENDER_GROUP[r.values.group];
  if (!offender_group) throw new DataError(r.at('group'), "'Adult', 'Juvenile' or 'Child'", `'${r.values.group}'`);
  const period = cohortFromWords(r.values.cohort, r.at('cohort'));
  const [from, to] = period.split('/').map((p) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5)));
  if (to - from !== 11) throw new DataError(r.at('cohort'), 'an annual (12-month) cohort', `'${r.values.cohort}'`);
  const [o, ro, rc] = (['offenders', 'reoffenders', 'reoffences'] as const).map((m) => parseNumber(r.values[m], r.at(m), `a count of ${m} or a suppression marker`));
  if (o.value !== null && ro.value !== null && ro.value > o.value) throw new DataError(r.at('reoffenders'), `at most the ${o.value} offenders`, `${ro.value}`);
  if (ro.value !== null && rc.value !== null && rc.value < ro.value) throw new DataError(r.at('reoffences'), `at least one reoffence per reoffender (${ro.value})`, `${rc.value}`);
  return { offender_group, period, offenders: o.value, reoffenders: ro.value, reoffences: rc.value, null_reason: o.reason ?? ro.reason ?? rc.reason };
}

/** Rows of categories a parser does not read, counted for one warning. */
export class Skipped {
  private counts = new Map<string, number>();
  add(category: string) {
    this.counts.set(category, (this.counts.get(category) ?? 0) + 1);
  }
  get size() {
    return this.counts.size;
  }
  list(limit = Infinity) {
    return [...this.counts].slice(0, limit).map(([c, n]) => `'${c}' ${n}`).join(', ');
  }
  names(limit = 8) {
    return [...this.counts.keys()].slice(0, limit).map((c) => `'${c}'`).join(', ');
  }
}
