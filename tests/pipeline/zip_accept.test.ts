/**
 * The outcomes-by-offence data tool as the MoJ ships it, a zip of CSVs, through discover → accept →
 * build against the fake publisher (tests/pipeline/publisher.ts), on a copy of the real registry whose
 * only discovery block is that series'. First the asset is a zip without the member the registry
 * names: refused, naming zip, pattern and members, with registry, build and cache as they were. Then
 * the right zip: its sha256 is registered, its member is read, and the figures reach indicator_values.
 * One build in all (the refusal comes before any is started).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/acquire.ts';
import { haveMirror, skipReason } from './build.ts';
import { linkTree, liveCli, registryAndBuild, seededCache } from './cli-run.ts';
import { expectedOutcomes, fixtureOutcomeRows, outcomesCsv } from './fixtures/moj_tools.ts';
import { ROOT, TEST_BUILD } from './global-setup.ts';
import { FakePublisher, govukCollection, govukRelease, registryPointingAt } from './publisher.ts';

const DATASET = 'moj_cjs_outcomes_by_offence';
const FILE_ID = 'moj_cjs_outcomes_by_offence_2017_2024';
const RELEASE = { path: '/government/statistics/criminal-justice-system-statistics-quarterly-december-2024', title: 'Criminal Justice System statistics quarterly: December 2024', updated: '2025-05-22T09:30:00.000+00:00' };
const ASSET = '/media/682ee571/obo_2017_2024.zip';
const ZIP_PATH = 'sentencing/moj_outcomes_by_offence/obo_2017_2024.zip';

const pub = new FakePublisher();
const work = mkdtempSync(join(tmpdir(), 'jba-zip-accept-'));
const registry = join(work, 'sources');
const cache = join(work, 'raw');
const build = join(work, 'build');

const cli = liveCli({ registry, cache, build });

const state = () => registryAndBuild({ registry, cache, build });
const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])));
const goodZip = zip({ 'sentence_outcomes_2017_2024.csv': outcomesCsv(fixtureOutcomeRows()) });

function serve(bytes: Uint8Array) {
  const b = pub.base;
  pub.json('/api/content/government/collections/criminal-justice-statistics-quarterly', govukCollection('/government/collections/criminal-justice-statistics-quarterly', 'Criminal justice statistics quarterly', [RELEASE]));
  pub.json(`/api/content${RELEASE.path}`, govukRelease(RELEASE, [{ title: 'Outcomes by offence data tool: 2017 to 2024', url: `${b}${ASSET}`, filename: 'obo_2017_2024.zip', content_type: 'application/zip', file_size: bytes.length }]));
  pub.file(ASSET, bytes);
}

beforeAll(async () => {
  if (!haveMirror) return;
  await pub.start();
  registryPointingAt(join(ROOT, 'data/sources'), registry, pub.base);
  // Only this series is asked, and its registered release page is the fake publisher's (as the real entry names www.gov.uk's).
  for (const name of readdirSync(registry).filter((n) => n.endsWith('.json'))) {
    const ds = JSON.parse(readFileSync(join(registry, name), 'utf8'));
    if (ds.id === DATASET) ds.files[0].url = `${pub.base}${RELEASE.path}`;
    else ds.discovery = { api: 'none', reason: 'not asked in this test: only the outcomes-by-offence series is' };
    writeFileSync(join(registry, name), JSON.stringify(ds, null, 2) + '\n');
  }
  seededCache(cache);
  linkTree(TEST_BUILD, build);
});

afterAll(async () => {
  if (haveMirror) await pub.stop();
});

describe.skipIf(!haveMirror)(`a zip of CSVs through --discover and --accept${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('--accept of a zip without the member is refused naming the zip, the pattern and the members; nothing changed', async () => {
    serve(zip({ 'prosecutions_2017_2024.csv': 'Year\n2024\n', 'readme.txt': 'notes' }));
    const d = await cli(['--discover']);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    const proposal = JSON.parse(readFileSync(join(registry, `_proposed/${DATASET}.json`), 'utf8')).proposals[0];
    // The proposal fills the registered entry and carries its member.
    expect(proposal).toMatchObject({ id: FILE_ID, path: ZIP_PATH, member: 'sentence_outcomes_*.csv', extends: { dataset: DATASET, fills: FILE_ID } });
    const before = state();
    const r = await cli(['--accept', FILE_ID]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `--accept ${FILE_ID} was refused: ${ZIP_PATH}: expected a member named like 'sentence_outcomes_*.csv' inside the zip, found members 'prosecutions_2017_2024.csv', 'readme.txt'.`,
    );
    expect(r.stderr).toMatch(/Nothing was changed: the registry .* and the build in .* are as they were/);
    expect(state()).toEqual(before);
    expect(existsSync(join(cache, ZIP_PATH))).toBe(false);
  });

  it('--accept of the right zip registers its sha256 and member, builds, and publishes the figures of the member', async () => {
    serve(goodZip);
    expect((await cli(['--discover'])).code).toBe(0);
    const r = await cli(['--accept', FILE_ID]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const entry = JSON.parse(readFileSync(join(registry, `${DATASET}.json`), 'utf8')).files.find((f: { id: string }) => f.id === FILE_ID);
    expect(entry).toMatchObject({ held: true, path: ZIP_PATH, sha256: sha256(goodZip), bytes: goodZip.length, member: 'sentence_outcomes_*.csv', url: `${pub.base}${ASSET}` });
    expect(sha256(readFileSync(join(cache, ZIP_PATH)))).toBe(sha256(goodZip));

    const values = JSON.parse(readFileSync(join(build, 'tables/indicator_values.json'), 'utf8')) as { indicator_id: string; area_type: string; area_code: string; period: string; value: number; numerator: number; denominator: number; source_id: string }[];
    const kent = values.find((x) => x.indicator_id === 'immediate_custody_share_female' && x.area_code === 'E23000032' && x.period === '2024')!;
    const expected = expectedOutcomes('Kent', 2024, '01: Female');
    expect([kent.numerator, kent.denominator, kent.source_id]).toEqual([expected.custody, expected.sentenced, FILE_ID]);
    const ew = values.find((x) => x.indicator_id === 'people_sentenced_all' && x.area_type === 'england_wales' && x.period === '2023')!;
    expect(ew.value).toBe(expectedOutcomes('all', 2023, 'all').sentenced);
  });
});
