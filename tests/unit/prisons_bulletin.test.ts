import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import { checkBulletinTotals } from '../../pipeline/sources/prison_estate/bulletin_checks.ts';
import { monthFromTitle, parseOdsBulletin, reportDateFromText } from '../../pipeline/sources/prison_estate/bulletin_ods.ts';
import { ods, odsEmpty, odsFloat, odsRow, odsText } from './fixtures.ts';

type Num = number | string;
/** A bulletin sheet as HMPPS lays it out; numbers given as strings are stored as text cells (2018-2020). */
function bulletin(opts: {
  rows: [string, Num, Num, Num, Num][];
  irc?: [string, Num, Num, Num, Num][];
  total: [Num, Num, string, Num];
  margin?: number;
  definitionsMargin?: number;
  sheetName?: string;
  /** Print this instead of the true IRC sub total population (to test the check). */
  irc_subtotal_population?: number;
  extraSheets?: string[];
}) {
  const cell = (v: Num) => (typeof v === 'number' ? odsFloat(v) : odsText(v));
  const line = (r: [string, Num, Num, Num, Num]) => odsRow(odsText(r[0]) + r.slice(1).map((v) => cell(v as Num)).join(''));
  const sub = (rs: [string, Num, Num, Num, Num][], population?: number) =>
    odsRow(odsText('Sub total') + [1, 2, 3, 4].map((i) => cell(i === 4 && population !== undefined ? population : rs.reduce((s, r) => s + Number(r[i]), 0))).join(''));
  let xml = odsRow(odsText('Monthly Bulletin - April 2021')) + odsRow(odsText('Report Date : 30/4/2021')) + odsRow(odsEmpty());
  xml += odsRow(['Prison Name', 'Baseline CNA', 'In Use CNA', 'Operational Capacity', 'Population *'].map((t) => odsText(t)).join(''));
  xml += opts.rows.map(line).join('');
  if (opts.irc) {
    xml += sub(opts.rows) + odsRow(odsEmpty()) + odsRow(odsText('HMPPS Operated Immigration Removal Centres (IRCs)'));
    xml += opts.irc.map(line).join('') + sub(opts.irc, opts.irc_subtotal_population);
  }
  xml += odsRow(odsEmpty()) + odsRow(odsText('Total') + opts.total.map(cell).join(''));
  if (opts.margin !== undefined) xml += odsRow(odsText(`** Useable Operational Capacity of the estate is the sum of all establishments’ operational capacity less ${opts.margin} places.`));
  if (opts.definitionsMargin !== undefined) xml += odsRow(odsText(`Useable Operational Capacity of the estate is the sum of all establishments’ operational capacity less ${opts.definitionsMargin} places.`));
  const sheets = [...(opts.extraSheets ?? []).map((name) => ({ name, rowsXml: odsRow(odsText('junk')) })), { name: opts.sheetName ?? 'MonthlyBulletin', rowsXml: xml }];
  return ods(sheets);
}

