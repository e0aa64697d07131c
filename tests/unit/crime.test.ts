import { describe, expect, it } from 'vitest';
import { errorOf } from './error_of.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import { getSheet } from '../../pipeline/read/sheet.ts';
import { OFFENCES, offenceLabelKey, readTableP1, readTableP3Population, yearEndingFromTitle } from '../../pipeline/sources/crime.ts';
import { xlsx, type XCell } from './fixtures.ts';

const letters = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

const FORCES = Array.from({ length: 43 }, (_, i) => `E23${String(i + 1).padStart(6, '0')}`);

/**
 * A Table P1 in the publisher's shape: title, the total on header row 4, offences on row 5 with
 * footnote digits glued on, England and Wales on row 7, 43 forces, then British Transport Police with
 * no code. Each force's count in column k is (force index + 1) × (k + 1), so a misread column shows.
 */
function tableP1(opts: { order?: string[]; drop?: string; ewDelta?: number; btp?: boolean } = {}) {
  const order = opts.order ?? OFFENCES.map((o) => o.id);
  const cells: XCell[] = [{ ref: 'A1', s: 'Table P1: Police recorded crime by offence group, year ending March 20191,2' }, { ref: 'A5', s: 'Area Code' }, { ref: 'B5', s: 'Area Name' }];
  const colOf = new Map<string, number>();
  order.filter((id) => id !== opts.drop).forEach((id, i) => {
    const col = 3 + i;
    colOf.set(id, col);
    const spec = OFFENCES.find((o) => o.id === id)!;
    cells.push({ ref: `${letters(col)}${spec.level === 'total' ? 4 : 5}`, s: `${spec.label}${i % 3 === 0 ? '3' : ''}` });
  });
  const value = (force: number, id: string) => (force + 1) * (OFFENCES.findIndex((o) => o.id === id) + 1);
  const btpValue = (id: string) => 1000 + OFFENCES.findIndex((o) => o.id === id);
  FORCES.forEach((code, f) => {
    const row = 8 + f;
    cells.push({ ref: `A${row}`, s: code }, { ref: `B${row}`, s: `Force ${f}8` });
    for (const [id, col] of colOf) cells.push({ ref: `${letters(col)}${row}`, n: value(f, id) });
  });
  const btpRow = 8 + FORCES.length;
  if (opts.btp !== false) {
    cells.push({ ref: `B${btpRow}`, s: 'British Transport Police' });
    for (const [id, col] of colOf) cells.push({ ref: `${letters(col)}${btpRow}`, n: btpValue(id) });
  }
  cells.push({ ref: 'A7', s: 'K04000001' }, { ref: 'B7', s: 'ENGLAND AND WALES6' });
  for (const [id, col] of colOf) {
    const total = FORCES.reduce((s, _, f) => s + value(f, id), 0) + (opts.btp !== false ? btpValue(id) : 0);
    cells.push({ ref: `${letters(col)}7`, n: total + (id === 'total_excluding_fraud' ? opts.ewDelta ?? 0 : 0) });
  }
  const book = readWorkbook('fixture.xlsx', xlsx([{ name: 'Table P1 ', cells }]));
  return { sheet: getSheet(book, 'Table P1'), value, colOf };
}

describe('crime table labels and periods', () => {
  it('removes footnote digits glued to labels', () => {
    expect(offenceLabelKey('Total recorded crime (excluding fraud3)')).toBe('total recorded crime (excluding fraud)');
    expect(offenceLabelKey('Residential burglary6,7')).toBe('residential burglary');
    expect(offenceLabelKey('Non-residential  burglary6,7')).toBe('non-residential burglary');
    expect(offenceLabelKey('Stalking\nand harassment')).toBe('stalking and harassment');
  });

  it('reads the year from titles with footnotes glued to the year', () => {
    expect(yearEndingFromTitle('Table P1: … number of offences, year ending March 20191,2')).toBe('2019-03-31');
    expect(yearEndingFromTitle('Table P1:  … number of offences, year ending March 181,2,3')).toBe('2018-03-31');
    expect(yearEndingFromTitle('Table P1: … year ending September 2018')).toBe('2018-09-30');
    expect(yearEndingFromTitle('Table P1: no period here')).toBeNull();
  });
});

