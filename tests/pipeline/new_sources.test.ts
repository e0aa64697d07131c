/**
 * The four parsers that have met only fixtures, end to end through the CLI, in the fixture world
 * (tests/pipeline/fixture-world.ts: one build for every fixture source): files written in each
 * publisher's documented layout (tests/pipeline/fixtures/new_sources.ts) from the figures of the
 * shared test build. The ONS accessible tables for the year ending March 2024, Table 9 of 2024-25 and
 * the HMPPS costs by establishment for 2023-24 are registered in a copy of the registry as
 * `--add-file` registers a file, and the police workforce open data table goes through `--add-file`
 * itself, which builds. The real registry and data/raw are never touched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/acquire.ts';
import { haveMirror, skipReason } from './build.ts';
import type { Outcome } from './cli-run.ts';
import { fixtureWorld, WORKFORCE_COPY } from './fixture-world.ts';
import { KENT, newSourcesFixtures, type NewSourcesExpected } from './fixtures/new_sources.ts';
import { TEST_BUILD } from './global-setup.ts';

type Value = { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; numerator: number | null; denominator: number | null; source_id: string; denominator_source_id: string | null; basis: string | null };

let registry: string;
let cache: string;
let copyPath: string;
let run: Outcome;
let values: Value[];
let fx: NewSourcesExpected;

beforeAll(async () => {
  if (!haveMirror) return;
  const world = await fixtureWorld();
  ({ registry, cache, run } = world);
  copyPath = join(world.inputs, WORKFORCE_COPY);
  fx = newSourcesFixtures(TEST_BUILD).fx;
  values = JSON.parse(readFileSync(join(world.build, 'tables/indicator_values.json'), 'utf8'));
}, 600_000);

const find = (id: string, area: string, period?: string) => values.filter((v) => v.indicator_id === id && v.area_code === area && (!period || v.period === period));

describe.skipIf(!haveMirror)(`the parsers that have met only fixtures, in one build${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('--add-file of the police workforce open data table builds, with the three other files registered beside it', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const entry = JSON.parse(readFileSync(join(registry, 'home_office_police_workforce.json'), 'utf8')).files.find((f: { id: string }) => f.id === 'police_workforce_2019_2025');
    // What --add-file writes: the copy's sha256 and size, held, a path of its own, and a note saying how it came.
    const copy = readFileSync(copyPath);
    expect(entry).toMatchObject({ held: true, path: 'police-workforce/open-data-table-police-workforce.ods', sha256: sha256(copy), bytes: copy.length, note: expect.stringMatching(/Added with --add-file from a copy obtained by hand/) });
    expect(readFileSync(join(cache, entry.path))).toEqual(copy);
  });

  it('officers at 31 March 2019 to 2025 continue the series (Kent and England and Wales)', () => {
    const [kent] = find('police_officers_fte', KENT, '2025-03-31');
    expect(kent).toMatchObject({ source_id: 'police_workforce_2019_2025' });
    expect(kent.value).toBeCloseTo(fx.officers.get(KENT)!, 2);
    expect(find('police_officers_fte', KENT).map((v) => v.period)).toEqual(expect.arrayContaining(['2018-09-30', '2019-03-31', '2025-03-31']));
    expect(find('police_officers_change_12m', KENT, '2025-03-31')[0]?.value).toBeCloseTo(0.01, 4);
  });

  it('where the open data table restates a date of a held edition, the later table is used and one warning says so', () => {
    const [kent] = find('police_officers_fte', KENT, '2018-03-31');
    expect(kent).toMatchObject({ source_id: 'police_workforce_2019_2025' });
    expect(kent.value).toBeCloseTo(fx.kentMarch18, 2);
    expect(run.stdout).toMatch(/open-data-table-police-workforce\.ods: the figures for 1 force-date\(s\) differ from an earlier edition; this later one is used \(first: E23000032 at 2018-03-31: [\d.]+ \(police_workforce_2018_09\)/);
    expect(find('police_officers_fte', 'E23000001', '2018-03-31')[0]?.source_id).toBe('police_workforce_2019_2025');
  });

  it('recorded crime for the year ending March 2024 comes from the accessible tables', () => {
    const [kent] = find('recorded_crime_per_1000', KENT, '2023-04/2024-03');
    expect(kent?.source_id).toBe('ons_crime_pfa_ye_mar2024');
    expect(kent.numerator).toBe(fx.crimeTotal.get(KENT));
  });

  it("the 2024-25 precept is read beside 2023-24 and checked against it", () => {
    const [kent] = find('police_precept_band_d', KENT, '2024-25');
    const row = fx.precept.find((r) => r.ons === KENT)!;
    expect(kent?.source_id).toBe('dluhc_ctr_later_years');
    expect(kent.value).toBeCloseTo(Math.round((row.req[1] / row.base[1]) * 100) / 100, 2);
    expect(find('police_precept_band_d', KENT, '2023-24')[0]?.source_id).toBe('dluhc_ctr_table9_2023_24');
  });

  it('costs by prison, rolled up to Kent, and the scenario priced from each prison (the national figure elsewhere, said so)', () => {
    const first = fx.costed[0];
    const code = fx.costedCodes.get(first.name)!;
    expect(find('prison_cost_per_place', code, '2023-24')[0]?.value).toBe(Math.round(first.overall / first.cna));
    const kentPrisons = fx.costed.slice(0, -1);
    const [kent] = find('prison_cost_per_place', KENT, '2023-24');
    expect(kent.value).toBeCloseTo(kentPrisons.reduce((s, p) => s + p.overall, 0) / kentPrisons.reduce((s, p) => s + p.cna, 0), 6);
    const [scenario] = find('notional_prison_place_cost_at_prison_cost', KENT);
    // The places are the bulletin's (source_id), the prices the costs file's (denominator_source_id).
    expect(scenario.source_id).toBe('prisoncap_monthly_establishments');
    expect(scenario.denominator_source_id).toBe('hmpps_costs_per_place_by_establishment');
    expect(scenario.value).toBeCloseTo(kentPrisons.reduce((s, p) => s + p.cna * Math.round(p.overall / p.cna), 0), 0);
    // An area where some prisons have no cost of their own names the national figure.
    const [other] = find('notional_prison_place_cost_at_prison_cost', fx.partial);
    expect(other.denominator_source_id).toBe('prison_costs_from_statements');
    expect(other.basis).toMatch(/^\d+ of \d+ prisons at the national overall cost per place/);
  });
});
