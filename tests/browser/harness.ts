/**
 * The one harness the browser checks share (tests/browser/run.ts, explore.ts, security.ts): which
 * build is tested, how a check's problems are recorded and printed, and the closing line CI reads,
 * "N passed, M failed". A check is a function returning its problems in words; none is a pass.
 *
 *   JBA_DIST=<dir>   the built site to test (default dist/), e.g. one made with
 *                    `npx astro build --outDir <dir>` while dist/ is someone else's
 *   JBA_ONLY=<words> run only the checks whose name contains these words
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = resolve(process.env.JBA_DIST ?? join(ROOT, 'dist'));
/** Screenshots and other artefacts of a run. */
export const OUT = join(ROOT, 'test-results');

export type Check = (name: string, fn: () => Promise<string[]>) => Promise<void>;

export interface Harness {
  check: Check;
  /** A result worked out elsewhere (a list of problems; empty means passed). */
  record: (name: string, problems: string[]) => void;
  /** Prints "N passed, M failed" and returns the exit code. */
  summary: () => number;
}

const SHOWN = 15;

export function harness(only = process.env.JBA_ONLY): Harness {
  const results: { name: string; ok: boolean }[] = [];
  const record = (name: string, problems: string[]) => {
    const ok = problems.length === 0;
    results.push({ name, ok });
    const detail = problems.slice(0, SHOWN).join('\n    ') + (problems.length > SHOWN ? `\n    … and ${problems.length - SHOWN} more` : '');
    console.log(`${ok ? '✓' : '✗'} ${name}${ok ? '' : `\n    ${detail}`}`);
  };
  const check: Check = async (name, fn) => {
    if (only && !name.includes(only)) return;
    const started = Date.now();
    let problems: string[];
    try {
      problems = await fn();
    } catch (err) {
      // An assertion's message says what is wrong; the first frame says where.
      const e = err as Error;
      const frame = e.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
      problems = [`threw: ${e.message ?? String(err)}${frame ? ` (${frame})` : ''}`];
    }
    record(`${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`, problems);
  };
  const summary = () => {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  };
  return { check, record, summary };
}

/** True when this module file is the script node was started with (not imported by another). */
export const isMain = (metaUrl: string) => !!process.argv[1] && metaUrl === pathToFileURL(process.argv[1]).href;

/** Runs a suite with a fresh harness and exits with its result; a crash outside any check is one failure. */
export function runSuite(suite: (h: Harness) => Promise<void>): void {
  const h = harness();
  suite(h).then(
    () => process.exit(h.summary()),
    (err: unknown) => {
      console.error(err);
      h.record('the suite ran to its end', [String((err as Error)?.stack ?? err)]);
      process.exit(h.summary());
    },
  );
}