describe('Table P1 reader', () => {
  it('reads 43 forces, BTP and the England and Wales row, and the check passes', () => {
    const { sheet, value } = tableP1();
    const t = readTableP1('fixture.xlsx', sheet);
    expect(t.yearEnding).toBe('2019-03-31');
    expect(t.forces.size).toBe(43);
    expect(t.forces.get('E23000005')!.counts.get('robbery')!.value).toBe(value(4, 'robbery'));
    expect(t.btp.counts.get('homicide')!.value).toBe(1002);
  });

  it('finds columns by label when the publisher moves them', () => {
    const ids = OFFENCES.map((o) => o.id);
    const moved = [ids[0], ...ids.slice(1).reverse()];
    const { sheet, value, colOf } = tableP1({ order: moved });
    const t = readTableP1('fixture.xlsx', sheet);
    expect(t.columns.get('robbery')).toBe(colOf.get('robbery'));
    expect(t.columns.get('robbery')).not.toBe(tableP1().colOf.get('robbery'));
    expect(t.forces.get('E23000010')!.counts.get('robbery')!.value).toBe(value(9, 'robbery'));
    expect(t.forces.get('E23000010')!.counts.get('miscellaneous_crimes')!.value).toBe(value(9, 'miscellaneous_crimes'));
  });

  it('fails clearly, naming the missing label, when a column is gone', () => {
    const e = errorOf(() => readTableP1('fixture.xlsx', tableP1({ drop: 'shoplifting' }).sheet));
    expect(e.message).toContain("'Shoplifting'");
    expect(e.message).toContain('fixture.xlsx, sheet Table P1');
  });

  it('fails naming the England and Wales cell when the forces plus BTP do not add up', () => {
    const e = errorOf(() => readTableP1('fixture.xlsx', tableP1({ ewDelta: 1 }).sheet));
    expect(e.location).toMatchObject({ file: 'fixture.xlsx', row: 7, column: 'C' });
    expect(e.message).toMatch(/43 forces plus British Transport Police/);
  });

  it('refuses a table without the British Transport Police row (the E&W row includes it)', () => {
    const e = errorOf(() => readTableP1('fixture.xlsx', tableP1({ btp: false }).sheet));
    expect(e.message).toMatch(/British Transport Police/);
  });
});

describe('Table P3 population', () => {
  it("reads the population year from the label and treats '+' as a suppressed rate", () => {
    const cells: XCell[] = [
      { ref: 'A5', s: 'Area Code' },
      { ref: 'B5', s: 'Area Name' },
      { ref: 'C5', s: 'Population figures\n (mid-2017)3  rounded to 100' },
      { ref: 'F5', s: 'Total recorded crime (excluding fraud5)' },
      { ref: 'A7', s: 'E23000013' },
      { ref: 'C7', n: 566200 },
      { ref: 'F7', n: 118.88545438488033 },
      { ref: 'A8', s: 'E23000034' },
      { ref: 'C8', n: 7700 },
      { ref: 'F8', s: '+' },
    ];
    const sheet = getSheet(readWorkbook('p3.xlsx', xlsx([{ name: 'Table P3 ', cells }])), 'Table P3');
    const p = readTableP3Population('p3.xlsx', sheet, OFFENCES[0].label);
    expect(p.populationYear).toBe(2017);
    expect(p.byCode.get('E23000013')).toMatchObject({ population: 566200, ratesPublished: true, totalRate: 118.88545438488033 });
    expect(p.byCode.get('E23000034')).toMatchObject({ population: 7700, ratesPublished: false, totalRate: null });
  });
});
