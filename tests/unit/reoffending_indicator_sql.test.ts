import { describe, expect, it } from 'vitest';
import { openDb, query } from '../../pipeline/db.ts';
import { nationalCountsSql, regionCountsSql, reoffencesPerReoffenderSql, reoffendingRateSql } from '../../pipeline/indicators/shared/reoffending.ts';
import { byar, wilson } from '../../src/stats.ts';

/** The shared formulas run on DuckDB with the project's macros, over tiny tables made here. */
async function db() {
  const con = await openDb();
  await con.run(`CREATE TABLE region AS SELECT * FROM (VALUES ('E12000007', 'London')) t(region_code, region_name)`);
  await con.run(`CREATE TABLE reoffending_region AS SELECT * FROM (VALUES
    ('E12000007', 'adult', '18 to 20', '2019-04/2020-03', 100, 30, 90, 'fx', 'row 2'),
    ('E12000007', 'adult', '21 to 24', '2019-04/2020-03', 300, 60, 240, 'fx', 'row 3'),
    ('E12000007', 'juvenile', '10 to 14', '2019-04/2020-03', 50, 20, 70, 'fx', 'row 4'))
    t(region_code, offender_group, age_band, period, offenders, reoffenders, reoffences, source_id, source_cell)`);
  await con.run(`CREATE TABLE reoffending_national AS SELECT * FROM (VALUES
    ('derived_2024', 'annual', '2023-04/2024-03', 'all', 'All offences', 'offenders', 1000.0, 'fx'),
    ('derived_2024', 'annual', '2023-04/2024-03', 'all', 'All offences', 'reoffenders', 250.0, 'fx'),
    ('derived_2024', 'annual', '2023-04/2024-03', 'all', 'All offences', 'reoffences', 1000.0, 'fx'),
    ('derived_2024', 'annual', '2023-04/2024-03', 'all', 'Theft', 'offenders', 10.0, 'fx'),
    ('derived_2024', 'annual', '2024-04/2025-03', 'all', 'All offences', 'offenders', NULL, 'fx'))
    t(series, cohort_type, period, offender_group, index_offence, measure, value, source_id)`);
  return con;
}

describe('reoffending formulas (one definition, run in DuckDB)', () => {
  it('region rate sums the chosen age bands and gives the Wilson interval of the summed counts', async () => {
    const con = await db();
    const [r] = await query(con, reoffendingRateSql(regionCountsSql(['adult'])));
    expect([r.area_type, r.area_code, r.area_name, r.numerator, r.denominator]).toEqual(['region', 'E12000007', 'London', 90, 400]);
    expect(r.value).toBeCloseTo(90 / 400, 12);
    const w = wilson(90, 400);
    expect(r.lower_95).toBeCloseTo(w.lower, 12);
    expect(r.upper_95).toBeCloseTo(w.upper, 12);
    const [band] = await query(con, reoffendingRateSql(regionCountsSql(['adult'], '21 to 24')));
    expect([band.numerator, band.denominator]).toEqual([60, 300]);
    const [both] = await query(con, reoffendingRateSql(regionCountsSql(['adult', 'juvenile'])));
    expect([both.numerator, both.denominator]).toEqual([110, 450]);
  });

  it('reoffences per reoffender divides the Byar limits of the reoffence count by the reoffenders', async () => {
    const con = await db();
    const [r] = await query(con, reoffencesPerReoffenderSql(regionCountsSql(['juvenile'])));
    expect(r.value).toBeCloseTo(70 / 20, 12);
    const b = byar(70);
    expect(r.lower_95).toBeCloseTo(b.lower / 20, 10);
    expect(r.upper_95).toBeCloseTo(b.upper / 20, 10);
  });

  it('national counts pick one series and offence, and drop cohorts without counts (no row rather than a zero)', async () => {
    const con = await db();
    const rows = await query(con, reoffendingRateSql(nationalCountsSql('derived_2024', 'annual', 'all')));
    expect(rows.map((r) => [r.area_code, r.period, r.value])).toEqual([['K04000001', '2023-04/2024-03', 0.25]]);
  });
});
