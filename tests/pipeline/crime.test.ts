import { describe, expect, it } from 'vitest';
import { buildFile, haveMirror, skipReason, table, values } from './build.ts';

type Crime = { pfa_code: string; year_ending: string; offence_id: string; offences: number | null; source_id: string; source_cell: string };
type National = { scope: string; year_ending: string; offence_id: string; offences: number | null };

const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

describe.skipIf(!haveMirror)(`police recorded crime on the real files${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  const crime = haveMirror ? table<Crime>('recorded_crime') : [];
  const national = haveMirror ? table<National>('recorded_crime_national') : [];
  const registryIds = haveMirror ? new Set((JSON.parse(buildFile('sources.json')) as { files: { id: string }[] }[]).flatMap((d) => d.files.map((f) => f.id))) : new Set();

  it('has all 43 PFAs for both years and all 23 offence columns', () => {
    for (const year of ['2018-03-31', '2019-03-31']) {
      const rows = crime.filter((r) => r.year_ending === year);
      expect(new Set(rows.map((r) => r.pfa_code)).size).toBe(43);
      expect(new Set(rows.map((r) => r.offence_id)).size).toBe(23);
      expect(rows).toHaveLength(43 * 23);
    }
  });

  it('reproduces the published totals: YE Mar 2019 forces 5,190,468 + BTP 66,613 = E&W 5,257,081; YE Mar 2018 4,816,497 + 59,785 = 4,876,282', () => {
    const total = (year: string) => sum(crime.filter((r) => r.year_ending === year && r.offence_id === 'total_excluding_fraud').map((r) => r.offences));
    const nat = (scope: string, year: string) => national.find((r) => r.scope === scope && r.year_ending === year && r.offence_id === 'total_excluding_fraud')?.offences;
    expect(total('2019-03-31')).toBe(5190468);
    expect(nat('british_transport_police', '2019-03-31')).toBe(66613);
    expect(nat('england_and_wales_including_btp', '2019-03-31')).toBe(5257081);
    expect(total('2018-03-31')).toBe(4816497);
    expect(nat('british_transport_police', '2018-03-31')).toBe(59785);
    expect(nat('england_and_wales_including_btp', '2018-03-31')).toBe(4876282);
  });

  it('for every year and offence, the 43 forces plus BTP equal the England and Wales row', () => {
    let checked = 0;
    for (const e of national.filter((r) => r.scope === 'england_and_wales_including_btp')) {
      const forces = sum(crime.filter((r) => r.year_ending === e.year_ending && r.offence_id === e.offence_id).map((r) => r.offences));
      const btp = national.find((r) => r.scope === 'british_transport_police' && r.year_ending === e.year_ending && r.offence_id === e.offence_id)!.offences!;
      expect(forces + btp, `${e.year_ending} ${e.offence_id}`).toBe(e.offences);
      checked++;
    }
    expect(checked).toBe(46);
  });

  it('keys on the GSS code and points at the cell: Cleveland YE Mar 2019 total is Table P1!C10 = 67,307', () => {
    const row = crime.find((r) => r.pfa_code === 'E23000013' && r.year_ending === '2019-03-31' && r.offence_id === 'total_excluding_fraud');
    expect(row).toMatchObject({ offences: 67307, source_id: 'ons_crime_pfa_ye_mar2019', source_cell: 'Table P1!C10' });
  });

  it("uses the edition's own mid-year population and matches ONS's published rate (Cleveland 118.885 per 1,000 in Table P3)", () => {
    const pop = table<{ pfa_code: string; year_ending: string; population_year: number; population: number; rates_published: boolean }>('crime_population');
    expect(new Set(pop.filter((p) => p.year_ending === '2018-03-31').map((p) => p.population_year))).toEqual(new Set([2016]));
    expect(new Set(pop.filter((p) => p.year_ending === '2019-03-31').map((p) => p.population_year))).toEqual(new Set([2017]));
    const cleveland = values('recorded_crime_per_1000', 'pfa').find((v) => v.area_code === 'E23000013' && v.period === '2018-04/2019-03')!;
    // ONS divides by the unrounded estimate; the printed 566,200 is rounded to the nearest 100.
    expect(Math.abs(cleveland.value! - 118.88545438488033)).toBeLessThan((118.885 * 50) / (566200 - 50));
  });

  it('England and Wales rate = 43 forces (no BTP) over the 43 populations; City of London not published, as by ONS', () => {
    const pop = table<{ pfa_code: string; year_ending: string; population: number }>('crime_population');
    const ew = values('recorded_crime_per_1000', 'england_wales').find((v) => v.period === '2018-04/2019-03')!;
    expect(ew.numerator).toBe(5190468);
    expect(ew.denominator).toBe(sum(pop.filter((p) => p.year_ending === '2019-03-31').map((p) => p.population)));
    expect(ew.value).toBeCloseTo((5190468 / ew.denominator!) * 1000, 9);
    const pfa = values('recorded_crime_per_1000', 'pfa').filter((v) => v.period === '2018-04/2019-03');
    expect(pfa).toHaveLength(43);
    expect(pfa.find((v) => v.area_code === 'E23000034')!.value).toBeNull();
    expect(pfa.filter((v) => v.value !== null)).toHaveLength(42);
  });

  it('every crime indicator row names a registered source file, and every one carries the recording-practice caveat', () => {
    const defs = (JSON.parse(buildFile('indicators.json')) as { indicators: { id: string; caveats: string[] }[] }).indicators.filter((d) => d.id.startsWith('recorded_crime'));
    expect(defs.length).toBe(10);
    const all = table<{ indicator_id: string; area_code: string; period: string; source_id: string }>('indicator_values');
    for (const d of defs) {
      expect(d.caveats.join(' ')).toMatch(/HMICFRS/);
      const rows = all.filter((r) => r.indicator_id === d.id);
      expect(rows.length).toBe(2 * 44);
      for (const r of rows) expect(registryIds.has(r.source_id), `${d.id} ${r.area_code} ${r.period}`).toBe(true);
    }
  });
});

describe.skipIf(!haveMirror)(`ONS's own England and Wales rate beside ours${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it("is read from Table P3's England and Wales row (89.5 for the year ending March 2019) for every period we publish", () => {
    type Ref = { indicator_id: string; area_code: string; period: string; value: number; source_id: string; source_cell: string; label: string };
    const refs = table<Ref>('published_reference_values').filter((r) => r.indicator_id === 'recorded_crime_per_1000');
    const ours = values('recorded_crime_per_1000', 'england_wales');
    expect(refs.map((r) => r.period).sort()).toEqual(ours.map((o) => o.period).sort());
    const y2019 = refs.find((r) => r.period === '2018-04/2019-03')!;
    expect([y2019.area_code, y2019.source_id, y2019.source_cell]).toEqual(['K04000001', 'ons_crime_pfa_ye_mar2019', 'Table P3!F7']);
    expect(y2019.value).toBeCloseTo(89.4905, 4);
    expect(ours.find((o) => o.period === '2018-04/2019-03')!.value).toBeCloseTo(88.356, 3);
    expect(y2019.label).toMatch(/British Transport Police/);
  });
});

