import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AFTER_PARSING, codeFingerprint, hashJson, parserCodeFingerprint } from '../../pipeline/fingerprint.ts';

function project() {
  const root = mkdtempSync(join(tmpdir(), 'jba-fp-'));
  for (const [rel, text] of Object.entries({
    'pipeline/run.ts': 'run',
    'pipeline/read/csv.ts': 'csv',
    'pipeline/indicators/x.ts': 'x',
    'pipeline/indicators/shared/formula.ts': 'f',
    'pipeline/sources/crime.ts': 'parser',
    'pipeline/compute.ts': 'compute',
    'src/stats.ts': 'stats',
    'package-lock.json': '{}',
    'site/page.astro': 'page',
  })) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('code fingerprint (what invalidates reused work)', () => {
  it('is stable for the same files', () => {
    const root = project();
    expect(codeFingerprint(root)).toBe(codeFingerprint(root));
  });

  it.each([
    ['a reader changes', (r: string) => writeFileSync(join(r, 'pipeline/read/csv.ts'), 'csv2')],
    ['a shared module changes', (r: string) => writeFileSync(join(r, 'src/stats.ts'), 'stats2')],
    ['a dependency changes', (r: string) => writeFileSync(join(r, 'package-lock.json'), '{"v":2}')],
    ['a file is added', (r: string) => writeFileSync(join(r, 'pipeline/new.ts'), '')],
    ['a file is renamed', (r: string) => renameSync(join(r, 'pipeline/run.ts'), join(r, 'pipeline/run2.ts'))],
    ['an indicator changes', (r: string) => writeFileSync(join(r, 'pipeline/indicators/x.ts'), 'y')],
  ])('changes when %s', (_what, edit) => {
    const root = project();
    const before = codeFingerprint(root);
    edit(root);
    expect(codeFingerprint(root)).not.toBe(before);
  });

  it('the parse key leaves indicators out, and nothing outside pipeline/ and src/ counts', () => {
    const root = project();
    const parse = codeFingerprint(root, [], ['pipeline/indicators']);
    writeFileSync(join(root, 'pipeline/indicators/x.ts'), 'changed');
    writeFileSync(join(root, 'site/page.astro'), 'changed');
    expect(codeFingerprint(root, [], ['pipeline/indicators'])).toBe(parse);
    writeFileSync(join(root, 'pipeline/read/csv.ts'), 'changed');
    expect(codeFingerprint(root, [], ['pipeline/indicators'])).not.toBe(parse);
  });

  it('editing a formula (an indicator, its shared SQL, the compute stage) keeps the parsers\' key; editing a parser changes it', () => {
    const root = project();
    const parse = parserCodeFingerprint(root);
    const build = codeFingerprint(root);
    writeFileSync(join(root, 'pipeline/indicators/shared/formula.ts'), 'f2');
    writeFileSync(join(root, 'pipeline/indicators/x.ts'), 'x2');
    writeFileSync(join(root, 'pipeline/compute.ts'), 'compute2');
    expect(parserCodeFingerprint(root)).toBe(parse);
    expect(codeFingerprint(root)).not.toBe(build);
    writeFileSync(join(root, 'pipeline/sources/crime.ts'), 'parser2');
    expect(parserCodeFingerprint(root)).not.toBe(parse);
  });

  it('no code a parser can reach imports a stage after parsing (what lets the parsers\' key leave them out)', () => {
    const root = resolve(new URL('../..', import.meta.url).pathname);
    const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file) || !file.endsWith('.ts') || !existsSync(file)) return;
      reached.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(specifier)) visit(resolve(dirname(file), m[1]));
    };
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    for (const f of [...walk(join(root, 'pipeline/sources')), ...walk(join(root, 'pipeline/geography'))]) visit(f);
    const after = [...reached].map((f) => relative(root, f)).filter((f) => AFTER_PARSING.some((x) => f === x || f.startsWith(`${x}/`)));
    expect(reached.size).toBeGreaterThan(20);
    expect(after).toEqual([]);
  });

  it('an extra indicators folder counts', () => {
    const root = project();
    const extra = mkdtempSync(join(tmpdir(), 'jba-fp-extra-'));
    writeFileSync(join(extra, 'a.ts'), 'a');
    const with1 = codeFingerprint(root, [extra]);
    writeFileSync(join(extra, 'a.ts'), 'b');
    expect(codeFingerprint(root, [extra])).not.toBe(with1);
    expect(codeFingerprint(root)).not.toBe(with1);
  });

  it('hashJson depends on content and order', () => {
    expect(hashJson({ a: 1 })).toBe(hashJson({ a: 1 }));
    expect(hashJson([1, 2])).not.toBe(hashJson([2, 1]));
  });
});

describe('no wall-clock time in the pipeline', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
  }
  it('no Date.now(), new Date() or toLocale* in pipeline/ or src/ (run.ts times stages with performance.now only)', () => {
    const root = new URL('../..', import.meta.url).pathname;
    // --discover records when the publishers were asked (data/sources/_proposed/discovery.json); the
    // build only reads that recorded date, never the clock. That is the one clock read allowed.
    const allowed = new Set([join(root, 'pipeline/discover/index.ts')]);
    const offenders = [...files(join(root, 'pipeline')), ...files(join(root, 'src'))].filter((f) => !allowed.has(f) && /Date\.now\(|new Date\(\s*\)|toLocale(Date|Time)?String\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
