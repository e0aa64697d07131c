/**
 * Real-data pipeline tests share one full build into data/test-build/ (git-ignored), made once per
 * test run from the mirror. When the mirror (../shared/data/raw) is absent, those tests skip with a
 * message; unit tests never need it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const MIRROR = process.env.JBA_MIRROR ?? resolve(ROOT, '../shared/data/raw');
export const TEST_BUILD = resolve(ROOT, 'data/test-build');

export default function setup() {
  if (!existsSync(MIRROR)) {
    console.warn(`Mirror ${MIRROR} not found: real-data pipeline tests will be skipped.`);
    return;
  }
  execFileSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', '--build', TEST_BUILD, '--mirror', MIRROR], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
