/**
 * Indicator files: one definition named for its id, or a family of definitions from one module;
 * the pipeline adds indicator_id, so a definition's SQL must not return it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeIndicators, indicatorFile, loadIndicators } from '../../pipeline/compute.ts';
import { openDb, query } from '../../pipeline/db.ts';
import type { IndicatorDef } from '../../src/indicator.ts';

const def = (id: string, sql = `SELECT 'pfa' AS area_type, 'E23000001' AS area_code, 'A' AS area_name, '2020' AS period, 1.0 AS value, NULL AS numerator, NULL AS denominator, NULL AS lower_95, NULL AS upper_95, 'src' AS source_id`): IndicatorDef => ({
  id,
  title: `Title of ${id}`,
  description: 'd',
  unit: 'count',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'n',
  denominator: 'd',
  ciMethod: 'none',
  geographies: ['pfa'],
  caveats: [],
  sources: ['x'],
  sql,
});

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jba-ind-'));
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), `export default ${JSON.stringify(value)};\n`);
  return dir;
}

describe('loading indicator definitions', () => {
  it('a family module gives several definitions; every folder is in id order after the project\'s own', async () => {
    const dir = folder({ 'zz_family.ts': [def('zz_b'), def('zz_a')], 'zz_single.ts': def('zz_single') });
    const defs = await loadIndicators(dir);
    const extra = defs.filter((d) => d.id.startsWith('zz_')).map((d) => d.id);
    expect(extra).toEqual(['zz_a', 'zz_b', 'zz_single']);
    expect(defs.slice(-3).map((d) => d.id)).toEqual(extra);
    expect(indicatorFile(defs.find((d) => d.id === 'zz_a')!)).toMatch(/zz_family\.ts$/);
  });

  it('the project\'s families keep every published id (the ten region age bands among them)', async () => {
    const ids = (await loadIndicators()).map((d) => d.id);
    expect(ids.filter((id) => id.startsWith('reoffending_rate_region_age_'))).toEqual(
      ['10_14', '15_17', '18_20', '21_24', '25_29', '30_34', '35_39', '40_44', '45_49', '50_plus'].map((b) => `reoffending_rate_region_age_${b}`),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a definition\'s keys are published in one order, whatever order its file wrote them in', async () => {
    const { sql, id, ...rest } = def('zz_order');
    const dir = folder({ 'zz_order.ts': { sql, ...rest, id } });
    const loaded = (await loadIndicators(dir)).find((d) => d.id === 'zz_order')!;
    expect(Object.keys(loaded)).toEqual(['id', 'title', 'description', 'unit', 'display', 'polarity', 'numerator', 'denominator', 'ciMethod', 'geographies', 'caveats', 'sources', 'sql']);
  });

  it.each([
    ['a single definition in a file not named for its id', { 'zz_wrong.ts': def('zz_other') }, /zz_wrong\.ts: its indicator's id is 'zz_other'/],
    ['the same id twice', { 'zz_one.ts': def('zz_one'), 'zz_fam.ts': [def('zz_one'), def('zz_two')] }, /Indicator id 'zz_one' is defined twice/],
    ['an id the project already defines', { 'zz_fam.ts': [def('prison_population'), def('zz_two')] }, /Indicator id 'prison_population' is defined twice/],
    ['no definition', { 'zz_empty.ts': [] }, /zz_empty\.ts: expected a default export of one indicator definition/],
    ['an unknown field', { 'zz_field.ts': { ...def('zz_field'), colour: 'red' } }, /zz_field\.ts: unknown field\(s\) colour/],
  ])('refuses %s', async (_what, files, message) => {
    await expect(loadIndicators(folder(files))).rejects.toThrow(message);
  });
});

describe('computing indicators', () => {
  it('adds indicator_id to every row of a definition', async () => {
    const con = await openDb();
    const rows = await computeIndicators(con, [def('zz_rows')]);
    expect(rows.map((r) => [r.indicator_id, r.area_code, r.value])).toEqual([['zz_rows', 'E23000001', 1]]);
    const [{ n }] = await query(con, `SELECT count(*) AS n FROM indicator_values WHERE indicator_id = 'zz_rows'`);
    expect(Number(n)).toBe(1);
    con.closeSync();
  });

  it('refuses SQL that returns indicator_id itself, naming the indicator and what to do', async () => {
    const con = await openDb();
    const sql = `SELECT 'zz_own' AS indicator_id, 'pfa' AS area_type, 'E23000001' AS area_code, 'A' AS area_name, '2020' AS period, 1.0 AS value, NULL AS numerator, NULL AS denominator, NULL AS lower_95, NULL AS upper_95, 'src' AS source_id`;
    await expect(computeIndicators(con, [def('zz_own', sql)])).rejects.toThrow(/Indicator zz_own \(.*\): its SQL returns indicator_id; leave it out, the pipeline adds it/);
    con.closeSync();
  });
});
