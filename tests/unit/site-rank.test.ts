import { describe, expect, it } from 'vitest';
import { beta, gamma, mulberry32, rankIntervals, rankValues, sampler, seedFrom } from '../../site/lib/rank.ts';

describe('rank simulation', () => {
  it('the seeded generator repeats its sequence for the same seed and differs for another', () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const sa = Array.from({ length: 5 }, a), sb = Array.from({ length: 5 }, b), sc = Array.from({ length: 5 }, c);
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('seeds differ by indicator and period', () => {
    expect(seedFrom('a|2019')).not.toBe(seedFrom('a|2020'));
    expect(seedFrom('a|2019')).toBe(seedFrom('a|2019'));
  });

  it('Beta and Gamma draws have the right means', () => {
    const rng = mulberry32(1);
    const n = 20000;
    let sb = 0, sg = 0, sg2 = 0;
    for (let i = 0; i < n; i++) { sb += beta(rng, 2, 8); sg += gamma(rng, 3.5); sg2 += gamma(rng, 0.5); }
    expect(sb / n).toBeCloseTo(0.2, 2);
    expect(sg / n).toBeCloseTo(3.5, 1);
    expect(sg2 / n).toBeCloseTo(0.5, 1);
  });

  it('ranks put the best first and give ties the same (lower) rank, like SQL rank()', () => {
    expect(rankValues([3, 1, 3, 2], 'higher_is_better')).toEqual([1, 4, 1, 3]);
    expect(rankValues([3, 1, 3, 2], 'lower_is_better')).toEqual([3, 1, 3, 2]);
    expect(rankValues([5, 7], 'neither')).toEqual([2, 1]);
  });

  it('well-separated areas with large cohorts get a rank interval of their own rank only', () => {
    const rows = [0.1, 0.3, 0.5, 0.7].map((p, i) => ({ code: `A${i}`, value: p, numerator: p * 100000, denominator: 100000 }));
    const r = rankIntervals(rows, { ciMethod: 'wilson', polarity: 'lower_is_better', seed: 7, simulations: 500 })!;
    expect([...r.values()]).toEqual([{ lower: 1, upper: 1 }, { lower: 2, upper: 2 }, { lower: 3, upper: 3 }, { lower: 4, upper: 4 }]);
  });

  it('identical small areas get wide, overlapping rank intervals', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ code: `A${i}`, value: 0.3, numerator: 15, denominator: 50 }));
    const r = rankIntervals(rows, { ciMethod: 'wilson', polarity: 'lower_is_better', seed: 7, simulations: 2000 })!;
    for (const iv of r.values()) {
      expect(iv.lower).toBe(1);
      expect(iv.upper).toBe(5);
    }
  });

  it('is deterministic: the same inputs give the same intervals', () => {
    const rows = [0.28, 0.3, 0.31, 0.35].map((p, i) => ({ code: `A${i}`, value: p, numerator: Math.round(p * 400), denominator: 400 }));
    const opts = { ciMethod: 'wilson' as const, polarity: 'lower_is_better' as const, seed: seedFrom('x|2019'), simulations: 1000 };
    expect([...rankIntervals(rows, opts)!]).toEqual([...rankIntervals(rows, opts)!]);
  });

  it('is not applicable when any area has neither counts nor an interval', () => {
    const rows = [{ code: 'A', value: 1, lower: 0.9, upper: 1.1 }, { code: 'B', value: 2 }];
    expect(rankIntervals(rows, { ciMethod: 'none', polarity: 'neither', seed: 1 })).toBeNull();
  });

  it('samples from a published interval when there are no counts, keeping asymmetry', () => {
    const draw = sampler({ code: 'A', value: 10, lower: 9, upper: 14 }, 'none')!;
    const rng = mulberry32(3);
    const xs = Array.from({ length: 20000 }, () => draw(rng)).sort((a, b) => a - b);
    expect(xs[Math.floor(0.025 * xs.length)]).toBeCloseTo(9, 0);
    expect(xs[Math.floor(0.975 * xs.length)]).toBeCloseTo(14, 0);
  });

  it('a Wilson sampler keeps the published scale (e.g. per 100)', () => {
    const draw = sampler({ code: 'A', value: 25, numerator: 250, denominator: 1000 }, 'wilson')!;
    const rng = mulberry32(9);
    const mean = Array.from({ length: 5000 }, () => draw(rng)).reduce((a, b) => a + b) / 5000;
    expect(mean).toBeCloseTo(25, 0);
  });
});
