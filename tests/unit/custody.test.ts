import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import { NameLookup } from '../../pipeline/geography/names.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import { getSheet } from '../../pipeline/read/sheet.ts';
import { readWomenCustodySheet } from '../../pipeline/sources/women_custody.ts';
import { xlsx, type XCell } from './fixtures.ts';

const names = new NameLookup('police force area');
names.add('Metropolitan Police', 'E23000001', 'test');
names.add('London, City of', 'E23000034', 'test');
// 41 other forces: names must not end in digits (those read as footnotes); codes skip E23000034 (City of London).
const OTHERS = Array.from({ length: 41 }, (_, i) => ({
  name: `Force ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
  code: `E23${String(i < 32 ? i + 2 : i + 3).padStart(6, '0')}`,
}));
for (const f of OTHERS) names.add(f.name, f.code, 'test');

/** PRT's layout: a name column then one column per year (labels stored as text). */
function table(areas: string[]) {
  const cells: XCell[] = [{ ref: 'A1', s: 'Police Force Area' }, { ref: 'B1', s: '2021' }, { ref: 'C1', s: '2022' }];
  areas.forEach((a, i) => cells.push({ ref: `A${i + 2}`, s: a }, { ref: `B${i + 2}`, n: 10 + i / 10 }, { ref: `C${i + 2}`, n: 20 + i / 10 }));
  return getSheet(readWorkbook('prt.xlsx', xlsx([{ name: 'Sheet1', cells }])), 'Sheet1');
}

describe("PRT women's custody rate table", () => {
  it('maps names to codes, marks the Met as covering City of London, and gives City of London an explicit empty row', () => {
    const rows = readWomenCustodySheet(table(['Metropolitan Police', ...OTHERS.map((o) => o.name)]), names, 'prt');
    expect(rows).toHaveLength(43 * 2);
    expect(rows.find((r) => r.pfa_code === 'E23000001' && r.year === 2022)).toMatchObject({ rate_per_100k_women: 20, covers_city_of_london: true, source_cell: 'Sheet1!C2' });
    const city = rows.filter((r) => r.pfa_code === 'E23000034');
    expect(city).toHaveLength(2);
    expect(city.every((r) => r.rate_per_100k_women === null && /Not published separately/.test(String(r.null_reason)))).toBe(true);
  });

  it('names the cell of a force name it does not know', () => {
    const e = errorOf(() => readWomenCustodySheet(table(['Metropolitan Police', 'Gotham', ...OTHERS.slice(1).map((o) => o.name)]), names, 'prt'));
    expect(e.location).toMatchObject({ file: 'prt.xlsx', sheet: 'Sheet1', row: 3, column: 'A' });
  });

  it('fails if City of London appears separately (the null row would then be wrong)', () => {
    const e = errorOf(() => readWomenCustodySheet(table(['Metropolitan Police', 'London, City of', ...OTHERS.slice(1).map((o) => o.name)]), names, 'prt'));
    expect(e.message).toMatch(/no separate City of London row/);
  });

  it('fails when an area is missing', () => {
    const e = errorOf(() => readWomenCustodySheet(table(['Metropolitan Police', ...OTHERS.slice(1).map((o) => o.name)]), names, 'prt'));
    expect(e.message).toMatch(/expected 42 police force areas/);
  });
});
