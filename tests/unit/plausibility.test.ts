/** What no publisher would publish is refused, naming the file (as the registry names it), row and column. */
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../pipeline/registry.ts';
import { checkDelimited } from '../../pipeline/validate/inputs.ts';
import { checkEveryFileYields, checkMagnitudes } from '../../pipeline/validate/plausibility.ts';

const csv = (t: string) => new TextEncoder().encode(t);
const check = (t: string, delimiter = ',') => () => checkDelimited('prisons/x/table.csv', csv(t), delimiter);
const numbers = 'area,count\n' + Array.from({ length: 20 }, (_, i) => `A${i},${(i + 1) * 1000}`).join('\n') + '\n';

describe('input checks over every row of a delimited file', () => {
  it('accepts a table of numbers with suppression markers and thousands separators', () => {
    expect(check(numbers + 'G,..\nH,[c]\nI,"1,234"\n')).not.toThrow();
  });
  it('refuses a header with no rows, a row of the wrong width, a header named twice and text in a number column', () => {
    expect(check('area,count\n')).toThrow(/prisons\/x\/table\.csv: expected rows under the header, found a header and no rows/);
    expect(check(numbers + 'A3,4000\n')).toThrow(/prisons\/x\/table\.csv, row 22: expected each row once, found a copy of row 5/);
    expect(check(numbers + 'G\n')).toThrow(/prisons\/x\/table\.csv, row 22: expected 2 fields, as the header has, found 1/);
    expect(check('area,area\nA,1\n')).toThrow(/row 1, column area: expected each column named once/);
    expect(check(numbers + 'G,twelve\n')).toThrow(/prisons\/x\/table\.csv, row 22, column count: expected a number or a suppression marker .*found 'twelve'/);
    expect(check(numbers.replace(/,/g, '\t') + 'G\tn/k\n', '\t')).toThrow(/row 22, column count: .*found 'n\/k'/);
  });
  it('does not take GSS codes for numbers (E23000001 is not 0 × 10^23000001)', () => {
    expect(check('code,n\n' + Array.from({ length: 9 }, (_, i) => `E2300000${i},${i}`).join('\n') + '\n')).not.toThrow();
  });
});

describe('plausibility of parsed tables (pipeline/validate/rules.json)', () => {
  const registry = loadRegistry(new URL('../../data/sources', import.meta.url).pathname);
  const week = (date: string, population: number, line: number) => ({ measure: 'total', date, population, source_id: 'prt_weekly_prison_population', source_cell: `row ${line}` });
  it('refuses a weekly population a thousand times its neighbours, naming the registry path and row', () => {
    const ok = [week('2020-01-03', 83000, 2), week('2020-01-10', 83100, 3), week('2020-01-17', 83050, 4)];
    expect(() => checkMagnitudes({ prison_population_weekly: ok }, registry)).not.toThrow();
    const bad = [ok[0], week('2020-01-10', 83_100_000, 3), ok[2]];
    expect(() => checkMagnitudes({ prison_population_weekly: bad }, registry)).toThrow(
      /prisons\/weekly_population_2014_2023\/prison_population\.csv, row 3, column prison_population_weekly\.population: expected a value of at least 1 and of at most 150000 .*found 83100000/,
    );
    const jump = [ok[0], week('2020-01-10', 20_000, 3), ok[2]];
    expect(() => checkMagnitudes({ prison_population_weekly: jump }, registry)).toThrow(/row 3, .*expected a value within ×2 of the neighbouring period's \(date 2020-01-03: 83000/);
  });
  it('refuses a held file that yields no rows, naming it, unless rules.json says it is a lookup', () => {
    const weekly = { prison_population_weekly: [{ measure: "total", date: "2020-01-03", population: 83000, source_id: "prt_weekly_prison_population", source_cell: "row 2" }] };
    expect(() => checkEveryFileYields(weekly, registry)).toThrow(/prisons\/weekly_population_2014_2023\/(female_population|HDC)\.csv: expected rows from this file in the tidy tables, found none/);
    expect(() => checkEveryFileYields({ ...weekly, prison_safety: [] }, registry)).toThrow(/table prison_safety: expected rows/);
  });
  it("a file the parser left out is refused with the parser's own reason (file and cell), not a guess", () => {
    const weekly = { prison_population_weekly: [{ measure: 'total', date: '2020-01-03', population: 83000, source_id: 'prt_weekly_prison_population', source_cell: 'row 2' }] };
    const path = registry.files.get('prt_weekly_female_population')?.path ?? 'prisons/weekly_population_2014_2023/female_population.csv';
    const reason = `${path}, row 7, column population: expected a number, found 'n/k'`;
    expect(() => checkEveryFileYields(weekly, registry, {}, ['an unrelated warning', `prisons: left out: ${reason}`])).toThrow(
      new RegExp(`${path.replace(/[./]/g, '\\$&')}: expected rows from this file in the tidy tables, found none: the parser left it out, saying: prisons: left out: .*row 7, column population: expected a number, found 'n/k'`),
    );
  });
  it('lets a table stay empty only while none of the files that feed it is held', () => {
    const weekly = { prison_population_weekly: [{ measure: 'total', date: '2020-01-03', population: 83000, source_id: 'prt_weekly_prison_population', source_cell: 'row 2' }] };
    // Not held: the mid-year time series registered for a later release.
    expect(() => checkEveryFileYields({ population_mid_year: [] }, registry, { population_mid_year: ['ons_mye_time_series_england_wales'] })).not.toThrow();
    expect(() => checkEveryFileYields({ ...weekly, population_mid_year: [] }, registry, { population_mid_year: ['ons_mye_time_series_england_wales', 'ons_mid2022_population_estimates'] })).toThrow(
      /population\/population_mye_mid2022\/mye22final\.xlsx: expected rows in table population_mid_year from the files that feed it, found none/,
    );
  });
});
