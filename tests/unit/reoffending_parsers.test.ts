import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import { errorOf } from './error-of.ts';
import { NameLookup } from '../../pipeline/geography/names.ts';
import {
  cohortFinancialYearEnding,
  cohortFromFinancialYear,
  cohortFromStartDate,
  cohortFromWords,
  cohortYearEnding,
} from '../../pipeline/read/cohorts.ts';
import { parseByOffenceCsv, parseConsultationCsv, parseDerivedJson } from '../../pipeline/sources/reoffending_national.ts';
import { parseRegionCsv } from '../../pipeline/sources/reoffending_region.ts';
import { councilLookup, readLaitReoffending, SUPPRESSED_REASON, tidyLait, type LaitRow } from '../../pipeline/sources/reoffending_youth_la.ts';

const where = { file: 'fixture.csv' };

/** The error a call throws, so a test can check its message names the cell. */
describe('cohort periods are written one way', () => {
  it('turns each publisher spelling into YYYY-MM/YYYY-MM', () => {
    expect(cohortFromStartDate('2002-04-01', 12, where)).toBe('2002-04/2003-03');
    expect(cohortFromStartDate('2000-10-01', 3, where)).toBe('2000-10/2000-12');
    expect(cohortFromStartDate('2002-01-01', 12, where)).toBe('2002-01/2002-12');
    expect(cohortYearEnding('2007-03-31', where)).toBe('2006-04/2007-03');
    expect(cohortFromWords('Apr 2019 to Mar 2020', where)).toBe('2019-04/2020-03');
    expect(cohortFinancialYearEnding('2016', where)).toBe('2015-04/2016-03');
    expect(cohortFromFinancialYear('2023/24', where)).toBe('2023-04/2024-03');
  });

  it('rejects what it cannot read, naming the cell', () => {
    expect(errorOf(() => cohortFromFinancialYear('2023/25', { file: 'f.json', column: 'timeSeries[0].cohort' })).message).toMatch(/f\.json.*timeSeries\[0\]\.cohort.*'2023\/25'/);
    expect(() => cohortFromWords('April 2019 - March 2020', where)).toThrow(DataError);
    expect(() => cohortFromStartDate('2002-13-01', 12, where)).toThrow(DataError);
  });
});

const consultationHeader = 'measure,temporal_unit,date,group,rate,value';
function consultation(rows: string[]) {
  return [consultationHeader, ...rows].join('\n') + '\n';
}
const cohortRows = (measure: string, date: string, group: string, cohort: number, reoffenders: number, reoffences: number, binary: string) => [
  `${measure},annual,${date},${group},cohort,${cohort}`,
  `${measure},annual,${date},${group},reoffenders,${reoffenders}`,
  `${measure},annual,${date},${group},reoffences,${reoffences}`,
  `${measure},annual,${date},${group},binary,${binary}`,
];

describe('2016 consultation compilation', () => {
  it('keeps measures apart, reads blanks as null with a reason, and checks All = Adult + Juvenile', () => {
    const text = consultation([
      ...cohortRows('new', '2010-04-01', 'Adult', 1000, 300, 900, '30'),
      ...cohortRows('new', '2010-04-01', 'Juvenile', 200, 80, 200, '40'),
      ...cohortRows('new', '2010-04-01', 'All', 1200, 380, 1100, '31.66666667'),
      'new,3-monthly,2001-01-01,Adult,binary,',
    ]);
    const rows = parseConsultationCsv('fixture.csv', 'fx', text);
    expect(rows).toHaveLength(13);
    const blank = rows.find((r) => r.cohort_type === '3-monthly')!;
    expect([blank.period, blank.value, blank.null_reason]).toEqual(['2001-01/2001-03', null, 'blank in the source']);
    expect(rows.find((r) => r.offender_group === 'all' && r.measure === 'offenders')).toMatchObject({ series: 'consultation_2016_new', period: '2010-04/2011-03', value: 1200, source_cell: 'row 10' });
  });

  it('stops when All is not Adult + Juvenile outside the two known 2005 cohorts, naming the row', () => {
    const text = consultation([
      ...cohortRows('new', '2010-04-01', 'Adult', 1000, 300, 900, '30'),
      ...cohortRows('new', '2010-04-01', 'Juvenile', 200, 80, 200, '40'),
      ...cohortRows('new', '2010-04-01', 'All', 1201, 380, 1100, '31.64029975'),
    ]);
    expect(errorOf(() => parseConsultationCsv('fixture.csv', 'fx', text)).message).toMatch(/fixture\.csv, row 10, column value: expected Adult \+ Juvenile = 1200/);
  });

  it('flags (and does not stop at) the known 2005 swap of the old measure', () => {
    const text = consultation([
      ...cohortRows('old', '2005-01-01', 'Adult', 1000, 300, 900, '30'),
      ...cohortRows('old', '2005-01-01', 'Juvenile', 200, 80, 200, '40'),
      ...cohortRows('old', '2005-01-01', 'All', 1300, 390, 1150, '30'),
    ]);
    const all = parseConsultationCsv('fixture.csv', 'fx', text).filter((r) => r.offender_group === 'all');
    expect(all.every((r) => typeof r.note === 'string' && /does not equal/.test(String(r.note)))).toBe(true);
  });

  it('stops when a published rate disagrees with reoffenders ÷ offenders', () => {
    const text = consultation(cohortRows('new', '2010-04-01', 'Adult', 1000, 300, 900, '31'));
    expect(errorOf(() => parseConsultationCsv('fixture.csv', 'fx', text)).message).toMatch(/row 5.*100 × reoffenders ÷ offenders = 30\.0000.*found 31/);
  });
});

