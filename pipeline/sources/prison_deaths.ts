/**
 * Deaths in prison custody, one row per death (January 2000 to September 2024), from a workbook
 * extracted from the MoJ deaths data tool. Every establishment name goes through the prison alias
 * table (pipeline/geography/prison_aliases.csv); "Escort Areas" (deaths during escort) is not a prison
 * and keeps an empty prison_code. The cause of death is normalised: the tool spells the same class in
 * several ways ("Natural causes"/"Natural Causes", "Self-inflicted"/"Self-Inflicted", …).
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import type { Row, TableDef } from '../../src/tables.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { cleanText, denseRows, findHeader, locate } from '../read/sheet.ts';
import { requireNumber } from '../read/values.ts';
import { prisonNames } from '../geography/prison_names.ts';
import type { SourceModule } from './types.ts';

export const PRISON_DEATHS: TableDef = {
  name: 'prison_deaths',
  title: 'Deaths in prison custody, one row per death',
  description:
    'Each death in prison custody in England and Wales, January 2000 to September 2024: establishment, month, classification and age band, as extracted from the MoJ deaths in prison custody data tool (a third-party extract whose 12-month totals equal those in MoJ Safety in Custody bulletins). Recent classifications are provisional ("awaiting further information" deaths are later reclassified).',
  primaryKey: ['death_id'],
  columns: [
    { name: 'death_id', type: 'integer', description: 'Row number of the death in the source workbook (a stable key, not an MoJ identifier).' },
    { name: 'prison_code', type: 'string', description: 'Establishment (see table prison and the alias table); empty for deaths during escort ("Escort Areas").', nullable: true },
    { name: 'establishment_name', type: 'string', description: 'Name as in the MoJ data tool.' },
    { name: 'month', type: 'date', description: 'First day of the month of death.' },
    { name: 'year', type: 'integer', description: 'Calendar year of death.' },
    { name: 'type_of_death', type: 'string', description: 'Classification, normalised.', enum: ['natural_causes', 'self_inflicted', 'homicide', 'other_non_natural', 'awaiting_information'] },
    { name: 'type_as_published', type: 'string', description: 'Classification as spelled in the source.' },
    { name: 'age_band', type: 'string', description: 'Age band at death (15 to 17 … 90 and over).' },
  ],
};

const TYPES: Record<string, string> = {
  'natural causes': 'natural_causes',
  'self-inflicted': 'self_inflicted',
  homicide: 'homicide',
  'other: other/non-natural': 'other_non_natural',
  'other: awaiting further information': 'awaiting_information',
};

/** Not a prison: deaths while being escorted (to court, hospital …). */
const ESCORT = /^escort areas?$/i;

export function normaliseTypeOfDeath(text: string): string | undefined {
  return TYPES[cleanText(text).toLowerCase()];
}

const source: SourceModule = {
  tables: [PRISON_DEATHS],
  parse({ files }) {
    const names = prisonNames();
    const rows: Row[] = [];
    for (const file of files) {
      const book = readWorkbook(file.label, readFileSync(file.path));
      if (book.sheets.length !== 1) throw new DataError({ file: file.label }, 'one sheet', `sheets ${book.sheets.map((s) => `'${s.name}'`).join(', ')}`);
      const sheet = book.sheets[0];
      const h = findHeader(sheet, { date: /^Date$/, year: /^Year$/, month: /^Month$/, prison: /^Prison$/, type: /^type_of_death$/, age: /^age_band$/, incidents: /^incidents$/ }, { maxRow: 3 });
      for (const { row, cells } of denseRows(sheet)) {
        if (row <= h.row) continue;
        const at = (col: number) => locate(sheet, { row, col });
        const val = (col: number) => cells[col - 1]?.value ?? null;
        const year = requireNumber(val(h.columns.year), at(h.columns.year), 'a year');
        const month = requireNumber(val(h.columns.month), at(h.columns.month), 'a month number');
        if (!Number.isInteger(month) || month < 1 || month > 12) throw new DataError(at(h.columns.month), 'a month 1 to 12', quoteFound(val(h.columns.month)));
        // The Date column is an Excel serial day for the first of the month: it must agree with Year and Month.
        const serial = requireNumber(val(h.columns.date), at(h.columns.date), 'a date');
        const iso = new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
        const monthIso = `${year}-${String(month).padStart(2, '0')}-01`;
        if (iso !== monthIso) throw new DataError(at(h.columns.date), `the first of ${monthIso.slice(0, 7)} (Year and Month columns)`, iso);
        if (requireNumber(val(h.columns.incidents), at(h.columns.incidents), 'a count of deaths') !== 1) {
          throw new DataError(at(h.columns.incidents), '1 (one row per death)', quoteFound(val(h.columns.incidents)));
        }
        const name = cleanText(String(val(h.columns.prison) ?? ''));
        const typeText = cleanText(String(val(h.columns.type) ?? ''));
        const type = normaliseTypeOfDeath(typeText);
        if (!type) throw new DataError(at(h.columns.type), `a known classification (${Object.keys(TYPES).join(', ')}; any capitalisation)`, quoteFound(typeText));
        rows.push({
          death_id: row,
          prison_code: ESCORT.test(name) ? null : names.code(name, at(h.columns.prison)),
          establishment_name: name,
          month: monthIso,
          year,
          type_of_death: type,
          type_as_published: typeText,
          age_band: cleanText(String(val(h.columns.age) ?? '')),
          source_id: file.entry.id,
          source_cell: `${sheet.name}!A${row}`,
        });
      }
    }
    return { prison_deaths: rows };
  },
};

export default source;
