import { describe, expect, it } from 'vitest';
import { NameLookup } from '../../pipeline/geography/names.ts';
import { prisonNames } from '../../pipeline/geography/prison_names.ts';
import { GEOGRAPHICAL_COLUMNS, tidyGeographical } from '../../pipeline/sources/reoffending_geographical.ts';
import { readToolRows } from '../../pipeline/sources/reoffending_geographical/data_tool_rows.ts';
import { councilLookup } from '../../pipeline/sources/reoffending_youth_la.ts';
import { cohortPeriod, councilCounts, fixtureGeographicalRows, GEO_HEADER, geographicalCsv, geographicalXlsx, type GeoRow, dataErrorOf, fixtureFolder } from '../pipeline/fixtures/moj_tools.ts';

const file = fixtureFolder('jba-geo-');


// A small stand-in for the ONS lookups (the real ones are tested in tests/pipeline/moj_tools.test.ts).
const pfaNames = new NameLookup('police force area');
for (const [n, c] of [['Kent', 'E23000032'], ['Dorset', 'E23000039'], ['Cumbria', 'E23000002'], ['Northamptonshire', 'E23000022']]) pfaNames.add(n, c, 'test');
const utla: [string, string, string][] = [
  ['E10000016', 'Kent', 'E23000032'], ['E06000035', 'Medway', 'E23000032'],
  ['E06000058', 'Bournemouth, Christchurch and Poole', 'E23000039'], ['E06000059', 'Dorset', 'E23000039'],
  ['E10000006', 'Cumbria', 'E23000002'], ['E06000063', 'Cumberland', 'E23000002'], ['E06000064', 'Westmorland and Furness', 'E23000002'],
  ['E06000061', 'North Northamptonshire', 'E23000022'], ['E06000062', 'West Northamptonshire', 'E23000022'],
];
const geo = { utlaName: new Map(utla.map(([c, n]) => [c, n])), utlaToPfa: new Map(utla.map(([c, , p]) => [c, p])), ladToPfa: new Map<string, string>(), regionNames: new NameLookup('region') };
const look = { pfaNames, council: councilLookup(geo, 'aliases.csv', 'alias,council_code,pfa_via_code,note\n'), prisons: prisonNames() };

function tidy(path: string, label = path) {
  const warnings: string[] = [];
  const rows = tidyGeographical(label, 'fx', readToolRows(label, path, GEOGRAPHICAL_COLUMNS).rows, look, (m) => warnings.push(m));
  return { rows, warnings };
}

