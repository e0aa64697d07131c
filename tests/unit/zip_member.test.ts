/**
 * Zip members (pipeline/read/zip_member.ts): the one member a registry entry names is found, unpacked
 * and handed to the parser; a zip without it, or with several, is refused naming the zip, the pattern
 * and the members found. acquire is run on a mirror folder the test writes (no network).
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { acquire, sha256 } from '../../pipeline/acquire.ts';
import { chooseMember, extractMember, listMembers, looksLikeZip, memberMatcher, readMember } from '../../pipeline/read/zip_member.ts';
import { loadRegistry } from '../../pipeline/registry.ts';
import { errorOf } from './error-of.ts';

const CSV = 'Year,Sex,Police Force Area,Sentence Outcome,Sentenced\n2024,01: Female,Kent,06: Immediate Custody,3\n';
const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])));

describe('which member a pattern names', () => {
  it('matches * within a name and ? as one character, without case, on the last part unless the pattern has a folder', () => {
    const m = memberMatcher('sentence_outcomes_*.csv');
    expect(m('sentence_outcomes_2017_2024.csv')).toBe(true);
    expect(m('obo_2017_2024/Sentence_Outcomes_2017_2024.CSV')).toBe(true);
    expect(m('sentence_outcomes_2017_2024.csv.bak')).toBe(false);
    expect(m('prosecutions_2017_2024.csv')).toBe(false);
    expect(memberMatcher('data/x?.csv')('data/x1.csv')).toBe(true);
    expect(memberMatcher('data/x?.csv')('other/data/x1.csv')).toBe(false);
    // Regular-expression characters in a name are literal.
    expect(memberMatcher('a+b.csv')('aab.csv')).toBe(false);
  });

  it('reads the one member, and skips folders and macOS resource forks when listing', () => {
    const bytes = zip({ 'obo/': '', 'obo/sentence_outcomes_2017_2024.csv': CSV, '__MACOSX/obo/._sentence_outcomes_2017_2024.csv': 'x', 'obo/notes.txt': 'n' });
    expect(looksLikeZip(bytes)).toBe(true);
    expect(looksLikeZip(strToU8(CSV))).toBe(false);
    expect(listMembers('a.zip', bytes).map((m) => m.name)).toEqual(['obo/sentence_outcomes_2017_2024.csv', 'obo/notes.txt']);
    const got = readMember('a.zip', bytes, 'sentence_outcomes_*.csv');
    expect(got.name).toBe('obo/sentence_outcomes_2017_2024.csv');
    expect(new TextDecoder().decode(got.bytes)).toBe(CSV);
  });

  it('refuses a zip without the member, naming the zip, the pattern and the members found', () => {
    const e = errorOf(() => chooseMember('sentencing/obo.zip', zip({ 'prosecutions_2017_2024.csv': 'a', 'readme.txt': 'b' }), 'sentence_outcomes_*.csv'));
    expect(e.message).toBe(
      "sentencing/obo.zip: expected a member named like 'sentence_outcomes_*.csv' inside the zip, found members 'prosecutions_2017_2024.csv', 'readme.txt'. The publisher may have renamed the CSV: check the release, then change the registry entry's \"member\" (in data/sources/).",
    );
  });

  it('refuses a zip where the pattern names several members, listing them', () => {
    const e = errorOf(() => chooseMember('obo.zip', zip({ 'sentence_outcomes_2010_2016.csv': 'a', 'sentence_outcomes_2017_2024.csv': 'b' }), 'sentence_outcomes_*.csv'));
    expect(e.message).toMatch(/^obo\.zip: expected exactly one member named like 'sentence_outcomes_\*\.csv' inside the zip, found 2 \('sentence_outcomes_2010_2016\.csv', 'sentence_outcomes_2017_2024\.csv'\) among members/);
  });

  it('refuses a file that is not a whole zip', () => {
    const bytes = zip({ 'sentence_outcomes_2017_2024.csv': CSV.repeat(20) });
    expect(errorOf(() => listMembers('cut.zip', bytes.slice(0, bytes.length - 30))).message).toMatch(/^cut\.zip: expected a complete zip archive, found a file that cannot be unzipped/);
  });

  it('unpacks into a folder named by the zip checksum, and uses a complete copy again', () => {
    const cache = mkdtempSync(join(tmpdir(), 'jba-zip-cache-'));
    const bytes = zip({ 'sentence_outcomes_2017_2024.csv': CSV });
    const a = extractMember(cache, 'obo.zip', sha256(bytes), bytes, 'sentence_outcomes_*.csv');
    expect(a.path).toBe(join(cache, '_members', sha256(bytes), 'sentence_outcomes_2017_2024.csv'));
    expect(readFileSync(a.path, 'utf8')).toBe(CSV);
    const written = statSync(a.path).mtimeMs;
    expect(extractMember(cache, 'obo.zip', sha256(bytes), bytes, 'sentence_outcomes_*.csv').path).toBe(a.path);
    expect(statSync(a.path).mtimeMs).toBe(written);
    // A cut-short copy (a killed run) is unpacked again.
    writeFileSync(a.path, CSV.slice(0, 10));
    extractMember(cache, 'obo.zip', sha256(bytes), bytes, 'sentence_outcomes_*.csv');
    expect(readFileSync(a.path, 'utf8')).toBe(CSV);
  });
});

describe('acquire of a registry entry that is a zip with a member', () => {
  function setUp(zipBytes: Uint8Array) {
    const registry = mkdtempSync(join(tmpdir(), 'jba-zip-reg-'));
    const mirror = mkdtempSync(join(tmpdir(), 'jba-zip-mirror-'));
    const cache = mkdtempSync(join(tmpdir(), 'jba-zip-cache-'));
    const file = { id: 'outcomes_zip', title: 'Outcomes', path: 'sentencing/obo_2017_2024.zip', url: null, release: '2025', period: '2017/2024', sha256: sha256(zipBytes), member: 'sentence_outcomes_*.csv', held: true };
    writeFileSync(
      join(registry, 'demo.json'),
      JSON.stringify({ id: 'demo', title: 'Demo', publisher: 'Test', kind: 'publisher_file', landing_url: 'https://example.org/', licence: 'OGL', licence_url: 'https://example.org/ogl', attribution: 'Test', parser: null, files: [file] }),
    );
    mkdirSync(join(mirror, 'sentencing'));
    writeFileSync(join(mirror, file.path), zipBytes);
    const opts = { cacheDir: cache, mirrorDir: mirror, refresh: false, offline: true, timeoutMs: 100, attempts: 1, log: () => {}, warn: () => {} };
    return { registry: loadRegistry(registry), opts, cache };
  }

  it("checks the zip's sha256, keeps the zip in the cache, and gives the parser the member", async () => {
    const bytes = zip({ 'prosecutions_2017_2024.csv': 'p', 'sentence_outcomes_2017_2024.csv': CSV });
    const { registry, opts, cache } = setUp(bytes);
    const r = await acquire(registry, opts);
    expect(r.failures).toEqual([]);
    expect(sha256(readFileSync(join(cache, 'sentencing/obo_2017_2024.zip')))).toBe(sha256(bytes));
    expect(readFileSync(r.paths.get('outcomes_zip')!, 'utf8')).toBe(CSV);
  });

  it('reports a zip without the member as a failure naming the registry file, the zip, the pattern and the members', async () => {
    const { registry, opts } = setUp(zip({ 'prosecutions_2017_2024.csv': 'p' }));
    const r = await acquire(registry, opts);
    expect(r.paths.has('outcomes_zip')).toBe(false);
    expect(r.failures).toEqual([
      "outcomes_zip (data/sources/demo.json): sentencing/obo_2017_2024.zip: expected a member named like 'sentence_outcomes_*.csv' inside the zip, found members 'prosecutions_2017_2024.csv'. The publisher may have renamed the CSV: check the release, then change the registry entry's \"member\" (in data/sources/).",
    ]);
  });
});
