/**
 * The sources registry: data/sources/<dataset>.json, committed, no data. One file per dataset (a
 * publisher's release or series); one entry per published file inside it. Adding a source is one
 * registry file plus one parser module named by its `parser` field.
 *
 * Folders inside data/sources/ are not datasets: `_proposed/` holds what `--discover` found (proposed
 * entries and the last answer of every publisher, pipeline/discover/store.ts), read here only for the
 * freshness of the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../src/errors.ts';
import { readDiscoveryResult, type DiscoveryResult } from './discover/store.ts';

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
  /** When the file is a zip: the one member the parser reads (name or pattern; pipeline/read/zip_member.ts). */
  member: z.string().min(1).optional(),
  held: z.boolean(),
  note: z.string().optional(),
});

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'an http:// or https:// address' });
const regexText = z.string().min(1).refine(
  (s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'a regular expression (JavaScript syntax, matched case-insensitively)' },
);

/** How a period is read from a listed release's titles and file name (pipeline/discover/periods.ts). */
export const PERIOD_KINDS = ['date', 'month', 'months_range', 'financial_year', 'year_ending', 'mid_year', 'year'] as const;

/** What every listing has: which of its files belong to this series, and how to register them. */
const listing = {
  /** Matched against each listed file's title and its file name; either may match. */
  files: regexText,
  /** File name extensions accepted (lower case, no dot); any when absent. */
  extensions: z.array(z.string().regex(/^[a-z0-9]+$/)).optional(),
  period: z.enum(PERIOD_KINDS).optional(),
  /** Folder under the raw cache for accepted files. */
  folder: z
    .string()
    .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((part) => part === '..' || part === '.' || part === ''), {
      message: "a relative folder inside the raw folder (no leading '/', no '..')",
    })
    .optional(),
  /** For a series published as zips: the member its parser reads (pipeline/read/zip_member.ts). */
  member: z.string().min(1).optional(),
  /** Proposed file ids are `<id_prefix>_<period>`. */
  id_prefix: z.string().regex(/^[a-z0-9_]+$/).optional(),
  /** Present when the series is only watched (freshness), never proposed: why its files are not taken. */
  watch_only: z.string().min(20).optional(),
  /** How many of the newest releases to open (a collection can list decades of them). */
  latest: z.number().int().min(1).max(30).optional(),
};

/**
 * Where a series' publisher lists its releases. Each kind is read by its module in
 * pipeline/discover/ (govuk.ts, ons.ts, arcgis.ts), whose header cites the API shape it relies on.
 */
export const DiscoveryBlock = z
  .discriminatedUnion('api', [
    z.object({
      api: z.literal('govuk_content'),
      /** A GOV.UK page (collection, publication or statistical data set); its JSON is /api/content/<path>. */
      page: httpUrl,
      /** For a collection: which of its documents are releases of this series (matched on the title). */
      documents: regexText.optional(),
      ...listing,
    }),
    z.object({ api: z.literal('ons_dataset'), /** An ONS dataset landing page; its JSON is <page>/data. */ page: httpUrl, ...listing }),
    z.object({
      api: z.literal('arcgis_search'),
      /** The ArcGIS sharing REST root the Open Geography portal runs on. */
      portal: httpUrl,
      query: z.string().min(1),
      ...listing,
    }),
    z.object({ api: z.literal('none'), /** Why nothing machine-readable lists this series' releases. */ reason: z.string().min(20) }),
  ])
  .superRefine((b, ctx) => {
    if (b.api === 'none' || b.watch_only) return;
    for (const k of ['period', 'folder', 'id_prefix'] as const) {
      if (!b[k]) ctx.addIssue({ code: 'custom', path: [k], message: `${k} (needed to propose registry entries), or watch_only with the reason none are proposed` });
    }
  });
export type DiscoveryBlock = z.infer<typeof DiscoveryBlock>;

/**
 * One licence a source is offered under, as Frictionless writes it (name, title, path), with what it
 * covers when a source carries several (a compiler's repository under MIT, the facts under CC BY-SA).
 */
