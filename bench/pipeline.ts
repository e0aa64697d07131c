/**
 * npm run bench:pipeline — times the real CLI on this machine and prints the figures (never asserts
 * them; the targets are 30 s cold and 5 s for a rebuild with no change).
 *   cold:       empty cache, mirror present, fresh build folder (everything parsed and built)
 *   reparse-free: warm cache (parsed rows reused), fresh build folder (indicators and publish only)
 *   no change:  the same again into the same build folder (inputs verified, nothing rebuilt)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const OUT = join(ROOT, 'bench/out/pipeline');
const MIRROR = process.env.JBA_MIRROR ?? resolve(ROOT, '../shared/data/raw');

const cpuOf: Record<string, number> = {};

function run(label: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', '--offline', '--mirror', MIRROR, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`${label}: the pipeline failed (exit ${r.status})`);
  }
  const stages = /time: [\d.]+ s \(([^)]*)\)/.exec(r.stdout)?.[1] ?? '';
  cpuOf[label] = Number(/CPU ([\d.]+) s/.exec(r.stdout)?.[1] ?? NaN);
  console.log(`${label.padEnd(40)} ${seconds.toFixed(1).padStart(7)} s elapsed, ${cpuOf[label].toFixed(1).padStart(6)} s CPU   ${stages}`);
  return seconds;
}

if (!existsSync(MIRROR)) {
  console.log(`bench:pipeline skipped: the mirror ${MIRROR} is not present.`);
  process.exit(0);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const cache = join(OUT, 'cache');
console.log(`bench:pipeline on ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('(wall-clock time of the whole CLI process, Node start-up included; stage times as the CLI reports them)');
const cold = run('cold full run (empty cache)', ['--cache', cache, '--build', join(OUT, 'build')]);
const warm = run('warm cache, fresh build folder', ['--cache', cache, '--build', join(OUT, 'build2')]);
const same = run('no-change rebuild', ['--cache', cache, '--build', join(OUT, 'build')]);
console.log('');
const cpu = (l: string) => `${cpuOf[l].toFixed(1)} s CPU in the pipeline process`;
console.log(`cold full run:      ${cold.toFixed(1)} s elapsed, ${cpu('cold full run (empty cache)')} (target 30 s)`);
console.log(`warm, fresh build:  ${warm.toFixed(1)} s elapsed, ${cpu('warm cache, fresh build folder')}`);
console.log(`no-change rebuild:  ${same.toFixed(1)} s elapsed, ${cpu('no-change rebuild')} (target 5 s)`);
console.log(`load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}: elapsed times on a shared machine include waiting for a CPU.`);
rmSync(OUT, { recursive: true, force: true });
