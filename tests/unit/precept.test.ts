import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import { DataError } from '../../src/errors.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import { getSheet } from '../../pipeline/read/sheet.ts';
import { checkPreviousYears, previousFinancialYear, readCtrData, readTable9, type PreceptYear } from '../../pipeline/sources/precept.ts';
import { xlsx, type XCell } from './fixtures.ts';

const ECODES = new Map([
  ['E7002', 'E23000026'],
  ['E7005', 'E23000023'],
]);

interface Authority {
  ecode: string;
  name: string;
  klass: string;
  req: [number, number];
  base: [number, number];
}

const PCCS: Authority[] = [
  { ecode: 'E7002', name: 'Bedfordshire Police and Crime Commissioner and Chief Constable', klass: 'PCC', req: [49211198, 53117643], base: [216703.5, 224040] },
  { ecode: 'E6102', name: 'Bedfordshire Combined Fire Authority', klass: 'CFA', req: [22192605, 23400978], base: [216704, 224040] },
  { ecode: 'E7005', name: 'Cambridgeshire Police and Crime Commissioner and Chief Constable', klass: 'PCC', req: [72060010, 76322685], base: [291045.7, 296306.7] },
  { ecode: '', name: 'London Boroughs less CoL', klass: '', req: [804911049, 849474417], base: [3013181.03, 3065256.1] },
];

/**
 * The Data sheet of a CTR workbook for 2022-23: labels on row 4, year pairs on row 5, a billing
 * block, then "Precepting authorities", the authorities and the class rows. `bandDFirst` moves the
 * Band D pair to the left of the tax base pair, as letters move between years.
 */
function dataSheet(opts: { bandDFirst?: boolean; total?: 'missing' | 'wrong'; extraEcode?: string } = {}) {
  const cols = opts.bandDFirst ? { req: ['E', 'F'], bandD: ['G', 'H'], base: ['I', 'J'] } : { req: ['E', 'F'], base: ['G', 'H'], bandD: ['I', 'J'] };
  const cells: XCell[] = [
    { ref: 'A4', s: 'Ecode' },
    { ref: 'B4', s: 'Authority' },
    { ref: 'C4', s: 'Class' },
    { ref: `${cols.req[0]}4`, s: '1. Council Tax Requirement for billing authority including special expenses, local precepts and Adult Social Care Precept. ' },
    { ref: `${cols.base[0]}4`, s: '7. Council tax base for council tax setting purposes' },
    { ref: `${cols.bandD[0]}4`, s: '8. Average (Band D 2 Adult equivalent) council tax (including Adult Social Care precept and local precepts)' },
    { ref: 'K4', s: '9. Average (Band D 2 Adult equivalent) council tax (including Adult Social Care precept and excluding local precepts)' },
    { ref: 'A6', s: 'E0101' },
    { ref: 'B6', s: 'Some District' },
    { ref: 'C6', s: 'SD' },
    { ref: 'A8', s: 'Precepting authorities' },
  ];
  for (const pair of Object.values(cols)) cells.push({ ref: `${pair[0]}5`, s: '2021-22' }, { ref: `${pair[1]}5`, s: '2022-23' });
  const authorities = [...PCCS, ...(opts.extraEcode ? [{ ...PCCS[0], ecode: opts.extraEcode, name: 'New Police Body', req: [1, 1] as [number, number], base: [1, 1] as [number, number] }] : [])];
  authorities.forEach((a, i) => {
    const row = 10 + i;
    if (a.ecode) cells.push({ ref: `A${row}`, s: a.ecode });
    cells.push({ ref: `B${row}`, s: a.name });
    if (a.klass) cells.push({ ref: `C${row}`, s: a.klass });
    for (const k of [0, 1]) {
      cells.push({ ref: `${cols.req[k]}${row}`, n: a.req[k] }, { ref: `${cols.base[k]}${row}`, n: a.base[k] });
      // The GLA stores an unrounded ratio in some years; the parser rounds to pennies.
      cells.push({ ref: `${cols.bandD[k]}${row}`, n: a.req[k] / a.base[k] });
    }
  });
  if (opts.total !== 'missing') {
    const pcc = authorities.filter((a) => a.klass === 'PCC');
    const row = 30;
    cells.push({ ref: `A${row}`, s: 'PCC' }, { ref: `B${row}`, s: 'Police authorities ex Met Police' });
    for (const k of [0, 1]) {
      cells.push({ ref: `${cols.req[k]}${row}`, n: pcc.reduce((s, a) => s + a.req[k], 0) + (opts.total === 'wrong' && k === 1 ? 100 : 0) });
      cells.push({ ref: `${cols.base[k]}${row}`, n: pcc.reduce((s, a) => s + a.base[k], 0) });
    }
  }
  return getSheet(readWorkbook('ctr_2223.xlsx', xlsx([{ name: 'Data', cells }])), 'Data');
}

