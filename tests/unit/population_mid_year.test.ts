/** The ONS mid-year estimates reader (population_mid_year) on workbooks the tests write in ONS's layouts. */
import { describe, expect, it } from 'vitest';
import { midYearRows, readMidYearFile, type MidYearFile } from '../../pipeline/sources/population/mid_year.ts';
import type { HeldFile } from '../../pipeline/sources/types.ts';
import { mye2Persons, myeb1TimeSeries } from '../pipeline/fixtures/mye.ts';

const PFAS = [
  { code: 'E23000001', name: 'Metropolitan Police', country: 'England' as const, slug: 'metropolitan-police' },
  { code: 'E23000032', name: 'Kent', country: 'England' as const, slug: 'kent' },
  { code: 'W15000003', name: 'South Wales', country: 'Wales' as const, slug: 'south-wales' },
];
const COUNCILS = [
  { code: 'E09000033', name: 'Westminster', pfa: 'E23000001' },
  { code: 'E09000019', name: 'Islington', pfa: 'E23000001' },
  { code: 'E07000111', name: 'Sevenoaks', pfa: 'E23000032' },
  { code: 'E06000035', name: 'Medway', pfa: 'E23000032' },
  { code: 'W06000015', name: 'Cardiff', pfa: 'W15000003' },
];
const geography = { pfas: PFAS, pfaByCode: new Map(PFAS.map((p) => [p.code, p])), ladToPfa: new Map(COUNCILS.map((c) => [c.code, c.pfa])) };
const count = (code: string, sex: 'M' | 'F', age: number, year: number) => 100 + Number(code.slice(-2)) + (sex === 'M' ? 1 : 0) + age + (year - 2020);
const expected = (code: string, year: number) => { let s = 0; for (const sex of ['M', 'F'] as const) for (let a = 0; a <= 90; a++) s += count(code, sex, a, year); return s; };
const held = (id: string, release: string, label = `population/${id}.xlsx`): HeldFile => ({ entry: { id, release } as HeldFile['entry'], path: '', label });
const read = (bytes: Uint8Array, id = 'ons_mye_time_series_england_wales', release = '2025-06-30') => readMidYearFile(held(id, release), bytes, geography);

describe('readMidYearFile: the detailed time series (MYEB1)', () => {
  it('sums sex × age per council and year, rolls councils up to police force areas and England and Wales', () => {
    const rows = midYearRows([read(myeb1TimeSeries(COUNCILS, [2021, 2022], count))], geography);
    expect(rows).toHaveLength(2 * (5 + 3 + 1));
    const w = rows.find((r) => r.area_code === 'E09000033' && r.year === 2022)!;
    expect(w).toEqual({ area_type: 'lad', area_code: 'E09000033', area_name: 'Westminster', year: 2022, reference_date: '2022-06-30', population: expected('E09000033', 2022), method: 'published cells', councils: 1, release: '2025-06-30', source_id: 'ons_mye_time_series_england_wales', source_cell: 'MYEB1 (2023 Geography)!G3:G184' });
    const kent = rows.find((r) => r.area_code === 'E23000032' && r.year === 2021)!;
    expect(kent).toMatchObject({ area_type: 'pfa', area_name: 'Kent', population: expected('E07000111', 2021) + expected('E06000035', 2021), method: 'sum of councils', councils: 2 });
    const ew = rows.find((r) => r.area_type === 'england_wales' && r.year === 2021)!;
    expect(ew).toMatchObject({ area_code: 'K04000001', population: COUNCILS.reduce((s, c) => s + expected(c.code, 2021), 0), method: 'sum of councils', councils: 5 });
  });

  it('refuses a council with a row missing, naming the council and the count', () => {
    expect(() => read(myeb1TimeSeries(COUNCILS, [2022], count, { dropRow: 'E07000111 M 40' }))).toThrow(/sheet MYEB1 \(2023 Geography\), row \d+: expected 182 rows for E07000111 \(Sevenoaks\): 2 sexes × ages 0 to 90, found 181/);
  });

  it('refuses a council the geography cannot place, and a file missing a whole police force area', () => {
    expect(() => read(myeb1TimeSeries([...COUNCILS, { code: 'E06000099', name: 'Nowhere' }], [2022], count))).toThrow(/column A: expected a local authority district code that the geography places in a police force area, found 'E06000099'/);
    expect(() => read(myeb1TimeSeries(COUNCILS.filter((c) => c.pfa !== 'W15000003'), [2022], count))).toThrow(/expected councils in every police force area for mid-2022, found none in South Wales/);
  });

  it('refuses a workbook with neither MYEB1 nor MYE2 - Persons, listing its sheets', () => {
    expect(() => read(myeb1TimeSeries(COUNCILS, [2022], count, { sheet: 'Table 1' }))).toThrow(/expected a mid-year estimates workbook: a sheet MYEB1 .* or 'MYE2 - Persons', found sheets 'Contents', 'Table 1'/);
  });
});

describe('readMidYearFile: a main workbook (MYE2 - Persons)', () => {
  const councils = COUNCILS.map((c, i) => ({ ...c, population: 100_000 + i }));
  const total = councils.reduce((s, c) => s + c.population, 0);
  it('takes the year from the title and England and Wales as published', () => {
    const rows = midYearRows([read(mye2Persons(2023, councils, total), 'ons_population_mid2023', '2024-07-15')], geography);
    expect(rows.find((r) => r.area_type === 'england_wales')).toMatchObject({ year: 2023, population: total, method: 'published cells', source_cell: 'MYE2 - Persons!D9' });
    expect(rows.find((r) => r.area_code === 'W06000015')).toMatchObject({ population: 100_004, source_cell: 'MYE2 - Persons!D14' });
  });

  it('refuses councils that do not add up to the published England and Wales figure', () => {
    expect(() => read(mye2Persons(2023, councils, total + 1))).toThrow(/expected the councils to add up to England and Wales for mid-2023 \(MYE2 - Persons!D9: \d+\), found \d+ over 5 councils/);
  });
});

describe('midYearRows: a year given by two files', () => {
  const a = (): MidYearFile => read(myeb1TimeSeries(COUNCILS, [2021, 2022], count), 'ons_mid2022_population_estimates', '2024-03-26');
  const b = (release: string): MidYearFile => read(myeb1TimeSeries(COUNCILS, [2022, 2023], (c, s, g, y) => count(c, s, g, y) + 1), 'ons_mye_time_series_england_wales', release);
  it('is taken from the newest release; other years from whichever file gives them', () => {
    const rows = midYearRows([a(), b('2025-06-30')], geography).filter((r) => r.area_code === 'E09000033');
    expect(rows.map((r) => [r.year, r.source_id])).toEqual([[2021, 'ons_mid2022_population_estimates'], [2022, 'ons_mye_time_series_england_wales'], [2023, 'ons_mye_time_series_england_wales']]);
    expect(rows[1].population).toBe(expected('E09000033', 2022) + 182);
  });
  it('needs release dates to choose, and refuses two files of one release', () => {
    expect(() => midYearRows([a(), b('not held: write the release date')], geography)).toThrow(/expected a registry release that starts with its date \(YYYY-MM-DD\).*Write the release date into the entry ons_mye_time_series_england_wales/);
    expect(() => midYearRows([a(), b('2024-03-26')], geography)).toThrow(/expected one file per release giving mid-2022, found two released 2024-03-26/);
  });
});
