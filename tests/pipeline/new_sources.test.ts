/**
 * The four parsers that have met only fixtures, end to end through the CLI: a copy of the registry
 * takes files written in each publisher's documented layout (tests/unit/fixture_files.ts) from the
 * figures of the shared test build, and ONE build publishes them all: the ONS accessible tables for
 * the year ending March 2024, Table 9 of 2024-25 and the HMPPS costs by establishment for 2023-24 are
 * registered in the copy as `--add-file` registers a file (held, sha256, bytes, path; the copy in the
 * cache), and the police workforce open data table goes through `--add-file` itself, which builds.
 * The real registry and data/raw are never touched.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/acquire.ts';
import { OFFENCES } from '../../pipeline/sources/crime.ts';
import { costByEstablishmentXlsx, crimeAccessibleXlsx, openDataOds, openDataRows, table9Ods, type EstablishmentFigures, type PrecepRow } from '../unit/fixture_files.ts';
import { haveMirror, skipReason } from './build.ts';
import { cli, linkTree, seededCache, type Outcome } from './cli-run.ts';
import { ROOT, TEST_BUILD } from './global-setup.ts';
import { buildTable } from './publisher.ts';

const work = mkdtempSync(join(tmpdir(), 'jba-new-sources-'));
const registry = join(work, 'sources');
const cache = join(work, 'raw');
const build = join(work, 'build');

type Value = { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; numerator: number | null; denominator: number | null; source_id: string; denominator_source_id: string | null; basis: string | null };
const KENT = 'E23000032';

/** Registers a held copy in the registry copy and the cache, as --add-file does. */
function register(dataset: string, fileId: string, path: string, bytes: Uint8Array, period?: string) {
  const file = join(registry, `${dataset}.json`);
  const ds = JSON.parse(readFileSync(file, 'utf8'));
  const entry = ds.files.find((f: { id: string }) => f.id === fileId);
  Object.assign(entry, { path, sha256: sha256(bytes), bytes: bytes.length, held: true }, period ? { period } : {});
  writeFileSync(file, JSON.stringify(ds, null, 2) + '\n');
  mkdirSync(dirname(join(cache, path)), { recursive: true });
  writeFileSync(join(cache, path), bytes);
}

let run: Outcome;
let values: Value[];
const fx = {} as { officers: Map<string, number>; crimeTotal: Map<string, number>; precept: PrecepRow[]; costed: EstablishmentFigures[]; costedCodes: Map<string, string>; partial: string; kentMarch18: number };