describe('CTR workbook Data sheet', () => {
  it('keeps class PCC rows and the GLA police row, not fire rows, and rounds Band D to pennies', () => {
    const y = readCtrData(dataSheet(), '2022-23', ECODES);
    expect(y.rows.map((r) => r.pfa)).toEqual(['E23000026', 'E23000023', 'E23000001']);
    const gla = y.rows.find((r) => r.pfa === 'E23000001')!;
    expect(gla.ecode).toBe('E5102');
    expect(gla.current.band_d_gbp.value).toBe(277.13);
    expect(gla.current.council_tax_requirement_gbp).toMatchObject({ value: 849474417, cell: 'Data!F13' });
    expect(gla.previous.tax_base.value).toBe(3013181.03);
  });

  it('finds columns by label and year label when the letters move', () => {
    const y = readCtrData(dataSheet({ bandDFirst: true }), '2022-23', ECODES);
    const beds = y.rows.find((r) => r.pfa === 'E23000026')!;
    expect(beds.current.band_d_gbp).toMatchObject({ value: 237.09, cell: 'Data!H10' });
    expect(beds.current.tax_base).toMatchObject({ value: 224040, cell: 'Data!J10' });
  });

  it('refuses a workbook of another year', () => {
    const e = errorOf(() => readCtrData(dataSheet(), '2023-24', ECODES));
    expect(e.message).toMatch(/year labels '2022-23' and '2023-24'/);
    expect(e.location).toMatchObject({ sheet: 'Data', row: 5 });
  });

  it('is a DataError when the sheet has no class total row', () => {
    const e = errorOf(() => readCtrData(dataSheet({ total: 'missing' }), '2022-23', ECODES));
    expect(e.message).toContain("'Police authorities ex Met Police'");
    expect(e.location).toMatchObject({ file: 'ctr_2223.xlsx', sheet: 'Data' });
  });

  it('names the class total cell when the PCC rows do not add up to it', () => {
    const e = errorOf(() => readCtrData(dataSheet({ total: 'wrong' }), '2022-23', ECODES));
    expect(e.location).toMatchObject({ row: 30, column: 'F' });
    expect(e.message).toMatch(/sum of the 2 PCC rows \(129440328\.00\)/);
  });

  it('names the cell of a PCC row whose E-code maps to no PFA', () => {
    const e = errorOf(() => readCtrData(dataSheet({ extraEcode: 'E7999' }), '2022-23', ECODES));
    expect(e.location).toMatchObject({ row: 14, column: 'A' });
    expect(e.message).toContain("'E7999'");
  });
});

