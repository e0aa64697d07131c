/**
 * Real-data pipeline tests share one full build into data/test-build/ (git-ignored), made once per
 * test run from the mirror. When the mirror (../shared/data/raw) is absent, those tests skip with a
 * message on a developer's machine; under CI (CI set) the run fails instead, naming the folder, so a
 * suite that skipped its real-data tests can never pass as green. Unit tests never need it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const MIRROR = process.env.JBA_MIRROR ?? resolve(ROOT, '../shared/data/raw');
export const TEST_BUILD = resolve(ROOT, 'data/test-build');
/** Written when the shared build fails, so real-data tests fail with the pipeline's own message while unit tests still run. */
export const BUILD_ERROR = resolve(ROOT, 'data/test-build.error');
/** Written when the shared build succeeded: the sha256 of the manifest this run built (or found up to date). */
export const BUILD_OK = resolve(ROOT, 'data/test-build.ok');
/** The fixture world (tests/pipeline/fixture-world.ts), built on the shared test build by its first reader in a run. */
export const WORLD = resolve(ROOT, 'data/fixture-world');
export const WORLD_LOCK = `${WORLD}.building`;

export function manifestHash(build = TEST_BUILD): string | null {
  const m = join(build, 'manifest.json');
  return existsSync(m) ? createHash('sha256').update(readFileSync(m)).digest('hex') : null;
}

export default function setup() {
  rmSync(BUILD_ERROR, { force: true });
  rmSync(BUILD_OK, { force: true });
  // A world built on an earlier run's test build must not be read by this run.
  rmSync(WORLD, { recursive: true, force: true });
  rmSync(WORLD_LOCK, { recursive: true, force: true });
  if (!existsSync(MIRROR)) {
    if (process.env.CI) throw new Error(`The raw mirror ${MIRROR} is missing: the real-data pipeline tests need it (set JBA_MIRROR, or lay shared/data/raw beside the repository). Under CI they may not skip.`);
    console.warn(`Mirror ${MIRROR} not found: real-data pipeline tests will be skipped.`);
    return;
  }
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', '--offline', '--build', TEST_BUILD, '--mirror', MIRROR], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? e);
    process.stderr.write(stderr);
    writeFileSync(BUILD_ERROR, stderr);
    return;
  }
  writeFileSync(BUILD_OK, manifestHash() ?? 'no manifest');
}
