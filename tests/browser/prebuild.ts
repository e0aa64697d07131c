/**
 * Run by tests/all.ts beside vitest, once the test build is made. `site`: data/build if missing and
 * the site if dist/ is missing; `hostile`: the hostile-data site for the security suite (from
 * data/build, so after `site`). Output goes to the caller, which shows it only when something fails.
 */
import { buildHostileSite, ensureDataBuild, ensureSite, HOSTILE_SITE } from './prepare.ts';

const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(0);
const what = process.argv[2];
if (what === 'site') {
  ensureDataBuild();
  ensureSite();
  console.log(`site ready in ${seconds()} s`);
} else if (what === 'hostile') {
  buildHostileSite();
  console.log(`hostile-data site built in ${HOSTILE_SITE} in ${seconds()} s`);
} else {
  console.error(`usage: tsx tests/browser/prebuild.ts site|hostile (found '${what ?? ''}')`);
  process.exit(2);
}