export const Licence = z.object({
  name: z.string().regex(/^[-a-zA-Z0-9._]+$/, 'a licence identifier (SPDX where there is one, e.g. OGL-UK-3.0, CC-BY-4.0, MIT)'),
  title: z.string().min(1),
  path: httpUrl,
  covers: z.string().min(1).optional(),
});
export type Licence = z.infer<typeof Licence>;

/**
 * Whether a dataset's parser has read the publisher's real file or only files its tests wrote in the
 * layout the publisher documents. Required for every dataset with a parser, so docs/sources.md and
 * the coverage table can say which figures rest on a parser no real file has yet tested.
 */
export const PARSER_CHECKS = ['real', 'fixtures'] as const;
export type ParserCheck = (typeof PARSER_CHECKS)[number];

/** What the parser has read only from fixtures, and what a maintainer checks on the first real file. */
const FixturesOnly = z
  .object({
    /** Registry file ids read only in the fixture layout: none of them may be held while this says so. */
    files: z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1),
    /** The layout the fixtures follow (sheets, columns), as the publisher documents it. */
    layout: z.string().min(20),
    /** The tests that write those fixtures. */
    tests: z.array(z.string().regex(/^tests\/.+\.ts$/, 'a test file under tests/, e.g. tests/unit/postcode.test.ts')).min(1),
    /** The first real run: the command, then the file's own totals to compare, as the tests do for the files held. */
    first_real_run: z.string().min(40),
  })
  .strict();
export type FixturesOnly = z.infer<typeof FixturesOnly>;

const Dataset = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  title: z.string(),
  publisher: z.string(),
  kind: z.enum(SOURCE_KINDS),
  landing_url: z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'an http:// or https:// address' }),
  /** Where the publisher lists this series' releases (one block, or several for a dataset of several products). */
  discovery: z.union([DiscoveryBlock, z.array(DiscoveryBlock).min(1)]).optional(),
  licence: z.string(),
  licence_url: z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'an http:// or https:// address' }),
  /**
   * The licences as data (package.ts stamps them on every table built from the source). An empty
   * list says the source states no licence: its tables are flagged. Absent only in entries written
   * before the field existed; then the free-text `licence` must be exactly the OGL's title.
   */
  licences: z.array(Licence).optional(),
  attribution: z.string(),
  /** Parser module pipeline/sources/<parser>.ts, or null for files registered but not parsed. */
  parser: z.string().nullable(),
  /** 'real': the parser has read at least one held file; 'fixtures': only files its tests wrote. */
  parser_checked_on: z.enum(PARSER_CHECKS).optional(),
  /** Required for 'fixtures'; with 'real', a later layout read only from fixtures (files not held yet). */
  fixtures_only: FixturesOnly.optional(),
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
  /**
   * Datasets whose `fixtures_only` files are now held (after --add-file or --accept): the parser has
   * met the real file but the registry still says fixtures. Not fatal, or the first real run could
   * never be made; the run warns, coverage says so, and `npm run docs` refuses until it is updated.
   */
  parserCheckStale: string[];
  /** The last `--discover` answer (data/sources/_proposed/discovery.json), or null if it never ran. */
  discovery: DiscoveryResult | null;
}

/** A dataset's discovery blocks as a list (none when the dataset has no block yet). */
export function discoveryBlocks(ds: Dataset): DiscoveryBlock[] {
  return ds.discovery === undefined ? [] : Array.isArray(ds.discovery) ? ds.discovery : [ds.discovery];
}

export function loadRegistry(dir: string): Registry {
  const datasets: Dataset[] = [];
  const files = new Map<string, RegistryFile>();
  const parserCheckStale: string[] = [];
  // Dataset files only: `_proposed/` and any other folder or `_`-file is not part of the registry.
  const names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('_') && !n.startsWith('.')).sort();
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
    checkParserFields(path, ds);
    const stale = staleParserCheck(path, ds);
    if (stale) parserCheckStale.push(stale);
    datasets.push(ds);
  }
  return { datasets, files, parserCheckStale, discovery: readDiscoveryResult(dir) };
}

