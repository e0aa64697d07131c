import { describe, expect, it } from 'vitest';
import { funnelBand, funnelLimits, valueScale } from '../../site/lib/funnel.ts';

describe('funnel plot limits', () => {
  it('binomial limits around a proportion', () => {
    const [l] = funnelLimits('proportion', 0.5, 1, [100]);
    expect(l.lower95).toBeCloseTo(0.5 - 1.96 * 0.05, 3);
    expect(l.upper95).toBeCloseTo(0.5 + 1.96 * 0.05, 3);
    expect(l.upper998).toBeCloseTo(0.5 + 3.09 * 0.05, 3);
  });

  it('narrow as the denominator grows', () => {
    const [a, b] = funnelLimits('proportion', 0.3, 1, [100, 10000]);
    expect(b.upper95 - b.lower95).toBeLessThan(a.upper95 - a.lower95);
  });

  it('Poisson limits work on the published scale', () => {
    // 2 reoffences per reoffender: var of the mean ratio = 2 / n
    const [l] = funnelLimits('poisson', 2, 1, [200]);
    expect(l.upper95).toBeCloseTo(2 + 1.96 * Math.sqrt(2 / 200), 3);
  });

  it('never below zero or above one for proportions', () => {
    const [l] = funnelLimits('proportion', 0.01, 1, [10]);
    expect(l.lower998).toBe(0);
  });

  it('finds the value scale and the band of a point', () => {
    expect(valueScale([{ value: 25, numerator: 25, denominator: 100 }, { value: 30, numerator: 3, denominator: 10 }])).toBe(100);
    const [l] = funnelLimits('proportion', 0.5, 1, [100]);
    expect(funnelBand(0.5, l)).toBe('within 95%');
    expect(funnelBand(0.62, l)).toBe('between 95% and 99.8%');
    expect(funnelBand(0.7, l)).toBe('outside 99.8%');
  });
});
