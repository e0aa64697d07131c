/**
 * `npm run serve`: serves the built site (dist/) on 127.0.0.1 for reading and testing.
 * Static files only, with the right content types, precompressed .br/.gz siblings when the client
 * accepts them, byte ranges (DuckDB-WASM reads Parquet by range), and `Cache-Control: no-cache` so a
 * rebuilt site is never hidden behind a stale cache (ETags keep reloads cheap).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { headersFor, readHeaderRules, type HeaderRule } from './lib/headers.ts';
import { contentType, pickEncoding } from './lib/http.ts';

export { CONTENT_TYPES, contentType, pickEncoding } from './lib/http.ts';

function fileAt(root: string, urlPath: string): { path: string; stat: Stats } | { redirect: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = resolve(root, `.${decoded}`);
  if (target !== root && !target.startsWith(root + sep)) return null;
  if (!existsSync(target)) return null;
  const stat = statSync(target);
  if (stat.isDirectory()) {
    // The site is built with trailing slashes; send /x to /x/ as the built links do.
    if (!urlPath.endsWith('/')) return { redirect: `${urlPath}/` };
    const index = join(target, 'index.html');
    return existsSync(index) ? { path: index, stat: statSync(index) } : null;
  }
  return { path: target, stat };
}

function handle(root: string, rules: HeaderRule[], req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const found = fileAt(root, url.pathname);
  if (found && 'redirect' in found) {
    res.writeHead(301, { Location: found.redirect + url.search, 'Cache-Control': 'no-cache' }).end();
    return;
  }
  if (!found) {
    const notFound = join(root, '404.html');
    res.writeHead(404, { ...headersFor(rules, url.pathname), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else if (existsSync(notFound)) createReadStream(notFound).pipe(res);
    else res.end('<!doctype html><title>Not found</title><p>Not found.</p>\n');
    return;
  }
  const { path, stat } = found;
  const headers: Record<string, string | number> = {
    'Cache-Control': 'no-cache',
    // The site's own headers (dist/_headers), as a static host would send them: these include the
    // long cache life of the content-hashed files under /_astro/, which lets the explorer's early
    // download of its engine serve the worker's own request.
    ...headersFor(rules, url.pathname),
    'Content-Type': contentType(path),
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
  };
  const range = req.headers.range;
  const encoding = range ? null : pickEncoding(req.headers['accept-encoding'], { br: existsSync(`${path}.br`), gz: existsSync(`${path}.gz`) });
  const sent = encoding ? `${path}.${encoding === 'br' ? 'br' : 'gz'}` : path;
  const sentStat = encoding ? statSync(sent) : stat;
  const etag = `"${sentStat.size.toString(36)}-${Math.floor(sentStat.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
  headers.ETag = etag;
  headers['Last-Modified'] = stat.mtime.toUTCString();
  if (existsSync(`${path}.br`) || existsSync(`${path}.gz`)) headers.Vary = 'Accept-Encoding';
  if (encoding) headers['Content-Encoding'] = encoding;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  if (range) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    let start = m && m[1] !== '' ? Number(m[1]) : NaN;
    let end = m && m[2] !== '' ? Number(m[2]) : stat.size - 1;
    if (m && m[1] === '' && m[2] !== '') { start = Math.max(0, stat.size - Number(m[2])); end = stat.size - 1; }
    if (!m || Number.isNaN(start) || start > end || start >= stat.size) {
      res.writeHead(416, { 'Content-Range': `bytes */${stat.size}`, 'Cache-Control': 'no-cache' }).end();
      return;
    }
    end = Math.min(end, stat.size - 1);
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${stat.size}`, 'Content-Length': end - start + 1 });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': sentStat.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(sent).pipe(res);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const onError = (err: NodeJS.ErrnoException) => { server.off('listening', onListening); fail(err); };
    const onListening = () => { server.off('error', onError); ok((server.address() as { port: number }).port); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export interface Serving {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** Serve `dir` on `host`, from `port` upward until a port is free (port 0: any free port). */
export async function serve(options: { dir?: string; port?: number; host?: string; tries?: number } = {}): Promise<Serving> {
  const root = resolve(options.dir ?? 'dist');
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html not found: run \`npm run build\` first.`);
  const host = options.host ?? '127.0.0.1';
  const tries = options.tries ?? 20;
  const rules = readHeaderRules(root);
  let port = options.port ?? 4321;
  for (let i = 0; ; i++) {
    const server = createServer((req, res) => {
      try {
        handle(root, rules, req, res);
      } catch (err) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Server error: ${(err as Error).message}\n`);
      }
    });
    try {
      const bound = await listen(server, port, host);
      return {
        url: `http://${host}:${bound}/`,
        port: bound,
        close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || i + 1 >= tries) throw err;
      port++;
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = process.env.PORT ? Number(process.env.PORT) : 4321;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, found "${process.env.PORT}".`);
    process.exit(1);
  }
  serve({ port }).then(
    (s) => {
      if (s.port !== port && port !== 0) console.log(`Port ${port} is busy; using ${s.port}.`);
      console.log(`Justice by Area is served at ${s.url}`);
      console.log('Press Ctrl+C to stop.');
    },
    (err) => {
      console.error((err as Error).message);
      process.exit(1);
    },
  );
}