describe('previous-year columns agree with the previous file', () => {
  const year = (y: string, prevBandD: number, prevBase: number, curBandD: number): PreceptYear => {
    const f = (value: number, col: number) => ({ value, cell: `Data!X${col}`, row: 10, col });
    // The requirement is held equal so that each test varies one measure only.
    const fig = (bandD: number, base: number) => ({ band_d_gbp: f(bandD, 1), tax_base: f(base, 2), council_tax_requirement_gbp: f(849474417, 3) });
    return {
      file: `ctr_${y}.xlsx`,
      sheet: { file: `ctr_${y}.xlsx`, name: 'Data', rows: new Map(), maxRow: 0 },
      year: y,
      previousYear: previousFinancialYear(y),
      rows: [{ pfa: 'E23000001', ecode: 'E5102', name: 'London Boroughs less CoL', row: 10, current: fig(curBandD, 100), previous: fig(prevBandD, prevBase) }],
    };
  };

  it('accepts the rounding differences the provenance documents', () => {
    const warnings: string[] = [];
    checkPreviousYears([year('2021-22', 1, 100, 267.13), year('2022-23', 267.13, 100.04, 277.13)], (m) => warnings.push(m));
    expect(warnings).toEqual([]);
  });

  it('fails naming both cells when a previous-year figure differs', () => {
    const e = errorOf(() => checkPreviousYears([year('2021-22', 1, 100, 267.13), year('2022-23', 267.5, 100, 277.13)], () => {}));
    expect(e.message).toMatch(/the 2021-22 figure in ctr_2021-22\.xlsx/);
    expect(e.location).toMatchObject({ file: 'ctr_2022-23.xlsx', sheet: 'Data', row: 10 });
  });

  it("reports Table 9's known swapped 2022-23 GLA tax base as a warning, not a failure", () => {
    const warnings: string[] = [];
    checkPreviousYears([year('2022-23', 1, 100, 277.13), year('2023-24', 277.13, 3073573.4, 292.13)], (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Known publisher error/);
  });

  it('knows the financial year before another', () => {
    expect(previousFinancialYear('2015-16')).toBe('2014-15');
    expect(previousFinancialYear('2000-01')).toBe('1999-00');
  });
});

describe('Table 9 (Data_Precepting)', () => {
  /** Labels carry "(previous year)"/"(current year)"; the class total row comes first; E-codes map through the ONS Code column. */
  function table9(opts: { dropTotal?: boolean } = {}) {
    const label = (n: string, which: string) => `${n}\n\n\n(${which} year)`;
    const cells: XCell[] = [
      { ref: 'A1', s: 'Table 2: Council Tax Requirement (CTR) data for Precepting Authorities in England, 2022-23 and 2023-24' },
      { ref: 'A6', s: 'E-code' }, { ref: 'B6', s: 'ONS Code' }, { ref: 'C6', s: 'Authority' }, { ref: 'E6', s: 'Class' },
      { ref: 'G6', s: label('1. Council Tax Requirement including special expenses. ', 'previous') },
      { ref: 'H6', s: label('1. Council Tax Requirement including special expenses. ', 'current') },
      { ref: 'K6', s: label("2. Council tax base for the major precepting authority's area", 'previous') },
      { ref: 'L6', s: label("2. Council tax base for the major precepting authority's area", 'current') },
      { ref: 'M6', s: label('3. Average (Band D 2 Adult equivalent) council tax of major precepting authority (line 1 / line 2)', 'previous') },
      { ref: 'N6', s: label('3. Average (Band D 2 Adult equivalent) council tax of major precepting authority (line 1 / line 2)', 'current') },
    ];
    const put = (row: number, a: string, b: string, c: string, e: string, v: number[]) => {
      cells.push({ ref: `A${row}`, s: a }, { ref: `B${row}`, s: b }, { ref: `C${row}`, s: c }, { ref: `E${row}`, s: e });
      ['G', 'H', 'K', 'L', 'M', 'N'].forEach((col, i) => cells.push({ ref: `${col}${row}`, n: v[i] }));
    };
    if (!opts.dropTotal) put(8, 'PCC', 'PCC', 'Police authorities ex Met Police', 'PCC', [53117643 + 177732259, 57680078 + 192957408, 224040 + 778503.1, 228807.5 + 793084.3, 0, 0]);
    put(9, 'E5102', '[z]', 'of which: London Boroughs less City of London (GLA - Police function)', '[z]', [849474417, 909634128, 3065256.1, 3113799.1, 277.13, 292.13]);
    put(10, 'E6348a', '[z]', 'of which: Greater Manchester Combined Authority - Police Functions', 'PCC', [177732259, 192957408, 778503.1, 793084.3, 228.3, 243.3]);
    put(11, 'E6135', 'E31000009', 'Cumbria Police, Fire and Crime Commissioner - Fire', 'CFA', [1, 15938965, 1, 176043.4, 85.61, 90.54]);
    put(12, 'E7002', 'E23000026', 'Bedfordshire Police and Crime Commissioner', 'PCC', [53117643, 57680078, 224040, 228807.5, 237.09, 252.09]);
    return getSheet(readWorkbook('table9.ods', xlsx([{ name: 'Data_Precepting', cells }])), 'Data_Precepting');
  }

  it('reads the years from the title, the columns by their previous/current labels, and E-codes to PFAs from the ONS Code column', () => {
    const { data, ecodeToPfa } = readTable9(table9());
    expect([data.previousYear, data.year]).toEqual(['2022-23', '2023-24']);
    expect(ecodeToPfa.get('E7002')).toBe('E23000026');
    expect(ecodeToPfa.has('E6135')).toBe(false);
    expect(data.rows.map((r) => [r.pfa, r.ecode])).toEqual([['E23000001', 'E5102'], ['E23000005', 'E6348a'], ['E23000026', 'E7002']]);
    expect(data.rows[0].current.tax_base).toMatchObject({ value: 3113799.1, cell: 'Data_Precepting!L9' });
    expect(data.rows[0].name).toBe('London Boroughs less City of London (GLA - Police function)');
  });

  it('is a DataError when the class total row is missing', () => {
    expect(errorOf(() => readTable9(table9({ dropTotal: true }))).message).toContain("'Police authorities ex Met Police'");
  });
});
