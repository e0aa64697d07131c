/**
 * Release discovery against a fake publisher on 127.0.0.1 (tests/pipeline/publisher.ts): the API
 * shapes are read, the registry's files are recognised, the newer ones proposed, and every way a
 * publisher can fail gives its own message while the other series are still asked. Nothing here
 * builds; the end-to-end accept and add-file tests are in tests/pipeline/discover.test.ts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptProposals, addFile } from '../../pipeline/discover/accept.ts';
import { discover, formatDiscovery } from '../../pipeline/discover/index.ts';
import { periodSlug, readPeriod } from '../../pipeline/discover/periods.ts';
import { readDiscoveryResult, readProposalFiles } from '../../pipeline/discover/store.ts';
import { discoveryBlocks, loadRegistry } from '../../pipeline/registry.ts';
import { FakePublisher, govukCollection, govukRelease, onsEdition, onsLanding } from '../pipeline/publisher.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const REAL = join(ROOT, 'data/sources');
const pub = new FakePublisher();
const quiet = { log: () => {}, timeoutMs: 400, attempts: 2 };
const NOW = () => new Date('2026-11-20T10:00:00Z');

beforeAll(() => pub.start());
afterAll(() => pub.stop());
beforeEach(() => pub.clear());

function dataset(id: string, discovery: unknown, files: object[] = [], parser: string | null = null) {
  // Every dataset here with a parser holds a file: its parser has met a real one (pipeline/registry.ts).
  const checked = parser === null ? {} : { parser_checked_on: 'real' };
  return {
    id,
    title: `Series ${id}`,
    publisher: 'Test publisher',
    kind: 'publisher_file',
    landing_url: 'https://www.gov.uk/government/collections/x',
    discovery,
    licence: 'OGL',
    licence_url: 'https://example.org/ogl',
    attribution: 'Test',
    parser,
    ...checked,
    files: files.length ? files : [{ id: `${id}_placeholder`, title: 'placeholder', path: null, url: null, release: 'latest', period: 'latest', sha256: null, held: false }],
  };
}

const held = (id: string, path: string, period: string) => ({ id, title: id, path, url: null, release: 'old', period, sha256: 'a'.repeat(64), bytes: 10, held: true });

function registryWith(...datasets: ReturnType<typeof dataset>[]) {
  const dir = mkdtempSync(join(tmpdir(), 'jba-disc-reg-'));
  for (const d of datasets) writeFileSync(join(dir, `${d.id}.json`), JSON.stringify(d, null, 2) + '\n');
  return dir;
}

const govukBlock = (path: string, extra: object = {}) => ({ api: 'govuk_content', page: `${pub.base}${path}`, files: 'tables', extensions: ['ods'], period: 'date', folder: 'demo', id_prefix: 'demo', ...extra });

function hashDir(dir: string): string {
  const h = createHash('sha256');
  for (const n of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) h.update(n).update(readFileSync(join(dir, n)));
  return h.digest('hex');
}

/** A collection with two releases; the older one's file is the one the registry holds. */
function serveWorkforce(prefix = '/government') {
  const older = { path: `${prefix}/statistics/police-workforce-30-september-2018`, title: 'Police workforce, England and Wales: 30 September 2018', updated: '2019-01-31T09:30:00.000+00:00' };
  const newer = { path: `${prefix}/statistics/police-workforce-30-september-2019`, title: 'Police workforce, England and Wales: 30 September 2019', updated: '2020-01-30T09:30:00.000+00:00' };
  pub.json(`/api/content${prefix}/collections/police-workforce`, govukCollection(`${prefix}/collections/police-workforce`, 'Police workforce', [older, newer, { path: '/government/statistics/police-workforce-open-data-tables', title: 'Police workforce open data tables', updated: '2025-07-30T09:30:00.000+00:00' }]));
  pub.json(`/api/content${older.path}`, govukRelease(older, [{ title: 'Police workforce tables, 30 September 2018', url: `${pub.base}/media/1/police-workforce-sep18-tables.ods`, filename: 'police-workforce-sep18-tables.ods', content_type: 'application/vnd.oasis.opendocument.spreadsheet', file_size: 102677 }]));
  pub.json(`/api/content${newer.path}`, govukRelease(newer, [
    { title: 'Police workforce tables, 30 September 2019', url: `${pub.base}/media/2/police-workforce-sep19-tables.ods`, filename: 'police-workforce-sep19-tables.ods', content_type: 'application/vnd.oasis.opendocument.spreadsheet', file_size: 4321 },
    { title: 'Police workforce, England and Wales: 30 September 2019 (PDF)', url: `${pub.base}/media/3/police-workforce-sep19.pdf`, filename: 'police-workforce-sep19.pdf', content_type: 'application/pdf', file_size: 9999 },
  ]));
  return { older, newer };
}

