/**
 * Issue 11 §4: a figure built from two files names both (denominator_source_id), a series that changes
 * its denominator basis says so per row (basis), and the term record compares ends on one basis.
 */
import { describe, expect, it } from 'vitest';
import { buildFile, haveMirror, skipReason, table } from './build.ts';

type Value = { indicator_id: string; area_type: string; area_code: string; period: string; value: number | null; source_id: string; denominator_source_id: string | null; basis: string | null };
type Source = { id: string; files: { id: string }[] };

describe.skipIf(!haveMirror)(`denominators on the real files${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  const datasetOf = () => {
    const map = new Map<string, string>();
    for (const s of JSON.parse(buildFile('sources.json')) as Source[]) for (const f of s.files) map.set(f.id, s.id);
    return map;
  };
  const rows = (id: string) => table<Value>('indicator_values').filter((r) => r.indicator_id === id && r.value !== null);

  // Bulletins from January 2025 come from the third-party panel of the same bulletins (prisoncap_panel_2026).
  const BULLETINS = 'hmpps_monthly_bulletins|prisoncap_panel_2026';
  it.each([
    ['prison_deaths_per_1000', 'prison_deaths_dry_2025', BULLETINS],
    ['prison_self_inflicted_deaths_per_1000', 'prison_deaths_dry_2025', BULLETINS],
    ['police_officers_per_100k', 'home_office_police_workforce', 'ons_population'],
    ['prison_places_per_100k', BULLETINS, 'ons_population'],
    ['prison_places_op_cap_per_100k', BULLETINS, 'ons_population'],
    ['notional_prison_place_cost', BULLETINS, 'prison_costs_national'],
  ])('%s names the numerator file (%s) as source_id and the denominator file (%s) on every row', (id, numeratorDatasets, denominatorDatasets) => {
    const dataset = datasetOf();
    const all = rows(id);
    expect(all.length).toBeGreaterThan(0);
    const isIn = (file: string | null, datasets: string) => !!file && datasets.split('|').includes(dataset.get(file) ?? '');
    const wrong = all.filter((r) => !isIn(r.source_id, numeratorDatasets) || !isIn(r.denominator_source_id, denominatorDatasets));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("Kent's officers per 100,000: Census 2011 residents to September 2016, Census 2021 from March 2017", () => {
    const kent = rows('police_officers_per_100k').filter((r) => r.area_code === 'E23000032');
    expect(kent.map((r) => `${r.period} ${r.basis}`)).toEqual([
      ...['2014-09-30', '2015-03-31', '2015-09-30', '2016-03-31', '2016-09-30'].map((p) => `${p} Census 2011 residents`),
      ...['2017-03-31', '2017-09-30', '2018-03-31', '2018-09-30'].map((p) => `${p} Census 2021 residents`),
    ]);
  });

  it('the term record compares both ends on one basis and says when that moved its start', () => {
    const basis = new Map(table<Value>('indicator_values').filter((r) => r.area_type === 'pfa').map((r) => [`${r.indicator_id} ${r.area_code} ${r.period}`, r.basis]));
    const term = table<{ pfa_code: string; indicator_id: string; status: string; start_period: string; latest_period: string; basis: string | null; note: string | null; change: number | null }>('term_record');
    const compared = term.filter((t) => t.status === 'compared');
    expect(compared.length).toBeGreaterThan(500);
    for (const t of compared) {
      expect(basis.get(`${t.indicator_id} ${t.pfa_code} ${t.start_period}`), `${t.pfa_code} ${t.indicator_id}`).toBe(basis.get(`${t.indicator_id} ${t.pfa_code} ${t.latest_period}`));
      expect(t.basis).toBe(basis.get(`${t.indicator_id} ${t.pfa_code} ${t.latest_period}`));
    }
    // Kent's PCC took office on 5 May 2016; the figure nearest (March 2016) divides by Census 2011
    // residents, the latest by Census 2021: the start moves to March 2017 and the note says why.
    const kent = term.find((t) => t.pfa_code === 'E23000032' && t.indicator_id === 'police_officers_per_100k')!;
    expect([kent.start_period, kent.latest_period, kent.basis]).toEqual(['2017-03-31', '2018-09-30', 'Census 2021 residents']);
    expect(kent.change).toBeCloseTo(179.606 - 175.588, 2);
    expect(kent.note).toMatch(/2016-03-31.*Census 2011 residents.*Census 2021 residents/);
  });
});

describe.skipIf(!haveMirror)(`City of London: one rule for every per-resident rate${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('no per-resident rate ranks or compares City of London; its values are kept where the publisher gives one', () => {
    type Row = Value & { rank: number | null; rank_of: number | null; compared_to_ew: string; unranked_reason: string | null };
    const defs = (JSON.parse(buildFile('indicators.json')) as { indicators: { id: string; unit: string }[] }).indicators;
    const rates = new Set(defs.filter((d) => d.unit === 'rate_per_1000' || d.unit === 'rate_per_100k').map((d) => d.id));
    const rows = table<Row>('indicator_values').filter((r) => r.area_type === 'pfa' && rates.has(r.indicator_id));
    const city = rows.filter((r) => r.area_code === 'E23000034');
    expect(city.filter((r) => r.value !== null).length).toBeGreaterThan(0);
    expect(city.filter((r) => r.rank !== null || r.compared_to_ew !== 'not_compared')).toEqual([]);
    expect(city.filter((r) => r.value !== null && !/City of London/.test(r.unranked_reason ?? ''))).toEqual([]);
    // Officers per 100,000 (issue 11 §4: City was ranked there) now rank 42 areas, as the crime rates do.
    const officers = rows.filter((r) => r.indicator_id === 'police_officers_per_100k' && r.period === '2018-09-30' && r.rank !== null);
    expect(officers.map((r) => r.rank_of)).toEqual(Array(42).fill(42));
  });
});
