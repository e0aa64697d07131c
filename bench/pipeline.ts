/**
 * npm run bench:pipeline — times the real CLI on this machine and prints the figures (never asserts
 * them; the targets are 30 s cold and 5 s for a rebuild with no change).
 *   cold:       empty cache, mirror present, fresh build folder (everything parsed and built)
 *   reparse-free: warm cache (parsed rows reused), fresh build folder (indicators and publish only)
 *   no change:  the same again into the same build folder (inputs verified, nothing rebuilt)
 *   every fixture source: the fixture world (tests/pipeline/fixture-world.ts) cold: empty cache and
 *               build folder, the real files from the mirror plus a fixture copy of every file with
 *               a parser that the project does not hold, one going in through --add-file
 *   accept:     --accept of three new releases from the tests' fake publisher on 127.0.0.1 (police
 *               workforce, prison bulletin, ONS crime tables): download, register, reparse those
 *               series and rebuild (tests/pipeline/publisher.ts writes the files)
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareWorld } from '../tests/pipeline/fixture-world.ts';
import { FakePublisher, fixtureReleases, registryPointingAt, serveReleases } from '../tests/pipeline/publisher.ts';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const OUT = join(ROOT, 'bench/out/pipeline');
const MIRROR = process.env.JBA_MIRROR ?? resolve(ROOT, '../shared/data/raw');

const cpuOf: Record<string, number> = {};

// Asynchronous, so that the fake publisher in this process can answer the pipeline's requests.
function spawnCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', '--mirror', MIRROR, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) =>
      done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

async function run(label: string, args: string[], offline = true): Promise<number> {
  const t0 = performance.now();
  const r = await spawnCli([...(offline ? ['--offline'] : []), ...args]);
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
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
const cold = await run('cold full run (empty cache)', ['--cache', cache, '--build', join(OUT, 'build')]);
const warm = await run('warm cache, fresh build folder', ['--cache', cache, '--build', join(OUT, 'build2')]);
const same = await run('no-change rebuild', ['--cache', cache, '--build', join(OUT, 'build')]);
// The fixture files are made from the cold build's figures; the world's own cache and build start empty.
const world = prepareWorld(join(OUT, 'world'), join(OUT, 'build'), { seedCache: false, seedBuild: false });
const everySource = await run('every fixture source, cold', world.args);

// Updating the data: the fake publisher lists three new releases; discover, then time the accept.
const publisher = await new FakePublisher().start();
serveReleases(publisher, fixtureReleases(join(OUT, 'build'), MIRROR));
const sources = join(OUT, 'sources');
registryPointingAt(join(ROOT, 'data/sources'), sources, publisher.base);
const live = ['--registry', sources, '--cache', cache, '--build', join(OUT, 'build'), '--timeout-ms', '2000', '--attempts', '1'];
await spawnCli([...live, '--discover']); // exits 1: the series the fake publisher does not serve answer 404
const ACCEPTED = ['police_workforce_2019_09_30', 'hmpps_bulletin_2025_01', 'ons_crime_pfa_ye_mar2020'];
const accept = await run(`accept ${ACCEPTED.length} fixture releases`, [...live, '--accept', ...ACCEPTED], false);
await publisher.stop();
console.log('');
const cpu = (l: string) => `${cpuOf[l].toFixed(1)} s CPU in the pipeline process`;
console.log(`cold full run:      ${cold.toFixed(1)} s elapsed, ${cpu('cold full run (empty cache)')} (target 30 s)`);
console.log(`warm, fresh build:  ${warm.toFixed(1)} s elapsed, ${cpu('warm cache, fresh build folder')}`);
console.log(`no-change rebuild:  ${same.toFixed(1)} s elapsed, ${cpu('no-change rebuild')} (target 5 s)`);
console.log(`every fixture source, cold: ${everySource.toFixed(1)} s elapsed, ${cpu('every fixture source, cold')} (target 30 s; compare: cold full run ${cold.toFixed(1)} s)`);
console.log(`accept releases:    ${accept.toFixed(1)} s elapsed, ${cpu(`accept ${ACCEPTED.length} fixture releases`)} (download, register, reparse 3 series, rebuild; compare: warm, fresh build ${warm.toFixed(1)} s)`);
console.log(`load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}: elapsed times on a shared machine include waiting for a CPU.`);
rmSync(OUT, { recursive: true, force: true });
