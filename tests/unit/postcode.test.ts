/** The ONS Postcode Directory parser and the static index built from it, on fixtures in both ONS layouts. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postcodeIndexFiles } from '../../pipeline/outputs/postcode_index.ts';
import type { OutwardFile, PostcodeIndexFile } from '../../src/postcodes.ts';
import { readOnspd, splitCsvLine } from '../../pipeline/sources/postcode.ts';
import { answer, parsePostcode } from '../../site/components/postcode-search.ts';
import { onspdCsv, ONSPD_ROWS, type OnspdRow } from '../pipeline/fixtures/onspd.ts';

const dir = mkdtempSync(join(tmpdir(), 'jba-onspd-'));
const LAD_TO_PFA = new Map([
  ['E09000033', 'E23000001'], ['E09000019', 'E23000001'], ['E09000001', 'E23000034'], ['E07000111', 'E23000032'], ['W06000015', 'W15000003'],
]);
let n = 0;
function file(text: string): string {
  const p = join(dir, `onspd-${n++}.csv`);
  writeFileSync(p, text);
  return p;
}
const read = (text: string) => readOnspd(file(text), 'geography/onspd/ONSPD_TEST_UK.csv', 'ons_postcode_directory_csv', LAD_TO_PFA);
const withRow = (extra: OnspdRow) => onspdCsv([...ONSPD_ROWS, extra]);

describe('splitCsvLine', () => {
  it('reads quoted and bare fields, doubled quotes, empty fields; an open quote is null', () => {
    expect(splitCsvLine('"a","b ""c""",,3.5,""')).toEqual(['a', 'b "c"', '', '3.5', '']);
    expect(splitCsvLine('"a,b",c')).toEqual(['a,b', 'c']);
    expect(splitCsvLine('"a,b')).toBeNull();
  });
});

describe('readOnspd', () => {
  it('groups England and Wales postcodes by outward code, council, force area and status; leaves the rest out and counts them', async () => {
    const { rows, counts } = await read(onspdCsv());
    expect(counts).toEqual({ read: 12, kept: 9, outside: 2, noDistrict: 1 });
    const sw1a = rows.filter((r) => r.outward_code === 'SW1A');
    expect(sw1a).toEqual([
      { outward_code: 'SW1A', lad_code: 'E09000033', pfa_code: 'E23000001', status: 'live', postcodes: 2, inward_codes: '1AA 2AA', source_id: 'ons_postcode_directory_csv', source_cell: 'rows 2–3 (2 rows)' },
      { outward_code: 'SW1A', lad_code: 'E09000033', pfa_code: 'E23000001', status: 'terminated', postcodes: 1, inward_codes: '0PW', source_id: 'ons_postcode_directory_csv', source_cell: 'row 4' },
    ]);
    const ec1a = rows.filter((r) => r.outward_code === 'EC1A').map((r) => [r.lad_code, r.inward_codes]);
    expect(ec1a).toEqual([['E09000001', '1BB 7BE'], ['E09000019', '4HD 7BE']]);
    expect(rows.map((r) => r.outward_code).sort()).toEqual(['CF10', 'EC1A', 'EC1A', 'SW1A', 'SW1A', 'TN13']);
  });

  it('reads the 2025 layout (lad25cd, pfa23cd) to the same rows', async () => {
    const a = await read(onspdCsv(ONSPD_ROWS, '2023'));
    const b = await read(onspdCsv(ONSPD_ROWS, '2025'));
    expect(b.rows).toEqual(a.rows);
  });

  it('refuses a file without a force-area column, naming the file, row 1 and what it expected', async () => {
    const text = onspdCsv().replace('"pfa",', '"pfx",');
    await expect(read(text)).rejects.toThrow(/ONSPD_TEST_UK\.csv, row 1: expected one police force area column \(pfa or pfaYYcd\) in the ONS Postcode Directory header, found none among 'pcd,pcd2,pcds/);
  });

  it('refuses a malformed postcode, naming row and column', async () => {
    await expect(read(withRow({ pcds: 'SW1A1AAX', lad: 'E09000033', pfa: 'E23000001' }))).rejects.toThrow(/row 14, column pcds: expected a unit postcode such as SW1A 1AA, found 'SW1A1AAX'/);
  });

  it('refuses a termination date that is not a month', async () => {
    await expect(read(withRow({ pcds: 'SW1A 3AA', doterm: '2012-03', lad: 'E09000033', pfa: 'E23000001' }))).rejects.toThrow(/row 14, column doterm: expected an empty cell \(a live postcode\) or a month YYYYMM, found '2012-03'/);
  });

  it('refuses a force area that disagrees with the LAD → PFA lookup', async () => {
    await expect(read(withRow({ pcds: 'TN13 2AA', lad: 'E07000111', pfa: 'E23000001' }))).rejects.toThrow(/row 14, column pfa: expected E23000032, the police force area of district E07000111 in the LAD → PFA lookup, found 'E23000001' \(postcode TN13 2AA\)/);
  });

  it('refuses a district the geography cannot place', async () => {
    await expect(read(withRow({ pcds: 'TN13 2AA', lad: 'E06000099', pfa: 'E23000032' }))).rejects.toThrow(/row 14, column oslaua: expected a local authority district code that the geography places in a police force area, found 'E06000099'/);
  });

  it('refuses a postcode listed twice in the same area, a truncated line and an empty file', async () => {
    await expect(read(withRow({ pcds: 'SW1A 1AA', lad: 'E09000033', pfa: 'E23000001' }))).rejects.toThrow(/row 14, column pcds: expected each postcode once per area, found SW1A 1AA a second time in E09000033/);
    const text = onspdCsv();
    await expect(read(text.slice(0, text.length - 60))).rejects.toThrow(/row 13: expected 53 comma-separated fields/);
    await expect(read('')).rejects.toThrow(/expected a CSV file with a header row, found an empty file/);
  });
});

const indexTables = async () => ({
  postcode_area: (await read(onspdCsv())).rows,
  lad_pfa: [...LAD_TO_PFA].map(([lad_code, pfa_code]) => ({ lad_code, pfa_code, lad_name: { E09000033: 'Westminster', E09000019: 'Islington', E09000001: 'City of London', E07000111: 'Sevenoaks', W06000015: 'Cardiff' }[lad_code]! })),
  pfa: [
    { pfa_code: 'E23000001', pfa_name: 'Metropolitan Police', slug: 'metropolitan-police' },
    { pfa_code: 'E23000034', pfa_name: 'City of London', slug: 'city-of-london' },
    { pfa_code: 'E23000032', pfa_name: 'Kent', slug: 'kent' },
    { pfa_code: 'W15000003', pfa_name: 'South Wales', slug: 'south-wales' },
  ],
});


describe('postcodeIndexFiles', () => {
  it('writes one file per outward code and an index; a postcode under two areas is in both groups', async () => {
    const files = postcodeIndexFiles(await indexTables());
    expect([...files.keys()].sort()).toEqual(['postcodes/CF10.json', 'postcodes/EC1A.json', 'postcodes/SW1A.json', 'postcodes/TN13.json', 'postcodes/index.json']);
    const index = JSON.parse(files.get('postcodes/index.json')!) as PostcodeIndexFile;
    expect(index).toEqual({ source_ids: ['ons_postcode_directory_csv'], outward_codes: ['CF10', 'EC1A', 'SW1A', 'TN13'], postcodes: 9 });
    const ec1a = JSON.parse(files.get('postcodes/EC1A.json')!) as OutwardFile;
    expect(ec1a.areas.map((a) => `${a.lad_name} / ${a.pfa_name} /areas/${a.slug}/`)).toEqual(['City of London / City of London /areas/city-of-london/', 'Islington / Metropolitan Police /areas/metropolitan-police/']);
    const areasOf = (inward: string) => ec1a.groups.filter((g) => g.inward.split(' ').includes(inward)).map((g) => ec1a.areas[g.area].lad_name);
    expect(areasOf('7BE')).toEqual(['City of London', 'Islington']);
    expect(areasOf('1BB')).toEqual(['City of London']);
    const sw1a = JSON.parse(files.get('postcodes/SW1A.json')!) as OutwardFile;
    expect(sw1a.groups).toEqual([{ area: 0, status: 'live', postcodes: 2, inward: '1AA 2AA' }, { area: 0, status: 'terminated', postcodes: 1, inward: '0PW' }]);
  });

  it('writes nothing when no postcodes are held', () => {
    expect(postcodeIndexFiles({ postcode_area: [], lad_pfa: [], pfa: [] }).size).toBe(0);
    expect(postcodeIndexFiles({}).size).toBe(0);
  });
});

describe('the browser side: parsePostcode and answer', () => {
  it('reads postcodes as people type them, and outward codes alone', () => {
    expect(parsePostcode(' sw1a1aa ')).toEqual({ outward: 'SW1A', inward: '1AA' });
    expect(parsePostcode('EC1A 7BE')).toEqual({ outward: 'EC1A', inward: '7BE' });
    expect(parsePostcode('m1 1ae')).toEqual({ outward: 'M1', inward: '1AE' });
    expect(parsePostcode('tn13')).toEqual({ outward: 'TN13', inward: null });
    expect(parsePostcode('Westminster')).toBeNull();
    expect(parsePostcode('')).toBeNull();
  });

  it('names the council and force area, both areas for a postcode listed twice, and says when a postcode is withdrawn', async () => {
    const files = postcodeIndexFiles(await indexTables());
    const file = (o: string) => JSON.parse(files.get(`postcodes/${o}.json`)!) as OutwardFile;
    expect(answer({ outward: 'SW1A', inward: '1AA' }, file('SW1A'))).toEqual({ text: 'SW1A 1AA is in Westminster (council) and Metropolitan Police (police force area).', links: [{ href: '/areas/metropolitan-police/', label: 'Metropolitan Police: police force area page', detail: 'council: Westminster' }] });
    expect(answer({ outward: 'SW1A', inward: '0PW' }, file('SW1A')).text).toBe('SW1A 0PW is no longer in use (Royal Mail withdrew it). When in use it lay in Westminster (council) and Metropolitan Police (police force area).');
    const both = answer({ outward: 'EC1A', inward: '7BE' }, file('EC1A'));
    expect(both.text).toBe('ONS lists EC1A 7BE in 2 areas, so each is shown:');
    expect(both.links.map((l) => l.href)).toEqual(['/areas/city-of-london/', '/areas/metropolitan-police/']);
    expect(answer({ outward: 'EC1A', inward: null }, file('EC1A')).links.map((l) => l.detail)).toEqual(['council: City of London (2 postcodes in use)', 'council: Islington (2 postcodes in use)']);
    expect(answer({ outward: 'EC1A', inward: '9ZZ' }, file('EC1A')).text).toMatch(/^EC1A 9ZZ is not in this site's copy/);
    expect(answer({ outward: 'AB10', inward: '1AA' }, null)).toEqual({ text: expect.stringMatching(/^AB10 is not an outward code of a postcode in England and Wales/), links: [] });
  });
});
