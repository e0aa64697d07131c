/**
 * The coverage table's notes and parser checks follow the registry: a registry copy where a file is
 * held (as --add-file leaves it) has no "not held" note for what that file supplies, and says the
 * parser has now met the real file but its totals are yet to be compared.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndicators } from '../../pipeline/compute.ts';
import { coverageRows } from '../../pipeline/package.ts';
import { withCurrentNotHeld } from '../../pipeline/package/coverage.ts';
import { loadRegistry, type Registry } from '../../pipeline/registry.ts';
import { PipelineError } from '../../src/errors.ts';
import type { IndicatorDef } from '../../src/indicator.ts';
import { errorOf } from './error-of.ts';

const REAL = new URL('../../data/sources/', import.meta.url).pathname;
const TOOL = 'moj_reoffending_geographical_data_tool';
const NOT_HELD = /geographical data tool is not held|No held file gives proven reoffending by police force area/;

/** A copy of the committed registry with one file marked held, as --add-file writes it (note kept, sha256 and path set). */
function registryWithHeld(dataset: string, fileId: string): Registry {
  const dir = mkdtempSync(join(tmpdir(), 'jba-coverage-reg-'));
  cpSync(REAL, dir, { recursive: true, filter: (src) => !src.includes('_proposed') });
  const path = join(dir, `${dataset}.json`);
  const ds = JSON.parse(readFileSync(path, 'utf8'));
  const f = ds.files.find((x: { id: string }) => x.id === fileId);
  Object.assign(f, { path: 'reoffending/moj/Geographical_data_tool.csv', sha256: 'b'.repeat(64), bytes: 100, held: true, note: `${f.note} Added with --add-file from a copy obtained by hand; sha256 and size are that copy’s.` });
  writeFileSync(path, JSON.stringify(ds, null, 2) + '\n');
  return loadRegistry(dir);
}

let defs: IndicatorDef[];
beforeAll(async () => {
  defs = await loadIndicators();
});

const rowsFor = (rows: ReturnType<typeof coverageRows>, id: string) => rows.filter((r) => r.indicator_id === id);

describe('coverage follows the files held', () => {
  it('the committed registry: the PFA reoffending rate is not held, read by a parser checked only on fixtures', () => {
    const rows = rowsFor(coverageRows(defs, [], loadRegistry(REAL)), 'reoffending_rate_adult_pfa');
    const pfa = rows.find((r) => r.area_type === 'pfa')!;
    expect(pfa).toMatchObject({ status: 'not_held', parser_checked_on: 'fixtures' });
    expect(pfa.note).toMatch(NOT_HELD);
    expect(pfa.parser_note).toMatch(/^Parser checked only on fixtures in the documented layout \(moj_reoffending_geographical: .*First real run: `npm run pipeline -- --discover`/);
  });

  it('with the tool held, no coverage row says it is not held, and every row of its indicators says the comparison is due', () => {
    const registry = registryWithHeld('moj_reoffending_geographical', TOOL);
    const rows = coverageRows(defs, [], registry);
    const stale = rows.filter((r) => typeof r.note === 'string' && NOT_HELD.test(r.note));
    expect(stale.map((r) => `${r.indicator_id} ${r.area_type}`)).toEqual([]);
    // The prison rate keeps its other note (an area's rate is counted where offenders live): still true.
    const prison = rowsFor(rows, 'reoffending_rate_adult_prison');
    expect(prison.map((r) => r.area_type)).toEqual(['pfa']);
    expect(prison[0].note).toMatch(/by releasing prison, not by area/);
    expect(prison[0]).toMatchObject({ parser_checked_on: 'real_not_compared' });
    expect(prison[0].parser_note).toMatch(new RegExp(`The real file is held \\(${TOOL}\\).*comparison is due`));
    // The same notes leave indicators.json (the pages read notHeld from it).
    const current = withCurrentNotHeld(defs, registry);
    expect(current.flatMap((d) => (d.notHeld ?? []).filter((n) => NOT_HELD.test(n.reason)).map((n) => `${d.id} ${n.geography}`))).toEqual([]);
    expect(defs.some((d) => d.notHeld?.some((n) => NOT_HELD.test(n.reason)))).toBe(true);
    // And the registry says what to update.
    expect(registry.parserCheckStale.join('\n')).toMatch(new RegExp(`moj_reoffending_geographical\\.json: the parser reoffending_geographical now reads held file\\(s\\) ${TOOL}`));
  });

  it('a file a real parser reads only in a later layout: not held, its row is "fixtures"; held, "real_not_compared"', () => {
    const id = 'police_officers_fte';
    const before = rowsFor(coverageRows(defs, [], loadRegistry(REAL)), id).find((r) => r.status === 'not_held')!;
    expect(before).toMatchObject({ area_type: 'pfa', parser_checked_on: 'fixtures' });
    expect(before.parser_note).toMatch(/\(home_office_police_workforce: The open data table/);
    const after = coverageRows(defs, [], registryWithHeld('home_office_police_workforce', 'police_workforce_2019_2025'));
    expect(rowsFor(after, id).filter((r) => r.status === 'not_held')).toEqual([]);
  });

  it('a filledBy id that is not in the registry is refused, naming the indicator', () => {
    const typo: IndicatorDef = { ...defs.find((d) => d.id === 'reoffending_rate_adult_pfa')!, notHeld: [{ geography: 'pfa', reason: 'x', filledBy: ['moj_no_such_file'] }] };
    expect(errorOf(() => withCurrentNotHeld([typo], loadRegistry(REAL)), PipelineError).message).toMatch(/Indicator reoffending_rate_adult_pfa, notHeld \(pfa\): filledBy names 'moj_no_such_file', which is not a file id/);
  });
});
