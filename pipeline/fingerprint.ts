/**
 * Fingerprints that decide when work can be reused. Code is fingerprinted as a whole (every file
 * under pipeline/ and src/, plus package-lock.json): coarse on purpose, because a parser's output
 * depends on readers, geography and libraries too, and a stale reuse would publish a wrong number
 * quietly while a needless re-parse only costs seconds. The one cut: the stages after parsing
 * (AFTER_PARSING) are left out of the parsers' key, so editing a formula or a page of the package
 * re-runs the indicators but not the parsers. tests/unit/determinism.test.ts checks that no code the
 * parsers can reach imports anything in AFTER_PARSING, which is what makes the cut safe.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function walk(dir: string, out: string[]) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/**
 * `exclude` lists folders (relative to root) left out: the parse cache leaves out
 * pipeline/indicators/, which no parser imports, so editing an indicator does not re-parse sources.
 */
export function codeFingerprint(root: string, extraDirs: string[] = [], exclude: string[] = []): string {
  const h = createHash('sha256');
  let files: string[] = [];
  for (const d of ['pipeline', 'src']) if (existsSync(join(root, d))) walk(join(root, d), files);
  files = files.filter((f) => !exclude.some((x) => relative(join(root, x), f).split('/')[0] !== '..'));
  for (const d of extraDirs) if (existsSync(d)) walk(d, files);
  if (existsSync(join(root, 'package-lock.json'))) files.push(join(root, 'package-lock.json'));
  for (const f of files) {
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

/**
 * What runs after the parsed rows are validated, and so cannot change them: indicator definitions and
 * their shared SQL, derived tables, and the compute/package/publish stages.
 */
export const AFTER_PARSING = [
  'pipeline/indicators',
  'pipeline/derived',
  'pipeline/derived.ts',
  'pipeline/compute.ts',
  'pipeline/package.ts',
  'pipeline/publish.ts',
  'pipeline/arrow.ts',
  'pipeline/docs.ts',
];

/** The code part of every parser's cache key. */
export function parserCodeFingerprint(root: string): string {
  return codeFingerprint(root, [], AFTER_PARSING);
}

export function hashJson(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
