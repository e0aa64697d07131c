/**
 * The crime parser on ONS police force area tables in the accessible layout of the years after March
 * 2019 (cover, contents and notes sheets, "[note N]" markers, one header row, British Transport Police
 * coded "[z]", Table P3 with households and a rate to one decimal), written by
 * tests/unit/fixture_files.ts. The held 2018 and 2019 editions are tested on the real files
 * (tests/pipeline/crime.test.ts) and on tests/unit/crime.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import type { Geography } from '../../pipeline/geography/index.ts';
import type { RegistryFile } from '../../pipeline/registry.ts';
import source, { OFFENCES, offenceLabelKey, readTableP1, yearEndingFromTitle } from '../../pipeline/sources/crime.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import { getSheet } from '../../pipeline/read/sheet.ts';
import { crimeAccessibleXlsx, FORCES } from './fixture_files.ts';

const forces = FORCES.map((code, i) => ({ code, name: `Force ${i} [note 8]` }));
const count = (code: string, offence: number) => (FORCES.indexOf(code) + 1) * 100 + offence;
const population = (code: string) => 500_000 + FORCES.indexOf(code) * 10_000;

function workbook(opts: Partial<Parameters<typeof crimeAccessibleXlsx>[0]> = {}) {
  return crimeAccessibleXlsx({ yearEnding: '2024-03-31', populationYear: 2022, forces, labels: OFFENCES.map((o) => o.label), offences: count, btp: (i) => 50 + i, population, ...opts });
}

function parse(bytes: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'jba-crime-'));
  const path = join(dir, 'pfatablesyemarch2024.xlsx');
  writeFileSync(path, bytes);
  const entry = { id: 'ons_crime_pfa_ye_mar2024', period: '2023-04-01/2024-03-31' } as RegistryFile;
  const geography = { pfaByCode: new Map(FORCES.map((c) => [c, {} as never])) } as unknown as Geography;
  return source.parse({ datasets: [], files: [{ entry, path, label: 'crime/ons_pfa_tables/pfatablesyemarch2024.xlsx' }], geography, tables: {}, warn: () => {} }) as Record<string, Record<string, unknown>[]>;
}

describe('ONS police force area tables, accessible layout (years after March 2019)', () => {
  it('strips [note N] markers from labels and titles', () => {
    expect(offenceLabelKey('Violence against the person [note 4]')).toBe('violence against the person');
    expect(offenceLabelKey('Total recorded crime (excluding fraud) [note 2][note 3]')).toBe('total recorded crime (excluding fraud)');
    expect(yearEndingFromTitle('Table P1: … number of offences, year ending March 2024 [note 1]')).toBe('2024-03-31');
  });

  it('reads every force, BTP coded [z], and checks the England and Wales row; regions and England are not forces', () => {
    const t = readTableP1('f.xlsx', getSheet(readWorkbook('f.xlsx', workbook()), 'Table P1'));
    expect(t.yearEnding).toBe('2024-03-31');
    expect(t.forces.size).toBe(43);
    expect(t.btp.counts.get('homicide')!.value).toBe(52);
    expect(t.englandWales.counts.get('total_excluding_fraud')).toBe(FORCES.reduce((s, c) => s + count(c, 0), 0) + 50);
  });

  it('publishes every force and offence, BTP and the England and Wales row as published, and the P3 population', () => {
    const out = parse(workbook());
    expect(out.recorded_crime).toHaveLength(43 * OFFENCES.length);
    const kent = out.recorded_crime.find((r) => r.pfa_code === FORCES[31] && r.offence_id === 'robbery')!;
    expect(kent).toMatchObject({ year_ending: '2024-03-31', offences: count(FORCES[31], OFFENCES.findIndex((o) => o.id === 'robbery')), source_id: 'ons_crime_pfa_ye_mar2024' });
    const ew = out.recorded_crime_national.find((r) => r.scope === 'england_and_wales_including_btp' && r.offence_id === 'total_excluding_fraud')!;
    expect(ew).toMatchObject({ offences: FORCES.reduce((s, c) => s + count(c, 0), 0) + 50, source_cell: 'Table P1!C5' });
    expect(out.crime_population.find((r) => r.pfa_code === FORCES[0])).toMatchObject({ population_year: 2022, population: 500_000, source_cell: 'Table P3!C5' });
  });

  it('refuses a renamed offence column, naming it and the header row', () => {
    const labels = OFFENCES.map((o) => (o.id === 'shoplifting' ? 'Theft from shops' : o.label));
    const e = errorOf(() => parse(workbook({ labels })));
    expect(e.message).toMatch(/sheet Table P1, row 4: expected columns headed 'Shoplifting', found no such header/);
  });

  it('accepts a P3 rate printed to one decimal and refuses one 0.2 off, naming the P3 row', () => {
    expect(() => parse(workbook())).not.toThrow();
    const e = errorOf(() => parse(workbook({ rateShift: (c) => (c === FORCES[3] ? 0.2 : 0) })));
    expect(e.message).toMatch(/sheet Table P3, row 8: expected the published total rate per 1,000 to match offences ÷ population/);
  });
});
