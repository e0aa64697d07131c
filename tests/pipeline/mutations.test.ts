/**
 * A sample of the mutation corpus (all of it: npm run bench:mutations), on the real files in the
 * shared test build's cache: each damaged copy is refused, naming the registry path of the file that
 * broke and the cell. Kept to cases the input checks or one small parser decide (well under 60 s).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MutationHarness } from '../bad-inputs/harness.ts';
import type { Kind } from '../bad-inputs/mutations.ts';
import { haveMirror, requireFreshBuild, skipReason } from './build.ts';
import { ROOT } from './global-setup.ts';

const SAMPLE: [string, Kind, RegExp][] = [
  ['prt_weekly_prison_population', 'empty body', /: expected rows under the header, found a header and no rows/],
  ['prt_weekly_prison_population', 'text in a number', /, row \d+, column population: expected a number or a suppression marker .*found 'n\/k'/],
  ['prt_weekly_prison_population', 'magnitude ×1000', /, row \d+, column prison_population_weekly\.population: expected a value of at least 1 and of at most 150000/],
  ['prt_weekly_prison_population', 'duplicated row', /, row \d+: expected each row once, found a copy of row \d+/],
  // The issue's case: an empty panel was reported as an error in the (innocent) safety table.
  ['prisoncap_monthly_establishments', 'empty body', /: expected rows under the header, found a header and no rows/],
  ['mhclg_iod2019_lad_summaries', 'empty body', /: expected rows under the header, found a header and no rows/],
  // A document bulletin the parser leaves out is refused with the parser's reason, naming the paragraph (about 15 s: the estate is read again).
  ['hmpps_bulletin_2013_06', 'text in a number', /\.rtf: expected rows from this file in the tidy tables, found none: the parser left it out, saying: .*\.rtf, (sheet )?paragraph \d+.*'n\/k'/],
];

describe.skipIf(!haveMirror)(`mutation corpus sample (real files)${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  let h: MutationHarness;
  beforeAll(async () => {
    requireFreshBuild();
    h = await MutationHarness.open(ROOT, join(ROOT, 'data/raw'), join(ROOT, 'tests/bad-inputs/work/mutations-sample'));
  }, 120_000);

  it.each(SAMPLE)('%s, %s: refused naming the file and cell', async (fileId, kind, says) => {
    const o = await h.run(fileId, kind);
    expect(o.result, o.message).toBe('refused');
    expect(o.message.startsWith(o.path), `names ${o.path} first: ${o.message}`).toBe(true);
    expect(o.message).toMatch(says);
  }, 120_000);
});
