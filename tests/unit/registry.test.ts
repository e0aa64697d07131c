import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/errors.ts';
import { loadRegistry } from '../../pipeline/registry.ts';
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
});
