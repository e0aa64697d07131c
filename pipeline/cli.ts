/**
 * npm run pipeline [-- --refresh] [--mirror DIR] [--no-mirror] [--build DIR] [--cache DIR]
 *                  [--registry DIR] [--edition ID] [--edition-date YYYY-MM-DD] [--acquire-only]
 *                  [--offline] [--no-reuse] [--timeout-ms N] [--attempts N] [--extra-indicators DIR]
 * Updating the data (README "Updating the data"):
 *   --discover               ask every series' publisher what it lists; write data/sources/_proposed/
 *   --accept ID [ID …]       download proposed files, register them and build (all or nothing)
 *   --add-file FILE_ID PATH  register a copy downloaded by hand for a registered file id, and build
 *
 * Exit code 0 on success, 1 on any error (for --discover: any series that could not be read); the
 * previous build in data/build/ and the registry are kept on failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, PipelineError } from '../src/errors.ts';
import { acceptProposals, addFile } from './discover/accept.ts';
import { discover, formatDiscovery } from './discover/index.ts';
import { run, type RunSummary } from './run.ts';

const ROOT = resolve(new URL('..', import.meta.url).pathname);

/** Options that take several values: everything up to the next option. */
const LIST_OPTIONS = new Set(['accept', 'add-file']);

function parseArgs(argv: string[]) {
  const args = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new PipelineError(`Unexpected argument '${a}'. Options start with --.`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (LIST_OPTIONS.has(key)) {
      const values = inline !== undefined ? [inline] : [];
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) values.push(argv[++i]);
      lists.set(key, values);
      args.set(key, true);
    } else if (inline !== undefined) args.set(key, inline);
    else if (argv[i + 1] && !argv[i + 1].startsWith('--')) args.set(key, argv[++i]);
    else args.set(key, true);
  }
  return { args, lists };
}

async function main() {
  const { args, lists } = parseArgs(process.argv.slice(2));
  const known = ['refresh', 'mirror', 'no-mirror', 'build', 'cache', 'registry', 'edition', 'edition-date', 'acquire-only', 'timeout-ms', 'attempts', 'offline', 'no-reuse', 'extra-indicators', 'discover', 'accept', 'add-file'];
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

  const registryDir = resolve(str('registry') ?? join(ROOT, 'data/sources'));
  const changes = ['discover', 'accept', 'add-file'].filter((m) => args.has(m));
  const others = ['refresh', 'acquire-only'].filter((m) => args.has(m));
  if (changes.length > 1 || (changes.length && others.length)) throw new PipelineError(`--${[...changes, ...others].join(' and --')} cannot be combined: run them one after the other.`);
  if (args.has('offline') && (args.has('discover') || args.has('accept'))) throw new PipelineError(`--${args.has('discover') ? 'discover' : 'accept'} asks the publishers, and --offline forbids it: choose one.`);

  if (args.has('discover')) {
    const summary = await discover({ registryDir, timeoutMs: positive('timeout-ms') ?? 30_000, attempts: positive('attempts') ?? 3, log });
    log('');
    log(formatDiscovery(summary));
    log('');
    log(`Answers saved to ${join(registryDir, '_proposed')}. The registry and the build were not changed.`);
    if (summary.failed.length) process.exitCode = 1;
    return;
  }

  const options = {
    root: ROOT,
    registryDir,
    cacheDir: resolve(str('cache') ?? join(ROOT, 'data/raw')),
    mirrorDir: mirror && existsSync(mirror) ? mirror : null,
    buildDir,
    offline: args.has('offline'),
    noReuse: args.has('no-reuse'),
    extraIndicatorsDir: str('extra-indicators') ? resolve(str('extra-indicators')!) : undefined,
    edition,
    timeoutMs: positive('timeout-ms'),
    attempts: positive('attempts'),
    log,
    warn,
  };
  let summary: RunSummary;
  if (args.has('accept')) {
    summary = await acceptProposals(lists.get('accept') ?? [], options);
    log(`  accepted ${(lists.get('accept') ?? []).join(', ')}: registered in ${registryDir} and built`);
  } else if (args.has('add-file')) {
    const values = lists.get('add-file') ?? [];
    if (values.length !== 2) throw new PipelineError(`--add-file takes a registered file id and the path of your copy (--add-file FILE_ID PATH); found ${values.length} value(s).`);
    const added = await addFile(values[0], resolve(values[1]), options);
    if (added.kind === 'already_held') {
      log(`  ${added.file.id} is already held with exactly this file (same sha256): nothing to do.`);
      return;
    }
    summary = added.summary;
    log(`  ${added.file.id}: your copy is in the cache as ${added.path}, its sha256 and size are in data/sources/${added.file.dataset.id}.json, and the build used it`);
  } else {
    summary = await run({ ...options, refresh: args.has('refresh'), acquireOnly: args.has('acquire-only') });
  }

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
