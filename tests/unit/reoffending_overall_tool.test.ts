import { describe, expect, it } from 'vitest';
import { NameLookup } from '../../pipeline/geography/names.ts';
import { OVERALL_COLUMNS, tidyOverall } from '../../pipeline/sources/reoffending_overall_tool.ts';
import { readToolRows } from '../../pipeline/sources/reoffending_geographical/data_tool_rows.ts';
import { cohortPeriod, fixtureOverallRows, OVERALL_HEADER, overallCsv, overallXlsx, regionCounts, dataErrorOf, fixtureFolder } from '../pipeline/fixtures/moj_tools.ts';

const file = fixtureFolder('jba-overall-');

const regions = new NameLookup('region');
['North East', 'North West', 'Yorkshire and The Humber', 'East Midlands', 'West Midlands', 'East of England', 'London', 'South East', 'South West'].forEach((n, i) => regions.add(n, `E1200000${i + 1}`, 'test'));
const tidy = (path: string) => {
  const warnings: string[] = [];
  return { rows: tidyOverall(path, 'fx', readToolRows(path, path, OVERALL_COLUMNS).rows, regions, (m) => warnings.push(m)), warnings };
};

describe('MoJ proven reoffending overall data tool (fixture files in the documented layout)', () => {
  const rows = fixtureOverallRows();
  const path = file('PRSQ_overall_data_tool_fixture.xlsx', overallXlsx(rows));

  it("reads the 'Total' rows of sheet Data: England and Wales, the nine regions and Wales, adults and children, with counts", async () => {
    const { rows: out, warnings } = tidy(path);
    expect(out).toHaveLength(2 * 2 * 11);
    expect(out.find((r) => r.area_code === 'E12000007' && r.offender_group === 'juvenile' && r.period === cohortPeriod(2023))).toMatchObject({ area_name: 'London', ...regionCounts('London', 'Child', 2023), source_cell: expect.stringMatching(/^Data!row \d+$/) });
    expect(out.filter((r) => r.area_code === 'W92000004')).toHaveLength(4);
    expect(warnings).toEqual([`${path}: breakdown rows not read (category other than 'Total'): 'Age total' 4.`]);
  });

  it('reads the pre-2024 wording (adult_juv, Juvenile) and the CSV form to the same counts', async () => {
    const old = fixtureOverallRows(['Adult', 'Juvenile']);
    const csv = tidy(file('overall.csv', overallCsv(old, OVERALL_HEADER.map((h) => (h === 'adult_child' ? 'adult_juv' : h))))).rows;
    const strip = (rs: typeof csv) => rs.map(({ source_cell, ...r }) => r);
    expect(strip(csv)).toEqual(strip(tidy(path).rows));
  });

  it('refuses a sheet without the documented columns, naming the sheet, row 1 and the column', async () => {
    const header = OVERALL_HEADER.map((h) => (h === 'region' ? 'geography' : h));
    expect((await dataErrorOf(() => tidy(file('renamed.xlsx', overallXlsx(rows, header))))).message).toMatch(/renamed\.xlsx, sheet Data, row 1: expected a header with one column 'region', found columns 'adult_child', 'cohort', 'geography'/);
  });

  it('stops at a region it does not know, naming the cell', async () => {
    const bad = rows.map((r, i) => (i === 2 ? { ...r, region: 'Northern' } : r));
    expect((await dataErrorOf(() => tidy(file('region.xlsx', overallXlsx(bad))))).message).toMatch(/region\.xlsx, sheet Data, row 4, column C: expected a known region name, found 'Northern'/);
  });

  it('refuses regions that add up to more than England and Wales, and a second Total row', async () => {
    const small = rows.map((r) => (r.region === 'England and Wales' && r.category === 'Total' ? { ...r, offenders: 100, reoffenders: 10, reoffences: 20 } : r));
    expect((await dataErrorOf(() => tidy(file('small.xlsx', overallXlsx(small))))).message).toMatch(/column offenders: expected the regions and Wales to add up to at most England and Wales \(100, Data!row 2\)/);
    const twice = [...rows, rows[1]];
    expect((await dataErrorOf(() => tidy(file('twice.xlsx', overallXlsx(twice))))).message).toMatch(/expected one Total row per region, group and cohort \(also at Data!row 3\)/);
  });

  it('stops at a quarterly cohort and at an unknown offender group', async () => {
    const quarter = rows.map((r, i) => (i === 0 ? { ...r, cohort: 'Jan 2024 to Mar 2024' } : r));
    expect((await dataErrorOf(() => tidy(file('q.xlsx', overallXlsx(quarter))))).message).toMatch(/row 2, column B: expected an annual \(12-month\) cohort/);
    const group = rows.map((r, i) => (i === 0 ? { ...r, group: 'Youth' } : r));
    expect((await dataErrorOf(() => tidy(file('g.xlsx', overallXlsx(group))))).message).toMatch(/row 2, column A: expected 'Adult', 'Juvenile' or 'Child', found 'Youth'/);
  });
});
