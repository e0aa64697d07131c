/**
 * What `--discover` leaves behind, in data/sources/_proposed/ (committed, see docs/decisions.md):
 * - `discovery.json`: the last answer of every series (asked when, what came back, the newest release
 *   listed), read by the build for data/build/freshness.json;
 * - `<dataset>.json`: proposed registry entries for files the publisher lists and the registry lacks,
 *   waiting for review and `--accept ID`.
 * Neither is part of the registry: loadRegistry reads only the dataset files beside this folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../../src/errors.ts';

export const PROPOSED_DIR = '_proposed';
export const DISCOVERY_FILE = 'discovery.json';

const NewestListed = z.object({
  /** The release as the publisher titles it (publication, data set or edition). */
  title: z.string(),
  /** Its page (human address). */
  page: z.string(),
  /** When the publisher published or last updated it (ISO date-time), when it says. */
  published: z.string().nullable(),
  /** The period read from its titles, when the series says how. */
  period: z.string().nullable(),
  /** Files of the series in it. */
  files: z.number().int().min(0),
});

export const SeriesAnswer = z.object({
  dataset: z.string(),
  /** Index of the discovery block when a dataset has several. */
  block: z.number().int().min(0),
  api: z.enum(['govuk_content', 'ons_dataset', 'arcgis_search', 'none']),
  /** The address asked (the API URL), or null when nothing machine-readable lists the series. */
  asked: z.string().nullable(),
  /** listed: the publisher answered; failed: it did not, or not as expected; not_listed: no listing exists. */
  status: z.enum(['listed', 'failed', 'not_listed']),
  /** For failed: what went wrong and what to do; for not_listed: why there is no listing. */
  message: z.string().nullable(),
  watch_only: z.boolean(),
  newest: NewestListed.nullable(),
  /** Latest period of the series' held files (as the registry writes periods). */
  held_latest_period: z.string().nullable(),
  /** Ids of the proposed entries. */
  proposed: z.array(z.string()),
});
export type SeriesAnswer = z.infer<typeof SeriesAnswer>;

export const DiscoveryResult = z.object({
  /** When the publishers were asked (ISO date-time, the clock of the machine that asked). */
  asked_at: z.string(),
  series: z.array(SeriesAnswer),
});
export type DiscoveryResult = z.infer<typeof DiscoveryResult>;

export const Proposal = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  title: z.string(),
  url: z.string(),
  filename: z.string(),
  content_type: z.string().nullable(),
  /** Size the publisher declares, when it does; the download must have it. */
  bytes: z.number().int().positive().nullable(),
  /** Optional: a reviewer who knows the file's sha256 writes it here, and the download must match it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  release: z.string(),
  /** Read from the titles; check it before accepting (null: write it in by hand first). */
  period: z.string().nullable(),
  published: z.string().nullable(),
  /** The release page the file is listed on. */
  page: z.string(),
  /** Where it goes under the raw cache. */
  path: z.string(),
  /** For a zip: the member the parser reads (from the entry it fills, or the series' discovery block); null otherwise. */
  member: z.string().min(1).nullable().default(null),
  /** The series it extends, and the registered file it would fill (a not-held entry), if any. */
  extends: z.object({ dataset: z.string(), fills: z.string().nullable() }),
});
export type Proposal = z.infer<typeof Proposal>;

export const ProposalFile = z.object({
  dataset: z.string(),
  asked_at: z.string(),
  proposals: z.array(Proposal),
});
export type ProposalFile = z.infer<typeof ProposalFile>;

export function proposedDir(registryDir: string): string {
  return join(registryDir, PROPOSED_DIR);
}

function readJson<T>(path: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PipelineError(`${path}: expected ${what} (JSON), found a syntax error (${(e as Error).message}). Run --discover again to rewrite it.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError(`${path}: expected ${what}; field ${issue.path.join('.')}: ${issue.message}. Run --discover again to rewrite it, or fix the field.`);
  }
  return parsed.data;
}

/** The last discovery answer, or null when --discover never ran against this registry. */
export function readDiscoveryResult(registryDir: string): DiscoveryResult | null {
  const path = join(proposedDir(registryDir), DISCOVERY_FILE);
  return existsSync(path) ? readJson(path, DiscoveryResult, 'the last discovery result') : null;
}

export function readProposalFiles(registryDir: string): ProposalFile[] {
  const dir = proposedDir(registryDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json') && n !== DISCOVERY_FILE)
    .sort()
    .map((n) => readJson(join(dir, n), ProposalFile, 'proposed registry entries'));
}

/** JSON as the registry writes it: two-space indent, final newline; replaced by rename, never half-written. */
export function writeJsonAtomically(path: string, value: unknown) {
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}.part`;
  writeFileSync(part, JSON.stringify(value, null, 2) + '\n');
  renameSync(part, path);
}

export function writeProposalFile(registryDir: string, file: ProposalFile) {
  const path = join(proposedDir(registryDir), `${file.dataset}.json`);
  if (file.proposals.length === 0) rmSync(path, { force: true });
  else writeJsonAtomically(path, file);
}

export function writeDiscoveryResult(registryDir: string, result: DiscoveryResult) {
  writeJsonAtomically(join(proposedDir(registryDir), DISCOVERY_FILE), result);
}
