import { resolve } from 'node:path';

// Astro bundles page code before running it, so import.meta.url would point into a build chunk;
// the project root is the working directory of `npm run build` (Astro's own default root).
export const ROOT = process.cwd();
/**
 * The pipeline's published outputs: the only data the site reads. JBA_BUILD_DIR points the site at
 * another build (the security tests build it against a copy with hostile names).
 */
export const BUILD_DIR = resolve(ROOT, process.env.JBA_BUILD_DIR || 'data/build');
