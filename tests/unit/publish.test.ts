import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesMarkdown, comparisonBase, diffIndicatorValues } from '../../pipeline/package.ts';
import { formatNumber, newStaging, sha256File, sortRows, swapIn, toCsv, verifyBuild } from '../../pipeline/publish.ts';
import type { TableDef } from '../../src/tables.ts';

const DEF: TableDef = {
  name: 't',
  title: 'T',
  description: 'T',
  primaryKey: ['code', 'year'],
  columns: [
    { name: 'code', type: 'string', description: '' },
    { name: 'year', type: 'integer', description: '' },
    { name: 'value', type: 'number', description: '', nullable: true },
    { name: 'note', type: 'string', description: '', nullable: true },
  ],
};

describe('output formatting is deterministic', () => {
  it('numbers: 12 significant digits at most, integers as they are', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1 / 3)).toBe('0.333333333333');
    expect(formatNumber(122395.45084999985)).toBe('122395.45085');
    expect(formatNumber(56075912)).toBe('56075912');
    expect(formatNumber(-0.011833815244509537)).toBe('-0.0118338152445');
  });

  it('CSV: nulls empty, text with commas, quotes, newlines or edge spaces quoted', () => {
    const csv = toCsv(DEF, [
      { code: 'E1', year: 2020, value: null, note: 'London, City of' },
      { code: 'E2', year: 2021, value: 1.5, note: 'says "hi"' },
      { code: 'E3', year: 2021, value: 0, note: ' padded' },
      { code: 'E4', year: 2021, value: 2, note: 'two\nlines' },
    ]);
    expect(csv).toBe('code,year,value,note\nE1,2020,,"London, City of"\nE2,2021,1.5,"says ""hi"""\nE3,2021,0," padded"\nE4,2021,2,"two\nlines"\n');
  });

  it('rows sorted by key whatever order they came in; numbers compared as numbers', () => {
    const rows = [
      { code: 'B', year: 10, value: 1, note: null },
      { code: 'A', year: 9, value: 2, note: null },
      { code: 'B', year: 9, value: 3, note: null },
    ];
    expect(sortRows(DEF, rows).map((r) => `${r.code}${r.year}`)).toEqual(['A9', 'B9', 'B10']);
    expect(sortRows(DEF, [...rows].reverse())).toEqual(sortRows(DEF, rows));
  });
});

function fakeBuild(dir: string, files: Record<string, string>, tables: Record<string, number> = {}) {
  mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const outputs = Object.fromEntries(Object.keys(files).map((rel) => [rel, sha256File(join(dir, rel))]));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ edition: { id: 'x', date: '2000-01-01' }, outputs, tables }));
  return dir;
}

describe('verifyBuild', () => {
  const tmp = () => mkdtempSync(join(tmpdir(), 'jba-pub-'));
  it('accepts a build whose files match its manifest', () => {
    expect(() => verifyBuild(fakeBuild(join(tmp(), 'b'), { 'tables/t.csv': 'a\n1\n2\n' }, { t: 2 }))).not.toThrow();
  });
  it('refuses an altered file, naming it and both checksums', () => {
    const dir = fakeBuild(join(tmp(), 'b'), { 'tables/t.csv': 'a\n1\n' }, { t: 1 });
    writeFileSync(join(dir, 'tables/t.csv'), 'a\n9\n');
    expect(() => verifyBuild(dir)).toThrow(/tables\/t\.csv: expected sha256 [0-9a-f]{64} \(manifest\.json\), found [0-9a-f]{64}/);
  });
  it('refuses a missing or an unlisted file', () => {
    const dir = fakeBuild(join(tmp(), 'b'), { 'a.txt': 'a' });
    writeFileSync(join(dir, 'extra.txt'), 'x');
    expect(() => verifyBuild(dir)).toThrow(/not listed: extra\.txt/);
  });
  it('refuses a table with fewer rows than the manifest states', () => {
    expect(() => verifyBuild(fakeBuild(join(tmp(), 'b'), { 'tables/t.csv': 'a\n1\n' }, { t: 5 }))).toThrow(/expected 5 rows \(manifest\.json\), found 1/);
  });
  it('refuses a folder with no manifest', () => {
    const dir = join(tmp(), 'empty');
    mkdirSync(dir);
    expect(() => verifyBuild(dir)).toThrow(/no manifest\.json/);
  });
});

