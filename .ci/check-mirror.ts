/**
 * CI's first check: the raw mirror the real-data tests read (../shared/data/raw, or JBA_MIRROR) is
 * there and holds every file the registry marks as held. Without it those tests would skip and the
 * suite would pass having checked nothing real; this names what is missing instead.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPILED_DIR } from '../pipeline/compiled.ts';
import { loadRegistry } from '../pipeline/registry.ts';

const root = resolve(new URL('..', import.meta.url).pathname);
const mirror = process.env.JBA_MIRROR ?? resolve(root, '../shared/data/raw');
if (!existsSync(mirror)) {
  console.error(`The raw mirror ${mirror} is missing. The real-data tests (tests/pipeline/*.test.ts) read the publishers' files from it; CI does not run without it. Lay shared/ beside the repository (shared/data/raw) or set JBA_MIRROR.`);
  process.exit(1);
}
const registry = loadRegistry(join(root, 'data/sources'));
// Files this project compiled are committed under data/compiled/ (pipeline/compiled.ts), not mirrored.
const missing = [...registry.files.values()].filter((f) => f.held && f.path && !existsSync(join(mirror, f.path)) && !existsSync(join(root, COMPILED_DIR, f.path)));
if (missing.length) {
  console.error(`The raw mirror ${mirror} lacks ${missing.length} held file(s) of the registry:`);
  for (const f of missing.slice(0, 20)) console.error(`  ${f.path} (${f.dataset.id}/${f.id})`);
  if (missing.length > 20) console.error(`  … and ${missing.length - 20} more`);
  process.exit(1);
}
console.log(`raw mirror ${mirror}: all ${[...registry.files.values()].filter((f) => f.held).length} held files present`);
