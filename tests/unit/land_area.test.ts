/** The land-area reader (pipeline/sources/land_area.ts) on a small MYE5 sheet the test writes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import landArea from '../../pipeline/sources/land_area.ts';
import type { SourceContext } from '../../pipeline/sources/types.ts';
import { xlsx, type XCell } from './fixtures.ts';

const HEADER = ['Code', 'Name', 'Geography', 'Area (sq km)', 'Estimated Population mid-2022', '2022 people per sq. km'];
type Line = [string, string, string, number, number, number];

function run(lines: Line[], known = ['E06000001', 'E06000002']) {
  const cells: XCell[] = [{ ref: 'A1', s: 'MYE5: Population density for local authorities in the UK, mid-2011 and mid-2022' }];
  HEADER.forEach((h, i) => cells.push({ ref: `${'ABCDEF'[i]}8`, s: h }));
  lines.forEach((l, r) => l.forEach((v, i) => cells.push(typeof v === 'number' ? { ref: `${'ABCDEF'[i]}${9 + r}`, n: v } : { ref: `${'ABCDEF'[i]}${9 + r}`, s: v })));
  const dir = mkdtempSync(join(tmpdir(), 'jba-area-'));
  const path = join(dir, 'mye.xlsx');
  writeFileSync(path, xlsx([{ name: 'MYE5', cells }]));
  const ctx = {
    datasets: [],
    files: [{ entry: { id: 'area_file' }, path, label: 'population/mye.xlsx' }],
    geography: { ladToPfa: new Map(known.map((k) => [k, 'E23000013'])) },
    tables: {},
    warn: () => {},
  } as unknown as SourceContext;
  return landArea.parse(ctx) as Record<string, Record<string, unknown>[]>;
}

const EW: Line = ['K04000001', 'ENGLAND AND WALES', 'Country', 147.5988, 243000, 1646];

describe('land area by district (MYE5)', () => {
  it('reads each district with its cell; the England and Wales row is only a check', () => {
    const out = run([EW, ['E06000001', 'Hartlepool', 'Unitary Authority', 93.717, 92571, 988], ['E06000002', 'Middlesbrough', 'Unitary Authority', 53.8818, 143924, 2671]]);
    expect(out.land_area).toEqual([
      { lad_code: 'E06000001', lad_name: 'Hartlepool', area_sq_km: 93.717, source_id: 'area_file', source_cell: 'MYE5!D10' },
      { lad_code: 'E06000002', lad_name: 'Middlesbrough', area_sq_km: 53.8818, source_id: 'area_file', source_cell: 'MYE5!D11' },
    ]);
  });

  it('refuses districts that do not add up to the printed total, a moved column, and an unknown district', () => {
    expect(() => run([['K04000001', 'ENGLAND AND WALES', 'Country', 200, 243000, 1215], ['E06000001', 'Hartlepool', 'Unitary Authority', 93.717, 92571, 988], ['E06000002', 'Middlesbrough', 'Unitary Authority', 53.8818, 143924, 2671]])).toThrow(/sum of the 2 districts' areas/);
    expect(() => run([EW, ['E06000001', 'Hartlepool', 'Unitary Authority', 92571, 93.717, 988]])).toThrow(/density .* is the printed 988/);
    expect(() => run([EW, ['E06000099', 'Nowhere', 'Unitary Authority', 93.717, 92571, 988]])).toThrow(/E06000099/);
  });
});
