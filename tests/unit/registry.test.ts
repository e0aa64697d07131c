import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/errors.ts';
import { loadRegistry, parserStatus } from '../../pipeline/registry.ts';
import { errorOf } from './error-of.ts';

const REAL = new URL('../../data/sources/', import.meta.url).pathname;

function dataset(over: Record<string, unknown> = {}, file: Record<string, unknown> = {}) {
  return {
    id: 'demo',
    title: 'Demo',
    publisher: 'Ministry of Justice',
    kind: 'publisher_file',
    landing_url: 'https://www.gov.uk/demo',
    licence: 'OGL v3.0',
    licence_url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    attribution: 'MoJ',
    parser: null,
    files: [
      {
        id: 'demo_file',
        title: 'Demo file',
        path: 'demo/file.xlsx',
        url: 'https://www.gov.uk/demo/file.xlsx',
        release: '2024-01-01',
        period: '2023',
        sha256: 'a'.repeat(64),
        held: true,
        ...file,
      },
    ],
    ...over,
  };
}

function dirWith(files: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'jba-registry-'));
  for (const [name, json] of Object.entries(files)) writeFileSync(join(dir, name), typeof json === 'string' ? json : JSON.stringify(json));
  return dir;
}

/** The message loadRegistry fails with for a registry folder. */
const registryError = (dir: string) => errorOf(() => loadRegistry(dir), PipelineError).message;