describe('periods read from release titles', () => {
  it('reads each kind of period the registry writes, from titles and run-together file names', () => {
    expect(readPeriod('date', ['Police workforce, England and Wales: 30 September 2019'])).toBe('2019-09-30');
    expect(readPeriod('month', ['Prison population figures: 2025', 'prison-pop-january-2025.ods'])).toBe('2025-01');
    expect(readPeriod('months_range', ['Proven reoffending statistics: October to December 2023'])).toBe('2023-10/2023-12');
    expect(readPeriod('months_range', ['Proven reoffending statistics: October 2022 to September 2023'])).toBe('2022-10/2023-09');
    expect(readPeriod('financial_year', ['Council Tax levels set by local authorities in England 2024 to 2025'])).toBe('2024-25');
    expect(readPeriod('financial_year', ['CTR_Table_9_2024-25.ods'])).toBe('2024-25');
    expect(readPeriod('year_ending', ['policeforceareatablesyearendingmarch2020.xlsx'])).toBe('2019-04-01/2020-03-31');
    expect(readPeriod('year_ending', ['Year ending December 2023'])).toBe('2023-01-01/2023-12-31');
    expect(readPeriod('mid_year', ['.../mid2023/mye23tablesew.xlsx'])).toBe('2023-06-30');
    expect(readPeriod('year', ['English indices of deprivation 2029'])).toBe('2029');
    expect(readPeriod('date', ['Police workforce open data tables'])).toBeNull();
  });

  it('turns a period into the part of a file id the registry already uses', () => {
    expect(periodSlug('date', '2019-09-30')).toBe('2019_09_30');
    expect(periodSlug('month', '2025-01')).toBe('2025_01');
    expect(periodSlug('year_ending', '2019-04-01/2020-03-31')).toBe('ye_mar2020');
    expect(periodSlug('financial_year', '2024-25')).toBe('2024_25');
    expect(periodSlug('mid_year', '2023-06-30')).toBe('mid2023');
  });
});

