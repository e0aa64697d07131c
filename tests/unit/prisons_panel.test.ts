import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANEL_FILE, PANEL_TOTALS_FILE, readPanel } from '../../pipeline/sources/prison_estate/panel.ts';
import { prisonNames } from '../../pipeline/geography/prison_names.ts';
import type { HeldFile } from '../../pipeline/sources/types.ts';
import type { Row } from '../../src/tables.ts';

const dir = mkdtempSync(join(tmpdir(), 'prisons-panel-'));
function held(id: string, name: string, text: string): HeldFile {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { entry: { id } as HeldFile['entry'], path, label: `prisons/prisoncap_derived_2026/${name}` };
}
const HEAD = 'month,report_date,prison,section,published_uoc,baseline_cna,in_use_cna,op_cap,population,prison_key,cells_out_of_use,crowding\n';
const ours: Row = { prison_code: 'LEI', month: '2024-12-01', baseline_cna: 600, in_use_cna: 600, operational_capacity: 700, population: 650, source_id: 'hmpps_bulletin_2024_12', source_cell: 'MonthlyBulletin!A60' };
const bulletinRows = new Map([['2024-12-01|LEI', ours]]);

describe('third-party monthly panel (prisoncap)', () => {
  it('takes only months after the last bulletin, after checking the overlap row by row and the estate totals', () => {
    const panel = held(PANEL_FILE, 'p1.csv', HEAD + '2024-12-01,2024-12-30,Leeds,prison,500.0,600.0,600.0,700.0,650.0,leeds,0.0,100.0\n' + '2025-01-01,2025-01-31,Leeds,prison,510.0,600.0,600.0,710.0,655.0,leeds,0.0,110.0\n' + '2025-01-01,2025-01-31,Millsike,prison,510.0,100.0,90.0,,,millsike,10.0,\n');
    const totals = held(PANEL_TOTALS_FILE, 't1.csv', 'month,n_prisons,sum_op_cap,sum_pop,sum_baseline_cna,sum_in_use_cna,published_uoc\n2025-01-01,2,710,655,700,690,510\n');
    const out = readPanel({ files: [panel, totals], names: prisonNames(), bulletinRows, lastBulletinMonth: '2024-12-01' });
    expect(out.compared).toBe(1);
    expect(out.monthly.map((r) => [r.prison_code, r.month, r.population, r.source_id])).toEqual([
      ['LEI', '2025-01-01', 655, PANEL_FILE],
      ['XMS', '2025-01-01', null, PANEL_FILE],
    ]);
    expect(out.monthly[1].null_reason).toMatch(/population: blank in the third-party parse/);
    expect(out.bulletins).toEqual([expect.objectContaining({ month: '2025-01-01', establishments: 2, operational_capacity_sum: 710, useable_operational_capacity: 510, population: null })]);
  });

  it('a disagreement with our reading of a bulletin is a DataError naming both cells', () => {
    const panel = held(PANEL_FILE, 'p2.csv', HEAD + '2024-12-01,2024-12-30,Leeds,prison,500.0,600.0,600.0,700.0,651.0,leeds,0.0,100.0\n');
    expect(() => readPanel({ files: [panel], names: prisonNames(), bulletinRows, lastBulletinMonth: '2024-12-01' })).toThrowError(
      /p2\.csv, row 2, column population: expected 650 as in the bulletin \(hmpps_bulletin_2024_12, MonthlyBulletin!A60\), found '651\.0'/,
    );
  });

  it('estate totals that do not match the rows are a DataError; a fraction of a place is an error', () => {
    const panel = held(PANEL_FILE, 'p3.csv', HEAD + '2025-01-01,2025-01-31,Leeds,prison,510.0,600.0,600.0,710.0,655.0,leeds,0.0,110.0\n');
    const totals = held(PANEL_TOTALS_FILE, 't3.csv', 'month,n_prisons,sum_op_cap,sum_pop,sum_baseline_cna,sum_in_use_cna,published_uoc\n2025-01-01,1,710,656,600,600,510\n');
    expect(() => readPanel({ files: [panel, totals], names: prisonNames(), bulletinRows, lastBulletinMonth: '2024-12-01' })).toThrowError(/t3\.csv, row 2, column sum_pop: expected 655/);
    const frac = held(PANEL_FILE, 'p4.csv', HEAD + '2025-01-01,2025-01-31,Leeds,prison,510.0,600.5,600.0,710.0,655.0,leeds,0.0,110.0\n');
    expect(() => readPanel({ files: [frac], names: prisonNames(), bulletinRows, lastBulletinMonth: '2024-12-01' })).toThrowError(/column baseline_cna: expected a whole number/);
  });
});
