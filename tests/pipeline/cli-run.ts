/** Helpers for pipeline tests that run the real CLI into folders of their own. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { MIRROR, ROOT } from './global-setup.ts';

export type Outcome = { code: number; stdout: string; stderr: string };

export function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'pipeline/cli.ts', '--offline', '--mirror', MIRROR, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 900_000, env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(walk(dir).map((f) => [relative(dir, f), createHash('sha256').update(readFileSync(f)).digest('hex')]));
}

/** A copy whose files are hard links: cheap, and a run that replaced (not edited) a file cannot touch the original. */
export function linkTree(from: string, to: string, skip = new Set<string>()) {
  for (const f of walk(from)) {
    const rel = relative(from, f);
    if (skip.has(rel)) continue;
    mkdirSync(dirname(join(to, rel)), { recursive: true });
    linkSync(f, join(to, rel));
  }
}

/** A cache seeded (hard links) from the project cache, so parsed rows of the shared test build are reused. */
export function seededCache(dir: string): string {
  if (existsSync(join(ROOT, 'data/raw'))) linkTree(join(ROOT, 'data/raw'), dir);
  else mkdirSync(dir, { recursive: true });
  return dir;
}

interface Dirs { registry: string; cache: string; build: string }

/** The CLI on a test's own registry, cache and build, online (the tests' fake publisher on 127.0.0.1 answers), 2 s timeout, one attempt. */
export function liveCli(dirs: Dirs): (args: string[]) => Promise<Outcome> {
  return (args) =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'pipeline/cli.ts', '--registry', dirs.registry, '--cache', dirs.cache, '--build', dirs.build, '--mirror', MIRROR, '--timeout-ms', '2000', '--attempts', '1', ...args],
        { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
}

/** The registry's dataset files (not _proposed/, which --discover writes) and every file of the build: what a refused change must leave as it was. */
export const registryAndBuild = (dirs: Dirs) => ({ registry: Object.fromEntries(Object.entries(hashTree(dirs.registry)).filter(([f]) => !f.startsWith('_proposed/'))), build: hashTree(dirs.build) });