describe('by-offence annual averages', () => {
  it("reads proportions, and R's 'NA' as null with a reason", () => {
    const text = 'year_ending,age,index_offence,proportion\n2007-03-31,adult,all adult offenders,0.286\n2007-03-31,adult,other,NA\n';
    const rows = parseByOffenceCsv('f.csv', 'fx', text);
    expect(rows[0]).toMatchObject({ period: '2006-04/2007-03', offender_group: 'adult', value: 0.286, measure: 'proportion_reoffending' });
    expect(rows[1].value).toBeNull();
    expect(rows[1].null_reason).toMatch(/NA/);
  });
  it('rejects a proportion above 1 (a percentage in the wrong column), naming the line', () => {
    expect(errorOf(() => parseByOffenceCsv('f.csv', 'fx', 'year_ending,age,index_offence,proportion\n2007-03-31,adult,theft,45.7\n')).message).toMatch(/f\.csv, row 2, column proportion/);
  });
});

describe('derived 2012-2024 JSON', () => {
  const cohort = { cohort: '2023/24', date: '2023-04', offenders: 1000, reoffenders: 250, reoffences: 1000, reoffendingRate: 25.0, avgReoffences: 4.0 };
  it('reads counts and checks the printed rate and average', () => {
    const rows = parseDerivedJson('r.json', 'fx', JSON.stringify({ timeSeries: [cohort] }));
    expect(rows.find((r) => r.measure === 'offenders')).toMatchObject({ period: '2023-04/2024-03', value: 1000, source_cell: 'timeSeries[0].offenders', offender_group: 'all' });
  });
  it('stops when the compiler rate disagrees with its counts', () => {
    expect(errorOf(() => parseDerivedJson('r.json', 'fx', JSON.stringify({ timeSeries: [{ ...cohort, reoffendingRate: 26.0 }] }))).message).toMatch(/r\.json.*timeSeries\[0\]\.reoffendingRate/);
  });
  it('checks that the offence groups add up to the latest cohort', () => {
    const group = (g: string, offenders: number, reoffenders: number) => ({ group: g, offenders, reoffenders, reoffendingRate: Math.round((1000 * reoffenders) / offenders) / 10 });
    const ok = { timeSeries: [cohort], latestCohort: '2023/24', byOffenceGroup: [group('Theft', 600, 200), group('Drug', 400, 50)] };
    expect(parseDerivedJson('r.json', 'fx', JSON.stringify(ok)).filter((r) => r.index_offence === 'Theft')).toHaveLength(3);
    const short = { ...ok, byOffenceGroup: [group('Theft', 600, 200), group('Drug', 399, 50)] };
    expect(errorOf(() => parseDerivedJson('r.json', 'fx', JSON.stringify(short))).message).toMatch(/byOffenceGroup\[\*\]\.offenders.*\(1000\).*999/);
  });
  it('stops when a count is missing', () => {
    expect(errorOf(() => parseDerivedJson('r.json', 'fx', JSON.stringify({ timeSeries: [{ ...cohort, offenders: null }] }))).message).toMatch(/timeSeries\[0\]\.offenders/);
  });
});

describe('English region extract', () => {
  const regions = new NameLookup('region');
  regions.add('London', 'E12000007', 'test');
  const header = 'adult_juv,cohort,region,category,subcat1,subcat2,offenders,reoffenders,reoffences';
  const juvenile = (band: string, off: number) => `Juvenile,Apr 2019 to Mar 2020,London,Age total,${band},-,${off},10,30`;

  it('reads each age band with its region code', () => {
    const rows = parseRegionCsv('g.csv', 'fx', [header, juvenile('10 to 14', 50), juvenile('15 to 17', 150)].join('\n'), regions);
    expect(rows.map((r) => [r.region_code, r.age_band, r.period, r.offenders])).toEqual([
      ['E12000007', '10 to 14', '2019-04/2020-03', 50],
      ['E12000007', '15 to 17', '2019-04/2020-03', 150],
    ]);
  });
  it('stops when an age band is missing (the region total would be short)', () => {
    expect(errorOf(() => parseRegionCsv('g.csv', 'fx', [header, juvenile('10 to 14', 50)].join('\n'), regions)).message).toMatch(/every juvenile age band for London.*15 to 17/);
  });
  it('stops at an unknown region, naming the line', () => {
    const text = [header, juvenile('10 to 14', 50).replace('London', 'Londres')].join('\n');
    expect(errorOf(() => parseRegionCsv('g.csv', 'fx', text, regions)).message).toMatch(/g\.csv, row 2, column region.*'Londres'/);
  });
  it('stops when reoffenders exceed offenders', () => {
    expect(errorOf(() => parseRegionCsv('g.csv', 'fx', [header, juvenile('10 to 14', 5)].join('\n'), regions)).message).toMatch(/row 2, column reoffenders/);
  });
});

