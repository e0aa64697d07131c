/**
 * ONS Open Geography portal: an ArcGIS Hub, searched through the ArcGIS sharing REST API
 * (https://www.arcgis.com/sharing/rest/search?q=…&f=json). Shapes relied on:
 * - the search answer: `results[]`, with `total`, `start`, `num`, `nextStart` (Esri's SearchResponse
 *   members, ArcGIS documentation); an error is answered as `{ "error": { "code", "message" } }`;
 * - each item: `id`, `title`, `type`, `modified` (UNIX time in milliseconds), `name` (file name, for
 *   file items) (developers.arcgis.com/rest/users-groups-and-items/item.htm);
 * - an item's file is its data resource, <portal>/content/items/<id>/data (the same page: "item data
 *   resource … returns the actual bits").
 * Public scripts that track ONS geography releases this way query `owner:ONSGeography_data` with
 * sortField=modified&sortOrder=desc (found by code search; e.g. a National Statistics Postcode Lookup
 * ingester). An item's `size` is not used: for a hosted service it is the service's storage, not a file.
 */
import { z } from 'zod';
import type { DiscoveryBlock } from '../registry.ts';
import { askJson, expectShape, ListingError, type AskOptions, type Listing } from './listing.ts';

type ArcgisBlock = Extract<DiscoveryBlock, { api: 'arcgis_search' }>;

const MODULE = 'arcgis.ts';

const Answer = z.union([
  z.object({ error: z.object({ code: z.number().optional(), message: z.string().optional() }) }),
  z.object({
    results: z.array(z.object({ id: z.string(), title: z.string(), type: z.string().optional(), modified: z.number().optional(), name: z.string().nullable().optional() })),
  }),
]);

export function searchUrl(block: ArcgisBlock): string {
  const params = new URLSearchParams({ q: block.query, f: 'json', num: '50', sortField: 'modified', sortOrder: 'desc' });
  return `${block.portal.replace(/\/$/, '')}/search?${params}`;
}

export async function listArcgis(block: ArcgisBlock, opts: AskOptions): Promise<Listing> {
  const asked = searchUrl(block);
  const portal = block.portal.replace(/\/$/, '');
  const answer = expectShape(asked, await askJson(asked, opts), Answer, 'an ArcGIS search answer', MODULE);
  if ('error' in answer) {
    throw new ListingError(asked, `an error from the portal (${answer.error.code ?? 'no code'}: ${answer.error.message ?? 'no message'})`, 'Check the query in the discovery block against the portal.');
  }
  const releases = answer.results.map((item) => ({
    title: item.title,
    page: `${new URL(portal).origin}/home/item.html?id=${item.id}`,
    published: item.modified !== undefined ? new Date(item.modified).toISOString() : null,
    files: [{ url: `${portal}/content/items/${item.id}/data`, title: item.title, filename: item.name || item.title, contentType: null, bytes: null }],
  }));
  return { asked, releases: releases.slice(0, block.latest ?? 10) };
}
