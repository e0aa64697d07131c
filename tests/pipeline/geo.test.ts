/**
 * End to end through the CLI in the fixture world (tests/pipeline/fixture-world.ts: one build for
 * every fixture source): an ONS Postcode Directory registered as --add-file registers a copy yields
 * the postcode index files, and a mid-2023 estimates workbook registered as --accept registers it
 * (MYE2 - Persons) yields a third year of the yearly population table. Both files are fixtures the
 * tests write in the publisher's layout (the MYEB1 time series layout is covered by
 * tests/unit/population_mid_year.test.ts, on a few councils).
 * Also: the shared real build (no directory held) has no index and an empty postcode_area table.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutwardFile, PostcodeIndexFile } from '../../src/postcodes.ts';
import { haveMirror, skipReason, table } from './build.ts';
import type { Outcome } from './cli-run.ts';
import { councils2023, fixtureWorld, residents } from './fixture-world.ts';
import { TEST_BUILD } from './global-setup.ts';

let registry: string;
let build: string;
const registryFile = (id: string) => JSON.parse(readFileSync(join(registry, `${id}.json`), 'utf8'));
const rows = <T>(name: string) => JSON.parse(readFileSync(join(build, 'tables', `${name}.json`), 'utf8')) as T[];

let run: Outcome;
let councils: { lad_code: string; lad_name: string; pfa_code: string }[];

beforeAll(async () => {
  if (!haveMirror) return;
  ({ registry, build, run } = await fixtureWorld());
  councils = councils2023(TEST_BUILD);
}, 600_000);

describe.skipIf(!haveMirror)(`postcode index and mid-year population, end to end${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('the directory is held in the registry copy and the build writes one index file per outward code', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const entry = registryFile('ons_postcode_directory').files[0];
    expect(entry).toMatchObject({ id: 'ons_postcode_directory_csv', held: true, path: 'geography/onspd/ONSPD_TEST_UK.csv' });
    const dir = join(build, 'postcodes');
    expect(readdirSync(dir).sort()).toEqual(['CF10.json', 'EC1A.json', 'SW1A.json', 'TN13.json', 'index.json']);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as PostcodeIndexFile;
    expect(index).toEqual({ source_ids: ['ons_postcode_directory_csv'], outward_codes: ['CF10', 'EC1A', 'SW1A', 'TN13'], postcodes: 9 });
    const ec1a = JSON.parse(readFileSync(join(dir, 'EC1A.json'), 'utf8')) as OutwardFile;
    const named = ec1a.groups.filter((g) => g.inward.split(' ').includes('7BE')).map((g) => `${ec1a.areas[g.area].lad_name} → /areas/${ec1a.areas[g.area].slug}/`);
    expect(named).toEqual(['City of London → /areas/city-of-london/', 'Islington → /areas/metropolitan-police/']);
    // The manifest covers the index, so verifyBuild checks it like every other output.
    const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.outputs).filter((k) => k.startsWith('postcodes/')).sort()).toEqual(['postcodes/CF10.json', 'postcodes/EC1A.json', 'postcodes/SW1A.json', 'postcodes/TN13.json', 'postcodes/index.json']);
    const sizes = readdirSync(dir).map((f) => `${f} ${statSync(join(dir, f)).size} B`);
    console.log(`postcode index on the fixture: ${sizes.join(', ')}`);
  });

  it('the mid-year table gains mid-2023 by council, PFA and England and Wales; the held years stay', () => {
    const pop = rows<{ area_type: string; area_code: string; year: number; population: number; method: string; source_id: string }>('population_mid_year');
    const ew = pop.filter((r) => r.area_type === 'england_wales').map((r) => [r.year, r.source_id, r.method]);
    expect(ew).toEqual([[2011, 'ons_mid2022_population_estimates', 'published cells'], [2022, 'ons_mid2022_population_estimates', 'published cells'], [2023, 'ons_population_mid2023', 'published cells']]);
    const kent = councils.filter((c) => c.pfa_code === 'E23000032').reduce((s, c) => s + residents(c.lad_code), 0);
    expect(pop.find((r) => r.area_type === 'pfa' && r.area_code === 'E23000032' && r.year === 2023)?.population).toBe(kent);
    expect(pop.find((r) => r.area_type === 'england_wales' && r.year === 2023)?.population).toBe(councils.reduce((s, c) => s + residents(c.lad_code), 0));
    expect(pop.filter((r) => r.area_type === 'lad' && r.year === 2023)).toHaveLength(318);
    expect(pop.filter((r) => r.area_type === 'pfa' && r.year === 2023)).toHaveLength(43);
  });
});

describe.skipIf(!haveMirror)('the real build, where no directory is held', () => {
  it('has no postcode index and an empty postcode_area table', () => {
    expect(existsSync(join(TEST_BUILD, 'postcodes'))).toBe(false);
    expect(table('postcode_area')).toEqual([]);
    const years = table<{ area_type: string; year: number; population: number }>('population_mid_year').filter((r) => r.area_type === 'england_wales').map((r) => [r.year, r.population]);
    expect(years).toEqual([[2011, 56170927], [2022, 60238038]]);
  });
});