describe('discovery blocks in the registry', () => {
  it('every committed dataset says where its publisher lists releases, or why nothing does', () => {
    const reg = loadRegistry(REAL);
    for (const ds of reg.datasets) {
      const blocks = discoveryBlocks(ds);
      expect(blocks.length, `${ds.id} has no discovery block`).toBeGreaterThan(0);
      for (const b of blocks) if (b.api === 'none') expect(b.reason.length).toBeGreaterThan(40);
    }
    // The publishers the issue names are asked through their APIs, not waved through.
    const api = (id: string) => discoveryBlocks(reg.datasets.find((d) => d.id === id)!)[0].api;
    expect(api('home_office_police_workforce')).toBe('govuk_content');
    expect(api('hmpps_monthly_bulletins')).toBe('govuk_content');
    expect(api('dluhc_council_tax_police_precept')).toBe('govuk_content');
    expect(api('ons_crime_pfa_tables')).toBe('ons_dataset');
    expect(api('ons_geography')).toBe('arcgis_search');
  });

  it('the loader ignores data/sources/_proposed/ and _-files, and reads the last discovery answer', () => {
    const dir = registryWith(dataset('demo', { api: 'none', reason: 'Nothing lists this demo series anywhere at all.' }));
    mkdirSync(join(dir, '_proposed'));
    writeFileSync(join(dir, '_proposed', 'demo.json'), '{"not": "a dataset"}');
    writeFileSync(join(dir, '_notes.json'), '{"not": "a dataset"}');
    writeFileSync(join(dir, '_proposed', 'discovery.json'), JSON.stringify({ asked_at: '2026-11-20T10:00:00.000Z', series: [] }));
    const reg = loadRegistry(dir);
    expect(reg.datasets.map((d) => d.id)).toEqual(['demo']);
    expect(reg.discovery?.asked_at).toBe('2026-11-20T10:00:00.000Z');
  });

  it('a block that would propose entries needs their folder, id prefix and period; a bad regex is refused', () => {
    const noFolder = registryWith(dataset('demo', { api: 'govuk_content', page: 'https://www.gov.uk/x', files: 'tables', period: 'date', id_prefix: 'demo' }));
    expect(() => loadRegistry(noFolder)).toThrow(/demo\.json, field discovery\.folder: folder \(needed to propose registry entries\), or watch_only/);
    const badRegex = registryWith(dataset('demo', { api: 'govuk_content', page: 'https://www.gov.uk/x', files: '(unclosed', watch_only: 'watched only, for the freshness of the site' }));
    expect(() => loadRegistry(badRegex)).toThrow(/field discovery\.files: a regular expression/);
  });
});

