/**
 * npm test: every test. vitest (unit and pipeline tests; its global setup makes the shared test
 * build) and the browser suites (the site, the SQL explorer, security), each printing its own
 * "N passed, M failed". vitest runs one worker on a two-core machine, so the browser side runs
 * beside it as soon as the test build exists, in two chains:
 *   site:     data/build and dist/ if missing (tests/browser/prebuild.ts site), the site suite, the explorer suite
 *   security: after the site, the hostile-data site (prebuild.ts hostile), the security suite
 * The browser chains' output is kept and printed, a part at a time, once vitest has finished. A
 * failure anywhere fails the command (a chain stops at its first failure); the phase times are
 * printed at the end.
 *
 *   npm test                 everything
 *   npm run test:unit        vitest only;  npm run test:browser  the browser suites only, one after another
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_OK, ROOT } from './pipeline/global-setup.ts';
import { HOSTILE_SITE } from './browser/prepare.ts';

const t0 = performance.now();
const at = () => (performance.now() - t0) / 1000;
const times: string[] = [];

interface Part { name: string; code: number; output: string; from: number; to: number }

function run(args: string[], opts: { capture: boolean; env?: Record<string, string> }): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: opts.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const tsx = (file: string, ...rest: string[]) => ['--import', 'tsx', join(ROOT, file), ...rest];

/** Steps run one after another, output kept; the chain stops at the first step that fails. */
async function chain(steps: [string, string[], Record<string, string>?][], after?: Promise<boolean>): Promise<Part[]> {
  const parts: Part[] = [];
  if (after && !(await after)) return parts;
  for (const [name, args, env] of steps) {
    const from = at();
    const r = await run(args, { capture: true, env });
    parts.push({ name, ...r, from, to: at() });
    if (r.code !== 0) break;
  }
  return parts;
}

// A test build left by an earlier run must not start the browser side: only this run's setup writes it.
rmSync(BUILD_OK, { force: true });
mkdirSync(join(ROOT, 'test-results'), { recursive: true });

console.log('== vitest (unit and pipeline tests); the browser suites run beside it once the test build exists');
let vitestDone = false;
const vitest = run([join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], { capture: false }).then((r) => ((vitestDone = true), r));
// Without a mirror there is no test build: the browser side starts when vitest ends (and builds data/build itself).
const testBuild = (async () => { while (!existsSync(BUILD_OK) && !vitestDone) await new Promise((r) => setTimeout(r, 1000)); })();

let siteReady: (ok: boolean) => void = () => {};
const siteBuilt = new Promise<boolean>((r) => (siteReady = r));
const siteChain = testBuild.then(async () => {
  const parts = await chain([['sites: data/build and dist/ when missing', tsx('tests/browser/prebuild.ts', 'site')]]);
  siteReady(parts[0]?.code === 0);
  if (parts[0]?.code !== 0) return parts;
  return [...parts, ...(await chain([
    ['browser: the site', tsx('tests/browser/run.ts')],
    ['browser: the SQL explorer', tsx('tests/browser/explore.ts')],
  ]))];
});
const securityChain = chain([
  ['sites: the hostile-data site', tsx('tests/browser/prebuild.ts', 'hostile')],
  ['browser: security', tsx('tests/browser/security.ts'), { JBA_SECURITY_FIXTURE_DIST: HOSTILE_SITE }],
], siteBuilt);

const v = await vitest;
times.push(`vitest ${at().toFixed(0)} s`);
let failed = v.code === 0 ? 0 : 1;
const parts = [...(await siteChain), ...(await securityChain)];
for (const p of parts) {
  const building = p.name.startsWith('sites:');
  // A site build's log is long and only matters when it failed; a suite's lines are the result.
  console.log(`\n== ${p.name} (${(p.to - p.from).toFixed(0)} s, from ${p.from.toFixed(0)} s)`);
  if (!building || p.code !== 0) process.stdout.write(p.output.slice(building ? -4000 : 0));
  else console.log(p.output.trim().split('\n').at(-1));
  times.push(`${p.name} ${(p.to - p.from).toFixed(0)} s`);
  if (p.code !== 0) failed++;
}
const expected = 5; // two site builds and three suites
if (parts.length < expected && failed === 0) {
  console.error(`only ${parts.length} of the ${expected} browser-side steps ran`);
  failed++;
}
console.log(`\n== test phases: ${times.join('; ')}; total ${at().toFixed(0)} s`);
if (failed) console.error(`${failed} part(s) failed.`);
process.exit(failed ? 1 : 0);
