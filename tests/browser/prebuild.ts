/**
 * Run by tests/all.ts beside vitest, once the test build is made: data/build if missing, the site
 * if dist/ is missing, and the hostile-data site for the security suite. Output goes to the caller
 * (which keeps it in a log and shows it only when something fails).
 */
import { buildHostileSite, ensureDataBuild, ensureSite, HOSTILE_SITE } from './prepare.ts';

const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(0);
ensureDataBuild();
ensureSite();
console.log(`site ready after ${seconds()} s`);
buildHostileSite();
console.log(`hostile-data site built in ${HOSTILE_SITE} after ${seconds()} s`);
