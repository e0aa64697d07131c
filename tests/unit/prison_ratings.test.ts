/** The ratings parser (pipeline/sources/prison_ratings.ts) on small lists the test writes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ratings from '../../pipeline/sources/prison_ratings.ts';
import type { SourceContext } from '../../pipeline/sources/types.ts';
import { prisonNames } from '../../pipeline/geography/prison_names.ts';

const HEAD = 'performance_year,prison_as_published,rating,rating_label,region_as_published,function_as_published,score_as_published,source,source_kind';
const line = (year: string, name: string, rating: string, src = 'https://example.org/a (a report)') => `${year},${name},${rating},Label ${rating},,,,${src},news report`;
// The 2024-25 outstanding list is complete with 12 prisons (list_coverage.csv): a fixture of 12.
const OUTSTANDING = ['Askham Grange', 'Hatfield', 'Kirkham', 'Leyhill', 'North Sea Camp', 'Thorn Cross', 'Hollesley Bay', 'East Sutton Park', 'Ford', 'Haverigg', 'Standford Hill', 'Hewell'];

function run(lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'jba-rat-'));
  const path = join(dir, 'r.csv');
  writeFileSync(path, [HEAD, ...lines].join('\n') + '\n');
  // The estate table the parser checks against: the fixture's prisons, coded by the real name bridge.
  const codes = OUTSTANDING.map((n) => prisonNames().find(n)!);
  const ctx = { datasets: [], files: [{ entry: { id: 'ratings_file' }, path, label: 'prisons/r.csv' }], geography: {}, tables: { prison: codes.map((prison_code) => ({ prison_code })) }, warn: () => {} } as unknown as SourceContext;
  return () => ratings.parse(ctx) as Record<string, Record<string, unknown>[]>;
}

describe('prison ratings from published lists', () => {
  it('reads each named prison with its coverage; a complete list must have its published count', () => {
    const out = run(OUTSTANDING.map((n) => line('2024-25', n, '4')))();
    expect(out.prison_rating).toHaveLength(12);
    expect(out.prison_rating[0]).toMatchObject({ prison_code: 'AGI', performance_year: '2024-25', rating: 4, source_url: 'https://example.org/a', source_id: 'ratings_file', source_cell: 'row 2' });
    expect(out.prison_rating[0].list_coverage).toMatch(/^complete: every prison rated 4 in 2024-25 is named \(12\)/);
    expect(run(OUTSTANDING.slice(1).map((n) => line('2024-25', n, '4')))).toThrow(/exactly 12 prisons for 2024-25, rating 4.*found 11/s);
  });

  it('refuses a rating outside 1-4, a year list_coverage.csv does not describe, a row with no address, and an unknown prison', () => {
    expect(run([line('2024-25', 'Askham Grange', '5')])).toThrow(/a rating 1, 2, 3 or 4/);
    expect(run([line('2019-20', 'Askham Grange', '1')])).toThrow(/2019-20, rating 1 in .*list_coverage\.csv/);
    expect(run([line('2024-25', 'Askham Grange', '3', 'a newspaper')])).toThrow(/address of the statement/);
    expect(run([line('2024-25', 'Nowhere Prison', '3')])).toThrow(/Nowhere Prison/);
  });
});
