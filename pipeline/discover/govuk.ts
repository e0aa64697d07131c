/**
 * GOV.UK Content API: the JSON of any GOV.UK page is at https://www.gov.uk/api/content/<path>
 * (alphagov/content-store openapi.yaml: 200 with a ContentItem; 303 when the canonical path is
 * another; 404; 410 when the item is no longer available).
 *
 * Shapes relied on, from the frontend schemas in alphagov/publishing-api
 * content_schemas/dist/formats/<schema>/frontend/schema.json (read for this module):
 * - every item: `schema_name`, `title`, `base_path`, `public_updated_at` (date-time or null),
 *   `first_published_at` (date-time or null);
 * - document_collection: `links.documents[]` (frontend_links_with_base_path: required `base_path`,
 *   `content_id`, `locale`, `title`; optional `api_path`, `public_updated_at`, `schema_name`);
 *   `details.collection_groups[]` only orders them, so it is not needed here;
 * - publication and statistical_data_set: `details.attachments[]` (publication_attachment_asset:
 *   `attachment_type` 'file' | 'html' | 'external', `url`, `id`; for files also `content_type`
 *   (required), `title`, `filename`, `file_size` (integer bytes)).
 * Redirect items answered with status 200 (`schema_name` 'redirect', `redirects[0].destination`) are
 * how public code reading this API sees moved pages (ONS-OpenData/gss-utils gssutils/scrapers/govuk.py);
 * 'gone' items likewise. Both are reported as a moved or withdrawn page, never followed.
 */
import { z } from 'zod';
import type { DiscoveryBlock } from '../registry.ts';
import { askJson, byNewest, expectShape, fileNameOf, ListingError, type AskOptions, type ListedRelease, type Listing } from './listing.ts';

type GovukBlock = Extract<DiscoveryBlock, { api: 'govuk_content' }>;

const MODULE = 'govuk.ts';
const dateTime = z.string().nullable().optional();

const Item = z.object({
  schema_name: z.string(),
  title: z.string().optional(),
  base_path: z.string().optional(),
  public_updated_at: dateTime,
  first_published_at: dateTime,
  redirects: z.array(z.object({ destination: z.string() })).optional(),
});

const Collection = z.object({
  title: z.string(),
  links: z.object({
    documents: z.array(
      z.object({ title: z.string(), base_path: z.string(), api_path: z.string().optional(), public_updated_at: dateTime }),
    ),
  }),
});

const Attachment = z.object({
  attachment_type: z.string(),
  url: z.string(),
  title: z.string().optional(),
  content_type: z.string().optional(),
  filename: z.string().optional(),
  file_size: z.number().int().optional(),
});

const Release = z.object({
  title: z.string(),
  base_path: z.string(),
  public_updated_at: dateTime,
  first_published_at: dateTime,
  details: z.object({ attachments: z.array(Attachment) }),
});

/** https://www.gov.uk/government/collections/x → https://www.gov.uk/api/content/government/collections/x */
export function contentApiUrl(page: string): string {
  const u = new URL(page);
  return `${u.origin}/api/content${u.pathname.replace(/\/$/, '')}`;
}

export function isoOrNull(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function checkNotMoved(url: string, item: z.infer<typeof Item>, origin: string) {
  if (item.schema_name === 'redirect') {
    const to = item.redirects?.[0]?.destination;
    throw new ListingError(url, `a redirect item${to ? ` to ${new URL(to, origin).href}` : ''}`, 'The page has moved: check the new address in a browser and put it in the discovery block of the dataset.');
  }
  if (item.schema_name === 'gone' || item.schema_name === 'vanish') {
    throw new ListingError(url, `a '${item.schema_name}' item`, 'The publisher withdrew the page: find where the series is listed now and update the discovery block.');
  }
}

async function readRelease(url: string, json: unknown, origin: string): Promise<ListedRelease> {
  const item = expectShape(url, json, Item, 'a GOV.UK content item', MODULE);
  checkNotMoved(url, item, origin);
  const r = expectShape(url, json, Release, `a ${item.schema_name} item`, MODULE);
  return {
    title: r.title,
    page: new URL(r.base_path, origin).href,
    published: isoOrNull(r.public_updated_at) ?? isoOrNull(r.first_published_at),
    files: r.details.attachments
      .filter((a) => a.attachment_type === 'file')
      .map((a) => {
        const fileUrl = new URL(a.url, origin).href;
        return { url: fileUrl, title: a.title ?? a.filename ?? fileNameOf(fileUrl), filename: a.filename ?? fileNameOf(fileUrl), contentType: a.content_type ?? null, bytes: a.file_size ?? null };
      }),
  };
}

export async function listGovuk(block: GovukBlock, opts: AskOptions): Promise<Listing> {
  const asked = contentApiUrl(block.page);
  const origin = new URL(asked).origin;
  const json = await askJson(asked, opts);
  const item = expectShape(asked, json, Item, 'a GOV.UK content item', MODULE);
  checkNotMoved(asked, item, origin);
  if (item.schema_name !== 'document_collection') {
    return { asked, releases: [await readRelease(asked, json, origin)] };
  }
  const collection = expectShape(asked, json, Collection, 'a document_collection item', MODULE);
  const wanted = block.documents ? new RegExp(block.documents, 'i') : null;
  const docs = collection.links.documents.filter((d) => !wanted || wanted.test(d.title));
  if (!docs.length) {
    throw new ListingError(
      asked,
      `a collection of ${collection.links.documents.length} documents, none titled like /${block.documents}/ (e.g. ${collection.links.documents.slice(0, 3).map((d) => `'${d.title}'`).join(', ') || 'none'})`,
      'The publisher may have renamed its releases: update discovery.documents in the dataset.',
    );
  }
  // Open the newest few; without dates on every link, open them all (up to 30) and sort by their own dates.
  const dated = docs.every((d) => d.public_updated_at);
  const toOpen = dated
    ? [...docs].sort((a, b) => (isoOrNull(b.public_updated_at) ?? '').localeCompare(isoOrNull(a.public_updated_at) ?? '')).slice(0, block.latest ?? 3)
    : docs.slice(0, 30);
  const releases: ListedRelease[] = [];
  for (const d of toOpen) {
    const url = d.api_path ? new URL(d.api_path, origin).href : contentApiUrl(new URL(d.base_path, origin).href);
    releases.push(await readRelease(url, await askJson(url, opts), origin));
  }
  releases.sort(byNewest);
  return { asked, releases: dated ? releases : releases.slice(0, block.latest ?? 3) };
}