beforeAll(async () => {
  if (!haveMirror) return;
  cpSync(join(ROOT, 'data/sources'), registry, { recursive: true });
  seededCache(cache);
  linkTree(TEST_BUILD, build);
  const pfas = buildTable<{ pfa_code: string; pfa_name: string }>(TEST_BUILD, 'pfa');

  // ONS, year ending March 2024: the March 2019 counts, 2% up in every group.
  const crime = buildTable<{ pfa_code: string; year_ending: string; offence_id: string; offences: number }>(TEST_BUILD, 'recorded_crime').filter((r) => r.year_ending === '2019-03-31');
  const count = (code: string, i: number) => Math.round(crime.find((r) => r.pfa_code === code && r.offence_id === OFFENCES[i].id)!.offences * 1.02);
  const pop = new Map(buildTable<{ pfa_code: string; year_ending: string; population: number; rates_published: boolean }>(TEST_BUILD, 'crime_population').filter((r) => r.year_ending === '2019-03-31').map((r) => [r.pfa_code, r]));
  fx.crimeTotal = new Map(pfas.map((p) => [p.pfa_code, count(p.pfa_code, 0)]));
  const crimeFile = crimeAccessibleXlsx({ yearEnding: '2024-03-31', populationYear: 2022, forces: pfas.map((p) => ({ code: p.pfa_code, name: p.pfa_name })), labels: OFFENCES.map((o) => o.label), offences: count, btp: (i) => 200 + i, population: (c) => pop.get(c)!.population, rateSuppressed: (c) => !pop.get(c)!.rates_published });
  register('ons_crime_pfa_tables', 'ons_crime_pfa_ye_mar2024', 'crime/ons_pfa_tables/pfatablesyemarch2024.xlsx', crimeFile);

  // Table 9, 2024-25: 2023-24 as held, then 4% more requirement on 1% more tax base.
  const precept = buildTable<{ pfa_code: string; financial_year: string; measure: string; value: number; authority_ecode: string; authority_name: string }>(TEST_BUILD, 'police_precept').filter((r) => r.financial_year === '2023-24');
  const get = (pfa: string, m: string) => precept.find((r) => r.pfa_code === pfa && r.measure === m)!;
  const handMapped = new Set(['E5102', 'E6348a', 'E6353a']);
  fx.precept = [...new Set(precept.map((r) => r.pfa_code))].sort().map((pfa) => {
    const req = get(pfa, 'council_tax_requirement_gbp');
    const base = get(pfa, 'tax_base').value;
    return { ecode: req.authority_ecode, ons: handMapped.has(req.authority_ecode) ? '[z]' : pfa, name: req.authority_name, klass: req.authority_ecode === 'E5102' ? '[z]' : 'PCC', req: [req.value, Math.round(req.value * 1.04)], base: [base, Math.round(base * 1.01 * 10) / 10] };
  });
  // The published 2023-24 Band D (the class total row has none of its own: requirement ÷ tax base).
  const bandD2324 = (r: PrecepRow) => {
    const held = precept.find((p) => p.authority_ecode === r.ecode);
    return held ? get(held.pfa_code, 'band_d_gbp').value : r.req[0] / r.base[0];
  };
  const table9 = table9Ods({ previousYear: '2023-24', year: '2024-25', rows: fx.precept, bandD: (r, k) => (k === 0 ? bandD2324(r) : r.req[1] / r.base[1]) });
  register('dluhc_council_tax_police_precept', 'dluhc_ctr_later_years', 'police-funding/council_tax_levels/CTR_Table_9_2024-25.ods', table9);

  // HMPPS costs 2023-24: every prison standing in Kent in the latest month, and one elsewhere.
  const prisons = buildTable<{ prison_code: string; prison_name: string; pfa_code: string | null }>(TEST_BUILD, 'prison');
  const monthly = buildTable<{ prison_code: string; month: string; baseline_cna: number; population: number }>(TEST_BUILD, 'prison_monthly');
  const latest = monthly.reduce((m, r) => (r.month > m ? r.month : m), '');
  const now = monthly.filter((r) => r.month === latest && r.baseline_cna > 0);
  const inKent = now.filter((r) => prisons.find((p) => p.prison_code === r.prison_code)?.pfa_code === KENT);
  const pfaOf = (code: string) => prisons.find((p) => p.prison_code === code)?.pfa_code ?? null;
  // One prison of an area with several: the others are priced at the national figure.
  const elsewhere = now.find((r) => pfaOf(r.prison_code) && pfaOf(r.prison_code) !== KENT && now.filter((o) => pfaOf(o.prison_code) === pfaOf(r.prison_code)).length > 1)!;
  fx.partial = pfaOf(elsewhere.prison_code)!;
  fx.costedCodes = new Map();
  fx.costed = [...inKent, elsewhere].map((r, i) => {
    const name = prisons.find((p) => p.prison_code === r.prison_code)!.prison_name;
    fx.costedCodes.set(name, r.prison_code);
    return { name, function: i % 2 ? 'Male category C' : 'Male local', cna: r.baseline_cna, population: r.population, direct: 20_000_000 + i * 1_000_000, overall: 30_000_000 + i * 1_500_000 };
  });
  register('hmpps_prison_costs_by_establishment', 'hmpps_costs_per_place_by_establishment', 'prison-costs/by_establishment/costs-per-place-and-per-prisoner-2023-24.xlsx', costByEstablishmentXlsx({ year: '2023-24', prisons: fx.costed }), '2023-24');

  // Police workforce open data, 31 March 2019 to 2025: officers at 30 September 2018 as held, 1% more a year.
  const held = new Map(buildTable<{ pfa_code: string; date: string; officers_fte: number }>(TEST_BUILD, 'police_officers').filter((r) => r.date === '2018-09-30').map((r) => [r.pfa_code, r.officers_fte]));
  const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
  fx.officers = new Map(pfas.map((p) => [p.pfa_code, Math.round(held.get(p.pfa_code)! * 1.01 ** 7 * 100) / 100]));
  // 31 March 2018 is also in the held September 2018 edition: the open data table restates it, Kent 5 FTE up.
  const march18 = new Map(buildTable<{ pfa_code: string; date: string; officers_fte: number }>(TEST_BUILD, 'police_officers').filter((r) => r.date === '2018-03-31').map((r) => [r.pfa_code, r.officers_fte]));
  fx.kentMarch18 = march18.get(KENT)! + 5;
  const rows = [
    ...openDataRows([2018], (code) => (code === KENT ? fx.kentMarch18 : march18.get(code)!)),
    ...openDataRows(years, (code, year) => Math.round(held.get(code)! * 1.01 ** (year - 2018) * 100) / 100),
  ];
  const copy = join(work, 'open-data-table-police-workforce.ods');
  writeFileSync(copy, openDataOds(rows));
  run = await cli(['--registry', registry, '--cache', cache, '--build', build, '--add-file', 'police_workforce_2019_2025', copy]);
  values = JSON.parse(readFileSync(join(build, 'tables/indicator_values.json'), 'utf8'));
}, 180_000);

const find = (id: string, area: string, period?: string) => values.filter((v) => v.indicator_id === id && v.area_code === area && (!period || v.period === period));

describe.skipIf(!haveMirror)(`the parsers that have met only fixtures, in one build${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('--add-file of the police workforce open data table builds, with the three other files registered beside it', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const entry = JSON.parse(readFileSync(join(registry, 'home_office_police_workforce.json'), 'utf8')).files.find((f: { id: string }) => f.id === 'police_workforce_2019_2025');
    expect(entry).toMatchObject({ held: true, path: 'police-workforce/open-data-table-police-workforce.ods' });
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
