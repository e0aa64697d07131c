/**
 * A Cloudflare Worker (Workers with static assets) for hosts that refuse files over 25 MiB.
 *
 * Two published files are larger than that: the explorer's engine (`_astro/duckdb-eh.<hash>.wasm`,
 * 34 MB) and `data/tables/indicator_values.json`. `site/hosting/prepare-cloudflare.ts` leaves them out
 * of the upload (dist/.assetsignore); their brotli and gzip copies (6–8 MB) are uploaded with the
 * rest. Cloudflare serves every asset it has without running this Worker; only a request for a file
 * it does not have reaches `fetch` below, which answers with the compressed copy, labelled with the
 * original's type and the encoding, so the browser sees the original file.
 *
 * Deploy: see docs/deploy.md ("Cloudflare"). Tested in tests/unit/cloudflare-worker.test.ts.
 */

import { contentType, pickEncoding } from '../lib/http.ts';

/** The part of the static-assets binding this Worker uses. */
export interface AssetsBinding {
  fetch(request: Request | string): Promise<Response>;
}

/** The kinds of file that can be over the limit; every other missing path goes to the assets as it is. */
const OVERSIZED_KINDS = new Set(['.wasm', '.json', '.csv', '.arrow', '.js']);

const extension = (path: string) => /\.[a-z0-9]+$/i.exec(path)?.[0].toLowerCase() ?? '';

/** br if the client takes it, then gzip: the order site/serve.ts prefers, read by the same parser. */
export function encodingsFor(acceptEncoding: string | null): ('br' | 'gzip')[] {
  const accept = acceptEncoding ?? undefined;
  return [
    ...(pickEncoding(accept, { br: true, gz: false }) ? (['br'] as const) : []),
    ...(pickEncoding(accept, { br: false, gz: true }) ? (['gzip'] as const) : []),
  ];
}

export default {
  async fetch(request: Request, env: { ASSETS: AssetsBinding }): Promise<Response> {
    const url = new URL(request.url);
    if (OVERSIZED_KINDS.has(extension(url.pathname)) && (request.method === 'GET' || request.method === 'HEAD')) {
      for (const encoding of encodingsFor(request.headers.get('Accept-Encoding'))) {
        const copy = await env.ASSETS.fetch(new Request(new URL(`${url.pathname}.${encoding === 'br' ? 'br' : 'gz'}`, url), { method: request.method }));
        if (!copy.ok) continue;
        const headers = new Headers(copy.headers);
        headers.set('Content-Type', contentType(url.pathname));
        headers.set('Content-Encoding', encoding);
        headers.set('Vary', 'Accept-Encoding');
        headers.delete('Content-Length');
        if (url.pathname.startsWith('/_astro/')) headers.set('Cache-Control', 'public, max-age=31536000, immutable');
        // encodeBody 'manual': the bytes are already compressed; Cloudflare must pass them through.
        return new Response(request.method === 'HEAD' ? null : copy.body, { status: 200, headers, encodeBody: 'manual' } as ResponseInit);
      }
    }
    return env.ASSETS.fetch(request);
  },
};
