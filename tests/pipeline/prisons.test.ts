import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haveMirror, skipReason, table } from './build.ts';
import { MIRROR } from './global-setup.ts';

type Monthly = { prison_code: string; month: string; section: string; bulletin_name: string; baseline_cna: number | null; in_use_cna: number | null; operational_capacity: number | null; population: number | null; source_id: string };
type Bulletin = { month: string; format: string; establishments: number; baseline_cna: number; in_use_cna: number; operational_capacity_sum: number; operating_margin: number; useable_operational_capacity: number; population: number; source_id: string };
type Prison = { prison_code: string; prison_name: string; pfa_code: string | null; status: string; location_method: string; slug: string; placement_check: string };

/**
 * March 2013: the Total's baseline CNA still counts the 968 places of the five prisons closed that
 * month (their February baselines: Bullwood Hall 222, Canterbury 195, Kingston 204, Shepton Mallet 165,
 * Shrewsbury 182). The parser accepts this only when the gap equals those places exactly.
 */
const CLOSED_PLACES_IN_TOTAL: Record<string, number> = { '2013-03-01': 968 };

describe.skipIf(!haveMirror)(`prisons on the real files${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  // indicator_values is large: read it once, then filter.
  type Value = { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; numerator: number | null; denominator: number | null };
  let all: Value[] | null = null;
  const values = (id: string, areaType: string) => (all ??= table<Value>('indicator_values')).filter((v) => v.indicator_id === id && v.area_type === areaType);
  const monthly = haveMirror ? table<Monthly>('prison_monthly') : [];
  const bulletins = haveMirror ? table<Bulletin>('prison_bulletin') : [];
  const prisons = haveMirror ? table<Prison>('prison') : [];
  const byMonth = new Map<string, Monthly[]>();
  for (const r of monthly) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
  const publisherBulletins = () => bulletins.filter((b) => b.source_id.startsWith('hmpps_bulletin_'));
  const sum = (rows: Monthly[], k: keyof Monthly) => rows.reduce((s, r) => s + (Number(r[k]) || 0), 0);

  it('every ODS month from March 2018 to December 2024 is read (82 bulletins)', () => {
    const ods = bulletins.filter((b) => b.format === 'ods').map((b) => b.month);
    expect(ods).toHaveLength(82);
    expect(ods[0]).toBe('2018-03-01');
    expect(ods.at(-1)).toBe('2024-12-01');
  });

  it("every bulletin's Total row equals the sum of its establishments (baseline, in-use CNA, population)", () => {
    expect(publisherBulletins().length).toBeGreaterThanOrEqual(82);
    for (const b of publisherBulletins()) {
      const rows = byMonth.get(b.month) ?? [];
      expect(rows.length, b.month).toBe(b.establishments);
      const closedStillCounted = CLOSED_PLACES_IN_TOTAL[b.month] ?? 0;
      expect([sum(rows, 'baseline_cna') + closedStillCounted, sum(rows, 'in_use_cna'), sum(rows, 'population')], b.month).toEqual([b.baseline_cna, b.in_use_cna, b.population]);
    }
  });

  it('useable operational capacity printed = sum of operational capacities − the footnote margin, every bulletin', () => {
    for (const b of publisherBulletins()) {
      const rows = byMonth.get(b.month)!;
      expect(sum(rows, 'operational_capacity'), b.month).toBe(b.operational_capacity_sum);
      expect(b.operational_capacity_sum - b.operating_margin, b.month).toBe(b.useable_operational_capacity);
    }
    // PROVENANCE: a margin of 1,350 places in September 2024; April 2021 prints "80817**".
    expect(bulletins.find((b) => b.month === '2024-09-01')?.operating_margin).toBe(1350);
    expect(bulletins.find((b) => b.month === '2021-04-01')?.useable_operational_capacity).toBe(80817);
  });

  it('December 2023: 120 establishments, population 87,216', () => {
    const rows = byMonth.get('2023-12-01')!;
    expect(rows).toHaveLength(120);
    expect(sum(rows, 'population')).toBe(87216);
    const ew = values('prison_population', 'england_wales').find((v) => v.period === '2023-12');
    expect(ew?.value).toBe(87216);
  });

  it('April 2021: prisons 77,771 plus Morton Hall IRC 88 make the Total 77,859', () => {
    const rows = byMonth.get('2021-04-01')!;
    expect(sum(rows.filter((r) => r.section === 'prison'), 'population')).toBe(77771);
    expect(rows.filter((r) => r.section === 'irc').map((r) => [r.prison_code, r.population])).toEqual([['MHI', 88]]);
    expect(bulletins.find((b) => b.month === '2021-04-01')?.population).toBe(77859);
  });

  it("a monthly figure's period is its month ('YYYY-MM') and its reference date the bulletin's report date (July 2026: 27 July)", () => {
    type Dated = { indicator_id: string; area_type: string; period: string; reference_date: string | null };
    const dated = (all ??= table<Value>('indicator_values')) as unknown as Dated[];
    const reportDate = new Map(bulletins.map((b) => [b.month.slice(0, 7), (b as unknown as { report_date: string }).report_date]));
    for (const id of ['prison_population', 'prison_cells_out_of_use', 'prison_occupancy_in_use_cna', 'prison_occupancy_operational_capacity', 'prison_places_per_100k', 'prison_places_op_cap_per_100k', 'notional_prison_place_cost']) {
      const rows = dated.filter((v) => v.indicator_id === id);
      expect(rows.length, id).toBeGreaterThan(0);
      const wrong = rows.filter((v) => !/^\d{4}-\d{2}$/.test(v.period) || v.reference_date !== reportDate.get(v.period));
      expect(wrong.slice(0, 3), id).toEqual([]);
    }
    const july = dated.find((v) => v.indicator_id === 'prison_population' && v.area_type === 'england_wales' && v.period === '2026-07');
    expect(july?.reference_date).toBe('2026-07-27');
  });

  it('a closed or empty establishment, and an IRC month, keep their value but get no rank (Dartmoor July 2026: 0 held, not "121st of 121")', () => {
    type Ranked = { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; rank: number | null; rank_of: number | null; unranked_reason: string | null };
    const rows = (all ??= table<Value>('indicator_values')) as unknown as Ranked[];
    const dartmoor = rows.find((v) => v.indicator_id === 'prison_population' && v.area_code === 'DAI' && v.period === '2026-07')!;
    expect([dartmoor.value, dartmoor.rank, dartmoor.rank_of]).toEqual([0, null, null]);
    expect(dartmoor.unranked_reason).toMatch(/Closed or empty/);
    const emptyRanked = rows.filter((v) => v.area_type === 'prison' && v.indicator_id === 'prison_population' && v.value === 0 && v.rank !== null);
    expect(emptyRanked).toEqual([]);
    const julyRanked = rows.filter((v) => v.indicator_id === 'prison_population' && v.area_type === 'prison' && v.period === '2026-07' && v.rank !== null);
    expect(julyRanked.length).toBe(julyRanked[0].rank_of);
    expect(julyRanked.every((v) => (v.value ?? 0) > 0)).toBe(true);
    const ircMonths = new Set(monthly.filter((m) => m.section === 'irc').map((m) => `${m.prison_code} ${m.month.slice(0, 7)}`));
    const ircRows = rows.filter((v) => v.area_type === 'prison' && v.indicator_id === 'prison_population' && ircMonths.has(`${v.area_code} ${v.period}`));
    expect(ircRows.length).toBe(ircMonths.size);
    expect(ircRows.filter((v) => v.rank !== null || !/immigration removal centre/.test(v.unranked_reason ?? ''))).toEqual([]);
  });

  it('establishment kind: Dover, Haslar and Lindholme IRC are immigration removal centres; Morton Hall and The Verne are prisons again', () => {
    const kind = (code: string) => (prisons.find((p) => p.prison_code === code) as unknown as { establishment_kind: string }).establishment_kind;
    expect(['DVI', 'HRI', 'XLH'].map(kind)).toEqual(Array(3).fill('immigration removal centre'));
    expect(['MHI', 'VEI', 'DAI'].map(kind)).toEqual(Array(3).fill('prison'));
    expect(prisons.filter((p) => kind(p.prison_code) !== 'prison').map((p) => p.prison_code).sort()).toEqual(['DVI', 'HRI', 'XLH']);
  });

  it("one boundary edition: Downview stands in Surrey beside High Down, and every placement row's area is its council's", () => {
    const at = (code: string) => prisons.find((p) => p.prison_code === code)?.pfa_code;
    expect([at('DWI'), at('HOI')]).toEqual(['E23000031', 'E23000031']);
    expect(prisons.find((p) => p.prison_code === 'DWI')?.location_method).toMatch(/December 2023.*December 2020 BUC boundaries put the point in E23000001/);
    const ladPfa = new Map(table<{ lad_code: string; pfa_code: string }>('lad_pfa').map((l) => [l.lad_code, l.pfa_code]));
    const lines = readFileSync(new URL('../../pipeline/geography/prison_pfa_placement.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('prison_code,pfa_code,council_code,method,evidence');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(25);
    for (const [code, pfa, council] of rows) {
      if (!pfa) continue; // the two-area row XSE
      expect(council, code).toMatch(/^[EW]0\d{7}$/);
      expect(ladPfa.get(council), `${code}: council ${council}`).toBe(pfa);
      expect(at(code), code).toBe(pfa);
    }
  });

  it('ratings: 79 named prison-years from the published lists; absent means unknown (no row); complete lists have their published counts', () => {
    type Rating = { prison_code: string; performance_year: string; rating: number; list_coverage: string; source_url: string; source_cell: string };
    const ratings = table<Rating>('prison_rating');
    expect(ratings).toHaveLength(79);
    const count = (y: string, r: number) => ratings.filter((x) => x.performance_year === y && x.rating === r).length;
    expect([count('2016-17', 1), count('2017-18', 1), count('2018-19', 1), count('2024-25', 4)]).toEqual([10, 15, 16, 12]);
    expect(ratings.filter((x) => x.performance_year === '2024-25' && x.rating === 4).every((x) => x.list_coverage.startsWith('complete'))).toBe(true);
    expect(ratings.filter((x) => x.performance_year === '2024-25' && x.rating < 4).every((x) => x.list_coverage.startsWith('partial'))).toBe(true);
    const wandsworth = ratings.filter((x) => x.prison_code === 'WWI').map((x) => `${x.performance_year} ${x.rating}`);
    expect(wandsworth).toEqual(expect.arrayContaining(['2016-17 1', '2017-18 1', '2018-19 1']));
    // No year is filled in: Wandsworth has no 2024-25 row in the stored lists, so none is published.
    expect(ratings.some((x) => x.prison_code === 'WWI' && x.performance_year === '2024-25')).toBe(false);
    expect(ratings.every((x) => prisons.some((p) => p.prison_code === x.prison_code) && /^https?:\/\//.test(x.source_url))).toBe(true);
  });

  it('every bulletin name is mapped to a prison in table prison, once per month', () => {
    const codes = new Set(prisons.map((p) => p.prison_code));
    expect(monthly.filter((r) => !codes.has(r.prison_code))).toEqual([]);
    for (const [month, rows] of byMonth) expect(new Set(rows.map((r) => r.prison_code)).size, month).toBe(rows.length);
    expect(new Set(prisons.map((p) => p.prison_code)).size).toBe(prisons.length);
    expect(new Set(prisons.map((p) => p.slug)).size).toBe(prisons.length);
    expect(prisons.find((p) => p.prison_code === 'UKI')?.prison_name).toBe('Usk / Prescoed'); // combined row keeps both names
  });

  it('each prison stands in exactly one of the 43 police force areas (only the combined two-area row XSE in none)', () => {
    const pfas = new Set(table<{ pfa_code: string }>('pfa').map((p) => p.pfa_code));
    const unplaced = prisons.filter((p) => !p.pfa_code || !pfas.has(p.pfa_code));
    expect(unplaced.map((p) => p.prison_code)).toEqual(['XSE']);
    const at = (code: string) => prisons.find((p) => p.prison_code === code)?.pfa_code;
    expect(at('ACI')).toBe('E23000004'); // Altcourse, Liverpool: Merseyside
    expect(at('BWI')).toBe('W15000001'); // Berwyn, Wrexham: North Wales
    expect(at('PRI')).toBe('W15000003'); // Parc, Bridgend: South Wales
    expect(at('WSI')).toBe('E23000001'); // Wormwood Scrubs: Metropolitan Police
    expect(at('FWI')).toBe('E23000022'); // Five Wells (PRT postcode centroid): Northamptonshire
    expect(at('XMS')).toBe('E23000012'); // Millsike, beside Full Sutton (PRT postcode centroid): Humberside
    expect(prisons.filter((p) => p.status === 'open')).toHaveLength(120);
    expect(prisons.find((p) => p.prison_code === 'DAI')?.status).toBe('closed');
  });

  it("no placement disagrees with the 2016 bridge's coordinates; most prisons are checked that way", () => {
    expect(prisons.filter((p) => p.placement_check.startsWith('differs'))).toEqual([]);
    expect(prisons.filter((p) => p.placement_check === 'agrees with the 2016 bridge coordinates').length).toBeGreaterThan(100);
  });

  it('PFA figures sum to England and Wales (less the two-area combined row), month by month', () => {
    const ew = new Map(values('prison_population', 'england_wales').map((v) => [v.period, v.value]));
    const pfa = new Map<string, number>();
    for (const v of values('prison_population', 'pfa')) pfa.set(v.period, (pfa.get(v.period) ?? 0) + (v.value ?? 0));
    // Counted in England and Wales only: the two-area row XSE, and an immigration removal centre's months.
    const apart = new Map<string, number>();
    for (const r of monthly.filter((m) => m.prison_code === 'XSE' || m.section === 'irc')) apart.set(r.month.slice(0, 7), (apart.get(r.month.slice(0, 7)) ?? 0) + (r.population ?? 0));
    for (const [period, total] of ew) expect((pfa.get(period) ?? 0) + (apart.get(period) ?? 0), period).toBe(total);
    // Kent in June 2013: its prisons, not Dover IRC (282 held that month).
    const kent = values('prison_population', 'pfa').find((v) => v.area_code === 'E23000032' && v.period === '2013-06')!;
    const kentPrisons = monthly.filter((m) => m.month === '2013-06-01' && m.section === 'prison' && prisons.find((p) => p.prison_code === m.prison_code)?.pfa_code === 'E23000032');
    expect(kent.value).toBe(sum(kentPrisons, 'population'));
    expect(monthly.find((m) => m.prison_code === 'DVI' && m.month === '2013-06-01')?.section).toBe('irc');
  });

  it('occupancy = population ÷ in-use CNA and ÷ operational capacity, E&W December 2023', () => {
    const cna = values('prison_occupancy_in_use_cna', 'england_wales').find((v) => v.period === '2023-12')!;
    expect([cna.numerator, cna.denominator]).toEqual([87216, 79454]);
    expect(cna.value).toBeCloseTo(87216 / 79454, 10);
    const op = values('prison_occupancy_operational_capacity', 'england_wales').find((v) => v.period === '2023-12')!;
    expect(op.denominator).toBe(bulletins.find((b) => b.month === '2023-12-01')!.operational_capacity_sum);
    const out = values('prison_cells_out_of_use', 'england_wales').find((v) => v.period === '2023-12')!;
    expect(out.value).toBe(83061 - 79454);
  });

  it('a blank in the bulletin stays null (Blantyre House population, 2018), never 0', () => {
    const bh = monthly.find((r) => r.prison_code === 'BHI' && r.month === '2018-04-01')!;
    expect(bh.population).toBeNull();
    const v = values('prison_population', 'prison').find((x) => x.area_code === 'BHI' && x.period === '2018-04')!;
    expect(v.value).toBeNull();
  });

  it('weekly population: 18 December 2015 is 84,920; empty weeks are absent, not zero', () => {
    const w = values('prison_population_weekly', 'england_wales');
    expect(w.find((v) => v.period === '2015-12-18')?.value).toBe(84920);
    expect(w.find((v) => v.period === '2015-12-25')).toBeUndefined();
    expect(w.every((v) => (v.value ?? 0) > 70000)).toBe(true);
    const csv = readFileSync(join(MIRROR, 'prisons/weekly_population_2014_2023/prison_population.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    expect(w.length).toBe(csv.filter((l) => /,\d+$/.test(l)).length);
    expect(csv.length - w.length).toBe(13);
  });

  it('the third-party panel agrees with our reading of every bulletin both cover, and only later months are taken from it', () => {
    const lines = readFileSync(join(MIRROR, 'prisons/prisoncap_derived_2026/monthly_establishments.csv'), 'utf8').trim().split(/\r?\n/);
    const head = lines[0].split(',');
    const col = (name: string) => head.indexOf(name);
    const ours = new Map(monthly.filter((r) => r.source_id.startsWith('hmpps_bulletin_')).map((r) => [`${r.month}|${r.bulletin_name}`, r]));
    let compared = 0;
    for (const line of lines.slice(1)) {
      const f = line.split(',');
      const month = f[col('month')];
      if (month > '2024-12-01') continue;
      const r = ours.get(`${month}|${f[col('prison')]}`);
      expect(r, `${month} ${f[col('prison')]}`).toBeDefined();
      const num = (v: string) => (v === '' ? null : Number(v));
      expect([num(f[col('baseline_cna')]), num(f[col('in_use_cna')]), num(f[col('op_cap')]), num(f[col('population')])]).toEqual([r!.baseline_cna, r!.in_use_cna, r!.operational_capacity, r!.population]);
      compared++;
    }
    expect(compared).toBe(monthly.filter((r) => r.month >= '2018-03-01' && r.source_id.startsWith('hmpps_bulletin_')).length);
    const later = monthly.filter((r) => r.month > '2024-12-01');
    expect(later.every((r) => r.source_id === 'prisoncap_monthly_establishments')).toBe(true);
    expect(new Set(later.map((r) => r.month)).size).toBe(19); // January 2025 to July 2026
    expect(monthly.filter((r) => r.month <= '2024-12-01').every((r) => r.source_id.startsWith('hmpps_bulletin_'))).toBe(true);
  });

  type Death = { prison_code: string | null; establishment_name: string; month: string; year: number; type_of_death: string };
  const deaths = haveMirror ? table<Death>('prison_deaths') : [];
  const deathsBetween = (from: string, to: string) => deaths.filter((d) => d.month >= from && d.month <= to).length;

  it('deaths: 5,795 rows; annual totals 2014-2023 as in PROVENANCE; 12-month totals equal those MoJ printed', () => {
    expect(deaths).toHaveLength(5795);
    const annual = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023].map((y) => deaths.filter((d) => d.year === y).length);
    expect(annual).toEqual([243, 257, 354, 295, 325, 300, 318, 371, 301, 311]);
    // MoJ Safety in Custody bulletins: 28 Jan 2021, 28 Oct 2021, 27 Jul 2023, July 2019.
    expect(deathsBetween('2020-01-01', '2020-12-01')).toBe(318);
    expect(deathsBetween('2019-01-01', '2019-12-01')).toBe(300);
    expect(deathsBetween('2020-10-01', '2021-09-01')).toBe(396);
    expect(deathsBetween('2019-10-01', '2020-09-01')).toBe(283);
    expect(deathsBetween('2022-07-01', '2023-06-01')).toBe(313);
    expect(deathsBetween('2021-07-01', '2022-06-01')).toBe(288);
    expect(deathsBetween('2018-07-01', '2019-06-01')).toBe(309);
  });

  it('deaths: every establishment name is mapped; only "Escort Areas" (13 deaths) has no prison; classifications normalised', () => {
    const noCode = deaths.filter((d) => !d.prison_code);
    expect(noCode).toHaveLength(13);
    expect(new Set(noCode.map((d) => d.establishment_name))).toEqual(new Set(['Escort Areas']));
    expect(new Set(deaths.map((d) => d.type_of_death))).toEqual(new Set(['natural_causes', 'self_inflicted', 'homicide', 'other_non_natural', 'awaiting_information']));
    expect(deaths.filter((d) => d.type_of_death === 'awaiting_information')).toHaveLength(49);
    expect(deaths.filter((d) => d.establishment_name.startsWith('IoW') || d.establishment_name.startsWith('IOW')).every((d) => d.prison_code === 'IWI')).toBe(true);
  });

  it('deaths per 1,000: E&W = deaths ÷ mean of the monthly bulletin totals × 1,000, with a Byar interval around it; no incomplete year', () => {
    const v = values('prison_deaths_per_1000', 'england_wales');
    expect(v.map((x) => x.period)).not.toContain('2024-01/2024-12'); // deaths held to September 2024 only
    const y2023 = v.find((x) => x.period === '2023-01/2023-12')!;
    const totals = bulletins.filter((b) => b.month.startsWith('2023')).map((b) => b.population);
    expect(totals).toHaveLength(12);
    const mean = totals.reduce((a, b) => a + b, 0) / 12;
    expect(y2023.numerator).toBe(311);
    expect(y2023.denominator).toBeCloseTo(mean, 6);
    expect(y2023.value).toBeCloseTo((311 / mean) * 1000, 9);
    const all = table<{ indicator_id: string; area_type: string; period: string; lower_95: number; upper_95: number }>('indicator_values');
    const ci = all.find((r) => r.indicator_id === 'prison_deaths_per_1000' && r.area_type === 'england_wales' && r.period === '2023-01/2023-12')!;
    expect(ci.lower_95).toBeLessThan(y2023.value!);
    expect(ci.upper_95).toBeGreaterThan(y2023.value!);
    const si = values('prison_self_inflicted_deaths_per_1000', 'england_wales').find((x) => x.period === '2023-01/2023-12')!;
    expect(si.numerator).toBe(deaths.filter((d) => d.year === 2023 && d.type_of_death === 'self_inflicted').length);
  });

  type Safety = { prison_code: string; assaults: number; self_harm: number; population: number; assaults_zero_may_be_suppressed: boolean; self_harm_zero_may_be_suppressed: boolean };
  it('safety: 111 establishments, 29,463 assaults and 66,246 self-harm incidents; a 0 is flagged and gives no rate', () => {
    const rows = table<Safety>('prison_safety');
    expect(rows).toHaveLength(111);
    expect(rows.reduce((s, r) => s + r.assaults, 0)).toBe(29463);
    expect(rows.reduce((s, r) => s + r.self_harm, 0)).toBe(66246);
    const zeros = rows.filter((r) => r.assaults === 0);
    expect(zeros.length).toBeGreaterThan(0);
    expect(zeros.every((r) => r.assaults_zero_may_be_suppressed)).toBe(true);
    expect(rows.filter((r) => r.assaults > 0).every((r) => !r.assaults_zero_may_be_suppressed)).toBe(true);
    const v = values('prison_assaults_per_1000', 'prison');
    for (const z of zeros) expect(v.find((x) => x.area_code === z.prison_code)?.value).toBeNull();
    const alt = v.find((x) => x.area_code === 'ACI')!;
    expect(alt.value).toBeCloseTo((428 / 1041) * 1000, 9);
  });
});
