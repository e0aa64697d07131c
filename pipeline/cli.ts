/**
 * npm run pipeline [-- --refresh] [--mirror DIR] [--no-mirror] [--build DIR] [--cache DIR]
 *                  [--registry DIR] [--edition ID] [--edition-date YYYY-MM-DD] [--acquire-only]
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
  const known = ['refresh', 'mirror', 'no-mirror', 'build', 'cache', 'registry', 'edition', 'edition-date', 'acquire-only', 'timeout-ms', 'attempts'];
  for (const k of args.keys()) if (!known.includes(k)) throw new PipelineError(`Unknown option --${k}. Known: ${known.map((o) => `--${o}`).join(', ')}.`);
  const str = (k: string) => (typeof args.get(k) === 'string' ? (args.get(k) as string) : undefined);

  const defaultMirror = process.env.JBA_MIRROR ?? resolve(ROOT, '../shared/data/raw');
  const mirror = args.has('no-mirror') ? null : resolve(str('mirror') ?? defaultMirror);
  const editionFile = JSON.parse(readFileSync(join(ROOT, 'data/edition.json'), 'utf8'));
  const edition = { id: str('edition') ?? editionFile.id, date: str('edition-date') ?? editionFile.date };

  const log = (m: string) => process.stdout.write(m + '\n');
  const warn = (m: string) => process.stdout.write(`  ⚠ ${m}\n`);
  log(`Justice by Area pipeline, edition ${edition.id} (${edition.date})`);
  if (mirror && !existsSync(mirror)) log(`  mirror ${mirror} not present: files not in the cache will be downloaded`);

  const summary = await run({
    root: ROOT,
    registryDir: resolve(str('registry') ?? join(ROOT, 'data/sources')),
    cacheDir: resolve(str('cache') ?? join(ROOT, 'data/raw')),
    mirrorDir: mirror && existsSync(mirror) ? mirror : null,
    buildDir: resolve(str('build') ?? join(ROOT, 'data/build')),
    refresh: args.has('refresh'),
    acquireOnly: args.has('acquire-only'),
    edition,
    timeoutMs: str('timeout-ms') ? Number(str('timeout-ms')) : undefined,
    attempts: str('attempts') ? Number(str('attempts')) : undefined,
    log,
    warn,
  });

  log('');
  log('Summary');
  for (const t of summary.tables) log(`  ${t.name.padEnd(34)} ${String(t.rows).padStart(8)} rows`);
  log(`  indicators: ${summary.indicators}, indicator values: ${summary.indicatorRows}`);
  log(`  warnings: ${summary.warnings.length}`);
  log(`  ${summary.changed ? 'new build written to data/build/' : 'no change: data/build/ is identical to the previous build'}`);
  log(`  time: ${summary.seconds.toFixed(1)} s`);
}

main().catch((e) => {
  const err = e as Error;
  const kind = err instanceof DataError ? 'Data error' : err instanceof PipelineError ? 'Pipeline error' : 'Unexpected error';
  process.stderr.write(`\n✗ ${kind}: ${err.message}\n`);
  if (!(err instanceof DataError || err instanceof PipelineError)) process.stderr.write(`${err.stack}\n`);
  process.stderr.write('The previous build in data/build/ (if any) is unchanged.\n');
  process.exit(1);
});
