/**
 * npm test: every test. vitest first (unit and pipeline tests; its global setup makes the shared
 * test build), then the browser suites (the site, the SQL explorer, security), each printing its own
 * "N passed, M failed". vitest runs one worker on a two-core machine, so the sites the browser suites
 * need (tests/browser/prebuild.ts: data/build, dist/ when missing, the hostile-data site) are built
 * beside it, starting as soon as the test build exists. A failure anywhere fails the command, with
 * the failing part's output shown; the phase times are printed at the end.
 *
 *   npm test                 everything
 *   npm run test:unit        vitest only;  npm run test:browser  the browser suites only
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_OK, ROOT } from './pipeline/global-setup.ts';
import { HOSTILE_SITE } from './browser/prepare.ts';

const t0 = performance.now();
const at = () => (performance.now() - t0) / 1000;
const times: string[] = [];
const LOG = join(ROOT, 'test-results/prebuild.log');

interface Run { child: ChildProcess; done: Promise<{ code: number; output: string }> }

function start(args: string[], opts: { capture?: boolean; env?: Record<string, string> } = {}): Run {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: opts.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: opts.capture });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const done = new Promise<{ code: number; output: string }>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
  return { child, done };
}

async function phase(name: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const from = at();
  console.log(`\n== ${name}`);
  const { code } = await start(args, { env }).done;
  times.push(`${name}: ${(at() - from).toFixed(0)} s`);
  return code;
}

function finish(code: number): never {
  console.log(`\n== test phases: ${times.join('; ')}; total ${at().toFixed(0)} s`);
  process.exit(code);
}

// A test build left by an earlier run must not start the site build: only this run's setup writes it.
rmSync(BUILD_OK, { force: true });
mkdirSync(join(ROOT, 'test-results'), { recursive: true });

console.log('== vitest (unit and pipeline tests), with the sites for the browser suites built beside it');
const vitest = start([join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run']);
let vitestCode: number | null = null;
void vitest.done.then((r) => (vitestCode = r.code));

// The prebuild starts once the test build exists (or when vitest ends without one: no mirror).
while (!existsSync(BUILD_OK) && vitestCode === null) await new Promise((r) => setTimeout(r, 1000));
const prebuildFrom = at();
const prebuild = start(['--import', 'tsx', join(ROOT, 'tests/browser/prebuild.ts')], { capture: true });

const v = await vitest.done;
times.push(`vitest: ${at().toFixed(0)} s`);
if (v.code !== 0) {
  // Process group: astro's own children go too.
  try { process.kill(-prebuild.child.pid!, 'SIGTERM'); } catch { /* already ended */ }
  console.error('\nvitest failed: the browser suites were not run.');
  finish(v.code);
}
const p = await prebuild.done;
writeFileSync(LOG, p.output);
times.push(`sites built beside vitest: ${(at() - prebuildFrom).toFixed(0)} s from ${prebuildFrom.toFixed(0)} s`);
if (p.code !== 0) {
  console.error(`\nBuilding the sites for the browser suites failed (log: ${LOG}):\n${p.output.slice(-4000)}`);
  finish(1);
}

const suites: [string, string, Record<string, string>][] = [
  ['browser: the site', 'tests/browser/run.ts', {}],
  ['browser: the SQL explorer', 'tests/browser/explore.ts', {}],
  ['browser: security', 'tests/browser/security.ts', { JBA_SECURITY_FIXTURE_DIST: HOSTILE_SITE }],
];
let failed = 0;
for (const [name, file, env] of suites) if ((await phase(name, ['--import', 'tsx', join(ROOT, file)], env)) !== 0) failed++;
if (failed) console.error(`\n${failed} browser suite(s) failed.`);
finish(failed ? 1 : 0);
