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
    // Lancashire: Grunshaw (2012, 2016), Snowden (2021), Grunshaw again (2024): the current run starts in 2024.
    expect(byArea.get('E23000003')).toMatchObject({ holder_name: 'Clive Grunshaw', tenure_start: '2024-05-02' });
    // The tenure start is the first election of the current unbroken run in pcc_holder, for every area.
    const holders = table<{ pfa_code: string; round: number; holder_name: string | null; election_date: string | null }>('pcc_holder');
    for (const [code, t] of byArea) {
      if (t.status === 'no_holder') continue;
      const rounds = holders.filter((h) => h.pfa_code === code).sort((a, b) => b.round - a.round);
      let start = rounds[0];
      for (const r of rounds) {
        if (r.holder_name !== rounds[0].holder_name) break;
        start = r;
      }
      expect(t.tenure_start, code).toBe(start.election_date);
    }
  });

  it('changes are latest minus start, for the area and for England and Wales over the same periods', () => {
    const compared = terms.filter((t) => t.status === 'compared');
    expect(compared.length).toBeGreaterThan(100);
    const byKey = new Map(table<{ indicator_id: string; area_type: string; area_code: string; period: string; value: number | null }>('indicator_values')
      .filter((r) => r.area_type === 'pfa')
      .map((r) => [`${r.indicator_id}|${r.area_code}|${r.period}`, r.value]));
    for (const t of compared) {
      expect(t.change).toBeCloseTo(t.latest_value! - t.start_value!, 6);
      if (t.ew_start_value !== null && t.ew_latest_value !== null) expect(t.ew_change).toBeCloseTo(t.ew_latest_value - t.ew_start_value, 6);
      expect(byKey.get(`${t.indicator_id}|${t.pfa_code}|${t.start_period}`)).toBe(t.start_value);
      expect(byKey.get(`${t.indicator_id}|${t.pfa_code}|${t.latest_period}`)).toBe(t.latest_value);
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

  it('prison places: the areas add up to the establishments placed in an area, England and Wales counts every establishment', () => {
    const pfa = values('prison_places_per_100k', 'pfa');
    const ew = values('prison_places_per_100k', 'england_wales');
    const sumBy = <T,>(rows: T[], key: (r: T) => string, n: (r: T) => number) => {
      const out = new Map<string, number>();
      for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + n(r));
      return out;
    };
    const placed = new Set(table<{ prison_code: string; pfa_code: string | null }>('prison').filter((p) => p.pfa_code).map((p) => p.prison_code));
    const monthly = table<{ month: string; in_use_cna: number | null; prison_code: string; section: string }>('prison_monthly');
    const areas = sumBy(pfa, (r) => r.period, (r) => r.numerator ?? 0);
    // Indicator periods are months ('YYYY-MM'); table prison_monthly keeps the first day of the month.
    // An area counts its prisons; an immigration removal centre's months are in England and Wales only.
    const inAnArea = sumBy(monthly.filter((m) => placed.has(m.prison_code) && m.section === 'prison'), (m) => m.month.slice(0, 7), (m) => m.in_use_cna ?? 0);
    const all = sumBy(monthly, (m) => m.month.slice(0, 7), (m) => m.in_use_cna ?? 0);
    expect(ew.length).toBeGreaterThan(150);
    for (const e of ew) {
      expect(areas.get(e.period)).toBe(inAnArea.get(e.period));
      expect(e.numerator).toBe(all.get(e.period));
    }
  });

  it('the notional cost is places × the latest first-published national overall cost per place', () => {
    const costs = table<{ financial_year: string; measure: string; restated: boolean; value_gbp: number }>('prison_cost_national')
      .filter((c) => c.measure === 'overall_cost_per_place' && !c.restated)
      .sort((a, b) => b.financial_year.localeCompare(a.financial_year));
    const rows = values('notional_prison_place_cost', 'pfa');
    const latestMonth = table<{ month: string }>('prison_monthly').map((m) => m.month.slice(0, 7)).sort().at(-1);
    expect(rows).toHaveLength(43);
    for (const r of rows) {
      expect(r.denominator).toBe(costs[0].value_gbp);
      expect(r.value).toBeCloseTo(r.numerator! * costs[0].value_gbp, 2);
      // A period is a period: the places' bulletin month; the cost year is the denominator's row in prison_cost_national.
      expect(r.period).toBe(latestMonth);
    }
  });
});
