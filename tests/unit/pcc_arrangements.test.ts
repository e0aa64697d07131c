/**
 * The office in each area (a table this project compiles, committed under data/compiled/): parsed
 * strictly, checked against the office holders, put into the cache with its checksum; and the site
 * reads it, like every table, from the published build only.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/acquire.ts';
import { seedCompiledFiles } from '../../pipeline/compiled.ts';
import type { Registry, RegistryFile } from '../../pipeline/registry.ts';
import { checkAgainstHolders, parseArrangements } from '../../pipeline/sources/pcc_arrangements.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const geography = {
  pfaByCode: new Map([
    ['E23000001', { code: 'E23000001', name: 'Metropolitan Police', country: 'England' as const, slug: 'metropolitan-police' }],
    ['E23000034', { code: 'E23000034', name: 'City of London', country: 'England' as const, slug: 'city-of-london' }],
  ]),
};
const HEADER = 'pfa_code,pfa_name,holder_kind,office,since,legal_source,legal_source_url,note';
const MET = 'E23000001,Metropolitan Police,mayor,Mayor of London,2012-01,"Police Reform and Social Responsibility Act 2011, section 3",https://www.legislation.gov.uk/ukpga/2011/13/section/3,';
const CITY = 'E23000034,City of London,police_authority,City of London Corporation,,City of London Police Act 1839,https://www.legislation.gov.uk/search?title=City+of+London+Police+Act+1839,No PCC election.';
const parse = (...lines: string[]) => parseArrangements('fixture.csv', [HEADER, ...lines].join('\n'), geography, 'fx');

describe('pcc_arrangements parser', () => {
  it('one row per area, empty cells as null, every row traced to its line', () => {
    const rows = parse(MET, CITY);
    expect(rows.map((r) => [r.pfa_code, r.holder_kind, r.since, r.note, r.source_cell])).toEqual([
      ['E23000001', 'mayor', '2012-01', null, 'row 2'],
      ['E23000034', 'police_authority', null, 'No PCC election.', 'row 3'],
    ]);
  });

  it.each([
    ['an unknown area', [MET.replace('E23000001', 'E23000099'), CITY], /fixture\.csv, row 2, column pfa_code: expected one of the 43 police force area codes/],
    ['a code and name that disagree', [MET.replace('Metropolitan Police', 'Merseyside'), CITY], /row 2, column pfa_name: expected the name of E23000001 \('Metropolitan Police'\), found 'Merseyside'/],
    ['an area twice', [MET, MET, CITY], /row 3, column pfa_code: expected one row for E23000001/],
    ['an area missing', [MET], /column pfa_code: expected a row for each of the 2 police force areas, found none for E23000034/],
    ['a PCC with no start month', [MET.replace('2012-01', ''), CITY], /row 2, column since: expected the month the arrangement took effect/],
  ])('refuses %s, naming the cell', (_what, lines, message) => {
    expect(() => parse(...lines)).toThrow(message);
  });

  it('refuses an office that contradicts the latest election round in pcc_holder', () => {
    const rows = parse(MET, CITY);
    const holder = (pfa_code: string, round: number, arrangement: string) => ({ pfa_code, round, arrangement, source_id: 'h', source_cell: `row ${round}` });
    const agreeing = [holder('E23000001', 2024, "Mayor of London (Mayor's Office for Policing And Crime, MOPAC)"), holder('E23000001', 2012, 'PCC')];
    expect(() => checkAgainstHolders('fixture.csv', rows, agreeing)).not.toThrow();
    expect(() => checkAgainstHolders('fixture.csv', rows, [holder('E23000001', 2024, 'PCC')])).toThrow(
      /fixture\.csv, row 2, column holder_kind: expected 'pcc', as table pcc_holder has 'PCC' for E23000001 in round 2024 \(h, row 2024\), found 'mayor'/,
    );
  });
});

describe('files this project compiles (data/compiled/)', () => {
  function setup(text: string, registered: string) {
    const dir = mkdtempSync(join(tmpdir(), 'jba-compiled-'));
    mkdirSync(join(dir, 'compiled/governance'), { recursive: true });
    writeFileSync(join(dir, 'compiled/governance/a.csv'), text);
    const file = { id: 'a', path: 'governance/a.csv', held: true, sha256: sha256(new TextEncoder().encode(registered)), dataset: { id: 'ds' } } as unknown as RegistryFile;
    const registry = { datasets: [], files: new Map([['a', file]]) } as unknown as Registry;
    return { dir, registry };
  }

  it('are put into the cache when their sha256 is the registry\'s', () => {
    const { dir, registry } = setup('x,y\n', 'x,y\n');
    expect(seedCompiledFiles(registry, join(dir, 'compiled'), join(dir, 'cache'))).toEqual(['a']);
    expect(readFileSync(join(dir, 'cache/governance/a.csv'), 'utf8')).toBe('x,y\n');
  });

  it('stop the run, naming the file and the registry entry, when edited without the registry', () => {
    const { dir, registry } = setup('x,z\n', 'x,y\n');
    expect(() => seedCompiledFiles(registry, join(dir, 'compiled'), join(dir, 'cache'))).toThrow(/compiled\/governance\/a\.csv: the registry \(data\/sources\/ds\.json, file a\) expects sha256 .* put its new sha256 and bytes in the registry entry/);
    expect(existsSync(join(dir, 'cache/governance/a.csv'))).toBe(false);
  });

  it('the committed pcc_arrangements.csv is the registered file', () => {
    const entry = JSON.parse(readFileSync(join(ROOT, 'data/sources/pcc_arrangements.json'), 'utf8')).files[0];
    expect(sha256(readFileSync(join(ROOT, 'data/compiled', entry.path)))).toBe(entry.sha256);
  });
});

describe('the site reads the published build only', () => {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const files = walk(join(ROOT, 'site')).filter((f) => /\.(ts|astro|mjs)$/.test(f));

  it('no site module imports from pipeline/ (shared vocabulary is in src/)', () => {
    const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
    const offenders = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(specifier)].map((m) => relative(ROOT, resolve(dirname(f), m[1]))).filter((t) => t.startsWith('pipeline/')).map((t) => `${relative(ROOT, f)} → ${t}`),
    );
    expect(files.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it('no site module names a data file outside data/build (no site/data/, no raw files)', () => {
    const offenders = files.filter((f) => /site\/data\/|data\/raw|shared\/data|data\/compiled/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
    expect(existsSync(join(ROOT, 'site/data'))).toBe(false);
  });
});
