/**
 * The SQL engine of /explore/: DuckDB-WASM in a Web Worker over the published tables.
 *
 * Only this page imports this module, so only this page downloads the WebAssembly. The EH bundle
 * (WebAssembly exceptions, supported by every current browser) is the one bundle the site ships: the
 * MVP bundle only helps browsers from before 2022 and the COI bundle needs cross-origin isolation
 * headers a static host may not send. Vite's `?url` emits both files into the build output under a
 * content hash, so the browser can cache them for ever; the precompression step beside it writes the
 * .br/.gz copies (site/lib/publish-data.ts).
 *
 * Tables arrive as the pipeline's Arrow files (pipeline/arrow.ts), and only when a query names them:
 * DuckDB-WASM takes Arrow in without parsing, whereas Parquet would need an extension this site never
 * fetches and CSV must be parsed. A reader who asks about indicator_values downloads that table
 * alone (0.6 MB compressed), not all thirty.
 *
 * Safety, in order: extensions are never installed or loaded, then external access is switched off
 * and the configuration locked before any query runs, so no query can read a URL or a file, or switch
 * it back. Tables are handed to DuckDB as bytes this page fetched from its own origin.
 */
/// <reference types="vite/client" />
import * as duckdb from '@duckdb/duckdb-wasm';
import type { AsyncRecordBatchStreamReader, RecordBatch, Schema } from 'apache-arrow';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';

/** The engine's two files, for a page that wants the browser to start fetching them early. */
export const ENGINE_FILES = { worker: workerUrl, wasm: wasmUrl };

/** What the page knows at build time (embedded as JSON): the tables and the indicator macros. */
export interface ExploreConfig {
  /** The site's /data/ folder (with the base path), ending in '/'. */
  dataBase: string;
  /** Each published table: the name DuckDB knows it by and its Arrow file under dataBase. */
  tables: { name: string; arrow: string }[];
  /** `macros` from indicators.json, run before anything else so every indicator's SQL runs as-is. */
  macros: string;
  /** Keys (site/explore/known-key.ts) of the queries whose build-time result is in known/<key>.json. */
  known?: string[];
}

export interface LoadProgress {
  phase: 'engine' | 'tables' | 'ready';
  bytesLoaded: number;
  bytesTotal: number;
  /** While phase is 'tables': the tables being loaded. */
  tables?: string[];
}

export interface QueryResult {
  schema: Schema;
  /** Arrow batches, kept columnar (compact) so that the CSV can include every row kept. */
  batches: RecordBatch[];
  /** Rows kept in `batches` (at most KEEP_ROWS). */
  keptRows: number;
  /** Rows the query returned, counted to the end even past KEEP_ROWS. */
  totalRows: number;
  /** Milliseconds from sending the query to the last row counted (tables it loaded first excluded). */
  elapsedMs: number;
}

/** Rows kept for the table view and the CSV; beyond this the rows are counted but not kept. */
export const KEEP_ROWS = 1_000_000;

export class QueryCancelled extends Error {
  constructor() {
    super('The query was cancelled.');
  }
}

/** Run once the engine is open, before any query. `lock_configuration` last: after it, no SET can undo the others. */
const LOCKDOWN_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
].join(';\n');

/**
 * Each table is held in its own schema and shown under its published name as a view, as in the
 * package: a reader may redefine or drop the view for an experiment without losing the rows.
 */
const PUBLISHED_SCHEMA = 'published';
const identifier = (s: string) => `"${s.replaceAll('"', '""')}"`;
const publishedViewSql = (name: string) => `CREATE OR REPLACE VIEW main.${identifier(name)} AS SELECT * FROM ${PUBLISHED_SCHEMA}.${identifier(name)}`;

/**
 * The published tables whose names appear in the query as words. A name that only looks like a table
 * (a string 'coverage') costs one small download; quoting a name ("indicator_values") still finds it.
 */
