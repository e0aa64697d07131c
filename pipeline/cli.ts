/**
 * npm run pipeline [-- --refresh] [--mirror DIR] [--no-mirror] [--build DIR] [--cache DIR]
 *                  [--registry DIR] [--edition ID] [--edition-date YYYY-MM-DD] [--acquire-only]
 *                  [--offline] [--no-reuse] [--timeout-ms N] [--attempts N] [--extra-indicators DIR]
 *
 * Exit code 0 on success, 1 on any error; the previous build in data/build/ is kept on failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, PipelineError } from '../src/errors.ts';
import { run } from './run.ts';

const ROOT = resolve(new URL('..', import.meta.url).pathname);

function parseArgs(argv: string[]) {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new PipelineError(`Unexpected argument '${a}'. Options start with --.`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) args.set(key, inline);
    else if (argv[i + 1] && !argv[i + 1].startsWith('--')) args.set(key, argv[++i]);
    else args.set(key, true);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const known = ['refresh', 'mirror', 'no-mirror', 'build', 'cache', 'registry', 'edition', 'edition-date', 'acquire-only', 'timeout-ms', 'attempts', 'offline', 'no-reuse', 'extra-indicators'];
  for (const k of args.keys()) if (!known.includes(k)) throw new PipelineError(`Unknown option --${k}. Known: ${known.map((o) => `--${o}`).join(', ')}.`);
  const str = (k: string) => (typeof args.get(k) === 'string' ? (args.get(k) as string) : undefined);

  const defaultMirror = process.env.JBA_MIRROR ?? resolve(ROOT, '../shared/data/raw');
  const mirror = args.has('no-mirror') ? null : resolve(str('mirror') ?? defaultMirror);
  const editionFile = JSON.parse(readFileSync(join(ROOT, 'data/edition.json'), 'utf8'));
  const edition = { id: str('edition') ?? editionFile.id, date: str('edition-date') ?? editionFile.date };
  if (!/^[0-9A-Za-z][0-9A-Za-z._-]*$/.test(String(edition.id))) throw new PipelineError(`The edition id '${edition.id}' should be letters, digits, dots or dashes (e.g. 2026.1).`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(edition.date)) || Number.isNaN(Date.parse(edition.date))) {
    throw new PipelineError(`The edition date '${edition.date}' should be a date written YYYY-MM-DD.`);
  }
  const positive = (k: string) => {
    const v = str(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new PipelineError(`--${k} needs a whole number of at least 1, not '${v}'.`);
    return n;
  };
  const buildDir = resolve(str('build') ?? join(ROOT, 'data/build'));

  const log = (m: string) => process.stdout.write(m + '\n');
  const warn = (m: string) => process.stdout.write(`  ⚠ ${m}\n`);
  log(`Justice by Area pipeline, edition ${edition.id} (${edition.date})`);
  if (mirror && !existsSync(mirror)) log(`  mirror ${mirror} not present: files not in the cache will be downloaded`);

  const summary = await run({
    root: ROOT,
    registryDir: resolve(str('registry') ?? join(ROOT, 'data/sources')),
    cacheDir: resolve(str('cache') ?? join(ROOT, 'data/raw')),
    mirrorDir: mirror && existsSync(mirror) ? mirror : null,
    buildDir,
    refresh: args.has('refresh'),
    acquireOnly: args.has('acquire-only'),
    offline: args.has('offline'),
    noReuse: args.has('no-reuse'),
    extraIndicatorsDir: str('extra-indicators') ? resolve(str('extra-indicators')!) : undefined,
    edition,
    timeoutMs: positive('timeout-ms'),
    attempts: positive('attempts'),
    log,
    warn,
  });

  log('');
  log('Summary');
  if (args.has('acquire-only')) {
    log('  acquire only: nothing was built');
  } else {
    for (const t of summary.tables) log(`  ${t.name.padEnd(34)} ${String(t.rows).padStart(8)} rows`);
    const totalRows = summary.tables.reduce((s, t) => s + t.rows, 0);
    log(`  tables: ${summary.tables.length}, rows: ${totalRows}; indicators: ${summary.indicators}, indicator values: ${summary.indicatorRows}`);
    if (summary.parsersReused.length) log(`  parsed rows reused (inputs and code unchanged): ${summary.parsersReused.join(', ')}`);
    log(
      `  ${summary.reused ? `no change: inputs, code and edition are those of the build in ${buildDir}, left as it was` : summary.changed ? `new build written to ${buildDir}` : `rebuilt: ${buildDir} is byte-identical to the previous build`}`,
    );
  }
  log(`  warnings: ${summary.warnings.length}`);
  for (const w of summary.warnings) log(`    - ${w}`);
  // CPU time next to elapsed time: on a busy machine the two differ a lot, and CPU is what the code costs.
  const cpu = process.cpuUsage();
  log(`  time: ${summary.seconds.toFixed(1)} s (${summary.stages.map((s) => `${s.name} ${s.seconds.toFixed(1)}`).join(', ')}); CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
}

main().catch((e) => {
  const err = e as Error;
  const kind = err instanceof DataError ? 'Data error' : err instanceof PipelineError ? 'Pipeline error' : 'Unexpected error';
  process.stderr.write(`\n✗ ${kind}: ${err.message}\n`);
  if (!(err instanceof DataError || err instanceof PipelineError)) process.stderr.write(`${err.stack}\n`);
  process.stderr.write('Nothing was published: the previous build (if any) is unchanged.\n');
  process.exit(1);
});
