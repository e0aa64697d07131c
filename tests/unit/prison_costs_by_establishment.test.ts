/**
 * HMPPS costs per place and per prisoner by establishment (pipeline/sources/prison_costs_by_establishment.ts)
 * on workbooks this test writes in the layout the release describes (tests/unit/fixture_files.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import type { RegistryFile } from '../../pipeline/registry.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import source, { costSheet, financialYearOf, readCostByEstablishment } from '../../pipeline/sources/prison_costs_by_establishment.ts';
import { costByEstablishmentXlsx, type EstablishmentFigures } from './fixture_files.ts';

/** Oakwood's places and population as the 2022-23 release is quoted (CNA 1,600, average 2,069); the money is the test's own. */
const PRISONS: EstablishmentFigures[] = [
  { name: 'Altcourse', function: 'Male local', cna: 794, population: 1100, direct: 30_000_000, overall: 45_000_000 },
  { name: 'Oakwood', function: 'Male category C', cna: 1600, population: 2069, direct: 25_000_000, overall: 35_185_414 },
  { name: 'Berwyn', function: 'Male category C', cna: 2106, population: 1828, direct: 28_000_000, overall: 40_614_504 },
];

const codes = new Map([['Altcourse', 'ACI'], ['Oakwood', 'OWI'], ['Berwyn', 'BWI']]);
const read = (bytes: Uint8Array) => readCostByEstablishment(costSheet(readWorkbook('costs.xlsx', bytes)), (name) => codes.get(name)!);

describe('HMPPS costs by establishment', () => {
  it('reads the year, each establishment under its function, and the published costs', () => {
    const { year, rows } = read(costByEstablishmentXlsx({ year: '2022-23', prisons: PRISONS }));
    expect(year).toBe('2022-23');
    expect(rows.map((r) => [r.code, r.function])).toEqual([['ACI', 'Male local'], ['OWI', 'Male category C'], ['BWI', 'Male category C']]);
    const oak = rows[1];
    expect(oak).toMatchObject({ cna: 1600, population: 2069, overall: 35_185_414 });
    expect(oak.costs.overallPrisoner.value).toBe(Math.round(35_185_414 / 2069));
    expect(oak.costs.overallPlace.value).toBe(Math.round(35_185_414 / 1600));
  });

  it('publishes rows with the bridge codes, and refuses an establishment no held bulletin lists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jba-costs-'));
    const path = join(dir, 'costs.xlsx');
    writeFileSync(path, costByEstablishmentXlsx({ year: '2022-23', prisons: PRISONS }));
    const file = { entry: { id: 'hmpps_costs_per_place_by_establishment', period: '2022-23' } as RegistryFile, path, label: 'prison-costs/by_establishment/costs.xlsx' };
    const run = (prisonCodes: string[]) => source.parse({ datasets: [], files: [file], geography: {} as never, tables: { prison: prisonCodes.map((prison_code) => ({ prison_code })) }, warn: () => {} }) as Record<string, Record<string, unknown>[]>;
    const out = run(['ACI', 'OWI', 'BWI']).prison_cost_establishment;
    expect(out).toHaveLength(3);
    expect(out[1]).toMatchObject({ financial_year: '2022-23', prison_code: 'OWI', prison_name: 'Oakwood', baseline_cna: 1600, overall_cost_per_prisoner_gbp: 17006, source_id: 'hmpps_costs_per_place_by_establishment' });
    expect(errorOf(() => run(['ACI', 'OWI'])).message).toMatch(/costs\.xlsx, sheet Cost by Establishment, row \d+, column A: expected an establishment in table prison .*found 'Berwyn' \(BWI\)/);
  });

  it('refuses a printed cost that its expenditure and places do not give, naming the cell', () => {
    const e = errorOf(() => read(costByEstablishmentXlsx({ year: '2022-23', prisons: PRISONS, costShift: (n) => (n === 'Berwyn' ? 5 : 0) })));
    expect(e.message).toMatch(/sheet Cost by Establishment, row 9, column E: expected the expenditure ÷ baseline CNA \(13295\.35\), within £1, found 13300/);
  });

  it('refuses a Total that is not the sum of the establishments', () => {
    const e = errorOf(() => read(costByEstablishmentXlsx({ year: '2022-23', prisons: PRISONS, totalShift: 1000 })));
    expect(e.message).toMatch(/row 10, column D: expected the sum of the 3 establishments \(83000000\), found 83001000/);
  });

  it('refuses another sheet name or a missing column, saying what it expected', () => {
    expect(errorOf(() => read(costByEstablishmentXlsx({ year: '2022-23', prisons: PRISONS, sheet: 'Table 2' }))).message).toMatch(/expected a sheet named 'Cost by Establishment', found sheets 'Contents', 'Table 2'/);
    const header = ['Prison name', 'Baseline CNA', 'Population', 'Direct resource expenditure (£)', 'Direct cost per place (£)', 'Direct cost per prisoner (£)', 'Overall resource expenditure (£)', 'Overall cost per place (£)', 'Overall cost per prisoner (£)'];
    expect(errorOf(() => read(costByEstablishmentXlsx({ year: '2022-23', prisons: PRISONS, header }))).message).toMatch(/sheet Cost by Establishment, row 3: expected a header row .* lacks a column matching \^average population/);
  });

  it('reads financial years written either way and refuses non-consecutive ones', () => {
    expect(financialYearOf('Costs per place … 2015-16')).toBe('2015-16');
    expect(financialYearOf('… 2022/23 …')).toBe('2022-23');
    expect(financialYearOf('… 2022-24 …')).toBeNull();
  });
});
