/** Similar areas (data contract 4) on the shared test build. */
import { describe, expect, it } from 'vitest';
import { haveMirror, skipReason, table } from './build.ts';

type Similar = { pfa_code: string; similar_pfa_code: string; similarity_rank: number; distance: number };
type Measure = { pfa_code: string; measure: string; value: number | null; z: number | null; weight: number };

describe.skipIf(!haveMirror)(`similar areas${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  const rows = haveMirror ? table<Similar>('similar_areas') : [];
  const byArea = new Map<string, Similar[]>();
  for (const r of rows) byArea.set(r.pfa_code, [...(byArea.get(r.pfa_code) ?? []), r]);
  const names = new Map(haveMirror ? table<{ pfa_code: string; pfa_name: string }>('pfa').map((p) => [p.pfa_code, p.pfa_name]) : []);

  it('gives each of the 42 areas but City of London 7 others, ranked 1 to 7 by non-decreasing distance', () => {
    expect(byArea.size).toBe(42);
    expect(byArea.has('E23000034')).toBe(false);
    expect(rows.some((r) => r.similar_pfa_code === 'E23000034')).toBe(false);
    for (const [code, list] of byArea) {
      const sorted = [...list].sort((a, b) => a.similarity_rank - b.similarity_rank);
      expect(sorted.map((r) => r.similarity_rank), code).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(new Set(sorted.map((r) => r.similar_pfa_code)).size).toBe(7);
      expect(sorted.some((r) => r.similar_pfa_code === code)).toBe(false);
      for (let i = 1; i < 7; i++) expect(sorted[i].distance).toBeGreaterThanOrEqual(sorted[i - 1].distance);
    }
  });

  it('is roughly symmetric: distance is, and most neighbours name each other back', () => {
    const d = new Map(rows.map((r) => [`${r.pfa_code} ${r.similar_pfa_code}`, r.distance]));
    let both = 0;
    for (const r of rows) {
      const back = d.get(`${r.similar_pfa_code} ${r.pfa_code}`);
      if (back !== undefined) {
        both++;
        expect(back).toBeCloseTo(r.distance, 6);
      }
    }
    expect(both / rows.length).toBeGreaterThan(0.5);
  });

  it("Kent's neighbours are large mixed counties of the south and east, never London or the metropolitan areas", () => {
    const kent = byArea.get('E23000032')!.sort((a, b) => a.similarity_rank - b.similarity_rank).map((r) => names.get(r.similar_pfa_code));
    expect(kent.slice(0, 4)).toEqual(expect.arrayContaining(['Essex', 'Hampshire']));
    for (const metro of ['Metropolitan Police', 'Greater Manchester', 'West Midlands', 'Merseyside']) expect(kent).not.toContain(metro);
    const met = byArea.get('E23000001')!.map((r) => names.get(r.similar_pfa_code));
    expect(met).toEqual(expect.arrayContaining(['Greater Manchester', 'West Midlands']));
  });

  it('the measures are held for every area (deprivation for the 38 English areas only) and standardised', () => {
    const m = table<Measure>('similar_area_measures');
    const of = (id: string) => m.filter((r) => r.measure === id);
    for (const id of ['log_residents', 'log_density', 'dense_share']) expect(of(id).filter((r) => r.z !== null)).toHaveLength(42);
    const dep = of('deprived_share');
    expect(dep.filter((r) => r.z !== null)).toHaveLength(38);
    expect(dep.filter((r) => r.z === null).map((r) => r.pfa_code).sort()).toEqual(['W15000001', 'W15000002', 'W15000003', 'W15000004']);
    const zs = of('log_density').map((r) => r.z!);
    expect(zs.reduce((s, z) => s + z, 0) / zs.length).toBeCloseTo(0, 9);
    expect(Math.sqrt(zs.reduce((s, z) => s + z * z, 0) / zs.length)).toBeCloseTo(1, 9);
  });
});
