/**
 * The published figures are those accepted in tests/pipeline/published-figures.txt: every table,
 * every indicator's rows and every definition. A reshaping of the code must leave them as they are;
 * an intended change is accepted by regenerating the file (see figures.ts) and stated in the commit.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLines, figureLines, readAccepted } from './figures.ts';
import { haveMirror } from './build.ts';
import { BUILD_ERROR, TEST_BUILD } from './global-setup.ts';

describe.skipIf(!haveMirror)('published figures (shared test build)', () => {
  it('every table, indicator and definition is as accepted in published-figures.txt', () => {
    expect(existsSync(BUILD_ERROR), 'the shared test build failed').toBe(false);
    expect(existsSync(join(TEST_BUILD, 'manifest.json')), 'the shared test build is missing').toBe(true);
    const changed = compareLines(readAccepted(), figureLines(TEST_BUILD));
    expect(
      changed,
      'Published figures differ from tests/pipeline/published-figures.txt. If intended, run `npx tsx tests/pipeline/figures.ts write data/test-build` and state the change in the commit; `figures.ts diff OLD NEW` shows the rows.',
    ).toEqual([]);
  });
});

describe('figure lines', () => {
  it('name what changed, appeared or disappeared', () => {
    const accepted = ['table a rows=1 sha256=x', 'values v rows=2 sha256=y', 'values w rows=1 sha256=z'];
    const built = ['table a rows=1 sha256=x', 'values v rows=2 sha256=q', 'values n rows=5 sha256=r'];
    expect(compareLines(accepted, built)).toEqual([
      'values n: (absent) → rows=5 sha256=r',
      'values v: rows=2 sha256=y → rows=2 sha256=q',
      'values w: rows=1 sha256=z → (absent)',
    ]);
  });
});
