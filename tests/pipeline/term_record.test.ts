import { describe, expect, it } from 'vitest';
import { haveMirror, skipReason, table, values } from './build.ts';

type Term = {
  pfa_code: string; indicator_id: string; holder_name: string | null; tenure_start: string | null; status: string;
  start_period: string | null; start_value: number | null; latest_period: string | null; latest_value: number | null;
  change: number | null; ew_start_value: number | null; ew_latest_value: number | null; ew_change: number | null;
};

describe.skipIf(!haveMirror)(`term record and area-level prison places (skipped without ${skipReason})`, () => {
  const terms = haveMirror ? table<Term>('term_record') : [];

  it('names the current holder and tenure start for every area but the City of London', () => {
    const byArea = new Map(terms.map((t) => [t.pfa_code, t]));
    expect(byArea.size).toBe(43);
    const noHolder = [...byArea.values()].filter((t) => t.status === 'no_holder').map((t) => t.pfa_code);
    expect(noHolder).toEqual(['E23000034']);
    // Greater Manchester: the mayor has held the PCC functions since the May 2017 mayoral election.
    expect(byArea.get('E23000005')).toMatchObject({ holder_name: 'Andy Burnham', tenure_start: '2017-05-04' });
  });

  it('changes are latest minus start, for the area and for England and Wales over the same periods', () => {
    const compared = terms.filter((t) => t.status === 'compared');
    expect(compared.length).toBeGreaterThan(100);
    for (const t of compared) {
      expect(t.change).toBeCloseTo(t.latest_value! - t.start_value!, 6);
      if (t.ew_start_value !== null && t.ew_latest_value !== null) expect(t.ew_change).toBeCloseTo(t.ew_latest_value - t.ew_start_value, 6);
      const v = values(t.indicator_id, 'pfa').filter((r) => r.area_code === t.pfa_code);
      expect(v.find((r) => r.period === t.start_period)?.value).toBe(t.start_value);
      expect(v.find((r) => r.period === t.latest_period)?.value).toBe(t.latest_value);
    }
  });

  it('says when no figure for the term is held instead of comparing', () => {
    const none = terms.filter((t) => t.status === 'no_figures_in_term');
    expect(none.length).toBeGreaterThan(0);
    for (const t of none) expect(t.change).toBeNull();
    // Police officers end in September 2018: every holder elected in 2021 or later has no figure in term.
    const officers = terms.filter((t) => t.indicator_id === 'police_officers_fte' && t.tenure_start && t.tenure_start >= '2021-01-01');
    expect(officers.length).toBeGreaterThan(0);
    for (const t of officers) expect(t.status).toBe('no_figures_in_term');
  });

  it('prison places in the areas add up to the England and Wales places in every month', () => {
    const pfa = values('prison_places_per_100k', 'pfa');
    const ew = values('prison_places_per_100k', 'england_wales');
    const monthly = table<{ month: string; in_use_cna: number | null; prison_code: string }>('prison_monthly');
    for (const e of ew) {
      const sum = pfa.filter((r) => r.period === e.period).reduce((s, r) => s + (r.numerator ?? 0), 0);
      expect(sum).toBe(e.numerator);
      const direct = monthly.filter((m) => m.month === e.period).reduce((s, m) => s + (m.in_use_cna ?? 0), 0);
      expect(e.numerator).toBe(direct);
    }
  });

  it('the notional cost is places × the latest first-published national overall cost per place', () => {
    const costs = table<{ financial_year: string; measure: string; restated: boolean; value_gbp: number }>('prison_cost_national')
      .filter((c) => c.measure === 'overall_cost_per_place' && !c.restated)
      .sort((a, b) => b.financial_year.localeCompare(a.financial_year));
    const rows = values('notional_prison_place_cost', 'pfa');
    expect(rows).toHaveLength(43);
    for (const r of rows) {
      expect(r.denominator).toBe(costs[0].value_gbp);
      expect(r.value).toBeCloseTo(r.numerator! * costs[0].value_gbp, 2);
      expect(r.period).toContain(costs[0].financial_year);
    }
  });
});
