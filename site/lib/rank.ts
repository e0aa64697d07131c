/**
 * Rank intervals by simulation: each area's value is drawn many times from its sampling
 * distribution, the areas are ranked in every draw, and the middle 95% of each area's ranks is its
 * rank interval. A seeded generator makes the published interval the same on every build.
 *
 * Sampling distributions, from the published columns only:
 *  - Wilson (a proportion x of n): the Jeffreys Beta(x + ½, n − x + ½) for the proportion;
 *  - Byar (a Poisson count o): Gamma(o + ½) for the count, scaled to the published value;
 *  - otherwise, when a 95% interval is published: a split normal with each half's spread read from
 *    its side of the interval (so asymmetric intervals stay asymmetric).
 * When any ranked area has none of these, the interval is not applicable for the whole table.
 */

/** Deterministic 32-bit generator (mulberry32): small, fast, and good enough for simulation. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string: the seed for one indicator and period. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function standardNormal(rng: () => number): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 by the usual power boost. */
export function gamma(rng: () => number, shape: number): number {
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = rng();
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function beta(rng: () => number, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

export interface RankInput {
  code: string;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  lower?: number | null;
  upper?: number | null;
}

export type CiMethod = 'wilson' | 'byar' | 'none';
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'neither';

const Z95 = 1.959963984540054;

/** A function that draws one value for this area, or null when nothing supports a draw. */
export function sampler(row: RankInput, ciMethod: CiMethod): ((rng: () => number) => number) | null {
  const { value, numerator: x, denominator: n, lower, upper } = row;
  if (ciMethod === 'wilson' && x != null && n != null && n > 0 && x >= 0 && x <= n) {
    // The published value may be a proportion on another scale (e.g. per 100): keep its scale.
    const scale = x > 0 ? value / (x / n) : 1;
    return (rng) => scale * beta(rng, x + 0.5, n - x + 0.5);
  }
  if (ciMethod === 'byar' && x != null && x > 0) {
    const scale = value / x;
    return (rng) => scale * gamma(rng, x + 0.5);
  }
  if (lower != null && upper != null && lower <= value && upper >= value && upper > lower) {
    const below = (value - lower) / Z95;
    const above = (upper - value) / Z95;
    return (rng) => {
      const z = standardNormal(rng);
      return value + z * (z < 0 ? below : above);
    };
  }
  return null;
}

/** Rank 1 for the best value; ties share the lower rank, as the published ranks do (SQL rank()). */
export function rankValues(values: number[], polarity: Polarity): number[] {
  const sign = polarity === 'lower_is_better' ? 1 : -1;
  const order = values.map((v, i) => [sign * v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let k = 0; k < order.length; k++) {
    ranks[order[k][1]] = k > 0 && order[k][0] === order[k - 1][0] ? ranks[order[k - 1][1]] : k + 1;
  }
  return ranks;
}

export interface RankInterval {
  lower: number;
  upper: number;
}

/** 2.5th and 97.5th percentiles (nearest rank) of each area's simulated ranks, or null when not applicable. */
export function rankIntervals(
  rows: RankInput[],
  options: { ciMethod: CiMethod; polarity: Polarity; seed: number; simulations?: number },
): Map<string, RankInterval> | null {
  if (rows.length < 2) return null;
  const samplers = rows.map((r) => sampler(r, options.ciMethod));
  if (samplers.some((s) => s === null)) return null;
  const sims = options.simulations ?? 2000;
  const rng = mulberry32(options.seed);
  const ranks = rows.map(() => new Array<number>(sims));
  const draw = new Array<number>(rows.length);
  for (let s = 0; s < sims; s++) {
    for (let i = 0; i < rows.length; i++) draw[i] = samplers[i]!(rng);
    const r = rankValues(draw, options.polarity);
    for (let i = 0; i < rows.length; i++) ranks[i][s] = r[i];
  }
  const lo = Math.max(0, Math.ceil(0.025 * sims) - 1);
  const hi = Math.min(sims - 1, Math.ceil(0.975 * sims) - 1);
  const out = new Map<string, RankInterval>();
  rows.forEach((row, i) => {
    const sorted = ranks[i].sort((a, b) => a - b);
    out.set(row.code, { lower: sorted[lo], upper: sorted[hi] });
  });
  return out;
}