describe('swapIn', () => {
  it('replaces the build and leaves no staging or .previous folder behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'jba-swap-'));
    const build = fakeBuild(join(root, 'build'), { 'a.txt': 'old' });
    const staging = newStaging(build);
    fakeBuild(staging, { 'a.txt': 'new' });
    swapIn(staging, build);
    const { readdirSync, readFileSync } = await import('node:fs');
    expect(readFileSync(join(build, 'a.txt'), 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['build']);
  });
});

const HEAD = 'indicator_id,area_type,area_code,area_name,period,value\n';
describe('edition changes', () => {
  const before = HEAD + 'a,pfa,E1,One,2020,1\na,pfa,E2,Two,2020,2\nb,pfa,E1,One,2020,5\na,pfa,E9,Gone,2020,3\n';
  const after = HEAD + 'a,pfa,E1,One,2020,1\na,pfa,E2,Two,2020,2.5\na,pfa,E1,One,2021,4\nc,pfa,E1,One,2021,7\na,pfa,E3,Three,2021,1\n';
  const diff = diffIndicatorValues(before, after, ['a', 'b'], ['a', 'c']);

  it('finds new and removed indicators, areas and periods, and revised values', () => {
    expect(diff.indicatorsAdded).toEqual(['c']);
    expect(diff.indicatorsRemoved).toEqual(['b']);
    expect(diff.areasAdded).toEqual(['pfa E3 (Three)']);
    expect(diff.areasRemoved).toEqual(['pfa E9 (Gone)']);
    expect(diff.periodsAdded).toEqual([{ indicator_id: 'a', period: '2021' }]);
    expect(diff.periodsRemoved).toEqual([]);
    expect(diff.revised).toEqual([{ indicator_id: 'a', area_type: 'pfa', area_code: 'E2', period: '2020', before: '2', after: '2.5' }]);
  });

  it('a value that becomes suppressed (empty) counts as revised', () => {
    const d = diffIndicatorValues(HEAD + 'a,pfa,E1,One,2020,1\n', HEAD + 'a,pfa,E1,One,2020,\n', ['a'], ['a']);
    expect(d.revised).toEqual([{ indicator_id: 'a', area_type: 'pfa', area_code: 'E1', period: '2020', before: '1', after: '' }]);
    expect(changesMarkdown({ id: '2', date: '2001-01-02' }, { id: '1', date: '2001-01-01' }, d)).toContain('| a | pfa E1 | 2020 | 1 | (none) |');
  });

  it('CHANGES.md in words', () => {
    const md = changesMarkdown({ id: '2', date: '2001-01-02' }, { id: '1', date: '2001-01-01' }, diff);
    expect(md).toContain('Compared with edition 1 (2001-01-01)');
    expect(md).toMatch(/## New indicators\n\n- c\n/);
    expect(md).toMatch(/## New periods\n\n- a: 2021\n/);
    expect(md).toMatch(/1 values differ from the previous edition/);
    expect(changesMarkdown({ id: '1', date: '2001-01-01' }, null, null)).toContain('No previous edition');
  });

  it('the comparison base: another edition in place → it; the same edition rebuilt → the base it carried; none → none', () => {
    const root = mkdtempSync(join(tmpdir(), 'jba-ed-'));
    expect(comparisonBase(join(root, 'nothing'), { id: '2', date: 'd' })).toBeNull();
    const b1 = fakeBuild(join(root, 'b1'), { 'tables/indicator_values.csv': before, 'indicators.json': JSON.stringify({ indicators: [{ id: 'a' }, { id: 'b' }] }) });
    writeFileSync(join(b1, 'manifest.json'), JSON.stringify({ edition: { id: '1', date: '2001-01-01' }, outputs: {}, tables: {} }));
    const base = comparisonBase(b1, { id: '2', date: '2001-01-02' });
    expect(base?.edition).toEqual({ id: '1', date: '2001-01-01' });
    expect(base?.csv).toBe(before);
    expect(base?.indicatorIds).toEqual(['a', 'b']);
    const b2 = join(root, 'b2');
    mkdirSync(join(b2, 'previous'), { recursive: true });
    writeFileSync(join(b2, 'previous/indicator_values.csv'), before);
    writeFileSync(join(b2, 'previous/edition.json'), JSON.stringify({ id: '1', date: '2001-01-01', indicators: ['a', 'b'] }));
    writeFileSync(join(b2, 'manifest.json'), JSON.stringify({ edition: { id: '2', date: '2001-01-02' } }));
    expect(comparisonBase(b2, { id: '2', date: '2001-01-02' })?.edition.id).toBe('1');
    expect(comparisonBase(b1, { id: '1', date: '2001-01-01' })).toBeNull();
  });
});
