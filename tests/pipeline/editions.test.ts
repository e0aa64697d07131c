/**
 * Editions and atomicity on the real files. A new edition lists what changed since the build it
 * replaces (CHANGES.md) and carries the previous edition's indicator values; a failed run, whatever
 * stage it fails in, leaves the build in place byte for byte.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, hashTree, linkTree, seededCache, type Outcome } from './cli-run.ts';
import { MIRROR, ROOT } from './global-setup.ts';

const WORK = join(ROOT, 'tests/bad-inputs/work/editions');
const BUILD = join(WORK, 'build');

/** A draft indicator over the pfa table: `rows` maps period → value for every PFA. */
function indicator(dir: string, id: string, opts: { periods: Record<string, number>; ci?: 'wilson' | 'none'; sql?: string }) {
  mkdirSync(dir, { recursive: true });
  const sql =
    opts.sql ??
    Object.entries(opts.periods)
      .map(([period, v]) => `SELECT 'pfa' AS area_type, pfa_code AS area_code, pfa_name AS area_name, '${period}' AS period,
        ${v}::DOUBLE AS value, NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
        ${opts.ci === 'wilson' ? `${v} - 0.01` : 'NULL'}::DOUBLE AS lower_95, ${opts.ci === 'wilson' ? `${v} + 0.01` : 'NULL'}::DOUBLE AS upper_95, 'ons_pfa_names_codes_2019' AS source_id FROM pfa`)
      .join('\nUNION ALL\n');
  const def = {
    id,
    title: `Test indicator ${id}`,
    description: 'Made by tests/pipeline/editions.test.ts.',
    unit: opts.ci === 'wilson' ? 'percent' : 'score',
    display: { scale: 1, decimals: 1 },
    polarity: 'neither',
    numerator: 'n/a',
    denominator: 'n/a',
    ciMethod: opts.ci ?? 'none',
    geographies: ['pfa'],
    caveats: [],
    sources: ['ons_geography'],
    sql,
  };
  writeFileSync(join(dir, `${id}.ts`), `export default ${JSON.stringify(def, null, 2)};\n`);
  return dir;
}

let cache = '';
let first: Outcome;
let second: Outcome;
let firstValues = '';