export function tablesNamedIn(sql: string, names: string[]): string[] {
  return names.filter((name) => new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`, 'i').test(sql));
}

/** Performance marks ('explore:…') for bench/explore.ts, which prints where a cold start spends its time. */
const mark = (name: string) => performance.mark(`explore:${name}`);

export class Engine {
  private worker: Worker | null = null;
  private db: duckdb.AsyncDuckDB | null = null;
  private conn: duckdb.AsyncDuckDBConnection | null = null;
  private ready: Promise<void> | null = null;
  private running: { reject: (e: Error) => void } | null = null;
  /** Each table's Arrow bytes, fetched once per page: a restart after a cancel reuses them. */
  private tableBytes = new Map<string, Promise<Uint8Array>>();
  /** Tables already inserted into this worker's database. */
  private loaded = new Set<string>();

  constructor(
    private readonly config: ExploreConfig,
    private readonly onProgress: (p: LoadProgress) => void = () => {},
  ) {}

  /** Starts (or restarts) the worker; resolves when the engine is open, locked and has the macros. */
  start(): Promise<void> {
    this.ready ??= this.boot();
    return this.ready;
  }

  private bytesOf(name: string): Promise<Uint8Array> {
    let bytes = this.tableBytes.get(name);
    if (!bytes) {
      const table = this.config.tables.find((t) => t.name === name)!;
      const url = new URL(table.arrow, new URL(this.config.dataBase, location.href)).href;
      bytes = fetch(url).then(async (response) => {
        if (!response.ok) throw new Error(`Could not load table ${name} (${url}): HTTP ${response.status}. Reload the page to try again.`);
        return new Uint8Array(await response.arrayBuffer());
      });
      // A failed download is not kept, so the next query asks again.
      bytes.catch(() => this.tableBytes.delete(name));
      this.tableBytes.set(name, bytes);
    }
    return bytes;
  }

  private async boot(): Promise<void> {
    mark('start');
    const worker = new Worker(new URL(workerUrl, location.href).href);
    this.worker = worker;
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(new URL(wasmUrl, location.href).href, null, (p) =>
      this.onProgress({ phase: 'engine', bytesLoaded: p.bytesLoaded, bytesTotal: p.bytesTotal }),
    );
    mark('instantiated');
    await db.open({
      // Strings and numbers arrive exactly as DuckDB holds them; the page formats them.
      query: { castBigIntToDouble: false, castDecimalToDouble: false },
      filesystem: { allowFullHTTPReads: false },
    });
    const conn = await db.connect();
    mark('opened');
    await conn.query(LOCKDOWN_SQL);
    await conn.query(`CREATE SCHEMA ${PUBLISHED_SCHEMA}`);
    await conn.query(this.config.macros);
    this.loaded = new Set();
    this.db = db;
    this.conn = conn;
    mark('ready');
    this.onProgress({ phase: 'ready', bytesLoaded: 0, bytesTotal: 0 });
  }

  /**
   * Runs one query (or several statements; the last one's rows are returned). Rows past KEEP_ROWS
   * are counted, not kept.
   */
  async run(sql: string): Promise<QueryResult> {
    const cancelled = new Promise<never>((_, reject) => {
      this.running = { reject };
    });
    // Keeps an unhandled rejection out of the console when nobody cancels.
    cancelled.catch(() => {});
    try {
      return await this.runOrCancel(sql, cancelled);
    } catch (e) {
      throw e instanceof QueryCancelled ? e : new Error(duckdbMessage(e));
    } finally {
      this.running = null;
    }
  }

  private async runOrCancel(sql: string, cancelled: Promise<never>): Promise<QueryResult> {
    const named = tablesNamedIn(sql, this.config.tables.map((t) => t.name));
    // Downloads start now, so the tables arrive while the engine is still starting.
    for (const name of named) void this.bytesOf(name).catch(() => {});
    // A reader may cancel while the engine is still loading, too.
    await Promise.race([this.start(), cancelled]);
    await Promise.race([this.loadTables(named), cancelled]);
    const conn = this.conn!;
    const started = performance.now();
    const reader = await Promise.race([conn.send(sql, true), cancelled]);
    return await Promise.race([collect(reader, started), cancelled]);
  }

  /** Inserts every one of the named tables that this worker does not have yet. */
  private async loadTables(named: string[]): Promise<void> {
    const wanted = named.filter((name) => !this.loaded.has(name));
    if (!wanted.length) return;
    this.onProgress({ phase: 'tables', bytesLoaded: 0, bytesTotal: 0, tables: wanted });
    for (const name of wanted) {
      // A copy: inserting transfers the buffer to the worker, and a restart needs the bytes again.
      const bytes = (await this.bytesOf(name)).slice();
      await this.conn!.insertArrowFromIPCStream(bytes, { schema: PUBLISHED_SCHEMA, name, create: true });
      await this.conn!.query(publishedViewSql(name));
      this.loaded.add(name);
    }
    mark('tables-loaded');
    this.onProgress({ phase: 'ready', bytesLoaded: 0, bytesTotal: 0 });
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /**
   * Stops the running query. A query inside one long DuckDB step cannot be interrupted from outside,
   * so the worker is terminated and a fresh one started (downloaded tables are reused).
   */
  async cancel(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.reject(new QueryCancelled());
    const worker = this.worker;
    this.worker = null;
    this.db = null;
    this.conn = null;
    this.ready = null;
    worker?.terminate();
    await this.start();
  }
}

/**
 * DuckDB's message as its own shell prints it ("Parser Error: syntax error at or near …"). Streamed
 * queries report errors as JSON ({"exception_type": "Parser", "exception_message": …}).
 */
export function duckdbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(message) as { exception_type?: string; exception_message?: string };
    if (parsed.exception_message) return parsed.exception_type ? `${parsed.exception_type} Error: ${parsed.exception_message}` : parsed.exception_message;
  } catch {
    // Not JSON: already DuckDB's text.
  }
  return message;
}

async function collect(reader: AsyncRecordBatchStreamReader, started: number): Promise<QueryResult> {
  const batches: RecordBatch[] = [];
  let keptRows = 0;
  let totalRows = 0;
  let schema: Schema | null = null;
  for await (const batch of reader) {
    schema ??= batch.schema;
    totalRows += batch.numRows;
    if (keptRows < KEEP_ROWS) {
      const keep = Math.min(batch.numRows, KEEP_ROWS - keptRows);
      batches.push(keep === batch.numRows ? batch : batch.slice(0, keep));
      keptRows += keep;
    }
  }
  // A query with no rows still has columns: the reader's schema names them.
  schema ??= reader.schema;
  return { schema, batches, keptRows, totalRows, elapsedMs: performance.now() - started };
}
