/**
 * Files this project compiles itself (registry kind "compiled from published statements", e.g. the
 * legal arrangement of the office in each area) have no publisher to download them from, so they are
 * committed under data/compiled/, laid out like the raw folder. Before acquire runs, each one the
 * registry holds is put into the cache, where acquire then verifies it like any other file. A
 * committed copy whose sha256 is not the registry's stops the run: edit the file and the registry
 * entry together.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PipelineError } from '../src/errors.ts';
import { sha256 } from './acquire.ts';
import type { Registry } from './registry.ts';

export const COMPILED_DIR = 'data/compiled';

/** Copies each held registry file found under `compiledDir` into `cacheDir`; returns their ids. */
export function seedCompiledFiles(registry: Registry, compiledDir: string, cacheDir: string): string[] {
  const seeded: string[] = [];
  for (const file of registry.files.values()) {
    if (!file.held || !file.path) continue;
    const committed = join(compiledDir, file.path);
    if (!existsSync(committed)) continue;
    const bytes = readFileSync(committed);
    const got = sha256(bytes);
    if (got !== file.sha256) {
      throw new PipelineError(
        `${committed}: the registry (data/sources/${file.dataset.id}.json, file ${file.id}) expects sha256 ${file.sha256}, but the committed file has ${got}. ` +
          'If you edited the file on purpose, put its new sha256 and bytes in the registry entry.',
      );
    }
    const cached = join(cacheDir, file.path);
    if (!existsSync(cached) || sha256(readFileSync(cached)) !== got) {
      mkdirSync(dirname(cached), { recursive: true });
      const part = `${cached}.${process.pid}.part`;
      writeFileSync(part, bytes);
      renameSync(part, cached);
    }
    seeded.push(file.id);
  }
  return seeded;
}
