import { describe, expect, it } from 'vitest';
import { buildFile, haveMirror, skipReason, table, values } from './build.ts';

type Cost = { financial_year: string; measure: string; release: string; value_gbp: number; restated: boolean; source_url: string; source_cell: string };

describe.skipIf(!haveMirror)(`national prison costs on the compiled file${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('keeps all 17 figures, and both 2015-16 overall costs per place with their own release and source', () => {
    const rows = table<Cost>('prison_cost_national');
    expect(rows).toHaveLength(17);
    const y = rows.filter((r) => r.financial_year === '2015-16' && r.measure === 'overall_cost_per_place');
    expect(y.map((r) => r.value_gbp).sort()).toEqual([35182, 36720]);
    expect(new Set(y.map((r) => r.release)).size).toBe(2);
    expect(new Set(y.map((r) => r.source_url)).size).toBe(2);
    expect(y.every((r) => r.restated)).toBe(true);
    expect(rows.filter((r) => r.restated)).toHaveLength(2);
  });

  it('the indicator shows every per-place figure for England and Wales only, restated ones as separate periods', () => {
    const v = values('prison_cost_per_place_national');
    expect(v.every((r) => r.area_type === 'england_wales' && r.area_code === 'K04000001' && r.lower_95 === null && r.source_id === 'prison_costs_from_statements')).toBe(true);
    const perPlace = table<Cost>('prison_cost_national').filter((r) => r.measure.endsWith('per_place'));
    expect(v).toHaveLength(perPlace.length);
    expect(v.filter((r) => r.period.startsWith('2015-16 overall')).map((r) => r.value).sort()).toEqual([35182, 36720]);
  });

  it('is registered as compiled from statements', () => {
    const ds = (JSON.parse(buildFile('sources.json')) as { id: string; kind: string }[]).find((d) => d.id === 'prison_costs_national')!;
    expect(ds.kind).toBe('compiled_from_statements');
  });
});