describe('registry', () => {
  it('the committed registry loads, and every held file has a path and a sha256', () => {
    const reg = loadRegistry(REAL);
    expect(reg.datasets.length).toBe(readdirSync(REAL).filter((n) => n.endsWith('.json')).length);
    for (const f of reg.files.values()) if (f.held) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads a valid dataset', () => {
    const reg = loadRegistry(dirWith({ 'demo.json': dataset() }));
    expect(reg.files.get('demo_file')?.dataset.id).toBe('demo');
  });

  it('a syntax error names the file', () => {
    expect(registryError(dirWith({ 'demo.json': '{"id": "demo",' }))).toMatch(/demo\.json: expected JSON, found a syntax error/);
  });

  it('a bad sha256 names the file, the entry, the field and what was found', () => {
    const msg = registryError(dirWith({ 'demo.json': dataset({}, { sha256: 'abc' }) }));
    expect(msg).toMatch(/demo\.json \(file demo_file\), field files\.0\.sha256: .*found "abc"/);
  });

  it('a path leaving the raw folder is refused', () => {
    for (const path of ['../../etc/passwd', '/etc/passwd', 'a/../../b', 'a//b', 'a\\..\\b']) {
      expect(registryError(dirWith({ 'demo.json': dataset({}, { path }) }))).toMatch(/field files\.0\.path: a relative path inside the raw folder/);
    }
  });

  it('a non-http URL is refused', () => {
    expect(registryError(dirWith({ 'demo.json': dataset({}, { url: 'file:///etc/passwd' }) }))).toMatch(/field files\.0\.url: an http:\/\/ or https:\/\/ address/);
  });

  it('an unknown source kind is refused', () => {
    expect(registryError(dirWith({ 'demo.json': dataset({ kind: 'rumour' }) }))).toMatch(/field kind: .*found "rumour"/);
  });

  it('the dataset id must match the file name', () => {
    expect(registryError(dirWith({ 'other.json': dataset() }))).toMatch(/other\.json: dataset id 'demo' must match the file name/);
  });

  it('a file id used twice is refused', () => {
    const a = dataset();
    const b = { ...dataset({ id: 'demo2' }) };
    expect(registryError(dirWith({ 'demo.json': a, 'demo2.json': b }))).toMatch(/demo2\.json: file id 'demo_file' is used twice/);
  });

  it('a held file needs a path and a sha256', () => {
    expect(registryError(dirWith({ 'demo.json': dataset({}, { sha256: null }) }))).toMatch(/file demo_file: a held file needs a path and a sha256/);
  });

  it('a dataset with no files is refused', () => {
    expect(registryError(dirWith({ 'demo.json': { ...dataset(), files: [] } }))).toMatch(/field files: /);
  });

  it('the real registry files round-trip through the schema unchanged in meaning', () => {
    for (const name of readdirSync(REAL).filter((n) => n.endsWith('.json'))) {
      const json = JSON.parse(readFileSync(join(REAL, name), 'utf8'));
      const reg = loadRegistry(dirWith({ [name]: json }));
      expect(reg.datasets[0].files.map((f) => f.id)).toEqual(json.files.map((f: { id: string }) => f.id));
    }
  });
  describe('parser_checked_on: has the parser met the real file, or only fixtures', () => {
    const notHeld = { path: null, sha256: null, held: false };
    const fixturesOnly = (files = ['demo_file']) => ({
      files,
      layout: "Sheet 'Data' with columns area, count, as the release documents them.",
      tests: ['tests/unit/demo.test.ts'],
      first_real_run: '`npm run pipeline -- --add-file demo_file PATH`, then compare the England and Wales total with the release.',
    });

    it('the committed registry says it for every dataset with a parser, and is consistent (no held file still listed as fixtures-only)', () => {
      const reg = loadRegistry(REAL);
      for (const d of reg.datasets) {
        if (d.parser === null) expect(d.parser_checked_on, d.id).toBeUndefined();
        else expect(['real', 'fixtures'], d.id).toContain(d.parser_checked_on);
        if (d.parser_checked_on === 'fixtures') expect(d.files.filter((f) => f.held).map((f) => f.id), d.id).toEqual([]);
      }
      // A maintainer who added a file (--add-file, --accept) must update the entry before committing.
      expect(reg.parserCheckStale).toEqual([]);
    });

    it('a dataset with a parser must say it, naming the registry file', () => {
      expect(registryError(dirWith({ 'demo.json': dataset({ parser: 'demo' }) }))).toMatch(/demo\.json: dataset demo has a parser \(demo\) but no "parser_checked_on": expected "real" .* or "fixtures"/);
      expect(registryError(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'tested' }) }))).toMatch(/demo\.json, field parser_checked_on: .*found "tested"/);
    });

    it('no parser, no parser check', () => {
      expect(registryError(dirWith({ 'demo.json': dataset({ parser_checked_on: 'real' }) }))).toMatch(/demo\.json: "parser" is null, .*remove "parser_checked_on"/);
    });

    it('"real" needs a held file (path and sha256) outside fixtures_only.files', () => {
      expect(loadRegistry(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'real' }) })).parserCheckStale).toEqual([]);
      expect(registryError(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'real' }, notHeld) }))).toMatch(/demo\.json: "parser_checked_on" is "real", but no file of dataset demo .* is held/);
    });

    it('"fixtures" needs fixtures_only: the files, the layout, the tests and the first real run', () => {
      expect(registryError(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'fixtures' }, notHeld) }))).toMatch(/demo\.json: "parser_checked_on" is "fixtures", so "fixtures_only" is needed/);
      const { first_real_run: _, ...noRun } = fixturesOnly();
      expect(registryError(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'fixtures', fixtures_only: noRun }, notHeld) }))).toMatch(/demo\.json, field fixtures_only\.first_real_run: /);
      expect(registryError(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'fixtures', fixtures_only: fixturesOnly(['other_file']) }, notHeld) }))).toMatch(
        /demo\.json, field fixtures_only\.files: 'other_file' is not a file of dataset demo/,
      );
      const reg = loadRegistry(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'fixtures', fixtures_only: fixturesOnly() }, notHeld) }));
      expect(parserStatus(reg.datasets[0])).toBe('fixtures');
      expect(reg.parserCheckStale).toEqual([]);
    });

    it('a file added later (held now) while the entry still says fixtures: the registry says what to update, and the status is "real_not_compared"', () => {
      // Not fatal: --add-file builds on the edited registry before a maintainer can compare the totals.
      const reg = loadRegistry(dirWith({ 'demo.json': dataset({ parser: 'demo', parser_checked_on: 'fixtures', fixtures_only: fixturesOnly() }) }));
      expect(parserStatus(reg.datasets[0])).toBe('real_not_compared');
      expect(reg.parserCheckStale).toHaveLength(1);
      expect(reg.parserCheckStale[0]).toMatch(/demo\.json: the parser demo now reads held file\(s\) demo_file, but the registry says it has met them only in fixtures/);
      expect(reg.parserCheckStale[0]).toMatch(/compare the England and Wales total with the release.*set "parser_checked_on" to "real"/);
      // A real parser with a later layout met only in fixtures: that layout's file, once held, must leave fixtures_only.files.
      const two = dataset({ parser: 'demo', parser_checked_on: 'real', fixtures_only: fixturesOnly(['demo_later']) });
      two.files.push({ ...two.files[0], id: 'demo_later', path: 'demo/later.xlsx' });
      const mixed = loadRegistry(dirWith({ 'demo.json': two }));
      expect(parserStatus(mixed.datasets[0])).toBe('real_not_compared');
      expect(mixed.parserCheckStale[0]).toMatch(/held file\(s\) demo_later, .*remove demo_later from fixtures_only\.files/);
    });
  });
});
