/**
 * The fixture world: ONE build that adds, beside the real files, a fixture copy of every file the
 * project does not hold but has a parser for (new releases of held series, the MoJ data tools and
 * outcomes-by-offence zip, a mid-2023 population workbook, an ONS Postcode Directory). Each file is written by
 * the tests in its publisher's documented layout; every figure in them is invented.
 *
 * Three test files (new_sources, moj_tools, geo) read this one build instead of making one each, and
 * npm run bench:pipeline times it. The first caller in a test run builds it into data/fixture-world/
 * (git-ignored, as WORLD in global-setup.ts), on a copy of the registry and of the shared test build; later callers read what that
 * run left (the CLI's output included). The global setup removes it at the start of every run, so a
 * run never reads a world another run built. The police workforce open data table goes in through
 * `--add-file` itself; the others are registered in the copy as --add-file registers a file.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { sha256 } from '../../pipeline/acquire.ts';
import { cli, linkTree, seededCache, type Outcome } from './cli-run.ts';
import { fixtureGeographicalRows, fixtureOutcomeRows, fixtureOverallRows, geographicalCsv, outcomesCsv, overallXlsx } from './fixtures/moj_tools.ts';
import { mye2Persons } from './fixtures/mye.ts';
import { newSourcesFixtures, type Registered } from './fixtures/new_sources.ts';
import { onspdCsv } from './fixtures/onspd.ts';
import { BUILD_ERROR, ROOT, TEST_BUILD, WORLD, WORLD_LOCK as LOCK } from './global-setup.ts';
import { buildTable } from './publisher.ts';

const OUTCOME = join(WORLD, 'outcome.json');

export const OUTCOMES_ZIP = 'sentencing/moj_outcomes_by_offence/obo_2017_2024.zip';
export const OUTCOMES_MEMBER = 'sentence_outcomes_2017_2024.csv';
export const MYE_PATH = 'population/population_mye/mye23tablesew.xlsx';
/** The invented mid-2023 residents of a council. */
export const residents = (code: string) => 50_000 + Number(code.slice(-3)) * 7;
export const WORKFORCE_COPY = 'open-data-table-police-workforce.ods';

export interface World { registry: string; cache: string; build: string; inputs: string; run: Outcome }

const paths = (dir = WORLD) => ({ registry: join(dir, 'sources'), cache: join(dir, 'raw'), build: join(dir, 'build'), inputs: join(dir, 'inputs') });

/** The councils current in 2023, from the shared test build (the mid-2023 fixture gives each one residents). */
export const councils2023 = (testBuild = TEST_BUILD) =>
  buildTable<{ lad_code: string; lad_name: string; pfa_code: string; current_2023: boolean }>(testBuild, 'lad_pfa').filter((c) => c.current_2023);

function worldFiles(testBuild: string): Registered[] {
  const councils = councils2023(testBuild);
  const ew = councils.reduce((s, c) => s + residents(c.lad_code), 0);
  const mye = mye2Persons(2023, councils.map((c) => ({ code: c.lad_code, name: c.lad_name, population: residents(c.lad_code) })), ew);
  return [
    ...newSourcesFixtures(testBuild).registered,
    { dataset: 'moj_reoffending_overall_tool', fileId: 'moj_reoffending_overall_data_tool_apr12_mar24', path: 'reoffending/moj/PRSQ_overall_data_tool_apr12_mar24.xlsx', bytes: overallXlsx(fixtureOverallRows()) },
    // As the MoJ ships it: a zip whose member the registry names (pipeline/read/zip_member.ts).
    { dataset: 'moj_cjs_outcomes_by_offence', fileId: 'moj_cjs_outcomes_by_offence_2017_2024', path: OUTCOMES_ZIP, bytes: zipSync({ [OUTCOMES_MEMBER]: strToU8(outcomesCsv(fixtureOutcomeRows())) }) },
    { dataset: 'moj_reoffending_geographical', fileId: 'moj_reoffending_geographical_data_tool', path: 'reoffending/moj/Geographical_data_tool.csv', bytes: Buffer.from(geographicalCsv(fixtureGeographicalRows())) },
    { dataset: 'ons_postcode_directory', fileId: 'ons_postcode_directory_csv', path: 'geography/onspd/ONSPD_TEST_UK.csv', bytes: Buffer.from(onspdCsv()) },
    // A release --accept would register from discovery's proposal: a new entry in the dataset.
    { dataset: 'ons_population', fileId: 'ons_population_mid2023', path: MYE_PATH, bytes: mye, newEntry: { title: 'Population estimates for England and Wales: mid-2023 (fixture)', url: null, release: '2024-07-15', period: '2023-06-30' } },
  ];
}

/** Writes the registry copy, the cache (real files hard-linked, fixtures written) and the copy to add. */
export function prepareWorld(dir: string, testBuild = TEST_BUILD, opts: { seedCache: boolean; seedBuild: boolean } = { seedCache: true, seedBuild: true }): { args: string[] } {
  const p = paths(dir);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, 'data/sources'), p.registry, { recursive: true, filter: (src) => !src.includes('_proposed') });
  if (opts.seedCache) seededCache(p.cache);
  else mkdirSync(p.cache, { recursive: true });
  if (opts.seedBuild) linkTree(testBuild, p.build);
  for (const f of worldFiles(testBuild)) {
    const file = join(p.registry, `${f.dataset}.json`);
    const ds = JSON.parse(readFileSync(file, 'utf8'));
    const held = { path: f.path, sha256: sha256(f.bytes), bytes: f.bytes.length, held: true, ...f.set };
    if (f.newEntry) ds.files.push({ id: f.fileId, ...f.newEntry, ...held });
    else Object.assign(ds.files.find((x: { id: string }) => x.id === f.fileId), held);
    writeFileSync(file, JSON.stringify(ds, null, 2) + '\n');
    mkdirSync(dirname(join(p.cache, f.path)), { recursive: true });
    writeFileSync(join(p.cache, f.path), f.bytes);
  }
  mkdirSync(p.inputs, { recursive: true });
  const copy = join(p.inputs, WORKFORCE_COPY);
  writeFileSync(copy, newSourcesFixtures(testBuild).workforceCopy);
  return { args: ['--registry', p.registry, '--cache', p.cache, '--build', p.build, '--add-file', 'police_workforce_2019_2025', copy] };
}

/** The fixture world of this test run: built by the first caller, read by the rest. */
export async function fixtureWorld(): Promise<World> {
  if (existsSync(BUILD_ERROR)) throw new Error(`The shared test build failed, so the fixture world (built on it) was not made:\n${readFileSync(BUILD_ERROR, 'utf8')}`);
  const p = paths();
  if (!existsSync(OUTCOME)) {
    mkdirSync(dirname(WORLD), { recursive: true });
    let mine = false;
    try {
      mkdirSync(LOCK, { recursive: false });
      mine = true;
    } catch {
      // Another test file (a parallel worker) is building it: wait for its outcome.
    }
    if (mine) {
      const { args } = prepareWorld(WORLD);
      const run = await cli(args);
      writeFileSync(OUTCOME, JSON.stringify(run));
      rmSync(LOCK, { recursive: true, force: true });
    } else {
      const until = Date.now() + 900_000;
      while (!existsSync(OUTCOME)) {
        if (Date.now() > until) throw new Error(`waited 15 minutes for ${OUTCOME}: the fixture world's build did not finish (remove ${LOCK} if a run was killed).`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  return { registry: p.registry, cache: p.cache, build: p.build, inputs: p.inputs, run: JSON.parse(readFileSync(OUTCOME, 'utf8')) as Outcome };
}
