/**
 * Real-data pipeline tests share one full build into data/test-build/ (git-ignored), made once per
 * test run from the mirror. When the mirror (../shared/data/raw) is absent, those tests skip with a
 * message; unit tests never need it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const MIRROR = process.env.JBA_MIRROR ?? resolve(ROOT, '../shared/data/raw');
export const TEST_BUILD = resolve(ROOT, 'data/test-build');
/** Written when the shared build fails, so real-data tests fail with the pipeline's own message while unit tests still run. */
export const BUILD_ERROR = resolve(ROOT, 'data/test-build.error');

export default function setup() {
  if (!existsSync(MIRROR)) {
    console.warn(`Mirror ${MIRROR} not found: real-data pipeline tests will be skipped.`);
    return;
  }
  rmSync(BUILD_ERROR, { force: true });
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
  }
}
