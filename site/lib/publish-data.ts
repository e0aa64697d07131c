/**
 * Copies the pipeline's downloadable outputs into dist/data/ and writes precompressed .br/.gz
 * siblings for every text file, so site/serve.ts (or any static host) can send them compressed.
 * Runs once, after Astro has written the pages, so the /data/ page and the files live side by side.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, gzip, constants } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import type { AstroIntegration } from 'astro';
import { BUILD_DIR } from './paths.ts';
import { allowInlineStyles } from './csp-hashes.ts';
import { isPartialBuild } from './partial.ts';

/** What /data/ offers for download: everything a reader needs to check a figure, nothing else. */
export const DOWNLOADS = ['tables', 'boundaries', 'datapackage.json', 'dictionary.md', 'CITATION.txt', 'manifest.json', 'indicators.json', 'sources.json', 'freshness.json'];

const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.geojson', '.csv', '.md', '.txt', '.svg', '.xml', '.wasm', '.arrow']);
// Below this size the compressed copy saves less than the extra file costs.
const MIN_BYTES = 1024;

export function copyDownloads(outDir: string): void {
  if (!existsSync(BUILD_DIR)) throw new Error(`${BUILD_DIR} does not exist: run \`npm run pipeline\` before \`npm run build\`.`);
  for (const name of DOWNLOADS) {
    const from = join(BUILD_DIR, name);
    if (!existsSync(from)) throw new Error(`${from} is missing from the pipeline build; run \`npm run pipeline\` again.`);
    cpSync(from, join(outDir, 'data', name), { recursive: true });
  }
  // The postcode search's index (site/components/PostcodeSearch.astro) exists only when the ONS Postcode Directory is held.
  if (existsSync(join(BUILD_DIR, 'postcodes'))) cpSync(join(BUILD_DIR, 'postcodes'), join(outDir, 'data', 'postcodes'), { recursive: true });
}

/** Every file under dir, depth first. */
export function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Brotli's top qualities take seconds per megabyte; big files (the DuckDB WebAssembly) get a faster setting. */
export function brotliQuality(bytes: number): number {
  if (bytes > 8e6) return 5;
  if (bytes > 1e6) return 7;
  return 10;
}

/**
 * Compressed copies are cached by content hash (in .astro/, which git ignores): the big files (data
 * tables, the DuckDB WebAssembly) rarely change between builds, and brotli is slow on them.
 */
export async function precompress(outDir: string, cacheDir?: string): Promise<{ files: number; bytes: number; cached: number }> {
  const targets = [...files(outDir)].filter((p) => COMPRESSIBLE.has(extname(p)) && statSync(p).size >= MIN_BYTES);
  let bytes = 0;
  let cached = 0;
  const used = new Set<string>();
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  // zlib's async calls run on the libuv thread pool, so files compress in parallel.
  await Promise.all(
    targets.map(async (path) => {
      const body = readFileSync(path);
      bytes += body.length;
      const key = cacheDir ? join(cacheDir, createHash('sha256').update(body).digest('hex')) : null;
      if (key) used.add(key);
      if (key && existsSync(`${key}.br`) && existsSync(`${key}.gz`)) {
        cpSync(`${key}.br`, `${path}.br`);
        cpSync(`${key}.gz`, `${path}.gz`);
        cached++;
        return;
      }
      const [b, g] = await Promise.all([
        brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality(body.length), [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gz(body, { level: 9 }),
      ]);
      writeFileSync(`${path}.br`, b);
      writeFileSync(`${path}.gz`, g);
      if (key) {
        writeFileSync(`${key}.br`, b);
        writeFileSync(`${key}.gz`, g);
      }
    }),
  );
  // Keep the cache to what this build used, so it does not grow with every edition.
  if (cacheDir) for (const f of readdirSync(cacheDir)) if (!used.has(join(cacheDir, f.replace(/\.(br|gz)$/, '')))) rmSync(join(cacheDir, f));
  return { files: targets.length, bytes, cached };
}

export function publishData(): AstroIntegration {
  return {
    name: 'justice-by-area:publish-data',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        copyDownloads(outDir);
        logger.info(`Content-Security-Policy: ${allowInlineStyles(outDir).hashes} inline style hashes added to _headers and every page's <meta>`);
        const { files: n, bytes, cached } = await precompress(outDir, join(process.cwd(), '.astro', 'precompress-cache'));
        logger.info(`copied data/build downloads to /data/; precompressed ${n} files (${(bytes / 1e6).toFixed(1)} MB before compression, ${cached} from cache)`);
        // A JBA_PAGES left set in a shell would make a deploy lack pages without a word.
        if (isPartialBuild) logger.warn(`JBA_PAGES=${process.env.JBA_PAGES}: a PARTIAL build (per-area, prison, indicator and chart pages only under those addresses). Do not deploy it: unset JBA_PAGES and build again.`);
      },
    },
  };
}