describe('ODS monthly bulletin parser', () => {
  it('reads numbers stored as text, the IRC block, and the starred useable capacity; the totals check passes', () => {
    // 1164 + 400 + 353 = 1917 operational places, less a 300-place margin = 1617 useable.
    const real = bulletin({
      rows: [
        ['Altcourse', '780', '780', '1164', '1059'],
        ['Ashfield', '416', '416', '400', '389'],
      ],
      irc: [['Morton Hall (IRC)', '392', '392', '353', '88']],
      total: ['1588', '1588', '1617 **', '1536'],
      margin: 300,
    });
    const b = parseOdsBulletin('test.ods', real);
    expect(b.month).toBe('2021-04-01');
    expect(b.reportDate).toBe('2021-04-30');
    expect(b.establishments.map((e) => [e.name, e.section, e.population])).toEqual([
      ['Altcourse', 'prison', 1059],
      ['Ashfield', 'prison', 389],
      ['Morton Hall (IRC)', 'irc', 88],
    ]);
    expect(b.total).toMatchObject({ baselineCna: 1588, inUseCna: 1588, usableOperationalCapacity: 1617, population: 1536 });
    expect(b.operatingMargin).toBe(300);
    expect(checkBulletinTotals('test.ods', b, b.columns)).toMatchObject({ establishments: 3, population: 1536, operationalCapacity: 1917 });
  });

  it('reads the sheet named MonthlyBulletin when other sheet names are present', () => {
    const b = parseOdsBulletin('x.ods', bulletin({ rows: [['Leeds', 600, 600, 700, 650]], total: [600, 600, '500**', 650], margin: 200, extraSheets: ["'https://example/Template.xlsm'#MonthlyBulletin"] }));
    expect(b.establishments).toHaveLength(1);
    expect(b.sheet).toBe('MonthlyBulletin');
  });

  it('a population that does not add up to the Total is a DataError naming the Total cell', () => {
    const b = parseOdsBulletin('bad.ods', bulletin({ rows: [['Leeds', 600, 600, 700, 650], ['Hull', 300, 300, 300, 290]], total: [900, 900, '800**', 941], margin: 200 }));
    expect(() => checkBulletinTotals('bad.ods', b, b.columns)).toThrowError(/bad\.ods, sheet MonthlyBulletin, row 8, column E: expected the sum of the 2 establishments \(940\), found 941/);
  });

  it('useable capacity must equal the sum of operational capacities less the stated margin', () => {
    const b = parseOdsBulletin('m.ods', bulletin({ rows: [['Leeds', 600, 600, 700, 650]], total: [600, 600, '600**', 650], margin: 200 }));
    expect(() => checkBulletinTotals('m.ods', b, b.columns)).toThrowError(/column D: expected the sum of operational capacities \(700\) less the operating margin in the footnote \(200\) = 500, found 600/);
  });

  it('the starred footnote under the Total wins over a disagreeing definitions paragraph, with a note', () => {
    const b = parseOdsBulletin('apr22.ods', bulletin({ rows: [['Leeds', 600, 600, 700, 650]], total: [600, 600, '450**', 650], margin: 250, definitionsMargin: 275 }));
    expect(b.operatingMargin).toBe(250);
    expect(b.notes[0]).toMatch(/definitions state an operating margin of 275 places; the footnote to the Total .* states 250/);
    expect(() => checkBulletinTotals('apr22.ods', b, b.columns)).not.toThrow();
  });

  it('a Sub total that disagrees with its block is an error at the sub total cell', () => {
    const bytes = bulletin({ rows: [['Leeds', 600, 600, 700, 650]], irc: [['Dover (IRC)', 100, 100, 100, 90]], irc_subtotal_population: 91, total: [700, 700, '600**', 740], margin: 200 });
    expect(() => parseOdsBulletin('sub.ods', bytes)).toThrowError(/sub\.ods, sheet MonthlyBulletin, row 10, column E: expected the sum of the 1 establishments above \(90\), found 91/);
  });

  it('blank cells become null with the reason, never 0', () => {
    const xml =
      odsRow(odsText('Monthly Bulletin - March 2018')) +
      odsRow(odsText('Report Date : 23/3/2018')) +
      odsRow(['Prison Name', 'Baseline CNA', 'In Use CNA', 'Operational Capacity', 'Population *'].map((t) => odsText(t)).join('')) +
      odsRow(odsText('Blantyre House') + odsText('120') + odsEmpty(3)) +
      odsRow(odsText('Leeds') + ['600', '600', '700', '650'].map((t) => odsText(t)).join('')) +
      odsRow(odsText('Total') + ['720', '600', '500 **', '650'].map((t) => odsText(t)).join('')) +
      odsRow(odsText('** Useable Operational Capacity of the estate is the sum of all establishments’ operational capacity less 200 places.'));
    const b = parseOdsBulletin('blank.ods', ods([{ name: 'MonthlyBulletin', rowsXml: xml }]));
    const bh = b.establishments[0];
    expect(bh).toMatchObject({ baselineCna: 120, inUseCna: null, operationalCapacity: null, population: null });
    expect(bh.nullReason).toMatch(/population: blank in the source/);
    expect(checkBulletinTotals('blank.ods', b, b.columns).population).toBe(650);
  });

  it('title and report date formats', () => {
    expect(monthFromTitle('Monthly Bulletin - December 2024')).toBe('2024-12-01');
    expect(monthFromTitle('Monthly Bulletin - Smarch 2024')).toBeNull();
    expect(reportDateFromText('Report Date : 5/1/2024')).toBe('2024-01-05');
  });

  it('a Total baseline that still counts the places of establishments closed that month is accepted only when the gap is exact', () => {
    const feb = parseOdsBulletin('feb.ods', bulletin({ rows: [['Leeds', 600, 600, 700, 650], ['Canterbury', 195, 195, 128, 19]], total: [795, 795, '628**', 669], margin: 200 }));
    const mar = parseOdsBulletin('mar.ods', bulletin({ rows: [['Leeds', 600, 600, 700, 650]], total: [795, 600, '500**', 650], margin: 200 }));
    const checked = checkBulletinTotals('mar.ods', mar, mar.columns, feb);
    expect(checked.notes[0]).toMatch(/exceeds the sum of the 1 establishments \(600\) by 195 places, exactly the baseline CNA the previous bulletin gave the establishments no longer listed \(Canterbury\)/);
    const off = parseOdsBulletin('mar2.ods', bulletin({ rows: [['Leeds', 600, 600, 700, 650]], total: [796, 600, '500**', 650], margin: 200 }));
    expect(() => checkBulletinTotals('mar2.ods', off, off.columns, feb)).toThrowError(/column B: expected the sum of the 1 establishments \(600\), found 796/);
    expect(() => checkBulletinTotals('mar.ods', mar, mar.columns)).toThrowError(/found 795/);
  });
});
