import { describe, expect, it } from 'vitest';
import { NameLookup } from '../../pipeline/geography/names.ts';
import { readOutcomes } from '../../pipeline/sources/sentencing_outcomes.ts';
import { expectedOutcomes, fixtureOutcomeRows, OUTCOMES_HEADER, outcomesCsv, dataErrorOf, fixtureFolder } from '../pipeline/fixtures/moj_tools.ts';

const file = fixtureFolder('jba-outcomes-');

const pfaNames = new NameLookup('police force area');
for (const [n, c] of [['Kent', 'E23000032'], ['Dorset', 'E23000039'], ['Metropolitan Police', 'E23000001'], ['City of London', 'E23000034']]) pfaNames.add(n, c, 'test');
const read = (path: string) => readOutcomes(path, path, pfaNames, 'fx');

describe('MoJ outcomes by offence data tool (fixture CSV in the documented layout)', () => {
  const rows = fixtureOutcomeRows();
  const path = file('sentence_outcomes_2017_2024.csv', outcomesCsv(rows));

  it('sums Sentenced over ages and offences by court area, year and sex: all outcomes, and immediate custody (every custody length)', async () => {
    const out = await read(path);
    const kent = out.find((r) => r.pfa_name === 'Kent' && r.year === 2024 && r.sex === 'female')!;
    expect(kent).toMatchObject({ pfa_code: 'E23000032', ...{ sentenced: expectedOutcomes('Kent', 2024, '01: Female').sentenced, immediate_custody: expectedOutcomes('Kent', 2024, '01: Female').custody }, rows_summed: 6, source_id: 'fx' });
    const notKnown = out.filter((r) => r.pfa_name === 'Not known');
    expect(notKnown.map((r) => r.pfa_code)).toEqual([null, null, null, null]);
    expect(out).toHaveLength(5 * 2 * 2);
  });

  it("reads the 2022 pivot's 'Total Immediate Custody' as immediate custody", async () => {
    const old = rows.map((r) => ({ ...r, 'Sentence Outcome': String(r['Sentence Outcome']).replace('06: Immediate Custody', '06: Total Immediate Custody') }));
    const a = await read(file('pivot.csv', outcomesCsv(old)));
    const b = await read(path);
    expect(a.map((r) => r.immediate_custody)).toEqual(b.map((r) => r.immediate_custody));
  });

  it('refuses a header without a column it reads, naming file, row 1 and the column', async () => {
    const header = OUTCOMES_HEADER.map((h) => (h === 'Police Force Area' ? 'Court Area' : h));
    expect((await dataErrorOf(() => read(file('renamed.csv', outcomesCsv(rows, header))))).message).toMatch(/renamed\.csv, row 1: expected a header with one column 'Police Force Area'.*found columns 'Year', 'Sex', 'Age Group', 'Court Area'/);
  });

  it('stops at an unknown area name, an uncoded sex and a count that is not a whole number, each at its first line', async () => {
    const area = rows.map((r, i) => (i === 7 ? { ...r, 'Police Force Area': 'Kentshire' } : r));
    expect((await dataErrorOf(() => read(file('area.csv', outcomesCsv(area))))).message).toMatch(/area\.csv, row 9, column Police Force Area: expected a known police force area name or 'Not known', found 'Kentshire'/);
    const sex = rows.map((r, i) => (i === 3 ? { ...r, Sex: 'Female' } : r));
    expect((await dataErrorOf(() => read(file('sex.csv', outcomesCsv(sex))))).message).toMatch(/sex\.csv, row 5, column Sex: expected a coded sex/);
    const n = rows.map((r, i) => (i === 11 ? { ...r, Sentenced: '3.5' } : r));
    expect((await dataErrorOf(() => read(file('n.csv', outcomesCsv(n))))).message).toMatch(/n\.csv, row 13, column Sentenced: expected a whole number of people sentenced, found '3\.5'/);
    const blank = rows.map((r, i) => (i === 2 ? { ...r, Sentenced: '' } : r));
    expect((await dataErrorOf(() => read(file('blank.csv', outcomesCsv(blank))))).message).toMatch(/blank\.csv, row 4, column Sentenced: .*found an empty cell/);
  });

  it('refuses a file with no immediate custody outcome, and a zip', async () => {
    const none = rows.filter((r) => !String(r['Sentence Outcome']).includes('Custody'));
    expect((await dataErrorOf(() => read(file('none.csv', outcomesCsv(none))))).message).toMatch(/none\.csv, column Sentence Outcome: expected an immediate custody outcome/);
    expect((await dataErrorOf(() => read(file('outcomes.zip', 'PK')))).message).toMatch(/outcomes\.zip: expected the outcomes by offence data tool as a CSV file.*register the zip with the CSV as its "member".*or add the unzipped CSV/);
  });
});