describe('--discover against the fake publisher', () => {
  it('GOV.UK collection: recognises the held file by name, proposes the newer release, leaves the registry alone', async () => {
    serveWorkforce();
    const dir = registryWith(dataset('workforce', govukBlock('/government/collections/police-workforce', { documents: '^Police workforce, England and Wales: ' }), [held('wf_2018_09', 'police-workforce/police-workforce-sep18-tables.ods', '2018-09-30')], 'police_workforce'));
    const before = hashDir(dir);
    const s = await discover({ registryDir: dir, now: NOW, ...quiet });
    expect(hashDir(dir)).toBe(before);
    expect(s.failed).toEqual([]);
    expect(s.proposals).toHaveLength(1);
    const p = s.proposals[0];
    expect(p).toMatchObject({
      id: 'demo_2019_09_30',
      url: `${pub.base}/media/2/police-workforce-sep19-tables.ods`,
      period: '2019-09-30',
      bytes: 4321,
      content_type: 'application/vnd.oasis.opendocument.spreadsheet',
      release: '2020-01-30 (Police workforce, England and Wales: 30 September 2019)',
      path: 'demo/police-workforce-sep19-tables.ods',
      extends: { dataset: 'workforce', fills: null },
    });
    const answer = readDiscoveryResult(dir)!;
    expect(answer.asked_at).toBe('2026-11-20T10:00:00.000Z');
    expect(answer.series[0]).toMatchObject({ status: 'listed', held_latest_period: '2018-09-30', proposed: ['demo_2019_09_30'], newest: { period: '2019-09-30', published: '2020-01-30T09:30:00.000Z' } });
    expect(readProposalFiles(dir)[0].proposals.map((x) => x.id)).toEqual(['demo_2019_09_30']);
    const report = formatDiscovery(s);
    expect(report).toMatch(/workforce\s+2019-09-30 \(2020-01-30\)\s+2018-09-30\s+1 proposed/);
    expect(report).toMatch(/demo_2019_09_30 {2}extends workforce; period 2019-09-30; 4321 bytes/);
  });

  it('a not-held entry with the proposed id is filled, not duplicated; once held, nothing is proposed', async () => {
    serveWorkforce();
    const placeholder = { id: 'demo_2019_09_30', title: 'Sep 2019 (not held)', path: null, url: null, release: 'latest', period: '2019-09-30', sha256: null, held: false };
    const dir = registryWith(dataset('workforce', govukBlock('/government/collections/police-workforce', { documents: '^Police workforce, England and Wales: ' }), [held('wf_2018_09', 'x/police-workforce-sep18-tables.ods', '2018-09-30'), placeholder], 'police_workforce'));
    expect((await discover({ registryDir: dir, now: NOW, ...quiet })).proposals[0].extends).toEqual({ dataset: 'workforce', fills: 'demo_2019_09_30' });
    const upToDate = registryWith(dataset('workforce', govukBlock('/government/collections/police-workforce', { documents: '^Police workforce, England and Wales: ' }), [held('wf_2018_09', 'x/police-workforce-sep18-tables.ods', '2018-09-30'), held('wf_2019_09', 'x/police-workforce-sep19-tables.ods', '2019-09-30')], 'police_workforce'));
    const s = await discover({ registryDir: upToDate, now: NOW, ...quiet });
    expect(s.proposals).toEqual([]);
    expect(formatDiscovery(s)).toMatch(/up to date/);
    expect(existsSync(join(upToDate, '_proposed', 'workforce.json'))).toBe(false);
  });

  it('ONS dataset page: editions read through /data, files at /file?uri=, period from the edition address', async () => {
    const uri = '/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables';
    pub.json(`${uri}/data`, onsLanding(uri, 'Police force area data tables', [`${uri}/yearendingmarch2019`, `${uri}/yearendingmarch2020`]));
    pub.json(`${uri}/yearendingmarch2019/data`, onsEdition(`${uri}/yearendingmarch2019`, '2019-07-17T23:00:00.000Z', ['policeforceareatablesyeendingmarch2019.xlsx']));
    pub.json(`${uri}/yearendingmarch2020/data`, onsEdition(`${uri}/yearendingmarch2020`, '2020-07-16T23:00:00.000Z', ['policeforceareatablesyearendingmarch2020.xlsx']));
    const block = { api: 'ons_dataset', page: `${pub.base}${uri}`, files: 'police ?force ?area', extensions: ['xlsx'], period: 'year_ending', folder: 'crime', id_prefix: 'ons_crime_pfa' };
    const dir = registryWith(dataset('crime', block, [held('c19', 'crime/policeforceareatablesyeendingmarch2019.xlsx', '2018-04-01/2019-03-31')], 'crime'));
    const s = await discover({ registryDir: dir, now: NOW, ...quiet });
    expect(s.failed).toEqual([]);
    expect(s.proposals.map((p) => [p.id, p.period, p.url])).toEqual([
      ['ons_crime_pfa_ye_mar2020', '2019-04-01/2020-03-31', `${pub.base}/file?uri=${uri}/yearendingmarch2020/policeforceareatablesyearendingmarch2020.xlsx`],
    ]);
  });

  it('Open Geography (ArcGIS search): a watched series reports its newest item and proposes nothing', async () => {
    pub.json('/sharing/rest/search', {
      total: 2, start: 1, num: 2, nextStart: -1,
      results: [
        { id: 'abc123', title: 'Police Force Areas (December 2025) Boundaries EW BGC', type: 'Feature Service', modified: Date.parse('2026-03-01T00:00:00Z'), name: null },
        { id: 'def456', title: 'Police Force Areas (December 2023) Boundaries EW BGC', type: 'Feature Service', modified: Date.parse('2024-03-01T00:00:00Z'), name: null },
      ],
    });
    const block = { api: 'arcgis_search', portal: `${pub.base}/sharing/rest`, query: 'owner:ONSGeography_data title:"Police Force Areas"', files: '^Police Force Areas \\(December \\d{4}\\)', period: 'month', watch_only: 'boundaries need the geography step reviewed' };
    const dir = registryWith(dataset('geo', block, [held('g23', 'geo/police-forces.geojson', '2023-12')], 'geography'));
    const s = await discover({ registryDir: dir, now: NOW, ...quiet });
    expect(s.proposals).toEqual([]);
    expect(s.result.series[0]).toMatchObject({ status: 'listed', watch_only: true, newest: { period: '2025-12', page: `${new URL(pub.base).origin}/home/item.html?id=abc123` } });
    expect(s.result.series[0].asked).toMatch(/\/sharing\/rest\/search\?q=owner%3AONSGeography_data.*&f=json.*sortField=modified&sortOrder=desc/);
    expect(formatDiscovery(s)).toMatch(/geo\s+2025-12 \(2026-03-01\)\s+2023-12\s+watched only/);
  });

  it('every publisher fault gives one message per series (what was asked, what came back, what to do), and the rest are still asked', async () => {
    serveWorkforce();
    const pubItem = (extra: object) => ({ schema_name: 'publication', title: 'A release', base_path: '/government/statistics/x', public_updated_at: '2025-01-01T00:00:00Z', ...extra });
    pub.on('/api/content/moved', { status: 301, headers: { location: '/api/content/somewhere-else' } });
    pub.on('/api/content/gone', { status: 410, body: 'gone' });
    pub.on('/api/content/missing', { status: 404, body: 'not here' });
    pub.on('/api/content/down', { status: 503, body: 'down' });
    pub.on('/api/content/slow', { delayMs: 3000, body: {} });
    pub.on('/api/content/cut', { body: JSON.stringify(pubItem({ details: { attachments: [] } })), headers: { 'content-type': 'application/json' }, truncateTo: 40 });
    pub.on('/api/content/html', { body: '<!DOCTYPE html><html><body>Sign in</body></html>', headers: { 'content-type': 'text/html' } });
    pub.json('/api/content/reshaped', pubItem({ details: { files: [] } }));
    pub.json('/api/content/redirect-item', { schema_name: 'redirect', base_path: '/redirect-item', redirects: [{ path: '/redirect-item', type: 'exact', destination: '/government/collections/new-home' }] });
    pub.json('/api/content/renamed', govukCollection('/renamed', 'Renamed', [{ path: '/government/statistics/y', title: 'Something else entirely', updated: '2025-01-01T00:00:00Z' }]));
    const faults = ['moved', 'gone', 'missing', 'down', 'slow', 'cut', 'html', 'reshaped', 'redirect-item', 'renamed'];
    const dir = registryWith(
      ...faults.map((f) => dataset(f.replace(/-/g, '_'), govukBlock(`/${f}`, f === 'renamed' ? { documents: '^Police workforce' } : {}))),
      dataset('zz_good', govukBlock('/government/collections/police-workforce', { documents: '^Police workforce, England and Wales: ' })),
    );
    const before = hashDir(dir);
    const started = performance.now();
    const s = await discover({ registryDir: dir, now: NOW, ...quiet });
    expect((performance.now() - started) / 1000).toBeLessThan(10);
    expect(hashDir(dir)).toBe(before);
    const msg = Object.fromEntries(s.result.series.map((a) => [a.dataset, a.message ?? '']));
    const asked = (f: string) => `asked ${pub.base}/api/content/${f}; came back: `;
    expect(msg.moved).toContain(`${asked('moved')}a redirect (HTTP 301) to ${pub.base}/api/content/somewhere-else. The page has moved`);
    expect(msg.gone).toContain(`${asked('gone')}HTTP 410 Gone. The publisher withdrew the page`);
    expect(msg.missing).toContain(`${asked('missing')}HTTP 404 Not Found. Open the page in a browser`);
    expect(msg.down).toMatch(/came back: HTTP 503 .*\(after 2 attempts\)\. The publisher's server is failing: try --discover again later/);
    expect(msg.slow).toMatch(/came back: no complete answer from .*\/slow within 400 ms \(after 2 attempts\)\. Try again later, or with a longer --timeout-ms/);
    expect(msg.cut).toMatch(/came back: (truncated body from .*\/api\/content\/cut|JSON cut short).*\. (Try again later|Open the address)/);
    expect(msg.html).toContain('came back: a body that is not JSON (48 bytes, text/html, starting "<!DOCTYPE html><html><body>Sign in</body"). Open the address in a browser');
    expect(msg.reshaped).toContain('came back: a publication item of another shape: field details.attachments: ');
    expect(msg.reshaped).toContain('Compare the answer with the shape cited in pipeline/discover/govuk.ts');
    expect(msg.redirect_item).toContain(`came back: a redirect item to ${pub.base}/government/collections/new-home. The page has moved`);
    expect(msg.renamed).toContain("came back: a collection of 1 documents, none titled like /^Police workforce/ (e.g. 'Something else entirely'). The publisher may have renamed its releases");
    expect(s.failed.map((a) => a.dataset).sort()).toEqual(faults.map((f) => f.replace(/-/g, '_')).sort());
    expect(s.result.series.find((a) => a.dataset === 'zz_good')).toMatchObject({ status: 'listed', proposed: ['demo_2019_09_30'] });
    expect(formatDiscovery(s)).toMatch(/10 series could not be read \(the others were\):\n {2}✗ cut: /);
  });

  it('a series that fails keeps the proposals of its last good answer', async () => {
    serveWorkforce();
    const dir = registryWith(dataset('workforce', govukBlock('/government/collections/police-workforce', { documents: '^Police workforce, England and Wales: ' })));
    await discover({ registryDir: dir, now: NOW, ...quiet });
    pub.clear();
    const s = await discover({ registryDir: dir, now: NOW, ...quiet });
    expect(s.failed).toHaveLength(1);
    expect(readProposalFiles(dir)[0].proposals.map((p) => p.id)).toEqual(['demo_2019_09_30']);
  });

  it('the CLI prints the table, saves the answers and exits 1 when a series failed', async () => {
    serveWorkforce();
    const dir = registryWith(dataset('workforce', govukBlock('/government/collections/police-workforce', { documents: '^Police workforce, England and Wales: ' })), dataset('missing', govukBlock('/missing')));
    const out = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', '--discover', '--registry', dir, '--timeout-ms', '400', '--attempts', '1'], { cwd: ROOT }).then(
      (r) => ({ code: 0, text: r.stdout + r.stderr }),
      (e) => ({ code: e.code as number, text: String(e.stdout) + String(e.stderr) }),
    );
    expect(out.code).toBe(1);
    expect(out.text).toMatch(/series\s+newest the publisher lists\s+latest held/);
    expect(out.text).toMatch(/✗ missing: asked .*\/api\/content\/missing; came back: HTTP 404 Not Found/);
    expect(out.text).toMatch(/The registry and the build were not changed/);
    expect(readDiscoveryResult(dir)!.series).toHaveLength(2);
  });
});