describe("children's rates by council (LAIT)", () => {
  const regionNames = new NameLookup('region');
  regionNames.add('London', 'E12000007', 'test');
  const geo = {
    utlaName: new Map([
      ['E09000003', 'Barnet'],
      ['E06000058', 'Bournemouth, Christchurch and Poole'],
    ]),
    utlaToPfa: new Map([
      ['E09000003', 'E23000001'],
      ['E06000058', 'E23000039'],
    ]),
    ladToPfa: new Map<string, string>(),
    regionNames,
  };
  const aliases = 'alias,council_code,pfa_via_code,note\nPoole (Pre LG),E06000029,E06000058,abolished 2019\n';
  const lookup = councilLookup(geo, 'aliases.csv', aliases);
  const row = (over: Partial<LaitRow>): LaitRow => ({ row: 7, measure: 'ReoffYO', years: '2016', name: 'Barnet', value: '40.630000000000003', laNumber: 302, ...over });

  it("rounds float artefacts to 2 dp and reads '-' as null with a reason, never 0", () => {
    const out = tidyLait('l.parquet', 'fx', [row({}), row({ row: 8, measure: 'ReoffYO15-17', value: '-' })], geo, lookup);
    expect(out.youth_reoffending_council.map((r) => [r.council_code, r.pfa_code, r.age_band, r.period, r.rate_percent, r.null_reason, r.source_cell])).toEqual([
      ['E09000003', 'E23000001', '10-14', '2015-04/2016-03', 40.63, null, 'row 7'],
      ['E09000003', 'E23000001', '15-17', '2015-04/2016-03', null, SUPPRESSED_REASON, 'row 8'],
    ]);
  });
  it('maps an abolished council through its successor to a PFA, and keeps regions apart from councils', () => {
    const out = tidyLait('l.parquet', 'fx', [row({ name: 'Poole (Pre LG)', laNumber: 836 }), row({ name: 'London', laNumber: 986 }), row({ name: 'England', laNumber: 970, value: '-' })], geo, lookup);
    expect(out.youth_reoffending_council.map((r) => [r.council_code, r.pfa_code])).toEqual([['E06000029', 'E23000039']]);
    expect(out.youth_reoffending_region.map((r) => r.region_code)).toEqual(['E12000007']);
  });
  it('stops at a council name it does not know, naming the Parquet row', () => {
    expect(errorOf(() => tidyLait('l.parquet', 'fx', [row({ name: 'Barsetshire', row: 99 })], geo, lookup)).message).toMatch(/l\.parquet, row 99, column LA and Regions.*'Barsetshire'/);
  });
  it('stops if the England row gains a figure, rather than dropping it silently', () => {
    expect(errorOf(() => tidyLait('l.parquet', 'fx', [row({ name: 'England', laNumber: 970, value: '35.5', row: 12 })], geo, lookup)).message).toMatch(/row 12, column Values/);
  });
  it('stops at a value that is neither a rate nor a marker', () => {
    expect(errorOf(() => tidyLait('l.parquet', 'fx', [row({ value: 'n/a' })], geo, lookup)).message).toMatch(/column Values/);
  });

  describe('reading the Parquet file with DuckDB', () => {
    let dir = '';
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'lait-'));
      const db = await DuckDBInstance.create(':memory:');
      const con = await db.connect();
      await con.run(`COPY (SELECT * FROM (VALUES
        ('FirstYJS', NULL, '2016', 'Barnet', '123', 302.0, 'Outer London'),
        ('ReoffYO', 'Rate of proven re-offending by young offenders (%)', '2016', 'Barnet', '40.630000000000003', 302.0, 'Outer London'),
        ('ReoffYO15-17', NULL, '2017', 'Barnet', '-', 302.0, 'Outer London'))
        AS t("Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region"))
        TO '${join(dir, 'bds.parquet')}' (FORMAT parquet)`);
      con.closeSync();
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps only the two reoffending measures, with 1-based row numbers', async () => {
      const rows = await readLaitReoffending(join(dir, 'bds.parquet'));
      expect(rows.map((r) => [r.row, r.measure, r.years, r.value, r.laNumber])).toEqual([
        [2, 'ReoffYO', '2016', '40.630000000000003', 302],
        [3, 'ReoffYO15-17', '2017', '-', 302],
      ]);
    });
  });
});
