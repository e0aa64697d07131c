/**
 * The police workforce open data table (pipeline/sources/police_workforce/open_data.ts) on files this
 * test writes in the documented layout: sheet "Data", header on row 1, one row per force × year × sex
 * × rank × worker type. No publisher file is copied.
 */
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import type { Geography } from '../../pipeline/geography/index.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import { isOpenDataWorkbook, readOpenDataOfficers } from '../../pipeline/sources/police_workforce/open_data.ts';
import { FORCES, OPEN_DATA_HEADER, openDataOds, openDataRows } from './fixture_files.ts';

const geography = { pfaByCode: new Map(FORCES.map((c) => [c, {} as never])) } as unknown as Geography;

const read = (bytes: Uint8Array) => readOpenDataOfficers(readWorkbook('open-data-table-police-workforce.ods', bytes), geography);

describe('police workforce open data table', () => {
  const fte = (code: string, year: number) => 1000 + FORCES.indexOf(code) * 10 + (year - 2019) * 5.25;

  it('sums the Police Officer rows of each force and year into officers (FTE) at 31 March; staff and BTP left out', () => {
    const bytes = openDataOds(openDataRows([2024, 2025], fte));
    expect(isOpenDataWorkbook(readWorkbook('x.ods', bytes))).toBe(true);
    const got = read(bytes);
    expect(got).toHaveLength(86);
    const kent = got.find((o) => o.pfa === FORCES[31] && o.date === '2025-03-31')!;
    expect(kent.fte).toBeCloseTo(fte(FORCES[31], 2025), 4);
    expect(kent.rows).toBe(4);
    expect(kent.cell).toMatch(/^Data!I\d+$/);
    expect(got.reduce((s, o) => s + o.fte, 0)).toBeCloseTo(FORCES.reduce((s, c) => s + fte(c, 2024) + fte(c, 2025), 0), 2);
  });

  it('refuses a renamed header, naming the column it expected', () => {
    const header = OPEN_DATA_HEADER.map((h) => (h === 'Total (FTE)' ? 'FTE' : h));
    const e = errorOf(() => read(openDataOds(openDataRows([2025], fte), header)));
    expect(e.message).toMatch(/sheet Data, row 1: expected a header row .* lacks a column matching \^Total \\\(FTE\\\)\$/);
  });

  it('refuses a workbook without the Data sheet', () => {
    const e = errorOf(() => read(openDataOds(openDataRows([2025], fte), OPEN_DATA_HEADER, 'Table_1')));
    expect(e.message).toMatch(/expected a sheet named 'Data', found sheets 'Table_1'/);
  });

  it('a year missing a force, a note in an FTE cell, or an unknown force code is an error naming the cell', () => {
    const missing = openDataRows([2025], fte).filter((r) => r.code !== FORCES[5]);
    expect(errorOf(() => read(openDataOds(missing))).message).toMatch(/expected officers for each of the 43 police force areas at 2025-03-31, found 42/);
    const note = openDataRows([2025], fte);
    note[2].fte = 'see note 3';
    expect(errorOf(() => read(openDataOds(note))).message).toMatch(/sheet Data, row 4, column I: expected a number of officers \(FTE\), found 'see note 3'/);
    const unknown = openDataRows([2025], fte);
    unknown[0].code = 'E23000099';
    expect(errorOf(() => read(openDataOds(unknown))).message).toMatch(/sheet Data, row 2, column B: expected one of the 43 police force area codes, found 'E23000099'/);
  });
});
