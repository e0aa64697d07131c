import { describe, expect, it } from 'vitest';
import { wilson } from '../../src/stats.ts';
import { buildFile, haveMirror, skipReason, table, values } from './build.ts';

type Num = number | null;
const indicators = () => JSON.parse(buildFile('indicators.json')).indicators as { id: string; caveats: string[]; notHeld?: { geography: string }[]; ciMethod: string }[];
const reoffendingIds = () => indicators().map((d) => d.id).filter((id) => /reoffend/.test(id));
const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol + 1e-9;

describe.skipIf(!haveMirror)(`proven reoffending on the real files${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('every reoffending indicator says rates are not adjusted for offender mix, and names where PFA figures would come from', () => {
    const ids = reoffendingIds();
    expect(ids.length).toBeGreaterThanOrEqual(28);
    for (const d of indicators().filter((x) => ids.includes(x.id))) {
      expect(d.caveats.join(' '), d.id).toMatch(/not adjusted for offender mix/);
      expect(d.notHeld?.some((n) => n.geography === 'pfa'), d.id).toBe(true);
    }
  });

  it('every rate lies in [0, 1], and every Wilson interval contains its rate and the textbook Wilson limits', () => {
    const rateIds = reoffendingIds().filter((id) => id.includes('rate'));
    let withInterval = 0;
    for (const id of rateIds) {
      for (const r of values(id)) {
        if (r.value === null) continue;
        expect(r.value, `${id} ${r.area_code} ${r.period}`).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThanOrEqual(1);
        if (r.lower_95 === null) continue;
        withInterval++;
        expect(r.lower_95).toBeLessThanOrEqual(r.value);
        expect(r.upper_95!).toBeGreaterThanOrEqual(r.value);
        const w = wilson(r.numerator!, r.denominator!);
        expect(r.lower_95).toBeCloseTo(w.lower, 9);
        expect(r.upper_95!).toBeCloseTo(w.upper, 9);
      }
    }
    expect(withInterval).toBeGreaterThan(1500);
  });

  it('England and Wales 2023/24 (adults and children): 93,413 of 331,356 reoffended, 28.2% as the compiler printed', () => {
    const r = values('reoffending_rate_all_ew_2012_2024', 'england_wales').find((v) => v.period === '2023-04/2024-03')!;
    expect([r.numerator, r.denominator]).toEqual([93413, 331356]);
    expect(Math.round(r.value! * 1000) / 10).toBe(28.2);
    const published = table<{ series: string; period: string; measure: string; index_offence: string; value: Num }>('reoffending_national').filter(
      (x) => x.series === 'derived_2024' && x.index_offence === 'All offences' && x.measure === 'percent_reoffending',
    );
    expect(published).toHaveLength(12);
    for (const p of published) {
      const v = values('reoffending_rate_all_ew_2012_2024').find((x) => x.period === p.period)!;
      expect(close(v.value! * 100, p.value!, 0.05), p.period).toBe(true);
    }
  });

  it('reoffences per reoffender: 441,946 ÷ 93,413 in 2023/24 with a Byar interval around it', () => {
    const r = values('reoffences_per_reoffender_all_ew_2012_2024').find((v) => v.period === '2023-04/2024-03')!;
    expect(r.value).toBeCloseTo(441946 / 93413, 10);
    expect(r.lower_95!).toBeLessThan(r.value!);
    expect(r.upper_95!).toBeGreaterThan(r.value!);
  });

  it('region totals are the sums of their age bands; the first row of the file (East Midlands, 18 to 20, 2008/09) reads 9,105 / 3,110 / 9,049', () => {
    const rows = table<{ region_code: string; offender_group: string; age_band: string; period: string; offenders: number; reoffenders: number; reoffences: number; source_cell: string }>('reoffending_region');
    expect(rows).toHaveLength(1080);
    const first = rows.find((r) => r.source_cell === 'row 2')!;
    expect([first.region_code, first.age_band, first.period, first.offenders, first.reoffenders, first.reoffences]).toEqual(['E12000004', '18 to 20', '2008-04/2009-03', 9105, 3110, 9049]);
    for (const [id, groups] of [['reoffending_rate_adult_region', ['adult']], ['reoffending_rate_juvenile_region', ['juvenile']], ['reoffending_rate_all_region', ['adult', 'juvenile']]] as const) {
      const v = values(id, 'region');
      expect(v).toHaveLength(9 * 12);
      for (const r of v) {
        const bands = rows.filter((x) => x.region_code === r.area_code && x.period === r.period && (groups as readonly string[]).includes(x.offender_group));
        expect(bands).toHaveLength(groups.length === 2 ? 10 : groups[0] === 'adult' ? 8 : 2);
        expect(r.numerator).toBe(bands.reduce((s, b) => s + b.reoffenders, 0));
        expect(r.denominator).toBe(bands.reduce((s, b) => s + b.offenders, 0));
      }
    }
    // the age-band indicators add back up to the group totals
    const adult = values('reoffending_rate_adult_region').find((r) => r.area_code === 'E12000007' && r.period === '2019-04/2020-03')!;
    const bandIds = ['18_20', '21_24', '25_29', '30_34', '35_39', '40_44', '45_49', '50_plus'].map((b) => `reoffending_rate_region_age_${b}`);
    const parts = bandIds.map((id) => values(id).find((r) => r.area_code === 'E12000007' && r.period === '2019-04/2020-03')!);
    expect(parts.reduce((s, p) => s + p.denominator!, 0)).toBe(adult.denominator);
  });

  it('regions are never compared with an England and Wales figure from another release', () => {
    const region = reoffendingIds().flatMap((id) => values(id, 'region'));
    expect(region.length).toBeGreaterThan(0);
    expect(region.every((r) => r.compared_to_ew === 'not_compared')).toBe(true);
    expect(reoffendingIds().flatMap((id) => values(id, 'england_wales')).every((r) => !/region/.test(r.indicator_id))).toBe(true);
  });

  it('the 2016 consultation series stay apart; the 2005 All rows that do not add up are flagged and unused', () => {
    const old = values('reoffending_rate_adult_ew_2016_old_annual').find((r) => r.period === '2002-01/2002-12')!;
    expect([old.numerator, old.denominator]).toEqual([136943, 495664]);
    const nat = table<{ series: string; cohort_type: string; period: string; offender_group: string; measure: string; value: Num; null_reason: string | null; note: string | null }>('reoffending_national');
    const flagged = nat.filter((r) => r.note);
    expect(new Set(flagged.map((r) => `${r.series} ${r.period} ${r.offender_group}`))).toEqual(new Set(['consultation_2016_old 2005-01/2005-12 all', 'consultation_2016_old 2005-04/2006-03 all']));
    const blank = nat.filter((r) => r.series === 'consultation_2016_new' && r.cohort_type === '3-monthly' && r.period === '2001-01/2001-03' && r.offender_group === 'adult');
    expect(blank.length).toBeGreaterThan(0);
    expect(blank.every((r) => r.value === null && r.null_reason)).toBe(true);
    expect(values('reoffending_rate_adult_ew_2016_new_3monthly').some((r) => r.period.startsWith('2001-'))).toBe(false);
  });

  it('the by-offence annual averages: adults 28.69% for the year to March 2007, equal to the consultation new annual measure for that cohort', () => {
    const byOffence = values('reoffending_rate_adult_ew_by_offence_2007_2017').find((r) => r.period === '2006-04/2007-03')!;
    expect(byOffence.value).toBeCloseTo(0.28694978898950596, 12);
    expect(byOffence.lower_95).toBeNull();
    const consultation = values('reoffending_rate_adult_ew_2016_new_annual').find((r) => r.period === '2006-04/2007-03')!;
    expect(consultation.value).toBeCloseTo(byOffence.value!, 6);
    expect(values('reoffending_rate_juvenile_ew_by_offence_2007_2017')).toHaveLength(11);
  });
});

describe.skipIf(!haveMirror)(`children's reoffending by council (LAIT) on the real file${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  type Council = { council_code: string; council_name: string; pfa_code: string; age_band: string; period: string; rate_percent: Num; null_reason: string | null; source_cell: string };

  it('every council name maps to exactly one code and one PFA (the 43 PFAs include only English ones here)', () => {
    const rows = table<Council>('youth_reoffending_council');
    const pfas = new Set(table<{ pfa_code: string }>('pfa').map((p) => p.pfa_code));
    const byName = new Map<string, Set<string>>();
    for (const r of rows) {
      expect(pfas.has(r.pfa_code), r.council_name).toBe(true);
      expect(r.pfa_code.startsWith('E23')).toBe(true);
      (byName.get(r.council_name) ?? byName.set(r.council_name, new Set()).get(r.council_name)!).add(`${r.council_code}>${r.pfa_code}`);
    }
    expect(byName.size).toBe(170 - 9 - 3); // 170 names less 9 regions, England, Inner and Outer London
    for (const [name, pairs] of byName) expect(pairs.size, name).toBe(1);
    expect([...byName.get('Poole (Pre LG)')!][0]).toBe('E06000029>E23000039'); // Dorset police
    expect([...byName.get('Cumberland')!][0]).toBe('E06000063>E23000002'); // Cumbria police
  });

  it("rates are rounded to 2 dp; '-' becomes null with a reason, never 0; Barnet 10-14 in 2015/16 reads 40.63", () => {
    const rows = table<Council>('youth_reoffending_council');
    const barnet = rows.find((r) => r.council_name === 'Barnet' && r.age_band === '10-14' && r.period === '2015-04/2016-03')!;
    expect(barnet.rate_percent).toBe(40.63);
    for (const r of rows) {
      if (r.rate_percent === null) expect(r.null_reason).toMatch(/suppressed/);
      else expect(Math.round(r.rate_percent * 100) / 100).toBe(r.rate_percent);
    }
    expect(rows.filter((r) => r.rate_percent === null).length).toBeGreaterThan(400);
  });

  it('LAIT region rates match reoffenders ÷ offenders of the MoJ overview data tool to 0.01 points outside the West Midlands (2015/16-2019/20)', () => {
    const lait = table<{ region_code: string; age_band: string; period: string; rate_percent: Num }>('youth_reoffending_region');
    let compared = 0;
    for (const [band, id] of [['10-14', 'reoffending_rate_region_age_10_14'], ['15-17', 'reoffending_rate_region_age_15_17']] as const) {
      for (const v of values(id)) {
        const l = lait.find((x) => x.region_code === v.area_code && x.age_band === band && x.period === v.period);
        if (!l || l.rate_percent === null || v.area_code === 'E12000005') continue;
        expect(close(l.rate_percent, v.value! * 100, 0.01 + 0.005), `${v.area_name} ${band} ${v.period}`).toBe(true);
        compared++;
      }
    }
    expect(compared).toBe(8 * 2 * 5);
  });
});
