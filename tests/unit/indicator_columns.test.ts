/**
 * The columns that let a figure name both its files and its denominator basis (data contracts 1 and 2):
 * an indicator built from two datasets with a denominator must return them; others may leave them out.
 */
import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../../pipeline/compute.ts';
import { openDb } from '../../pipeline/db.ts';
import type { IndicatorDef } from '../../src/indicator.ts';

const ROW = `'pfa' AS area_type, 'E23000001' AS area_code, 'A' AS area_name, '2020' AS period, 2.0 AS value, 2.0 AS numerator, 1.0 AS denominator, NULL AS lower_95, NULL AS upper_95, 'deaths_file' AS source_id`;

const def = (over: Partial<IndicatorDef>): IndicatorDef => ({
  id: 'zz_rate',
  title: 'A rate',
  description: 'd',
  unit: 'rate_per_1000',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'Deaths',
  denominator: 'Average population',
  ciMethod: 'none',
  geographies: ['pfa'],
  caveats: [],
  sources: ['deaths', 'bulletins'],
  sql: `SELECT ${ROW}, 'bulletin_file' AS denominator_source_id, 'Average population' AS basis`,
  ...over,
});

describe('denominator_source_id, basis and reference_date in indicator_values', () => {
  it('a ratio over two datasets that leaves out denominator_source_id or basis is refused, naming both', async () => {
    const con = await openDb();
    await expect(computeIndicators(con, [def({ sql: `SELECT ${ROW}` })])).rejects.toThrow(/names 2 datasets \(deaths, bulletins\).*does not return denominator_source_id and basis/);
    await expect(computeIndicators(con, [def({ sql: `SELECT ${ROW}, 'bulletin_file' AS denominator_source_id` })])).rejects.toThrow(/does not return basis/);
  });

  it('both files and the basis reach the published row; one-dataset indicators get NULL', async () => {
    const con = await openDb();
    const rows = await computeIndicators(con, [def({}), def({ id: 'zz_count', sources: ['one'], denominator: 'None', sql: `SELECT ${ROW}` })]);
    const rate = rows.find((r) => r.indicator_id === 'zz_rate')!;
    expect([rate.source_id, rate.denominator_source_id, rate.basis, rate.reference_date]).toEqual(['deaths_file', 'bulletin_file', 'Average population', null]);
    const count = rows.find((r) => r.indicator_id === 'zz_count')!;
    expect([count.denominator_source_id, count.basis, count.reference_date]).toEqual([null, null, null]);
  });

  it('a denominator file equal to the numerator file is refused (NULL says one file holds both); a reference date is a date', async () => {
    const con = await openDb();
    await expect(computeIndicators(con, [def({ sql: `SELECT ${ROW}, 'deaths_file' AS denominator_source_id, 'b' AS basis` })])).rejects.toThrow(/not the numerator's source_id/);
    await expect(computeIndicators(con, [def({ sql: `SELECT ${ROW}, NULL AS denominator_source_id, 'b' AS basis, '27 July 2026' AS reference_date` })])).rejects.toThrow(/reference_date written YYYY-MM-DD/);
    const [row] = await computeIndicators(con, [def({ sql: `SELECT ${ROW}, NULL AS denominator_source_id, 'b' AS basis, DATE '2026-07-27' AS reference_date` })]);
    expect(row.reference_date).toBe('2026-07-27');
  });
});
