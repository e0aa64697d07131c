/**
 * The weekly prison population of England and Wales (HMPPS weekly figures, as compiled by the Prison
 * Reform Trust): total, female and Home Detention Curfew, one row per Friday per measure. An empty
 * week is kept out of the table (not a zero) and counted in a warning.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import type { Row, TableDef } from '../../src/tables.ts';
import { readCsv } from '../read/csv.ts';
import { parseNumber } from '../read/values.ts';
import type { SourceModule } from './types.ts';

export const PRISON_POPULATION_WEEKLY: TableDef = {
  name: 'prison_population_weekly',
  title: 'Prison population of England and Wales, weekly',
  description:
    'HMPPS weekly prison population figures for England and Wales (published each Friday), as compiled by the Prison Reform Trust: total prison population, female population, and people on Home Detention Curfew (not in prison, from 2020). Weeks the compilation leaves empty are absent, not zero.',
  primaryKey: ['measure', 'date'],
  columns: [
    { name: 'date', type: 'date', description: 'The Friday the figure describes.' },
    { name: 'measure', type: 'string', description: 'total (prison population), female, or hdc (on Home Detention Curfew).', enum: ['total', 'female', 'hdc'] },
    { name: 'population', type: 'integer', description: 'People.', min: 0 },
  ],
};

const MEASURE: Record<string, { measure: string; column: string }> = {
  prt_weekly_prison_population: { measure: 'total', column: 'population' },
  prt_weekly_female_population: { measure: 'female', column: 'population' },
  prt_weekly_hdc_population: { measure: 'hdc', column: 'hdc_pop' },
};

const source: SourceModule = {
  tables: [PRISON_POPULATION_WEEKLY],
  parse({ files, warn }) {
    const rows: Row[] = [];
    for (const file of files) {
      const spec = MEASURE[file.entry.id];
      if (!spec) throw new DataError({ file: file.label }, 'a weekly population file this parser knows', `registry id ${file.entry.id}`);
      let empty = 0;
      for (const r of readCsv(file.label, readFileSync(file.path, 'utf8'), { requiredColumns: ['date', spec.column] })) {
        const date = r.values.date.trim();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DataError({ file: file.label, row: r.line, column: 'date' }, 'an ISO date YYYY-MM-DD', `'${date}'`);
        const p = parseNumber(r.values[spec.column] ?? '', { file: file.label, row: r.line, column: spec.column }, 'a number of people');
        if (p.value === null) {
          empty++;
          continue;
        }
        rows.push({ date, measure: spec.measure, population: p.value, source_id: file.entry.id, source_cell: `row ${r.line}` });
      }
      if (empty) warn(`${file.label}: ${empty} week(s) empty in the compilation; left out (missing, not zero).`);
    }
    return { prison_population_weekly: rows };
  },
};

export default source;
