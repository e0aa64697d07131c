/**
 * What every publisher's listing is reduced to (releases, each with its files), and how a listing page
 * is asked for: through acquire's download (timeout, attempts, size limit), redirects reported rather
 * than followed, and every way the answer can go wrong turned into one ListingError that says what
 * was asked, what came back and what to do.
 */
import { z } from 'zod';
import { download, type DownloadOptions } from '../acquire.ts';

export interface ListedFile {
  url: string;
  title: string;
  filename: string;
  contentType: string | null;
  /** Size the publisher declares, when it does. */
  bytes: number | null;
}

export interface ListedRelease {
  title: string;
  /** Human page of the release. */
  page: string;
  /** ISO date-time the publisher gives for it (published or last updated), when it gives one. */
  published: string | null;
  files: ListedFile[];
}

export interface Listing {
  /** The first address asked (the series' API URL). */
  asked: string;
  /** Newest first. */
  releases: ListedRelease[];
}

export class ListingError extends Error {
  constructor(
    readonly asked: string,
    readonly cameBack: string,
    readonly todo: string,
  ) {
    super(`asked ${asked}; came back: ${cameBack}. ${todo}`);
    this.name = 'ListingError';
  }
}

export type AskOptions = Pick<DownloadOptions, 'timeoutMs' | 'attempts' | 'log' | 'maxBytes'>;

/** A listing page is small; a body this large is not one. */
const MAX_LISTING_BYTES = 32 * 1024 * 1024;

export async function askJson(url: string, opts: AskOptions): Promise<unknown> {
  const res = await download(url, { ...opts, maxBytes: Math.min(opts.maxBytes ?? MAX_LISTING_BYTES, MAX_LISTING_BYTES), redirects: 'report', accept: 'application/json' });
  if (!res.ok) {
    if (res.movedTo !== undefined || (res.status !== undefined && res.status >= 300 && res.status < 400)) {
      throw new ListingError(url, `a redirect (HTTP ${res.status}) to ${res.movedTo ?? 'an address it does not give'}`, 'The page has moved: open the new address in a browser, check it is the same series, and put it in the discovery block of the dataset.');
    }
    if (res.status === 410) throw new ListingError(url, 'HTTP 410 Gone', 'The publisher withdrew the page: find where the series is listed now (or whether it ended) and update the discovery block.');
    if (res.status === 404) throw new ListingError(url, 'HTTP 404 Not Found', 'Open the page in a browser: if it moved, put the new address in the discovery block; if the series ended, make the block {"api": "none", "reason": …}.');
    if (res.status !== undefined && res.status >= 500) throw new ListingError(url, res.message, "The publisher's server is failing: try --discover again later.");
    if (res.status !== undefined && res.status >= 400) throw new ListingError(url, res.message, 'The publisher refused the request: open the address in a browser to see why.');
    const found = res.message.startsWith(`${url}: `) ? res.message.slice(url.length + 2) : res.message;
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH/.test(found)) {
      throw new ListingError(url, `no connection to ${new URL(url).host} (${found})`, 'Check the network or proxy settings; without a network, download the file by hand and use --add-file.');
    }
    throw new ListingError(url, found, 'Try again later, or with a longer --timeout-ms; behind a proxy, download the file by hand and use --add-file.');
  }
  const text = new TextDecoder().decode(res.bytes);
  try {
    return JSON.parse(text);
  } catch (e) {
    const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    const found = text.trimStart().startsWith('{') || text.trimStart().startsWith('[')
      ? `JSON cut short or broken (${res.bytes.length} bytes; ${(e as Error).message})`
      : `a body that is not JSON (${res.bytes.length} bytes${res.contentType ? `, ${res.contentType}` : ''}, starting "${start}")`;
    throw new ListingError(url, found, 'Open the address in a browser: an error or login page, or an answer cut short, is not a listing. Try again later.');
  }
}

/**
 * Checks an answer against the shape a module relies on. The message names the first field that is
 * missing or of another type, so a publisher's API change shows as exactly that.
 */
export function expectShape<T>(url: string, json: unknown, schema: z.ZodType<T>, what: string, module: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.join('.') || '(the whole answer)';
  throw new ListingError(
    url,
    `${what} of another shape: field ${path}: ${issue.message}`,
    `The publisher may have changed its API or the page type. Compare the answer with the shape cited in pipeline/discover/${module} and adapt the module, or point the discovery block at the right page.`,
  );
}

/** "…/file?uri=/a/b/tables.xlsx" → tables.xlsx; "…/media/123/tables.ods" → tables.ods. */
export function fileNameOf(url: string): string {
  try {
    const u = new URL(url);
    const path = u.searchParams.get('uri') ?? u.pathname;
    return decodeURIComponent(path.split('/').filter(Boolean).at(-1) ?? '');
  } catch {
    return url.split('/').at(-1) ?? url;
  }
}

export const byNewest = (a: { published: string | null }, b: { published: string | null }) =>
  (b.published ?? '').localeCompare(a.published ?? '');
