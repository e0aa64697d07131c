/**
 * Funnel plot control limits around the England and Wales value: where an area's rate would fall
 * by chance alone, given its denominator, at 95% (about 2 standard errors) and 99.8% (about 3).
 * Normal approximations (Spiegelhalter 2005): binomial for proportions, Poisson for rates.
 */
export const Z_95 = 1.959963984540054;
export const Z_998 = 3.090232306167813;

export type FunnelKind = 'proportion' | 'poisson';

export interface FunnelLimit {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * @param target England and Wales value, in the published value's units.
 * @param scale  published value ÷ (numerator ÷ denominator): 1 for a plain proportion or ratio.
 */
export function funnelLimits(kind: FunnelKind, target: number, scale: number, ns: number[]): FunnelLimit[] {
  const p0 = target / scale;
  return ns.map((n) => {
    const sd = kind === 'proportion' ? Math.sqrt((p0 * (1 - p0)) / n) : Math.sqrt(p0 / n);
    const clamp = (v: number) => (kind === 'proportion' ? Math.min(1, Math.max(0, v)) : Math.max(0, v)) * scale;
    return { n, lower95: clamp(p0 - Z_95 * sd), upper95: clamp(p0 + Z_95 * sd), lower998: clamp(p0 - Z_998 * sd), upper998: clamp(p0 + Z_998 * sd) };
  });
}

/** The published value's scale relative to numerator ÷ denominator (median over areas, robust to rounding). */
export function valueScale(rows: { value: number; numerator: number; denominator: number }[]): number | null {
  const ratios = rows.filter((r) => r.numerator > 0 && r.denominator > 0).map((r) => r.value / (r.numerator / r.denominator)).sort((a, b) => a - b);
  if (!ratios.length) return null;
  return ratios[Math.floor(ratios.length / 2)];
}

/** Where a point sits relative to the limits, in words. */
export function funnelBand(value: number, limit: FunnelLimit): 'within 95%' | 'between 95% and 99.8%' | 'outside 99.8%' {
  if (value < limit.lower998 || value > limit.upper998) return 'outside 99.8%';
  if (value < limit.lower95 || value > limit.upper95) return 'between 95% and 99.8%';
  return 'within 95%';
}
