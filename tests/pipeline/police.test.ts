import { describe, expect, it } from 'vitest';
import { haveMirror, skipReason, table, values } from './build.ts';

describe.skipIf(!haveMirror)(`police workforce and population on the real files${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('every PFA appears once per date for officers (FTE)', () => {
    const rows = values('police_officers_fte', 'pfa');
    const byDate = new Map<string, string[]>();
    for (const r of rows) byDate.set(r.period, [...(byDate.get(r.period) ?? []), r.area_code]);
    expect(byDate.size).toBe(9);
    for (const codes of byDate.values()) {
      expect(codes).toHaveLength(43);
      expect(new Set(codes).size).toBe(43);
    }
  });

  it("the file's own 'Total 43 forces' equals our sum (122,395.45 FTE at 30 September 2018)", () => {
    const ew = values('police_officers_fte', 'england_wales').find((r) => r.period === '2018-09-30');
    expect(ew?.value).toBeCloseTo(122395.45, 2);
  });

  it('overlapping editions agree: Metropolitan Police at 30 September 2017 is 30,871.22 FTE', () => {
    const met = table('police_officers').find((r) => r.pfa_code === 'E23000001' && r.date === '2017-09-30');
    expect(met?.officers_fte).toBe(30871.22);
  });

  it('every PFA has a region (English) or Wales from the Home Office grouping', () => {
    const rows = table('pfa_region');
    expect(rows).toHaveLength(43);
    expect(rows.filter((r) => r.region_name === 'Wales')).toHaveLength(4);
    expect(new Set(rows.filter((r) => r.region_code).map((r) => r.region_code)).size).toBe(9);
  });

  it('every local authority district in every population file lands in exactly one PFA', () => {
    const ladPfa = new Map(table('lad_pfa').map((r) => [r.lad_code, r.pfa_code]));
    const lads = table('population').filter((r) => r.area_code !== 'K04000001');
    const unplaced = lads.filter((r) => !ladPfa.has(r.area_code));
    expect(unplaced).toEqual([]);
  });

  it('PFA populations sum to the district totals: 2011 exactly 56,075,912; 2021 59,597,500 (rounded districts)', () => {
    const sum = (period: string) => values('resident_population', 'pfa').filter((r) => r.period === period).reduce((s, r) => s + (r.value ?? 0), 0);
    expect(sum('2011-03-27')).toBe(56075912);
    expect(sum('2021-03-21')).toBe(59597500);
    expect(sum('2022-06-30')).toBe(60238038);
  });
});
