import { describe, expect, it } from 'vitest';
import { buildFile, haveMirror, skipReason, table, values } from './build.ts';

type Precept = { pfa_code: string; financial_year: string; measure: string; value: number; authority_ecode: string | null; source_id: string; source_cell: string };

const YEARS = ['2015-16', '2016-17', '2017-18', '2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24'];

describe.skipIf(!haveMirror)(`police precept on the real workbooks${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  const rows = haveMirror ? table<Precept>('police_precept') : [];
  const get = (pfa: string, year: string, measure: string) => rows.find((r) => r.pfa_code === pfa && r.financial_year === year && r.measure === measure);

  it('has the 38 English police precepts (all English PFAs except City of London) in every year, and no Welsh area', () => {
    for (const y of YEARS) {
      const codes = new Set(rows.filter((r) => r.financial_year === y).map((r) => r.pfa_code));
      expect(codes.size, y).toBe(38);
      expect(codes.has('E23000034')).toBe(false);
      expect([...codes].some((c) => c.startsWith('W15'))).toBe(false);
    }
  });

  it('the PCC rows (all but the GLA) reproduce the class totals in PROVENANCE', () => {
    const totals: Record<string, number> = {
      '2015-16': 2288937900, '2016-17': 2389750571.62, '2017-18': 2491384995.17, '2018-19': 2706470288.32, '2019-20': 3105469961.57,
      '2020-21': 3289232364.69, '2021-22': 3483911635.83, '2022-23': 3702319679.81, '2023-24': 3989428936.78,
    };
    for (const [y, total] of Object.entries(totals)) {
      const sum = rows.filter((r) => r.financial_year === y && r.measure === 'council_tax_requirement_gbp' && r.pfa_code !== 'E23000001').reduce((s, r) => s + r.value, 0);
      expect(Math.abs(sum - total), y).toBeLessThan(0.01);
    }
    const base2015 = rows.filter((r) => r.financial_year === '2015-16' && r.measure === 'tax_base' && r.pfa_code !== 'E23000001').reduce((s, r) => s + r.value, 0);
    expect(base2015).toBeCloseTo(13953188.02, 2);
  });

  it('maps the GLA, GMCA and WYCA police precepts and rounds the GLA Band D to pennies', () => {
    expect(get('E23000001', '2015-16', 'band_d_gbp')).toMatchObject({ value: 208.87, authority_ecode: 'E5102' });
    expect(get('E23000001', '2016-17', 'band_d_gbp')!.value).toBe(202.11);
    expect(get('E23000001', '2022-23', 'council_tax_requirement_gbp')!.value).toBe(849474417);
    expect(get('E23000005', '2018-19', 'band_d_gbp')!.authority_ecode).toBe('a');
    expect(get('E23000010', '2022-23', 'band_d_gbp')!.authority_ecode).toBe('c');
    expect(get('E23000010', '2021-22', 'band_d_gbp')!.authority_ecode).toBe('E7047');
  });

  it('2022-23 comes from the 2022-23 workbook (Table 9 swaps the GLA tax bases), 2023-24 from Table 9', () => {
    expect(get('E23000001', '2022-23', 'tax_base')).toMatchObject({ value: 3065256.1, source_id: 'dluhc_ctr_2022_23' });
    expect(get('E23000001', '2023-24', 'tax_base')).toMatchObject({ value: 3113799.1, source_id: 'dluhc_ctr_table9_2023_24', source_cell: 'Data_Precepting!L14' });
  });

  it('Band D × tax base reproduces the requirement for every area and year (within 0.01%)', () => {
    for (const r of rows.filter((x) => x.measure === 'band_d_gbp')) {
      const req = get(r.pfa_code, r.financial_year, 'council_tax_requirement_gbp')!.value;
      const base = get(r.pfa_code, r.financial_year, 'tax_base')!.value;
      expect(Math.abs(r.value * base - req) / req, `${r.pfa_code} ${r.financial_year}`).toBeLessThan(1e-4);
    }
  });

  it('the indicators cover 38 areas a year, change on the year starts in 2016-17, and every row names a registered source', () => {
    const ids = new Set((JSON.parse(buildFile('sources.json')) as { files: { id: string }[] }[]).flatMap((d) => d.files.map((f) => f.id)));
    const bandD = values('police_precept_band_d');
    expect(bandD).toHaveLength(38 * 9);
    const change = values('police_precept_band_d_change_1y');
    expect(change).toHaveLength(38 * 8);
    expect(change.some((v) => v.period === '2015-16')).toBe(false);
    const met = change.find((v) => v.area_code === 'E23000001' && v.period === '2016-17')!;
    expect(met.value).toBeCloseTo(202.11 / 208.87 - 1, 12);
    const since = values('police_precept_band_d_change_since_2015');
    expect(since).toHaveLength(38 * 8);
    for (const v of [...bandD, ...change, ...since]) expect(ids.has(v.source_id)).toBe(true);
    const defs = (JSON.parse(buildFile('indicators.json')) as { indicators: { id: string; caveats: string[]; notHeld?: { reason: string }[] }[] }).indicators.filter((d) => d.id.startsWith('police_precept'));
    expect(defs).toHaveLength(3);
    for (const d of defs) {
      expect(d.caveats.join(' ')).toMatch(/cash terms \(no deflator held\)/i);
      expect(d.notHeld!.map((n) => n.reason).join(' ')).toMatch(/Wales/);
      expect(d.notHeld!.map((n) => n.reason).join(' ')).toMatch(/City of London/);
    }
  });
});
