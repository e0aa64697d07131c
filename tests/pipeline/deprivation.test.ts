import { describe, expect, it } from 'vitest';
import { haveMirror, skipReason, table, values } from './build.ts';

type Lsoa = { lsoa_code: string; lad_code: string; pfa_code: string; imd_rank: number };
type Lad = { edition: number; lad_code: string; lad_name: string; pfa_code: string; index_domain: string; proportion_bottom_decile: number };

describe.skipIf(!haveMirror)(`deprivation on the real files${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it("England's 32,844 LSOAs, 3,284 of them in the most deprived decile, all placed in English PFAs", () => {
    const lsoas = table<Lsoa>('imd2019_lsoa');
    expect(lsoas).toHaveLength(32844);
    expect(lsoas.filter((l) => l.imd_rank <= 3284)).toHaveLength(3284);
    expect(lsoas.every((l) => l.pfa_code.startsWith('E23'))).toBe(true);
  });

  it('the PFA shares count every English LSOA once: numerators sum to 3,284 and denominators to 32,844 over 39 PFAs', () => {
    const v = values('deprivation_imd2019_most_deprived_decile_share', 'pfa');
    expect(v).toHaveLength(39);
    expect(v.reduce((s, r) => s + r.numerator!, 0)).toBe(3284);
    expect(v.reduce((s, r) => s + r.denominator!, 0)).toBe(32844);
    expect(v.some((r) => r.area_code.startsWith('W15'))).toBe(false);
  });

  it('Merseyside has the largest share: 310 of its 910 LSOAs', () => {
    const v = values('deprivation_imd2019_most_deprived_decile_share', 'pfa');
    const top = v.find((r) => r.rank === 1)!;
    expect([top.area_code, top.numerator, top.denominator]).toEqual(['E23000004', 310, 910]);
  });

  it("each district's share computed from the LSOA ranks equals MHCLG's published proportion_bottom_decile (IMD 2019, 4 dp)", () => {
    const lsoas = table<Lsoa>('imd2019_lsoa');
    const n = new Map<string, number>();
    const d = new Map<string, number>();
    for (const l of lsoas) {
      n.set(l.lad_code, (n.get(l.lad_code) ?? 0) + 1);
      if (l.imd_rank <= 3284) d.set(l.lad_code, (d.get(l.lad_code) ?? 0) + 1);
    }
    const imd = table<Lad>('deprivation_lad').filter((r) => r.edition === 2019 && r.index_domain === 'Index of Multiple Deprivation');
    expect(imd).toHaveLength(317);
    for (const r of imd) {
      const computed = (d.get(r.lad_code) ?? 0) / n.get(r.lad_code)!;
      expect(Math.abs(computed - r.proportion_bottom_decile), r.lad_name).toBeLessThanOrEqual(0.00005 + 1e-9);
    }
  });

  it('IoD 2025 council summaries: 296 districts × 10 indices, each district in one PFA', () => {
    const rows = table<Lad>('deprivation_lad').filter((r) => r.edition === 2025);
    expect(rows).toHaveLength(2960);
    const pfaOf = new Map<string, Set<string>>();
    for (const r of rows) (pfaOf.get(r.lad_code) ?? pfaOf.set(r.lad_code, new Set()).get(r.lad_code)!).add(r.pfa_code);
    expect(pfaOf.size).toBe(296);
    for (const s of pfaOf.values()) expect(s.size).toBe(1);
    const hartlepool = rows.find((r) => r.lad_code === 'E06000001' && r.index_domain === 'Index of Multiple Deprivation')!;
    expect(hartlepool.proportion_bottom_decile).toBe(0.4211);
  });

  it('Welsh WIMD ranks are held apart: 1,909 Welsh LSOAs in the four Welsh PFAs, none in the English table', () => {
    const w = table<{ lsoa_code: string; pfa_code: string; wimd_rank: number }>('wimd2019_lsoa');
    expect(w).toHaveLength(1909);
    expect(new Set(w.map((r) => r.pfa_code)).size).toBe(4);
    expect(w.every((r) => r.pfa_code.startsWith('W15'))).toBe(true);
    expect(table<Lsoa>('imd2019_lsoa').some((l) => l.lsoa_code.startsWith('W'))).toBe(false);
  });
});
