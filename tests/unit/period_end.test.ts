import { describe, expect, it } from 'vitest';
import { openDb, query } from '../../pipeline/db.ts';

describe('period_end: the date a period label describes up to (shared SQL macro)', () => {
  it.each([
    ['2018-09-30', '2018-09-30'],
    ['2019-04/2020-03', '2020-03-31'],
    ['2017-04/2018-03', '2018-03-31'],
    ['2000-01/2000-03', '2000-03-31'],
    ['2022-23', '2023-03-31'],
    ['1999-00', '2000-03-31'],
    ['2022', '2022-12-31'],
    ['2026-07', '2026-07-31'],
    ['2024-02', '2024-02-29'],
    ['2011-12', '2012-03-31'],
  ])('%s ends on %s', async (period, end) => {
    const con = await openDb();
    const [row] = await query(con, `SELECT period_end('${period}') AS d`);
    expect(row.d).toBe(end);
  });

  it('a label it does not know gives no date rather than a wrong one', async () => {
    const con = await openDb();
    const [row] = await query(con, `SELECT period_end('2011-13') AS month_like, period_end('Q1 2020') AS other`);
    expect(row.month_like).toBeNull();
    expect(row.other).toBeNull();
  });
});
