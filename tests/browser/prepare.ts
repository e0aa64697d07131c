/**
 * What the browser suites test, made when it is missing: data/build (on a fresh clone, a copy of the
 * test build vitest has just made from the same registry and mirror), the site in dist/, and the
 * security suite's hostile-data site. tests/browser/run.ts calls ensureDataBuild and ensureSite;
 * tests/all.ts runs tests/browser/prebuild.ts beside vitest, so that the sites build while the
 * pipeline tests run (vitest uses one worker on a two-core machine).
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_OK, manifestHash, TEST_BUILD } from '../pipeline/global-setup.ts';
import { DIST, ROOT } from './harness.ts';
import { buildSite, hostilePages, makeHostileBuild } from './security.ts';

/** Where tests/all.ts has the hostile-data site built; the security suite reads it from JBA_SECURITY_FIXTURE_DIST. */
export const HOSTILE_SITE = join(ROOT, 'test-results/hostile-site');

/** The test build is usable when the last vitest run built it and it has not changed since. */
export const testBuildIsFresh = () => existsSync(BUILD_OK) && readFileSync(BUILD_OK, 'utf8') === manifestHash(TEST_BUILD);

export function ensureDataBuild(log: (s: string) => void = console.log): void {
  if (existsSync(join(ROOT, 'data/build/manifest.json'))) return;
  // A fresh clone has only the test build that vitest made; the site is built from data/build/.
  if (testBuildIsFresh()) {
    // vitest's global setup has just built data/test-build from the same registry and mirror
    // (the determinism test shows a build is the same bytes wherever it is written): a copy saves a run.
    log('data/build/ is missing: copying data/test-build/, which vitest built from the same registry and mirror.');
    cpSync(TEST_BUILD, join(ROOT, 'data/build'), { recursive: true });
  } else {
    log('data/build/ is missing: running `npm run pipeline` once.');
    execSync('npm run pipeline', { cwd: ROOT, stdio: 'inherit' });
  }
}

export function ensureSite(log: (s: string) => void = console.log): void {
  if (existsSync(join(DIST, 'index.html'))) return;
  if (process.env.JBA_DIST) throw new Error(`JBA_DIST=${process.env.JBA_DIST} has no index.html: build the site there first (npx astro build --outDir ${process.env.JBA_DIST}).`);
  log('dist/ is missing: running `npm run build` once.');
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
}

/** The hostile-data site (tests/browser/security.ts, part 3), built from data/build into `dir`. */
export function buildHostileSite(dir = HOSTILE_SITE): void {
  const work = `${dir}.data`;
  rmSync(dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  const targets = makeHostileBuild(join(ROOT, 'data/build'), work);
  buildSite(work, dir, hostilePages(work, targets));
  rmSync(work, { recursive: true, force: true });
}