describe('MoJ proven reoffending geographical data tool (fixture files in the documented layout)', () => {
  const rows = fixtureGeographicalRows();
  const csv = file('geographical_data_tool.csv', geographicalCsv(rows));

  it('reads England and Wales, PFA, council and prison totals, each council with its PFA, and counts the rows it does not read', async () => {
    const { rows: out, warnings } = tidy(csv);
    const kent = out.find((r) => r.level === 'council' && r.area_name === 'Kent' && r.offender_group === 'adult' && r.period === cohortPeriod(2023));
    expect(kent).toMatchObject({ area_code: 'E10000016', pfa_code: 'E23000032', ...councilCounts('Kent', 'Adult', 2023), null_reason: null, source_id: 'fx' });
    expect(out.filter((r) => r.level === 'england_wales').map((r) => r.area_code)).toEqual(['K04000001', 'K04000001', 'K04000001', 'K04000001']);
    expect(out.filter((r) => r.level === 'prison' && r.period === cohortPeriod(2022)).map((r) => r.area_code).sort()).toEqual(['DMI', 'EYI', 'MSI']);
    // Cumbria County Council before April 2023, its two successors after: all in Cumbria PFA.
    expect(out.filter((r) => r.level === 'council' && r.pfa_code === 'E23000002' && r.offender_group === 'adult').map((r) => `${r.area_code} ${r.period}`)).toEqual([
      `E10000006 ${cohortPeriod(2022)}`, `E06000063 ${cohortPeriod(2023)}`, `E06000064 ${cohortPeriod(2023)}`,
    ]);
    expect(warnings).toEqual([`${csv}: rows of categories not read (breakdowns or other totals): 'Age' 4.`]);
  });

  it('reads the xlsx tool\'s sheet "Data" to the same rows as the CSV', async () => {
    const fromXlsx = tidy(file('Geographical_data_tool.xlsx', geographicalXlsx(rows))).rows;
    const strip = (rs: typeof fromXlsx) => rs.map(({ source_cell, ...r }) => r);
    expect(strip(fromXlsx)).toEqual(strip(tidy(csv).rows));
    expect(fromXlsx[0].source_cell).toBe('Data!row 2');
  });

  it('takes the 2024 wording (Adult / Child, Child) as the juvenile group', async () => {
    const child = rows.map((r) => ({ ...r, group: r.group === 'Juvenile' ? ('Child' as const) : r.group }));
    const header = GEO_HEADER.map((h) => (h === 'Adult / Juvenile' ? 'Adult / Child' : h));
    expect(tidy(file('child.csv', geographicalCsv(child, header))).rows.filter((r) => r.offender_group === 'juvenile').length).toBe(tidy(csv).rows.filter((r) => r.offender_group === 'juvenile').length);
  });

  it('refuses a header without a documented column, naming file, row 1 and the column expected', async () => {
    const header = GEO_HEADER.filter((h) => h !== 'reoffences');
    const e = await dataErrorOf(() => tidy(file('no-reoffences.csv', geographicalCsv(rows, header))));
    expect(e.message).toMatch(/no-reoffences\.csv, row 1: expected a header with one column 'reoffences' or 'Reoffences', found columns 'Adult \/ Juvenile', 'Cohort'/);
  });

  it('refuses a workbook without a sheet "Data", naming the sheets it has', async () => {
    const e = await dataErrorOf(() => tidy(file('renamed.xlsx', geographicalXlsx(rows, 'Data table'))));
    expect(e.message).toMatch(/renamed\.xlsx: expected a sheet named 'Data', found sheets 'Contents', 'Data table'/);
  });

  it('keeps a suppressed count as null with its reason, and then does not check that PFA against its councils', async () => {
    const suppressed = rows.map((r) => (r.geography === 'Medway' && r.group === 'Adult' ? { ...r, reoffenders: '*' } : r));
    const out = tidy(file('suppressed.csv', geographicalCsv(suppressed))).rows;
    const medway = out.find((r) => r.area_name === 'Medway' && r.offender_group === 'adult')!;
    expect([medway.reoffenders, medway.null_reason]).toEqual([null, 'suppressed (small number)']);
  });

  it("refuses a PFA total that its councils do not add up to (the file's own totals)", async () => {
    const wrong = rows.map((r) => (r.geography === 'Kent' && r.category === 'PFA total' && r.group === 'Adult' && r.cohort.startsWith('Apr 2022') ? { ...r, offenders: Number(r.offenders) + 1 } : r));
    expect((await dataErrorOf(() => tidy(file('wrong-total.csv', geographicalCsv(wrong))))).message).toMatch(/wrong-total\.csv, column offenders: expected the Kent total of offenders \(\d+, row \d+\) to equal the sum of its councils, found \d+ for adults, cohort 2022-04\/2023-03/);
  });

  it('refuses councils that add up to more than England and Wales', async () => {
    const small = rows.map((r) => (r.category === 'England and Wales total' ? { ...r, offenders: 5, reoffenders: 1, reoffences: 1 } : r));
    expect((await dataErrorOf(() => tidy(file('small-ew.csv', geographicalCsv(small))))).message).toMatch(/at most the England and Wales total \(5, row \d+\)/);
  });

  it('stops at a council no lookup knows, naming the row and column', async () => {
    const bad: GeoRow[] = [...rows, { group: 'Adult', cohort: 'Apr 2022 to Mar 2023', category: 'UTLA total', geography: 'Barsetshire', offenders: 10, reoffenders: 2, reoffences: 3 }];
    expect((await dataErrorOf(() => tidy(file('unknown.csv', geographicalCsv(bad))))).message).toMatch(/unknown\.csv, row \d+, column Geography: expected a known upper-tier council name, found 'Barsetshire'/);
  });

  it('stops at a cohort that is not annual, and at a second row for the same area and cohort', async () => {
    const quarter = rows.map((r, i) => (i === 3 ? { ...r, cohort: 'Jan 2023 to Mar 2023' } : r));
    expect((await dataErrorOf(() => tidy(file('quarter.csv', geographicalCsv(quarter))))).message).toMatch(/quarter\.csv, row 5, column Cohort: expected an annual \(12-month\) cohort, found 'Jan 2023 to Mar 2023'/);
    const twice = [...rows, rows.find((r) => r.geography === 'Medway')!];
    expect((await dataErrorOf(() => tidy(file('twice.csv', geographicalCsv(twice))))).message).toMatch(/column Geography: expected one UTLA total row per area, group and cohort \(also at row \d+\)/);
  });

  it('stops at reoffenders above offenders and at an unknown offender group', async () => {
    const over = rows.map((r) => (r.geography === 'Medway' ? { ...r, reoffenders: Number(r.offenders) + 1, reoffences: Number(r.offenders) * 5 } : r));
    expect((await dataErrorOf(() => tidy(file('over.csv', geographicalCsv(over))))).message).toMatch(/column reoffenders: expected at most the \d+ offenders/);
    const group = rows.map((r, i) => (i === 0 ? { ...r, group: 'All' as 'Adult' } : r));
    expect((await dataErrorOf(() => tidy(file('group.csv', geographicalCsv(group))))).message).toMatch(/row 2, column Adult \/ Juvenile: expected 'Adult', 'Juvenile' or 'Child', found 'All'/);
  });
});
