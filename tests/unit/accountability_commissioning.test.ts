import { describe, expect, it } from 'vitest';
import { MAX_TARIFF, notionalCost, readTariff } from '../../site/commissioning/scenario.ts';
import { costBasis } from '../../site/commissioning/model.ts';
import { formatValue } from '../../site/lib/format.ts';

describe("the reader's tariff", () => {
  it('reads pounds with or without £, commas and spaces', () => {
    expect(readTariff('45000')).toEqual({ ok: true, tariff: 45000 });
    expect(readTariff(' £45,000 ')).toEqual({ ok: true, tariff: 45000 });
    expect(readTariff('38042.50')).toEqual({ ok: true, tariff: 38042.5 });
  });

  it('refuses what is not a price, in words', () => {
    for (const bad of ['', 'abc', '-5', '0', '1e5', '12,000,000']) {
      const r = readTariff(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^(Enter|“)/);
    }
    expect(readTariff(String(MAX_TARIFF)).ok).toBe(true);
  });

  it('at the published tariff the recomputed cost equals the published figure (places × cost per place)', () => {
    // Cumbria in the 2026.1 edition: 610 baseline places × £38,042 = £23,205,620.
    expect(notionalCost(610, 38042)).toBe(23205620);
    expect(formatValue({ scale: 1, decimals: 0, prefix: '£' }, notionalCost(610, 45000))).toBe('£27,450,000');
  });
});

describe('the cost basis of notional_prison_place_cost', () => {
  const row = (financial_year: string, value_gbp: number, restated = false) => ({ financial_year, measure: 'overall_cost_per_place', release: `release ${financial_year}`, value_gbp, restated, source_url: null, note: null });
  const costs = [row('2015-16', 35182, true), row('2015-16', 36720, true), row('2016-17', 38042)];
  it('is the one first-published cost per place with the value the indicator multiplies by', () => {
    expect(costBasis({ denominator: 38042 }, costs).financial_year).toBe('2016-17');
  });
  it('stops the build when no row, or a restated one only, has that value', () => {
    expect(() => costBasis({ denominator: 36720 }, costs)).toThrow(/expected one prison_cost_national row with the overall cost per place of £36720, found 0/);
    expect(() => costBasis({ denominator: 1 }, costs)).toThrow(/found 0/);
  });
});

describe('the notional cost period in words', () => {
  it('names the places month and the cost year', async () => {
    const { formatPeriod } = await import('../../site/lib/format.ts');
    expect(formatPeriod('2026-07-01 places at 2016-17 cost')).toBe('places of July 2026 at the 2016-17 cost per place');
  });
});