describe.skipIf(!existsSync(MIRROR))('editions and atomicity (real files)', () => {
  beforeAll(async () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    cache = seededCache(join(WORK, 'cache'));
    const e1 = join(WORK, 'ind-e1');
    indicator(e1, 'test_kept', { periods: { '2020': 1, '2021': 2 } });
    indicator(e1, 'test_gone', { periods: { '2020': 5 } });
    first = await cli(['--cache', cache, '--build', BUILD, '--edition', 't.1', '--edition-date', '2001-01-01', '--extra-indicators', e1]);
    firstValues = existsSync(join(BUILD, 'tables/indicator_values.csv')) ? readFileSync(join(BUILD, 'tables/indicator_values.csv'), 'utf8') : '';
    const e2 = join(WORK, 'ind-e2');
    indicator(e2, 'test_kept', { periods: { '2020': 1, '2021': 2.5, '2022': 3 } });
    indicator(e2, 'test_new', { periods: { '2022': 7 } });
    second = await cli(['--cache', cache, '--build', BUILD, '--edition', 't.2', '--edition-date', '2001-02-01', '--extra-indicators', e2]);
  }, 1_800_000);

  it('the first edition says there is nothing to compare with', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(firstValues).toContain('test_gone,pfa,');
  });

  it('CHANGES.md lists new and removed indicators, new periods and revised values', () => {
    const changes = readFileSync(join(BUILD, 'CHANGES.md'), 'utf8');
    expect(changes).toMatch(/^# Changes in edition t\.2 \(2001-02-01\)/);
    expect(changes).toContain('Compared with edition t.1 (2001-01-01)');
    expect(changes).toMatch(/## New indicators\n\n- test_new\n/);
    expect(changes).toMatch(/## Indicators no longer published\n\n- test_gone\n/);
    expect(changes).toMatch(/## New periods\n\n- test_kept: 2022\n/);
    expect(changes).toMatch(/- test_kept: 43\n/);
    expect(changes).toMatch(/\| test_kept \| pfa E23000001 \| 2021 \| 2 \| 2\.5 \|/);
    expect(changes).not.toMatch(/\| test_kept \| pfa \w+ \| 2020 \|/);
  });

  it('the previous edition travels with the new one: previous/indicator_values.csv, revised_values.csv, manifest', () => {
    expect(readFileSync(join(BUILD, 'previous/indicator_values.csv'), 'utf8')).toBe(firstValues);
    const revised = readFileSync(join(BUILD, 'previous/revised_values.csv'), 'utf8').trim().split('\n');
    expect(revised[0]).toBe('indicator_id,area_type,area_code,period,before,after');
    expect(revised.filter((l) => l.startsWith('test_kept,'))).toHaveLength(43);
    expect(revised.filter((l) => !l.startsWith('test_kept,') && l !== revised[0])).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8'));
    expect(manifest.edition).toEqual({ id: 't.2', date: '2001-02-01' });
    expect(manifest.previous_edition).toEqual({ id: 't.1', date: '2001-01-01' });
    expect(Object.keys(manifest.outputs)).toContain('previous/indicator_values.csv');
  });

  describe('a failed run leaves the build byte for byte', () => {
    // Each case runs side by side on a copy of its own (hard links: a run that edited a file in place would show in its copy's hashes).
    const failing = async (name: string, args: string[], env: Record<string, string> = {}) => {
      const dir = join(WORK, `failing-${name}`);
      const build = join(dir, 'build');
      rmSync(dir, { recursive: true, force: true });
      linkTree(BUILD, build);
      const before = hashTree(build);
      expect(before).toEqual(hashTree(BUILD));
      const out = await cli(['--cache', cache, '--build', build, '--edition', 't.3', '--edition-date', '2001-03-01', ...args], env);
      expect(out.code, out.stdout.slice(-2000)).not.toBe(0);
      expect(out.stderr).toMatch(/Nothing was published: the previous build \(if any\) is unchanged/);
      expect(hashTree(build)).toEqual(before);
      expect(readdirSync(dir).filter((n) => n.startsWith('build.'))).toEqual([]);
      return out;
    };

    it.concurrent('an indicator whose SQL fails', async () => {
      const dir = indicator(join(WORK, 'ind-broken'), 'test_broken', { periods: {}, sql: 'SELECT * FROM no_such_table' });
      const out = await failing('sql', ['--extra-indicators', dir]);
      expect(out.stderr).toMatch(/Indicator test_broken \(.*test_broken\.ts\): its SQL failed: .*no_such_table/);
    }, 900_000);

    it.concurrent('a proportion above 1 from an indicator', async () => {
      const dir = indicator(join(WORK, 'ind-rate'), 'test_rate', { periods: { '2020': 1.2 }, ci: 'wilson' });
      const out = await failing('rate', ['--extra-indicators', dir]);
      expect(out.stderr).toMatch(/Indicator test_rate \(percent\): expected a proportion between 0 and 1 with numerator <= denominator, found value 1\.2 .* for pfa E23000001, period 2020/);
    }, 900_000);

    it.concurrent('a fault after some outputs were written to staging (a full disk, injected from here)', async () => {
      const fault = join(ROOT, 'tests/pipeline/faults/disk-full-while-publishing.mjs');
      const out = await failing('disk', [], { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(fault).href}`.trim() });
      expect(out.stderr).toMatch(/ENOSPC: no space left on device \(injected by the test\), write '.*\.staging-\d+\/tables\//);
      expect(out.stdout).toMatch(/▸ publish/);
    }, 900_000);

    it.concurrent('a bad option is a sentence, and exit 1', async () => {
      const out = await failing('option', ['--timeout-ms', 'soon']);
      expect(out.stderr).toMatch(/--timeout-ms needs a whole number of at least 1, not 'soon'/);
    }, 900_000);
  });
});
