import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { byar, wilson, Z95 } from '../../src/stats.ts';
import { openDb, query } from '../../pipeline/db.ts';

// Newcombe RG (1998) Two-sided confidence intervals for the single proportion: comparison of seven
// methods. Stat Med 17:857-872, Table II, method 3 (Wilson score without continuity correction).
const NEWCOMBE: [number, number, number, number][] = [
  [81, 263, 0.2553, 0.3662],
  [15, 148, 0.0624, 0.1605],
  [0, 20, 0.0, 0.1611],
  [1, 29, 0.0061, 0.1718],
  [29, 29, 0.883, 1.0],
];

// Exact (Garwood) 95% Poisson limits as tabulated (e.g. Breslow & Day 1987, Appendix; PHE
// Fingertips technical guide): Byar's approximation is within 0.5% of them from 10 events up.
const EXACT_POISSON: [number, number, number][] = [
  [10, 4.7954, 18.3904],
  [20, 12.2165, 30.8884],
  [100, 81.3639, 121.628],
];

describe('Wilson score interval', () => {
  it.each(NEWCOMBE)('%i/%i gives %f to %f (Newcombe 1998)', (x, n, lo, hi) => {
    const ci = wilson(x, n);
    expect(ci.lower).toBeCloseTo(lo, 4);
    expect(ci.upper).toBeCloseTo(hi, 4);
  });

  it('has no interval for n = 0', () => {
    expect(Number.isNaN(wilson(0, 0).lower)).toBe(true);
  });

  it('uses z = 1.959964 for 95%', () => {
    expect(Z95).toBeCloseTo(1.959964, 6);
  });
});

describe("Byar's Poisson interval", () => {
  it.each(EXACT_POISSON)('%i events: close to the exact limits %f to %f', (o, lo, hi) => {
    const ci = byar(o);
    expect(Math.abs(ci.lower - lo) / lo).toBeLessThan(0.005);
    expect(Math.abs(ci.upper - hi) / hi).toBeLessThan(0.001);
  });

  it('10 events: Byar formula to 4 decimals (4.7874, 18.3915)', () => {
    expect(byar(10).lower).toBeCloseTo(4.7874, 4);
    expect(byar(10).upper).toBeCloseTo(18.3915, 4);
  });

  it('0 events: lower limit 0, upper close to the exact 3.689', () => {
    expect(byar(0).lower).toBe(0);
    expect(byar(0).upper).toBeCloseTo(3.689, 1);
  });

  it('no interval for a negative count', () => {
    expect(Number.isNaN(byar(-1).lower)).toBe(true);
  });
});

describe('SQL macros (src/sql.ts) in DuckDB give the same numbers as src/stats.ts', () => {
  let con: DuckDBConnection;
  beforeAll(async () => {
    con = await openDb();
  });
  afterAll(() => con?.closeSync());

  it('wilson_lower / wilson_upper', async () => {
    const cases = [...NEWCOMBE.map(([x, n]) => [x, n]), [1, 1], [500, 1000], [3, 100000]];
    const sql = cases.map(([x, n]) => `SELECT ${x} AS x, ${n} AS n, wilson_lower(${x}::DOUBLE, ${n}::DOUBLE) AS lo, wilson_upper(${x}::DOUBLE, ${n}::DOUBLE) AS hi`).join(' UNION ALL ');
    const rows = await query(con, sql);
    expect(rows).toHaveLength(cases.length);
    for (const r of rows) {
      const ci = wilson(Number(r.x), Number(r.n));
      expect(Math.abs(Number(r.lo) - ci.lower)).toBeLessThan(1e-12);
      expect(Math.abs(Number(r.hi) - ci.upper)).toBeLessThan(1e-12);
    }
  });

  it('wilson macros return NULL for n = 0 (no interval), never a number', async () => {
    const [r] = await query(con, 'SELECT wilson_lower(0::DOUBLE, 0::DOUBLE) AS lo, wilson_upper(0::DOUBLE, 0::DOUBLE) AS hi');
    expect(r.lo).toBeNull();
    expect(r.hi).toBeNull();
  });

  it('byar_lower / byar_upper', async () => {
    const counts = [0, 1, 5, 10, 20, 100, 12345];
    const rows = await query(con, counts.map((o) => `SELECT ${o} AS o, byar_lower(${o}::DOUBLE) AS lo, byar_upper(${o}::DOUBLE) AS hi`).join(' UNION ALL '));
    expect(rows).toHaveLength(counts.length);
    for (const r of rows) {
      const ci = byar(Number(r.o));
      expect(Math.abs(Number(r.lo) - ci.lower)).toBeLessThan(1e-9 * Math.max(1, ci.lower));
      expect(Math.abs(Number(r.hi) - ci.upper)).toBeLessThan(1e-9 * Math.max(1, ci.upper));
    }
  });

  it('integer arguments give the same result as doubles (no integer division)', async () => {
    const [r] = await query(con, 'SELECT wilson_lower(81, 263) AS lo, byar_upper(10) AS hi');
    expect(Number(r.lo)).toBeCloseTo(wilson(81, 263).lower, 12);
    expect(Number(r.hi)).toBeCloseTo(byar(10).upper, 9);
  });
});
