/**
 * Assault and self-harm incidents per establishment over the 12 months April 2025 to March 2026, as
 * summed by Walk Forward Research from MoJ Safety in Custody Tables 8a and 9a (the publisher file is
 * not held). Its parser read suppressed cells ("[..]": 2 or fewer) as 0, so every 0 here is flagged:
 * it may be 0, 1 or 2. The file's own rates and population are checked: the rate must equal
 * 1000 × count ÷ population, and the population must equal the April 2026 bulletin figure in table
 * prison_monthly.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import type { Row, TableDef } from '../../src/tables.ts';
import { readCsv } from '../read/csv.ts';
import { requireNumber } from '../read/values.ts';
import { prisonNames } from '../geography/prison_names.ts';
import type { SourceModule } from './types.ts';

export const PRISON_SAFETY: TableDef = {
  name: 'prison_safety',
  title: 'Assault and self-harm incidents by establishment, 12 months',
  description:
    'Assault incidents and self-harm incidents at each establishment over twelve months (April 2025 to March 2026), summed by a third party from the MoJ Safety in Custody summary tables (Table_8a, Table_9a), with the establishment population in the April 2026 monthly bulletin. Suppressed monthly cells (2 or fewer incidents) were counted as 0 by that third party, so a 0 may really be 1 or 2 (see the *_zero_may_be_suppressed columns). 111 establishments only.',
  primaryKey: ['prison_code', 'period'],
  columns: [
    { name: 'prison_code', type: 'string', description: 'Establishment (see table prison).' },
    { name: 'period', type: 'string', description: 'Twelve months covered, YYYY-MM/YYYY-MM.' },
    { name: 'assaults', type: 'integer', description: 'Assault incidents (sum of 12 monthly cells; suppressed cells read as 0).', min: 0 },
    { name: 'self_harm', type: 'integer', description: 'Self-harm incidents (sum of 12 monthly cells; suppressed cells read as 0).', min: 0 },
    { name: 'assaults_zero_may_be_suppressed', type: 'boolean', description: 'True when assaults is 0: the 0 may be a suppressed 1 or 2.' },
    { name: 'self_harm_zero_may_be_suppressed', type: 'boolean', description: 'True when self_harm is 0: the 0 may be a suppressed 1 or 2.' },
    { name: 'population', type: 'integer', description: 'Population in the April 2026 monthly bulletin (the third party divides by it).', min: 0 },
  ],
};

export const SAFETY_PERIOD = '2025-04/2026-03';
const POPULATION_MONTH = '2026-04-01';

function count(text: string, where: { file: string; row: number; column: string }): number {
  const v = requireNumber(text, where, 'a whole number written as a float (e.g. 428.0)');
  if (!Number.isInteger(v) || v < 0) throw new DataError(where, 'a whole number of incidents', `'${text}'`);
  return v;
}

const source: SourceModule = {
  tables: [PRISON_SAFETY],
  after: ['prison_estate'],
  parse({ files, tables }) {
    const names = prisonNames();
    const april = new Map((tables.prison_monthly ?? []).filter((r) => r.month === POPULATION_MONTH).map((r) => [String(r.prison_code), r]));
    const rows: Row[] = [];
    for (const file of files) {
      for (const r of readCsv(file.label, readFileSync(file.path, 'utf8'), { requiredColumns: ['key', 'assaults', 'selfharm', 'pop', 'assault_rate', 'selfharm_rate'] })) {
        const at = (column: string) => ({ file: file.label, row: r.line, column });
        const code = names.code(r.values.key, at('key'));
        const assaults = count(r.values.assaults, at('assaults'));
        const selfHarm = count(r.values.selfharm, at('selfharm'));
        const pop = count(r.values.pop, at('pop'));
        for (const [n, col] of [[assaults, 'assault_rate'], [selfHarm, 'selfharm_rate']] as const) {
          const printed = requireNumber(r.values[col], at(col), 'a rate per 1,000');
          if (Math.abs(printed - (1000 * n) / pop) > 0.0006) throw new DataError(at(col), `1000 × ${n} ÷ ${pop} = ${((1000 * n) / pop).toFixed(3)}`, `'${r.values[col]}'`);
        }
        const bulletin = april.get(code);
        if (bulletin && bulletin.population !== pop) {
          throw new DataError(at('pop'), `${bulletin.population}, the April 2026 population of ${code} in table prison_monthly (${bulletin.source_id}, ${bulletin.source_cell})`, `'${r.values.pop}'`);
        }
        if (!bulletin) throw new DataError(at('key'), `an establishment in the April 2026 bulletin`, `'${r.values.key}' (${code}), not listed then`);
        rows.push({
          prison_code: code,
          period: SAFETY_PERIOD,
          assaults,
          self_harm: selfHarm,
          assaults_zero_may_be_suppressed: assaults === 0,
          self_harm_zero_may_be_suppressed: selfHarm === 0,
          population: pop,
          source_id: file.entry.id,
          source_cell: `row ${r.line}`,
        });
      }
    }
    return { prison_safety: rows };
  },
};

export default source;