describe('--accept and --add-file refuse before building, and change nothing', () => {
  function proposedRegistry(proposal: Record<string, unknown>, parser: string | null = 'police_workforce') {
    const dir = registryWith(dataset('workforce', govukBlock('/c'), [held('wf_old', 'demo/old.ods', '2018-09-30')], parser));
    mkdirSync(join(dir, '_proposed'));
    writeFileSync(
      join(dir, '_proposed', 'workforce.json'),
      JSON.stringify({
        dataset: 'workforce',
        asked_at: '2026-11-20T10:00:00.000Z',
        proposals: [{ id: 'demo_2019_09_30', title: 't', url: `${pub.base}/media/new.ods`, filename: 'new.ods', content_type: null, bytes: null, sha256: null, release: 'r', period: '2019-09-30', published: null, page: `${pub.base}/p`, path: 'demo/new.ods', extends: { dataset: 'workforce', fills: null }, ...proposal }],
      }),
    );
    return dir;
  }
  const options = (registryDir: string) => ({
    root: ROOT, registryDir, cacheDir: mkdtempSync(join(tmpdir(), 'jba-disc-cache-')), mirrorDir: null, buildDir: join(tmpdir(), 'jba-disc-never-built'),
    edition: { id: 't', date: '2026-01-01' }, timeoutMs: 400, attempts: 2, log: () => {}, warn: () => {},
  });
  async function refusal(dir: string, ids = ['demo_2019_09_30']) {
    const before = hashDir(dir) + hashDir(join(dir, '_proposed'));
    const opts = options(dir);
    const err = await acceptProposals(ids, opts).then(() => null, (e: Error) => e);
    expect(err, 'the accept should have been refused').not.toBeNull();
    expect(err!.message).toMatch(/Nothing was changed: the registry .* and the build in .* are as they were\./);
    expect(hashDir(dir) + hashDir(join(dir, '_proposed'))).toBe(before);
    expect(readdirSync(opts.cacheDir)).toEqual([]);
    expect(existsSync(opts.buildDir)).toBe(false);
    return err!.message;
  }
  const GOOD = Buffer.from('bytes of a new release');

  it('download faults: 404, 5xx, timeout, truncated body', async () => {
    pub.on('/media/new.ods', { status: 404 });
    expect(await refusal(proposedRegistry({}))).toMatch(/--accept demo_2019_09_30: the download failed: HTTP 404 .*\/media\/new\.ods/);
    pub.on('/media/new.ods', { status: 502 });
    expect(await refusal(proposedRegistry({}))).toMatch(/the download failed: HTTP 502 .*\(after 2 attempts\)/);
    pub.on('/media/new.ods', { delayMs: 3000, body: GOOD });
    expect(await refusal(proposedRegistry({}))).toMatch(/the download failed: no complete answer .* within 400 ms/);
    pub.on('/media/new.ods', { body: GOOD, truncateTo: 5 });
    expect(await refusal(proposedRegistry({}))).toMatch(/the download failed: truncated body from .*\/media\/new\.ods/);
  });

  it('a size other than the listing declared, or a checksum other than the reviewer wrote, is refused', async () => {
    pub.file('/media/new.ods', GOOD);
    expect(await refusal(proposedRegistry({ bytes: GOOD.length + 1 }))).toMatch(new RegExp(`declares ${GOOD.length + 1} bytes, the download .* has ${GOOD.length}`));
    expect(await refusal(proposedRegistry({ sha256: 'b'.repeat(64) }))).toMatch(/has sha256 [0-9a-f]{64}, but the proposal expects b{64} \(wrong checksum\)/);
  });

  it('an unknown id, an unread period, or a dataset no parser reads', async () => {
    expect(await refusal(proposedRegistry({}), ['nope'])).toMatch(/--accept nope: no such proposed entry\. Proposed now: demo_2019_09_30/);
    expect(await refusal(proposedRegistry({ period: null }))).toMatch(/its period could not be read from the titles\. Write it into data\/sources\/_proposed\/workforce\.json/);
    expect(await refusal(proposedRegistry({}, null))).toMatch(/No parser reads dataset workforce yet .*"parser": null/);
  });

  it('--add-file: a registered id only; a dataset with no parser is refused; the held file itself is "nothing to do"', async () => {
    const reg = mkdtempSync(join(tmpdir(), 'jba-disc-real-'));
    cpSync(REAL, reg, { recursive: true, filter: (src) => !src.includes('_proposed') });
    const before = hashDir(reg);
    const copy = join(mkdtempSync(join(tmpdir(), 'jba-disc-copy-')), 'geographical-data-tool.csv');
    writeFileSync(copy, 'a hand-downloaded copy\n');
    const fail = (id: string, path = copy) => addFile(id, path, options(reg)).then(() => '', (e: Error) => e.message);
    expect(await fail('moj_reoffending_geographical_data_toolz')).toMatch(/not a registered file id\. Registered ids like it: .*moj_reoffending_geographical_data_tool/);
    expect(await fail('moj_reoffending_3_monthly_jan24_mar24')).toMatch(/No parser reads dataset moj_reoffending_not_held yet .*Keep your copy/);
    expect(await fail('police_workforce_2018_09')).toMatch(/the registry holds police_workforce_2018_09 with sha256 60ce05f2.*; .* has [0-9a-f]{64}\. A different edition or revision is a new file/);
    expect(await fail('police_workforce_2019_2025', join(copy, 'nope'))).toMatch(/is not a file/);
    const mirror = resolve(ROOT, '../shared/data/raw/police-workforce/police-workforce-sep18-tables.ods');
    if (existsSync(mirror)) expect((await addFile('police_workforce_2018_09', mirror, options(reg))).kind).toBe('already_held');
    expect(hashDir(reg)).toBe(before);
  });
});
