/**
 * The sources registry: data/sources/<dataset>.json, committed, no data. One file per dataset (a
 * publisher's release or series); one entry per published file inside it. Adding a source is one
 * registry file plus one parser module named by its `parser` field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../src/errors.ts';

export const SOURCE_KINDS = ['publisher_file', 'third_party_table', 'compiled_from_statements'] as const;
export const SOURCE_KIND_LABEL: Record<(typeof SOURCE_KINDS)[number], string> = {
  publisher_file: 'publisher file',
  third_party_table: 'third-party table built from publisher data',
  compiled_from_statements: 'compiled from published statements',
};

const FileEntry = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, 'ids are lower-case letters, digits and underscores'),
  title: z.string().min(1),
  /** Path under the raw folder (cache data/raw/ and the mirror share the layout). Null when not held. */
  // Confined to the raw folder: a registry entry must not make acquire write anywhere else.
  path: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((part) => part === '..' || part === '.' || part === ''), {
      message: "a relative path inside the raw folder (no leading '/', no '..', no empty parts)",
    })
    .nullable(),
  /** Where the publisher serves the file; null when only a repository copy is known. */
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), { message: 'an http:// or https:// address' })
    .nullable(),
  /** Release: publication date or edition as the publisher names it. */
  release: z.string(),
  /** Reference period the figures describe. */
  period: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  bytes: z.number().int().positive().optional(),
  held: z.boolean(),
  note: z.string().optional(),
});

const Dataset = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  title: z.string(),
  publisher: z.string(),
  kind: z.enum(SOURCE_KINDS),
  landing_url: z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'an http:// or https:// address' }),
  licence: z.string(),
  licence_url: z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'an http:// or https:// address' }),
  attribution: z.string(),
  /** Parser module pipeline/sources/<parser>.ts, or null for files registered but not parsed. */
  parser: z.string().nullable(),
  /** Where the copy came from, when it is not the publisher's own download. */
  copied_from: z.string().optional(),
  notes: z.array(z.string()).default([]),
  files: z.array(FileEntry).min(1),
});

export type FileEntry = z.infer<typeof FileEntry>;
export type Dataset = z.infer<typeof Dataset>;
export type RegistryFile = FileEntry & { dataset: Dataset };

export interface Registry {
  datasets: Dataset[];
  files: Map<string, RegistryFile>;
}

export function loadRegistry(dir: string): Registry {
  const datasets: Dataset[] = [];
  const files = new Map<string, RegistryFile>();
  const names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  for (const name of names) {
    const path = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new PipelineError(`${path}: expected JSON, found a syntax error (${(e as Error).message}).`);
    }
    const parsed = Dataset.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const found = issue.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k as string] : undefined), json);
      const fileId = issue.path[0] === 'files' && typeof issue.path[1] === 'number' ? ((json as { files?: { id?: string }[] }).files?.[issue.path[1]]?.id ?? null) : null;
      throw new PipelineError(
        `${path}${fileId ? ` (file ${fileId})` : ''}, field ${issue.path.join('.')}: ${issue.message}; found ${found === undefined ? 'nothing' : JSON.stringify(found)}. Fix the registry entry.`,
      );
    }
    const ds = parsed.data;
    if (`${ds.id}.json` !== name) throw new PipelineError(`${path}: dataset id '${ds.id}' must match the file name.`);
    for (const f of ds.files) {
      if (files.has(f.id)) throw new PipelineError(`${path}: file id '${f.id}' is used twice in the registry.`);
      if (f.held && (!f.path || !f.sha256)) {
        throw new PipelineError(`${path}, file ${f.id}: a held file needs a path and a sha256.`);
      }
      files.set(f.id, { ...f, dataset: ds });
    }
    datasets.push(ds);
  }
  return { datasets, files };
}
