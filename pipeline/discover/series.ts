/**
 * One series: ask its publisher's listing, find the files of the series in it, tell which the
 * registry already has, and propose entries for the newer ones.
 *
 * A listed file is registered when its address, or its file name, is that of a registry entry of the
 * dataset (file names compare without case: the asset servers change addresses, not names). Proposed:
 * the series' files not registered, in the releases from the newest one that has a registered file
 * onwards (an update of that release counts); when none of the listed releases has a registered file,
 * only the newest release. Older gaps are not proposed: the first run would otherwise propose decades.
 */
import { basename } from 'node:path';
import type { Dataset, DiscoveryBlock, Registry } from '../registry.ts';
import { listArcgis, searchUrl } from './arcgis.ts';
import { contentApiUrl, listGovuk } from './govuk.ts';
import { fileNameOf, ListingError, type AskOptions, type ListedFile, type ListedRelease, type Listing } from './listing.ts';
import { listOns } from './ons.ts';
import { periodSlug, readPeriod } from './periods.ts';
import type { Proposal, SeriesAnswer } from './store.ts';

type ListedBlock = Exclude<DiscoveryBlock, { api: 'none' }>;

export function askedUrl(block: DiscoveryBlock): string | null {
  if (block.api === 'govuk_content') return contentApiUrl(block.page);
  if (block.api === 'ons_dataset') return `${block.page.replace(/\/$/, '')}/data`;
  if (block.api === 'arcgis_search') return searchUrl(block);
  return null;
}

async function list(block: ListedBlock, opts: AskOptions): Promise<Listing> {
  if (block.api === 'govuk_content') return listGovuk(block, opts);
  if (block.api === 'ons_dataset') return listOns(block, opts);
  return listArcgis(block, opts);
}

const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase() ?? '';

function filesOfSeries(block: ListedBlock, release: ListedRelease): ListedFile[] {
  const re = new RegExp(block.files, 'i');
  return release.files.filter((f) => (re.test(f.title) || re.test(f.filename)) && (!block.extensions || block.extensions.includes(extensionOf(f.filename))));
}

/** A registry path takes the publisher's file name, made safe for every file system. */
export function safeFileName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._() -]+/g, '_').replace(/^\.+/, '').trim();
  return clean || 'file';
}

export function heldLatestPeriod(ds: Dataset): string | null {
  return ds.files.filter((f) => f.held).map((f) => f.period).sort().at(-1) ?? null;
}

export interface SeriesOutcome {
  answer: SeriesAnswer;
  proposals: Proposal[];
}

export async function discoverSeries(
  ds: Dataset,
  blockIndex: number,
  block: DiscoveryBlock,
  registry: Registry,
  taken: Set<string>,
  opts: AskOptions,
): Promise<SeriesOutcome> {
  const base = { dataset: ds.id, block: blockIndex, api: block.api, asked: askedUrl(block), held_latest_period: heldLatestPeriod(ds), proposed: [], newest: null };
  if (block.api === 'none') return { answer: { ...base, status: 'not_listed', message: block.reason, watch_only: false }, proposals: [] };
  const watchOnly = !!block.watch_only;
  try {
    const listing = await list(block, opts);
    const releases = listing.releases.map((r) => ({ release: r, files: filesOfSeries(block, r) })).filter((r) => r.files.length > 0);
    if (!releases.length) {
      throw new ListingError(
        listing.asked,
        `${listing.releases.length} release(s), none with a file like /${block.files}/${block.extensions ? ` (${block.extensions.join(', ')})` : ''} (files seen: ${listing.releases.flatMap((r) => r.files.map((f) => `'${f.filename}'`)).slice(0, 5).join(', ') || 'none'})`,
        'The publisher may have renamed its files: update discovery.files (or extensions) in the dataset.',
      );
    }
    const newest = releases[0];
    const answer: SeriesAnswer = {
      ...base,
      asked: listing.asked,
      status: 'listed',
      message: null,
      watch_only: watchOnly,
      newest: {
        title: newest.release.title,
        page: newest.release.page,
        published: newest.release.published,
        period: block.period ? readPeriod(block.period, [...newest.files.flatMap((f) => [f.title, f.filename]), newest.release.title, newest.release.page]) : null,
        files: newest.files.length,
      },
    };
    if (watchOnly) return { answer, proposals: [] };
    const proposals = propose(ds, block, releases, registry, taken);
    answer.proposed = proposals.map((p) => p.id);
    return { answer, proposals };
  } catch (e) {
    if (!(e instanceof ListingError)) throw e;
    return { answer: { ...base, status: 'failed', message: e.message, watch_only: watchOnly }, proposals: [] };
  }
}

function propose(ds: Dataset, block: ListedBlock, releases: { release: ListedRelease; files: ListedFile[] }[], registry: Registry, taken: Set<string>): Proposal[] {
  const urls = new Set(ds.files.map((f) => f.url).filter((u): u is string => !!u));
  const names = new Set(
    ds.files.flatMap((f) => [f.url ? fileNameOf(f.url) : null, f.path ? basename(f.path) : null]).filter((n): n is string => !!n).map((n) => n.toLowerCase()),
  );
  const registered = (f: ListedFile) => urls.has(f.url) || names.has(f.filename.toLowerCase());
  const heldIndex = releases.findIndex((r) => r.files.some(registered));
  const candidates = heldIndex >= 0 ? releases.slice(0, heldIndex + 1) : releases.slice(0, 1);
  const paths = new Set([...registry.files.values()].map((f) => f.path).filter(Boolean));
  const notHeld = ds.files.filter((f) => !f.held);
  const out: Proposal[] = [];
  for (const { release, files } of candidates) {
    for (const f of files.filter((x) => !registered(x))) {
      const period = readPeriod(block.period!, [f.title, f.filename, release.title, release.page]);
      const stem = period ? `${block.id_prefix}_${periodSlug(block.period!, period)}` : `${block.id_prefix}_${safeFileName(f.filename).toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9]+/g, '_')}`;
      const fills = notHeld.find((e) => !taken.has(e.id) && (e.id === stem || e.url === f.url || e.url === release.page)) ?? null;
      let id = fills?.id ?? stem;
      for (let n = 2; !fills && (registry.files.has(id) || taken.has(id)); n++) id = `${stem}_${n}`;
      taken.add(id);
      let path = `${block.folder}/${safeFileName(f.filename)}`;
      if (paths.has(path)) path = `${block.folder}/${id}/${safeFileName(f.filename)}`;
      paths.add(path);
      out.push({
        id,
        title: f.title === f.filename ? `${release.title}: ${f.filename}` : f.title,
        url: f.url,
        filename: f.filename,
        content_type: f.contentType,
        bytes: f.bytes,
        sha256: null,
        release: `${release.published?.slice(0, 10) ?? 'publication date not given'} (${release.title})`,
        period,
        published: release.published,
        page: release.page,
        path,
        member: extensionOf(f.filename) === 'zip' ? (fills?.member ?? block.member ?? null) : null,
        extends: { dataset: ds.id, fills: fills?.id ?? null },
      });
    }
  }
  return out;
}
