/**
 * Interval methods used by the indicators. The SQL twins of these live in src/sql/macros.sql and are
 * what the pipeline actually runs; these TypeScript versions exist so that tests can check the
 * macros against textbook values and so that the site can describe the method.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;
/** z for a two-sided 99.8% interval (funnel plot outer limits). */
export const Z998 = 3.090232306167813;

/** Wilson score interval for a proportion x/n (Newcombe 1998, method 3). */
export function wilson(x: number, n: number, z = Z95): { lower: number; upper: number } {
  if (!(n > 0)) return { lower: NaN, upper: NaN };
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { lower: (centre - half) / denom, upper: (centre + half) / denom };
}

/**
 * Byar's approximation to the exact Poisson interval for an observed count o
 * (Breslow & Day 1987; the method used by PHE Fingertips for rates).
 */
export function byar(o: number, z = Z95): { lower: number; upper: number } {
  if (o < 0) return { lower: NaN, upper: NaN };
  const lower = o === 0 ? 0 : o * Math.pow(1 - 1 / (9 * o) - z / (3 * Math.sqrt(o)), 3);
  const o1 = o + 1;
  const upper = o1 * Math.pow(1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1)), 3);
  return { lower, upper };
}
