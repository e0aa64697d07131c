import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import { loadAliasCsv, NameLookup, normaliseName } from '../../pipeline/geography/names.ts';

function lookup() {
  const l = new NameLookup('police force area');
  l.add('Avon and Somerset', 'E23000036', 'test');
  l.add('London, City of', 'E23000034', 'test');
  l.add('Devon and Cornwall', 'E23000035', 'test');
  l.add('Wiltshire', 'E23000038', 'test');
  l.add('Dyfed-Powys', 'W15000004', 'test');
  return l;
}

describe('normaliseName', () => {
  it.each([
    ['Avon & Somerset', 'avon and somerset'],
    ['  Devon  and   Cornwall ', 'devon and cornwall'],
    ['Wiltshire2', 'wiltshire'],
    ['Wiltshire 12', 'wiltshire'],
    ['London, City of', 'london city of'],
    ['Dyfed–Powys', 'dyfed powys'],
    ['ＫＥＮＴ', 'kent'],
  ])('%j → %j', (a, b) => expect(normaliseName(a)).toBe(b));
});

describe('NameLookup', () => {
  const l = lookup();
  it.each([
    ['Avon & Somerset', 'E23000036'],
    ['AVON AND SOMERSET', 'E23000036'],
    ['London, City of', 'E23000034'],
    ['London City of', 'E23000034'],
    ['Devon & Cornwall', 'E23000035'],
    ['Wiltshire3', 'E23000038'],
    ['Dyfed Powys', 'W15000004'],
  ])('%j → %s', (name, code) => expect(l.code(name, { file: 'f.ods' })).toBe(code));

  it('an unknown name is an error naming file, sheet, row and column, never a guess', () => {
    let err: unknown;
    try {
      l.code('Atlantis Constabulary', { file: 'f.ods', sheet: 'Table_1', row: 14, column: 'A' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(/^f\.ods, sheet Table_1, row 14, column A: expected a known police force area name, found 'Atlantis Constabulary'/);
    expect((err as Error).message).toMatch(/alias table/);
  });

  it('"City of London" is not matched by the ONS spelling unless an alias says so', () => {
    expect(l.find('City of London')).toBeUndefined();
  });

  it('one name cannot map to two codes', () => {
    expect(() => l.add('Avon & Somerset', 'E23000099', 'pfa_aliases.csv line 9')).toThrow(/pfa_aliases\.csv line 9: the police force area name 'Avon & Somerset' maps to E23000099, but already to E23000036/);
  });

  it('loads aliases from a CSV with the line in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jba-names-'));
    const p = join(dir, 'aliases.csv');
    writeFileSync(p, 'alias,pfa_code\nCity of London,E23000034\nAvon and Somerset Constabulary,E23000036\n');
    const l2 = lookup();
    loadAliasCsv(l2, p, 'pfa_code');
    expect(l2.code('City of London', { file: 'x' })).toBe('E23000034');
    writeFileSync(p, 'alias,pfa_code\nKent,E23000032\nKent,E23000033\n');
    expect(() => loadAliasCsv(new NameLookup('police force area'), p, 'pfa_code')).toThrow(/aliases\.csv line 3/);
  });

  it('the project alias table maps every alias to a PFA code', async () => {
    const l3 = new NameLookup('police force area');
    const path = new URL('../../pipeline/geography/pfa_aliases.csv', import.meta.url).pathname;
    loadAliasCsv(l3, path, 'pfa_code');
    expect(l3.code('London, City of', { file: path })).toBe('E23000034');
    expect(l3.code('Avon & Somerset', { file: path })).toBe('E23000036');
  });
});
