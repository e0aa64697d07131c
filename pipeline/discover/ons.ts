/**
 * ONS website datasets: the JSON of a page is at <page>/data. Shapes relied on, as read by public
 * code (ONS-OpenData/gss-utils gssutils/scrapers/ons.py, and its test of the migration service's
 * zebedee payloads):
 * - a dataset landing page: `type` 'dataset_landing_page', `description.title`,
 *   `description.releaseDate` (ISO date-time), `datasets[].uri` (one per edition);
 * - an edition page (<uri>/data): `uri`, `description.releaseDate`, `downloads[].file`; the file is
 *   served at https://www.ons.gov.uk/file?uri=<uri>/<file>. `versions[]` are superseded versions of
 *   the edition and are not proposed.
 * Not confirmed by any source we could find: a file size in `downloads[]` (so proposals carry none
 * and the download's own length is recorded), and an edition label field (so the period is read from
 * the edition's address and file name, e.g. ".../yearendingmarch2020/…").
 * ONS is retiring the /data endpoints of some page types in favour of its search API
 * (developer.ons.gov.uk/retirement/aggregatedsearch); dataset pages are not on that list.
 */
import { z } from 'zod';
import type { DiscoveryBlock } from '../registry.ts';
import { isoOrNull } from './govuk.ts';
import { askJson, byNewest, expectShape, ListingError, type AskOptions, type ListedRelease, type Listing } from './listing.ts';

type OnsBlock = Extract<DiscoveryBlock, { api: 'ons_dataset' }>;

const MODULE = 'ons.ts';

const Landing = z.object({
  type: z.string(),
  description: z.object({ title: z.string(), releaseDate: z.string().optional() }),
  datasets: z.array(z.object({ uri: z.string() })),
});

const Edition = z.object({
  uri: z.string(),
  description: z.object({ title: z.string().optional(), releaseDate: z.string().optional() }),
  downloads: z.array(z.object({ file: z.string() })),
});

/** An ONS landing page lists every edition it ever had; a listing with more than this is not one series. */
const MAX_EDITIONS = 30;

export async function listOns(block: OnsBlock, opts: AskOptions): Promise<Listing> {
  const asked = `${block.page.replace(/\/$/, '')}/data`;
  const origin = new URL(asked).origin;
  const landing = expectShape(asked, await askJson(asked, opts), Landing, 'an ONS page', MODULE);
  if (landing.type !== 'dataset_landing_page') {
    throw new ListingError(asked, `an ONS page of type '${landing.type}'`, "Point the discovery block at the dataset's landing page (type dataset_landing_page).");
  }
  const releases: ListedRelease[] = [];
  for (const { uri } of landing.datasets.slice(0, MAX_EDITIONS)) {
    const url = new URL(`${uri.replace(/\/$/, '')}/data`, origin).href;
    const e = expectShape(url, await askJson(url, opts), Edition, 'an ONS edition page', MODULE);
    releases.push({
      title: `${e.description.title ?? landing.description.title} (${e.uri.split('/').filter(Boolean).at(-1)})`,
      page: new URL(e.uri, origin).href,
      published: isoOrNull(e.description.releaseDate),
      files: e.downloads.map((d) => ({
        url: `${origin}/file?uri=${e.uri.replace(/\/$/, '')}/${d.file.trim()}`,
        title: d.file.trim(),
        filename: d.file.trim(),
        contentType: null,
        bytes: null,
      })),
    });
  }
  releases.sort(byNewest);
  return { asked, releases: releases.slice(0, block.latest ?? MAX_EDITIONS) };
}
