/**
 * The precept parser with more than one Table 9 (2023-24, 2024-25 and later releases), on workbooks
 * this test writes in the releases' layout (tests/unit/fixture_files.ts): each year read from its own
 * Table 9, E-codes mapped through the union of their ONS Code columns, the previous-year columns
 * checked against the earlier file, and the GLA's police row as 2026-27 names it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import type { RegistryFile } from '../../pipeline/registry.ts';
import source from '../../pipeline/sources/precept.ts';
import { precepts, table9Ods, type PrecepRow } from './fixture_files.ts';

const CODES = Array.from({ length: 39 }, (_, i) => `E23${String(i + 1).padStart(6, '0')}`).filter((c) => c !== 'E23000034');
const y2324 = precepts(CODES, (c) => ({ req: 40_000_000 + CODES.indexOf(c) * 1_000_000, base: 200_000 + CODES.indexOf(c) * 5_000 }));
/** 2024-25: the previous year is 2023-24's current year, and the current year grows again. */
const next = (rows: PrecepRow[]): PrecepRow[] => rows.map((r) => ({ ...r, req: [r.req[1], Math.round(r.req[1] * 1.04)], base: [r.base[1], Math.round(r.base[1] * 1.01 * 10) / 10] }));
const y2425 = next(y2324);

function parse(files: { id: string; period: string; bytes: Uint8Array }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'jba-precept-'));
  const warnings: string[] = [];
  const held = files.map((f) => {
    const path = join(dir, `${f.id}.ods`);
    writeFileSync(path, f.bytes);
    return { entry: { id: f.id, period: f.period } as RegistryFile, path, label: `police-funding/${f.id}.ods` };
  });
  const out = source.parse({ datasets: [], files: held, geography: {} as never, tables: {}, warn: (m) => warnings.push(m) }) as Record<string, Record<string, unknown>[]>;
  return { rows: out.police_precept, warnings };
}

const t2324 = { id: 'dluhc_ctr_table9_2023_24', period: '2023-24', bytes: table9Ods({ previousYear: '2022-23', year: '2023-24', rows: y2324 }) };
const t2425 = { id: 'dluhc_ctr_later_years', period: '2024-25', bytes: table9Ods({ previousYear: '2023-24', year: '2024-25', rows: y2425 }) };

describe('Table 9 of 2024-25 and later beside 2023-24', () => {
  it('reads each year from its own Table 9, whatever the entry id, with 38 precepts a year', () => {
    const { rows, warnings } = parse([t2324, t2425]);
    expect(warnings).toEqual([]);
    expect(rows).toHaveLength(2 * 38 * 3);
    const met = rows.find((r) => r.pfa_code === 'E23000001' && r.financial_year === '2024-25' && r.measure === 'council_tax_requirement_gbp')!;
    expect(met).toMatchObject({ value: y2425[0].req[1], authority_ecode: 'E5102', source_id: 'dluhc_ctr_later_years', source_cell: 'Data_Precepting!H9' });
    const band = rows.find((r) => r.pfa_code === 'E23000026' && r.financial_year === '2024-25' && r.measure === 'band_d_gbp')!;
    const r26 = y2425[CODES.indexOf('E23000026')];
    expect(band.value).toBe(Math.round((r26.req[1] / r26.base[1]) * 100) / 100);
  });

  it("takes the GLA's police row as 2026-27 names it (E5102 'London Boroughs area')", () => {
    const renamed = y2425.map((r) => (r.ecode === 'E5102' ? { ...r, name: 'London Boroughs area' } : r));
    const { rows } = parse([t2324, { ...t2425, bytes: table9Ods({ previousYear: '2023-24', year: '2024-25', rows: renamed }) }]);
    expect(rows.find((r) => r.pfa_code === 'E23000001' && r.financial_year === '2024-25')?.authority_name).toBe('London Boroughs area');
  });

  it("refuses a 2024-25 file whose 2023-24 column disagrees with the 2023-24 file, naming both cells", () => {
    const drift = y2425.map((r, i) => (i === 4 ? { ...r, base: [r.base[0] + 10, r.base[1]] as [number, number], req: [r.req[0] + 10 * (r.req[0] / r.base[0]), r.req[1]] as [number, number] } : r));
    const e = errorOf(() => parse([t2324, { ...t2425, bytes: table9Ods({ previousYear: '2023-24', year: '2024-25', rows: drift }) }]));
    expect(e.message).toMatch(/police-funding\/dluhc_ctr_later_years\.ods, sheet Data_Precepting, row 13, column G: expected the 2023-24 figure in police-funding\/dluhc_ctr_table9_2023_24\.ods \(Data_Precepting!H13: 46200000\), within 0\.5, found 46202079/);
  });

  it('refuses two files for one year', () => {
    const e = errorOf(() => parse([t2324, { ...t2324, id: 'dluhc_ctr_later_years' }]));
    expect(e.message).toMatch(/expected one file for 2023-24, found a second/);
  });

  it('refuses a Band D that does not reproduce the requirement, naming the cell', () => {
    const broken = table9Ods({ previousYear: '2023-24', year: '2024-25', rows: y2425, bandD: () => 1 });
    const e = errorOf(() => parse([t2324, { ...t2425, bytes: broken }]));
    expect(e.message).toMatch(/sheet Data_Precepting, row 9, column N: expected Band D × tax base \(204020\) to reproduce the requirement £43680000/);
  });
});