const isHeld = (f: FileEntry) => f.held && f.path !== null && f.sha256 !== null;

/** The shape rules between parser, parser_checked_on, fixtures_only and the files (fatal: a hand edit is wrong). */
function checkParserFields(path: string, ds: Dataset) {
  const fix = 'Fix the registry entry.';
  if (ds.parser === null) {
    if (ds.parser_checked_on !== undefined || ds.fixtures_only !== undefined) {
      throw new PipelineError(`${path}: "parser" is null, so no parser has been checked: remove "parser_checked_on" and "fixtures_only". ${fix}`);
    }
    return;
  }
  if (ds.parser_checked_on === undefined) {
    throw new PipelineError(
      `${path}: dataset ${ds.id} has a parser (${ds.parser}) but no "parser_checked_on": expected "real" (it has read a held file) or "fixtures" (only files its tests write, with "fixtures_only" saying the layout, the tests and the first real run). ${fix}`,
    );
  }
  if (ds.parser_checked_on === 'fixtures' && !ds.fixtures_only) {
    throw new PipelineError(`${path}: "parser_checked_on" is "fixtures", so "fixtures_only" is needed: files, layout, tests and first_real_run (what to run and which of the file's own totals to compare). ${fix}`);
  }
  const ids = new Set(ds.files.map((f) => f.id));
  for (const id of ds.fixtures_only?.files ?? []) {
    if (!ids.has(id)) throw new PipelineError(`${path}, field fixtures_only.files: '${id}' is not a file of dataset ${ds.id} (its files: ${[...ids].join(', ')}). ${fix}`);
  }
  if (ds.parser_checked_on === 'real') {
    const fixtureIds = new Set(ds.fixtures_only?.files ?? []);
    if (!ds.files.some((f) => isHeld(f) && !fixtureIds.has(f.id))) {
      throw new PipelineError(
        `${path}: "parser_checked_on" is "real", but no file of dataset ${ds.id} outside fixtures_only.files is held (held with a path and a sha256): a parser has met a real file only if one is held. Say "fixtures" until one is. ${fix}`,
      );
    }
  }
}

/**
 * A file the registry says the parser has met only in fixtures, now held: what to change, naming the
 * file. Null when the registry is consistent.
 */
export function staleParserCheck(path: string, ds: Dataset): string | null {
  if (ds.parser === null || !ds.parser_checked_on) return null;
  const listed = new Set(ds.fixtures_only?.files ?? []);
  // With "fixtures", every held file is one the parser now reads for real, listed or (accepted by --accept) new.
  const held = ds.files.filter((f) => isHeld(f) && (ds.parser_checked_on === 'fixtures' || listed.has(f.id))).map((f) => f.id);
  if (!held.length) return null;
  return (
    `${path}: the parser ${ds.parser} now reads held file(s) ${held.join(', ')}, but the registry says it has met them only in fixtures. ` +
    `Do the first real run's checks (${ds.fixtures_only?.first_real_run ?? 'compare the file\u2019s own totals'}), then update the entry: ` +
    (ds.parser_checked_on === 'fixtures'
      ? 'set "parser_checked_on" to "real" and remove "fixtures_only" (or keep it, without these ids, for a layout still met only in fixtures).'
      : `remove ${held.join(', ')} from fixtures_only.files (and "fixtures_only" itself if none is left).`)
  );
}

/** The parser's check as published: 'real_not_compared' is a held file the registry still lists as fixtures-only. */
export type ParserStatus = ParserCheck | 'real_not_compared';

export function parserStatus(ds: Dataset): ParserStatus | null {
  if (ds.parser === null || !ds.parser_checked_on) return null;
  return staleParserCheck('', ds) ? 'real_not_compared' : ds.parser_checked_on;
}

/** The registry file of a dataset. */
export function datasetPath(dir: string, datasetId: string): string {
  return join(dir, `${datasetId}.json`);
}
