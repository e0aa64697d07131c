/**
 * Determinism: the same inputs give the same bytes, whether every source is parsed afresh or its
 * rows are reused from the parse cache; nothing in the build reads the clock; a rebuild with no
 * change leaves the build alone.
 */
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, hashTree, seededCache, type Outcome } from './cli-run.ts';
import { MIRROR, ROOT } from './global-setup.ts';

const WORK = join(ROOT, 'tests/bad-inputs/work/determinism');
const EDITION = ['--edition', 'test.1', '--edition-date', '2001-02-03'];
let fresh: Outcome;
let reused: Outcome;
let again: Outcome;
let hashesBeforeAgain: Record<string, string> = {};

describe.skipIf(!existsSync(MIRROR))('determinism (real files)', () => {
  beforeAll(async () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    const cache = seededCache(join(WORK, 'cache'));
    // Side by side, each with a cache of its own (the fresh parse writes the rows it parsed).
    [fresh, reused] = await Promise.all([
      cli(['--cache', seededCache(join(WORK, 'cache-fresh')), '--build', join(WORK, 'a'), '--no-reuse', ...EDITION]),
      cli(['--cache', cache, '--build', join(WORK, 'b'), ...EDITION]),
    ]);
    hashesBeforeAgain = hashTree(join(WORK, 'b'));
    again = await cli(['--cache', cache, '--build', join(WORK, 'b'), ...EDITION]);
  }, 1_800_000);

  it('both runs succeed; the second reuses parsed rows', () => {
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(reused.code, reused.stderr).toBe(0);
    expect(fresh.stdout).not.toMatch(/parsed rows reused/);
    expect(reused.stdout).toMatch(/parsed rows reused \(inputs and code unchanged\): /);
  });

  it('a fresh parse and a reused parse give byte-identical builds (every file)', () => {
    const a = hashTree(join(WORK, 'a'));
    const b = hashTree(join(WORK, 'b'));
    expect(Object.keys(a).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
  });

  it('no wall-clock time: the declared edition date is used and today is nowhere in the metadata', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const f of ['manifest.json', 'datapackage.json', 'CITATION.txt', 'CHANGES.md']) {
      const text = readFileSync(join(WORK, 'a', f), 'utf8');
      expect(text, f).not.toContain(today);
    }
    const manifest = JSON.parse(readFileSync(join(WORK, 'a', 'manifest.json'), 'utf8'));
    expect(manifest.edition).toEqual({ id: 'test.1', date: '2001-02-03' });
    expect(JSON.parse(readFileSync(join(WORK, 'a', 'datapackage.json'), 'utf8')).created).toBe('2001-02-03');
    expect(readFileSync(join(WORK, 'a', 'CITATION.txt'), 'utf8')).toContain('Edition test.1 (2001-02-03)');
  });

  it('a rebuild with no change does nothing and leaves every byte as it was', () => {
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/no change: inputs, code and edition are those of the build in .*, left as it was/);
    expect(again.stdout).not.toMatch(/▸ parse/);
    expect(hashTree(join(WORK, 'b'))).toEqual(hashesBeforeAgain);
  });

  it('a build whose files were altered is not trusted as unchanged: it is rebuilt', async () => {
    const cache = join(WORK, 'cache');
    const csv = join(WORK, 'b', 'tables', 'pfa.csv');
    const original = readFileSync(csv);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(csv, 'tampered\n');
    const out = await cli(['--cache', cache, '--build', join(WORK, 'b'), ...EDITION]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/▸ parse/);
    expect(readFileSync(csv)).toEqual(original);
    expect(hashTree(join(WORK, 'b'))).toEqual(hashesBeforeAgain);
  }, 900_000);
});
