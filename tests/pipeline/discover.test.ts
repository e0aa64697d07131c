/**
 * Discover → propose → accept → build, and --add-file, end to end through the CLI on a copy of the
 * real registry whose discovery blocks point at the fake publisher (tests/pipeline/publisher.ts). The
 * new releases are files the test writes in each series' layout with figures of its own (police
 * workforce Table_1; an HMPPS monthly bulletin for January 2025 from the third-party panel's figures
 * for that month, which the pipeline cross-checks; ONS Tables P1/P3 for the year ending March 2020).
 * A refused change must leave the registry and the build byte for byte as they were. (--add-file of
 * a right copy, which builds, is tested in the fixture world: tests/pipeline/new_sources.test.ts.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/acquire.ts';
import { haveMirror, skipReason } from './build.ts';
import { linkTree, liveCli, registryAndBuild, seededCache } from './cli-run.ts';
import { MIRROR, ROOT, TEST_BUILD } from './global-setup.ts';
import { FakePublisher, fixtureReleases, policeWorkforceOds, registryPointingAt, serveReleases, type FixtureReleases } from './publisher.ts';

const pub = new FakePublisher();
const work = mkdtempSync(join(tmpdir(), 'jba-discover-e2e-'));
const registry = join(work, 'sources');
const cache = join(work, 'raw');
const build = join(work, 'build');

const cli = liveCli({ registry, cache, build });

const state = () => registryAndBuild({ registry, cache, build });
const registryFile = (id: string) => JSON.parse(readFileSync(join(registry, `${id}.json`), 'utf8'));
const values = () => JSON.parse(readFileSync(join(build, 'tables/indicator_values.json'), 'utf8')) as { indicator_id: string; area_type: string; area_code: string; period: string; value: number; source_id: string }[];

let fx: FixtureReleases;

beforeAll(async () => {
  if (!haveMirror) return;
  await pub.start();
  fx = fixtureReleases(TEST_BUILD, MIRROR);
  serveReleases(pub, fx);
  registryPointingAt(join(ROOT, 'data/sources'), registry, pub.base);
  seededCache(cache);
  linkTree(TEST_BUILD, build);
});

afterAll(async () => {
  if (haveMirror) await pub.stop();
});

describe.skipIf(!haveMirror)(`updating the data against a fake publisher${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('--discover asks every series, proposes the new releases, and changes neither the registry nor the build', async () => {
    const before = state();
    const r = await cli(['--discover']);
    // The series the fake publisher does not serve answer 404: reported, and the run goes on.
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/home_office_police_workforce\s+2019-09-30 \(2020-01-30\)\s+2018-09-30\s+1 proposed/);
    expect(r.stdout).toMatch(/hmpps_monthly_bulletins\s+2025-01 \(2025-02-14\)\s+2024-12\s+1 proposed/);
    expect(r.stdout).toMatch(/ons_crime_pfa_tables\s+2019-04-01\/2020-03-31 \(2020-07-16\)\s+2018-04-01\/2019-03-31\s+1 proposed/);
    expect(r.stdout).toMatch(/✗ moj_reoffending_not_held: asked .*\/api\/content\/government\/collections\/proven-reoffending-statistics; came back: HTTP 404 Not Found/);
    expect(r.stdout).toMatch(/governance_pcc: Compiled by a third party/);
    expect(state()).toEqual(before);
    const proposed = readdirSync(join(registry, '_proposed')).sort();
    expect(proposed).toEqual(['discovery.json', 'dluhc_council_tax_police_precept.json', 'hmpps_monthly_bulletins.json', 'home_office_police_workforce.json', 'ons_crime_pfa_tables.json']);
    const wf = JSON.parse(readFileSync(join(registry, '_proposed/home_office_police_workforce.json'), 'utf8')).proposals[0];
    expect(wf).toMatchObject({ id: 'police_workforce_2019_09_30', period: '2019-09-30', path: 'police-workforce/police-workforce-sep19-tables.ods', bytes: fx.workforceSep19.length });
  });

  it('--accept of a file in a changed layout is refused with the parser\'s message; registry, build and cache untouched', async () => {
    const before = state();
    pub.file('/media/a2/police-workforce-sep19-tables.ods', policeWorkforceOds({ dates: ['2018-09-30', '2019-03-31', '2019-09-30'], pfas: fx.pfas, regionOf: new Map(fx.pfas.map((p) => [p.pfa_code, 'Wales'])), officers: () => 1, badLayout: true }));
    const listed = JSON.parse(readFileSync(join(registry, '_proposed/home_office_police_workforce.json'), 'utf8'));
    listed.proposals[0].bytes = null; // the listing's size was for the good file
    writeFileSync(join(registry, '_proposed/home_office_police_workforce.json'), JSON.stringify(listed, null, 2));
    const r = await cli(['--accept', 'police_workforce_2019_09_30']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--accept police_workforce_2019_09_30 was refused: police-workforce\/police-workforce-sep19-tables\.ods, sheet Table_1, row 1, column A: expected a title naming three dates/);
    expect(r.stderr).toMatch(/Nothing was changed: the registry .* and the build in .* are as they were/);
    expect(state()).toEqual(before);
    expect(existsSync(join(cache, 'police-workforce/police-workforce-sep19-tables.ods'))).toBe(false);
    pub.file('/media/a2/police-workforce-sep19-tables.ods', fx.workforceSep19);
  });

  it('--accept of a second Table 9 that is not a spreadsheet (the listing serves a stub) is refused, nothing changed', async () => {
    const before = state();
    const r = await cli(['--accept', 'dluhc_ctr_table9_2024_25']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/was refused: police-funding\/council_tax_levels\/CTR_Table_9_2024-25\.ods: expected a complete spreadsheet \(a zip archive\)/);
    expect(state()).toEqual(before);
  });

  it('--add-file with a copy in the wrong layout is refused naming file, sheet, row and the column expected', async () => {
    const before = state();
    const copy = join(work, 'downloaded-by-hand.ods');
    // Kent's March 2019 cell carries a note instead of a number.
    writeFileSync(copy, policeWorkforceOds({ dates: ['2018-09-30', '2019-03-31', '2019-09-30'], pfas: fx.pfas, regionOf: fx.regionOf, officers: (p, i) => (p === 'E23000032' && i === 1 ? 'see note 4' : fx.officers.get(p)!) }));
    const r = await cli(['--add-file', 'police_workforce_2019_2025', copy]);
    expect(r.code).toBe(1);
    // The input check of every workbook cell (pipeline/validate/workbook_cells.ts) refuses it before the parser reads it.
    expect(r.stderr).toMatch(/--add-file police_workforce_2019_2025 .* was refused: police-workforce\/downloaded-by-hand\.ods, sheet Table_1, row \d+, column C: expected a number or a suppression marker .*found 'see note 4'/);
    expect(r.stderr).toMatch(/Nothing was changed/);
    expect(state()).toEqual(before);
    expect(existsSync(join(cache, 'police-workforce/downloaded-by-hand.ods'))).toBe(false);
  });

  it('--accept builds the new police workforce, prison and recorded crime releases; their figures are published and on the area page', async () => {
    const r = await cli(['--accept', 'police_workforce_2019_09_30', 'hmpps_bulletin_2025_01', 'ons_crime_pfa_ye_mar2020']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const wf = registryFile('home_office_police_workforce').files.find((f: { id: string }) => f.id === 'police_workforce_2019_09_30');
    expect(wf).toMatchObject({ held: true, sha256: sha256(fx.workforceSep19), bytes: fx.workforceSep19.length, period: '2019-09-30', url: `${pub.base}/media/a2/police-workforce-sep19-tables.ods` });
    expect(existsSync(join(registry, '_proposed/home_office_police_workforce.json'))).toBe(false);

    const v = values();
    const kent = 'E23000032';
    const fte = v.find((x) => x.indicator_id === 'police_officers_fte' && x.area_code === kent && x.period === '2019-09-30');
    expect(fte).toMatchObject({ source_id: 'police_workforce_2019_09_30', value: Math.round(fx.officers.get(kent)! * 1.03 * 100) / 100 });
    const ew = v.find((x) => x.indicator_id === 'prison_population' && x.area_type === 'england_wales' && x.period === '2025-01');
    expect(ew?.source_id).toBe('hmpps_bulletin_2025_01');
    expect(ew?.value).toBe(fx.bulletinRows.reduce((s, x) => s + x.population, 0));
    const crime = registryFile('ons_crime_pfa_tables').files.find((f: { id: string }) => f.id === 'ons_crime_pfa_ye_mar2020');
    expect(crime).toMatchObject({ held: true, sha256: sha256(fx.crimeMar20), bytes: fx.crimeMar20.length });
    expect(v.find((x) => x.indicator_id === 'recorded_crime_per_1000' && x.area_code === kent && x.period === '2019-04/2020-03')?.source_id).toBe('ons_crime_pfa_ye_mar2020');

    const fresh = JSON.parse(readFileSync(join(build, 'freshness.json'), 'utf8'));
    const pw = fresh.datasets.find((d: { dataset_id: string }) => d.dataset_id === 'home_office_police_workforce');
    expect(pw).toMatchObject({ latest_period_published: '2019-09-30', latest_period_held: '2019-09-30' });
    expect(pw.discovery[0]).toMatchObject({ status: 'listed', newest_listed: { period: '2019-09-30' }, proposed: [] });
    expect(fresh.discovery_asked_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')).outputs['freshness.json']).toMatch(/^[0-9a-f]{64}$/);

    // The site's data layer (what /areas/kent/ renders) shows the new latest figure.
    process.env.JBA_BUILD_DIR = build;
    const { area } = await import('../../site/lib/data.ts');
    const { profileIndicators } = await import('../../site/lib/profile.ts');
    const officersOnPage = profileIndicators(area(kent)!).find((p) => p.indicator.id === 'police_officers_fte');
    expect(officersOnPage?.latest.period).toBe('2019-09-30');

    // Registry and build agree: the next plain run has nothing to do.
    const again = await cli(['--offline']);
    expect(again.stdout).toMatch(/no change: inputs, code and edition are those of the build/);
  });
});