describe.skipIf(!haveMirror)(`recorded crime intervals and verdicts${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('every published rate has a Poisson interval on its count; verdicts only for robbery, theft, criminal damage and arson', () => {
    const verdicts = new Set(['recorded_crime_robbery_per_1000', 'recorded_crime_theft_per_1000', 'recorded_crime_criminal_damage_arson_per_1000']);
    const all = table<{ indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; numerator: number; denominator: number; lower_95: number | null; upper_95: number | null; compared_to_ew: string }>('indicator_values')
      .filter((v) => v.indicator_id.startsWith('recorded_crime_') && v.area_type === 'pfa' && v.value !== null);
    expect(all.length).toBeGreaterThan(800);
    for (const v of all) {
      expect(v.lower_95! < v.value! && v.value! < v.upper_95!, `${v.indicator_id} ${v.area_code}`).toBe(true);
      if (!verdicts.has(v.indicator_id)) expect(v.compared_to_ew).toBe('not_compared');
    }
    const judged = all.filter((v) => verdicts.has(v.indicator_id));
    expect(judged.filter((v) => v.compared_to_ew === 'not_compared')).toEqual([]);
    // Kent, robbery, year ending March 2019: the interval is Byar's on the count, over the same residents.
    const kent = all.find((v) => v.indicator_id === 'recorded_crime_robbery_per_1000' && v.area_code === 'E23000032' && v.period === '2018-04/2019-03')!;
    const o = kent.numerator;
    const byarLower = o * (1 - 1 / (9 * o) - 1.959963984540054 / (3 * Math.sqrt(o))) ** 3;
    expect(kent.lower_95).toBeCloseTo((byarLower / kent.denominator) * 1000, 9);
    expect(kent.compared_to_ew).toBe('better');
  });
});
