/**
 * `npx tsx site/hosting/prepare-cloudflare.ts [dist]`: makes a built site uploadable to Cloudflare
 * (Workers static assets), which refuses any file over 25 MiB. Writes `dist/.assetsignore` naming
 * every such file, after checking each has a compressed copy for site/hosting/cloudflare-worker.ts to
 * serve in its place. Exits 1, naming the file, if one has none.
 */
import { statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { files } from '../lib/publish-data.ts';

export const CLOUDFLARE_MAX_BYTES = 25 * 1024 * 1024;

/** The files too big to upload (paths relative to dist, '/'-separated), sorted. Throws if one has no compressed copy. */
export function oversizedFiles(dist: string, maxBytes = CLOUDFLARE_MAX_BYTES): string[] {
  const big = [...files(dist)].filter((p) => statSync(p).size > maxBytes).map((p) => relative(dist, p).split('\\').join('/')).sort();
  for (const rel of big) {
    const copies = ['br', 'gz'].map((e) => `${join(dist, rel)}.${e}`).filter((p) => existsSync(p) && statSync(p).size <= maxBytes);
    if (!copies.length) {
      throw new Error(`${rel} is ${(statSync(join(dist, rel)).size / 2 ** 20).toFixed(1)} MiB, over Cloudflare's 25 MiB limit, and has no .br or .gz copy under the limit to serve instead. Build the site with \`npm run build\` (which writes the copies) and run this again.`);
    }
  }
  return big;
}

export function prepareCloudflare(dist: string): { ignored: string[]; uploaded: number } {
  const ignored = oversizedFiles(dist);
  writeFileSync(join(dist, '.assetsignore'), ['# Over 25 MiB: served from their .br/.gz copies by site/hosting/cloudflare-worker.ts', ...ignored.map((p) => `/${p}`), ''].join('\n'));
  const uploaded = [...files(dist)].length - ignored.length - 1;
  return { ignored, uploaded };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = resolve(process.argv[2] ?? 'dist');
  try {
    const { ignored, uploaded } = prepareCloudflare(dist);
    console.log(`${dist}/.assetsignore: ${ignored.length} file(s) left out of the upload, served compressed by the Worker: ${ignored.join(', ') || 'none'}.`);
    console.log(`${uploaded} files to upload${uploaded > 20_000 ? ' — over the 20,000-file limit of the free plan: delete the .gz copies (Cloudflare compresses on its own) or use a paid plan' : ''}.`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
