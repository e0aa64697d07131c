/**
 * The three MoJ files this project does not hold (proven reoffending geographical and overall data
 * tools, criminal justice statistics outcomes by offence), end to end through the CLI in the fixture
 * world (tests/pipeline/fixture-world.ts: one build for every fixture source): fixture files in the
 * documented layouts (tests/pipeline/fixtures/moj_tools.ts), registered in a copy of the registry as
 * --add-file registers a file, and their indicators appear in indicator_values. (A copy in the wrong
 * layout is refused by the parser with file, row and column: tests/unit/reoffending_geographical.test.ts;
 * --add-file itself, and that a refusal changes nothing, are tested in tests/pipeline/discover.test.ts
 * and new_sources.test.ts.) The shared real build, which holds none of them, has no rows for them and
 * says in coverage which file would supply them. Councils are placed in PFAs with the project's real
 * ONS lookups.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGeography, type Geography } from '../../pipeline/geography/index.ts';
import { loadRegistry } from '../../pipeline/registry.ts';
import { ALIAS_PATH, councilLookup } from '../../pipeline/sources/reoffending_youth_la.ts';
import { haveMirror, skipReason, table } from './build.ts';
import type { Outcome } from './cli-run.ts';
import { fixtureWorld } from './fixture-world.ts';
import { cohortPeriod, councilCounts, expectedOutcomes, FIXTURE_COUNCILS, prisonCounts, regionCounts } from './fixtures/moj_tools.ts';
import { MIRROR, ROOT } from './global-setup.ts';

type Value = { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; numerator: number | null; denominator: number | null; lower_95: number | null; compared_to_ew: string; rank: number | null; rank_of: number | null; source_id: string };
let read: Value[] | null = null;
let registry: string;
let build: string;
// indicator_values.json is large: read once for all the checks.
const values = (): Value[] => (read ??= JSON.parse(readFileSync(join(build, 'tables/indicator_values.json'), 'utf8')) as Value[]);

let added: Outcome;

beforeAll(async () => {
  if (!haveMirror) return;
  ({ registry, build, run: added } = await fixtureWorld());
}, 600_000);

describe.skipIf(!haveMirror)(`MoJ files not held: fixture files in the fixture world's build${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('the build takes the copies (sha256, held) and publishes PFA rates summed from councils, compared with England and Wales and ranked', () => {
    expect(added.code, added.stdout + added.stderr).toBe(0);
    const entry = JSON.parse(readFileSync(join(registry, 'moj_reoffending_geographical.json'), 'utf8')).files[0];
    expect(entry).toMatchObject({ id: 'moj_reoffending_geographical_data_tool', held: true, path: 'reoffending/moj/Geographical_data_tool.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const v = values();
    const period = cohortPeriod(2023);
    const kent = v.find((x) => x.indicator_id === 'reoffending_rate_adult_pfa' && x.area_code === 'E23000032' && x.period === period)!;
    const parts = ['Kent', 'Medway'].map((c) => councilCounts(c, 'Adult', 2023));
    expect([kent.numerator, kent.denominator]).toEqual([parts.reduce((s, p) => s + Number(p.reoffenders), 0), parts.reduce((s, p) => s + Number(p.offenders), 0)]);
    expect(kent.value).toBeCloseTo(kent.numerator! / kent.denominator!, 12);
    expect(kent.source_id).toBe('moj_reoffending_geographical_data_tool');
    expect(['better', 'similar', 'worse']).toContain(kent.compared_to_ew);
    // Cumbria: the county council's counts for 2022-23, its two successors' for 2023-24, one PFA throughout.
    const cumbria = v.filter((x) => x.indicator_id === 'reoffending_rate_all_pfa' && x.area_code === 'E23000002').map((x) => x.period);
    expect(cumbria).toEqual([cohortPeriod(2022), cohortPeriod(2023)]);
    const ranked = v.filter((x) => x.indicator_id === 'reoffending_rate_juvenile_pfa' && x.period === period && x.area_type === 'pfa');
    expect(ranked.map((x) => x.rank_of)).toEqual([FIXTURE_COUNCILS.length, FIXTURE_COUNCILS.length, FIXTURE_COUNCILS.length, FIXTURE_COUNCILS.length]);
    expect(v.find((x) => x.indicator_id === 'reoffending_rate_adult_pfa' && x.area_type === 'england_wales' && x.period === period)?.source_id).toBe('moj_reoffending_geographical_data_tool');
  });

  it('publishes the prison league table, each prison compared with everyone released from the prisons listed', () => {
    const v = values().filter((x) => x.indicator_id === 'reoffending_rate_adult_prison' && x.period === cohortPeriod(2023));
    const maidstone = v.find((x) => x.area_code === 'MSI')!;
    expect([maidstone.numerator, maidstone.denominator]).toEqual([prisonCounts('Maidstone', 2023).reoffenders, prisonCounts('Maidstone', 2023).offenders]);
    expect(v.filter((x) => x.area_type === 'prison').map((x) => x.rank).sort()).toEqual([1, 2, 3]);
    const ew = v.find((x) => x.area_type === 'england_wales')!;
    expect(ew.denominator).toBe(['Maidstone', 'Elmley', 'Durham'].reduce((s, p) => s + Number(prisonCounts(p, 2023).offenders), 0));
  });

  it("publishes the overall tool's England and Wales, regional and Wales series, apart from the third-party derived one", () => {
    const v = values();
    const ew = v.find((x) => x.indicator_id === 'reoffending_rate_adult_overall_tool' && x.area_type === 'england_wales' && x.period === cohortPeriod(2023))!;
    expect(ew.source_id).toBe('moj_reoffending_overall_data_tool_apr12_mar24');
    const wales = v.find((x) => x.indicator_id === 'reoffending_rate_juvenile_overall_tool' && x.area_code === 'W92000004' && x.period === cohortPeriod(2022))!;
    expect(wales.denominator).toBe(regionCounts('Wales', 'Child', 2022).offenders);
    expect(v.filter((x) => x.indicator_id === 'reoffending_rate_all_overall_tool' && x.area_type === 'region' && x.period === cohortPeriod(2023))).toHaveLength(10);
    // The derived series keeps its own id and source.
    expect(v.filter((x) => x.indicator_id === 'reoffending_rate_all_ew_2012_2024').every((x) => x.source_id === 'moj_reoffending_derived_2012_2024_json')).toBe(true);
  });

  it('publishes people sentenced and sent to immediate custody by court area, sex and year; England and Wales includes areas not known', () => {
    const v = values();
    const kent = v.find((x) => x.indicator_id === 'immediate_custody_share_female' && x.area_code === 'E23000032' && x.period === '2024')!;
    const expected = expectedOutcomes('Kent', 2024, '01: Female');
    expect([kent.numerator, kent.denominator]).toEqual([expected.custody, expected.sentenced]);
    const ew = v.find((x) => x.indicator_id === 'people_sentenced_all' && x.area_type === 'england_wales' && x.period === '2023')!;
    expect(ew.value).toBe(expectedOutcomes('all', 2023, 'all').sentenced);
    expect(v.filter((x) => x.indicator_id === 'sentenced_immediate_custody_male' && x.area_type === 'pfa' && x.period === '2023').map((x) => x.area_code).sort()).toEqual(['E23000001', 'E23000032', 'E23000034', 'E23000039']);
  });

  it('the real build, which holds none of the three files, has no rows for them and names the file that would supply them', () => {
    for (const t of ['reoffending_geographical', 'reoffending_overall', 'sentencing_outcomes']) expect(table(t)).toEqual([]);
    const ids = ['reoffending_rate_adult_pfa', 'reoffending_rate_adult_prison', 'reoffending_rate_adult_overall_tool', 'people_sentenced_all'];
    expect(table<{ indicator_id: string }>('indicator_values').filter((x) => ids.includes(x.indicator_id))).toEqual([]);
    const notes = table<{ indicator_id: string; status: string; note: string }>('coverage').filter((c) => ids.includes(c.indicator_id));
    // Six rows: the prison rate also says, for police force areas, where an area's rate is instead.
    expect(notes.map((c) => c.status)).toEqual(['not_held', 'not_held', 'not_held', 'not_held', 'not_held', 'not_held']);
    expect(notes.find((c) => c.indicator_id === 'reoffending_rate_adult_prison' && /by releasing prison, not by area/.test(c.note))?.note).toMatch(/reoffending_rate_adult_pfa/);
    expect(notes.map((c) => c.note.match(/moj_[a-z0-9_]+/g)?.at(-1))).toEqual(expect.arrayContaining(['moj_reoffending_geographical_data_tool', 'moj_reoffending_overall_data_tool_apr12_mar24', 'moj_cjs_outcomes_by_offence_2017_2024']));
  });
});

describe.skipIf(!haveMirror)(`every council lands in one PFA across reorganisations (ONS lookups held)${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  let geography: Geography;
  beforeAll(() => {
    const reg = loadRegistry(join(ROOT, 'data/sources'));
    const paths = new Map([...reg.files.values()].filter((f) => f.dataset.id === 'ons_geography' && f.held && existsSync(join(MIRROR, f.path!))).map((f) => [f.id, join(MIRROR, f.path!)]));
    geography = buildGeography(paths);
  });

  it('gives every upper-tier council of the 2019 lookup and every council in council_aliases.csv exactly one of the 43 PFAs', () => {
    const lookup = councilLookup(geography, ALIAS_PATH, readFileSync(ALIAS_PATH, 'utf8'));
    const aliases = readFileSync(ALIAS_PATH, 'utf8').trim().split('\n').slice(1).map((l) => l.match(/,(E\d{8}),/)![1]);
    const codes = [...new Set([...geography.utlaName.keys(), ...aliases])];
    expect(codes.length).toBeGreaterThan(170);
    const unplaced = codes.filter((c) => !geography.pfaByCode.has(lookup.pfaOf(c) ?? ''));
    expect(unplaced).toEqual([]);
  });

  it('places predecessors and successors in the same PFA (Cumbria 2023, Northamptonshire 2021, Dorset 2019)', () => {
    const lookup = councilLookup(geography, ALIAS_PATH, readFileSync(ALIAS_PATH, 'utf8'));
    const pfa = (name: string) => lookup.pfaOf(lookup.names.code(name, { file: 'test' }));
    expect(['Cumbria', 'Cumberland', 'Westmorland and Furness'].map(pfa)).toEqual(['E23000002', 'E23000002', 'E23000002']);
    expect(['Northamptonshire', 'North Northamptonshire', 'West Northamptonshire'].map(pfa)).toEqual(['E23000022', 'E23000022', 'E23000022']);
    expect(['Dorset (Pre LG)', 'Bournemouth (Pre LG)', 'Poole (Pre LG)', 'Dorset', 'Bournemouth, Christchurch and Poole'].map(pfa)).toEqual(Array(5).fill('E23000039'));
    for (const { pfaCode, councils } of FIXTURE_COUNCILS) for (const c of councils) expect(pfa(c.name)).toBe(pfaCode);
  });
});
