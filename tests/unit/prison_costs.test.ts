import { describe, expect, it } from 'vitest';
import { errorOf } from './error_of.ts';
import { parsePrisonCosts } from '../../pipeline/sources/prison_costs.ts';

const FIRST = 'https://www.russellwebster.com/10-more-shocking-facts-about-our-prisons/';
const LATER = 'http://www.russellwebster.com/prisoncosts17/';
const csv = (...rows: string[]) => ['year,measure,value_gbp,source_url,note', ...rows].join('\n') + '\n';

describe('national prison costs compiled from statements', () => {
  it('keeps a restated year as two rows, one per release, both marked restated', () => {
    const rows = parsePrisonCosts('costs.csv', csv(`2015-16,overall_cost_per_place,35182,${FIRST},first`, `2015-16,overall_cost_per_place,36720,${LATER},restated`, `2016-17,overall_cost_per_place,38042,${LATER},`), 'pc');
    const y1516 = rows.filter((r) => r.financial_year === '2015-16');
    expect(y1516.map((r) => r.value_gbp)).toEqual([35182, 36720]);
    expect(new Set(y1516.map((r) => r.release)).size).toBe(2);
    expect(y1516.every((r) => r.restated === true)).toBe(true);
    expect(rows.find((r) => r.financial_year === '2016-17')).toMatchObject({ restated: false, basis: 'overall', per: 'place', note: null, source_cell: 'row 4' });
  });

  it('refuses a figure whose page has no named release', () => {
    const e = errorOf(() => parsePrisonCosts('costs.csv', csv('2016-17,overall_cost_per_place,38042,https://example.org/new,'), 'pc'));
    expect(e.location).toEqual({ file: 'costs.csv', row: 2, column: 'source_url' });
  });

  it('refuses a malformed year or amount, naming the cell', () => {
    expect(errorOf(() => parsePrisonCosts('costs.csv', csv(`2016-18,overall_cost_per_place,1,${LATER},`), 'pc')).location).toMatchObject({ row: 2, column: 'year' });
    expect(errorOf(() => parsePrisonCosts('costs.csv', csv(`2016-17,overall_cost_per_place,"38,042",${LATER},`), 'pc')).location).toMatchObject({ row: 2, column: 'value_gbp' });
  });

  it('catches a figure filed under the wrong year: direct and overall must imply the same prisoners', () => {
    const good = [`2016-17,overall_cost_per_prisoner,35371,${LATER},`, `2016-17,direct_cost_per_prisoner,22933,${LATER},`, `2016-17,overall_resource_expenditure_total,2997687957,${LATER},`, `2016-17,direct_resource_expenditure_total,1943546987,${LATER},`];
    expect(parsePrisonCosts('costs.csv', csv(...good), 'pc')).toHaveLength(4);
    const swapped = [...good];
    swapped[1] = `2016-17,direct_cost_per_prisoner,22407,${LATER},`;
    const e = errorOf(() => parsePrisonCosts('costs.csv', csv(...swapped), 'pc'));
    expect(e.message).toMatch(/same number of prisoners/);
  });
});
