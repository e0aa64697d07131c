/**
 * The SQL engine of /explore/: DuckDB-WASM in a Web Worker over the published Parquet tables.
 *
 * Only this page imports this module, so only this page downloads the WebAssembly. The EH bundle
 * (WebAssembly exceptions, supported by every current browser) is the one bundle the site ships: the
 * MVP bundle only helps browsers from before 2022 and the COI bundle needs cross-origin isolation
 * headers a static host may not send. Vite's `?url` emits both files into the build output under a
 * content hash, so the browser can cache them for ever; the precompression step beside it writes the
 * .br/.gz copies (site/lib/publish-data.ts).
 *
 * Safety, in order: extensions are never installed or loaded (so the tables are read from their CSV
 * copies: see views.ts), the tables are registered from bytes this page fetched from its own origin,
 * then external access is switched off and the configuration locked, so no query can read a URL or a
 * file, or switch it back.
 */
/// <reference types="vite/client" />
import * as duckdb from '@duckdb/duckdb-wasm';
import type { AsyncRecordBatchStreamReader, RecordBatch, Schema } from 'apache-arrow';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';

/** What the page knows at build time (embedded as JSON): the tables and the indicator macros. */
export interface ExploreConfig {
  /** The site's /data/ folder (with the base path), ending in '/'. */
  dataBase: string;
  /** Each published table: its file under dataBase, the name DuckDB knows it by, and its view (views.ts). */
  tables: { name: string; path: string; file: string; viewSql: string; cacheSql: string }[];
  /** `macros` from indicators.json, run before anything else so every indicator's SQL runs as-is. */
  macros: string;
}

export interface LoadProgress {
  phase: 'engine' | 'tables' | 'ready';
  bytesLoaded: number;
  bytesTotal: number;
}

export interface QueryResult {
  schema: Schema;
  /** Arrow batches, kept columnar (compact) so that the CSV can include every row kept. */
  batches: RecordBatch[];
  /** Rows kept in `batches` (at most KEEP_ROWS). */
  keptRows: number;
  /** Rows the query returned, counted to the end even past KEEP_ROWS. */
  totalRows: number;
  /** Milliseconds from sending the query to the last row counted. */
  elapsedMs: number;
}

/** Rows kept for the table view and the CSV; beyond this the rows are counted but not kept. */
export const KEEP_ROWS = 1_000_000;

export class QueryCancelled extends Error {
  constructor() {
    super('The query was cancelled.');
  }
}

/**
 * Settings run once the views exist. `lock_configuration` last: after it, no SET can undo the others.
 * allowed_paths keeps the registered table files readable once external access is off.
 */
function lockdownSql(files: string[]): string {
  const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
  return [
    `SET allowed_paths = [${list}]`,
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ].join(';\n');
}

export class Engine {
  private worker: Worker | null = null;
  private db: duckdb.AsyncDuckDB | null = null;
  private conn: duckdb.AsyncDuckDBConnection | null = null;
  private ready: Promise<void> | null = null;
  private running: { reject: (e: Error) => void } | null = null;
  private tableBytes: Promise<Map<string, Uint8Array>> | null = null;
  /** Tables already parsed into memory (views.ts cacheSql) in this worker. */
  private cached = new Set<string>();

  constructor(
    private readonly config: ExploreConfig,
    private readonly onProgress: (p: LoadProgress) => void = () => {},
  ) {}

  /** Starts (or restarts) the worker; resolves when every table and macro is in place. */
  start(): Promise<void> {
    this.ready ??= this.boot();
    return this.ready;
  }

  private fetchTables(): Promise<Map<string, Uint8Array>> {
    // Fetched once per page: a restart after a cancel reuses the bytes instead of asking again.
    this.tableBytes ??= Promise.all(
      this.config.tables.map(async (t) => {
        const url = new URL(t.path, new URL(this.config.dataBase, location.href)).href;
        const response = await fetch(url);
        if (!response.ok) throw new Error(`Could not load table ${t.name} (${url}): HTTP ${response.status}.`);
        return [t.name, new Uint8Array(await response.arrayBuffer())] as const;
      }),
    ).then((entries) => new Map(entries));
    return this.tableBytes;
  }

  private async boot(): Promise<void> {
    // Started first so the table downloads overlap the engine download.
    const tables = this.fetchTables();
    const worker = new Worker(new URL(workerUrl, location.href).href);
    this.worker = worker;
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(new URL(wasmUrl, location.href).href, null, (p) =>
      this.onProgress({ phase: 'engine', bytesLoaded: p.bytesLoaded, bytesTotal: p.bytesTotal }),
    );
    await db.open({
      // Strings and numbers arrive exactly as DuckDB holds them; the page formats them.
      query: { castBigIntToDouble: false, castDecimalToDouble: false },
      filesystem: { allowFullHTTPReads: false },
    });
    this.onProgress({ phase: 'tables', bytesLoaded: 0, bytesTotal: 0 });
    const conn = await db.connect();
    await conn.query('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false');
    const bytes = await tables;
    for (const t of this.config.tables) {
      // A copy: registering transfers the buffer to the worker, and a restart needs the bytes again.
      await db.registerFileBuffer(t.file, bytes.get(t.name)!.slice());
    }
    await conn.query(this.config.tables.map((t) => t.viewSql).join(';\n'));
    await conn.query('CREATE SCHEMA cache');
    this.cached = new Set();
    await conn.query(this.config.macros);
    await conn.query(lockdownSql(this.config.tables.map((t) => t.file)));
    this.db = db;
    this.conn = conn;
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
    // A reader may cancel while the engine is still loading, too.
    await Promise.race([this.start(), cancelled]);
    const conn = this.conn!;
    const started = performance.now();
    await Promise.race([this.cacheTablesNamedIn(sql), cancelled]);
    const reader = await Promise.race([conn.send(sql, true), cancelled]);
    return await Promise.race([collect(reader, started), cancelled]);
  }

  /**
   * Parses into memory every table whose name appears in the query as a word. A name that only looks
   * like a table (a string 'pfa') costs one small parse; a table missed here is still read correctly
   * through its CSV view, only more slowly.
   */
  private async cacheTablesNamedIn(sql: string): Promise<void> {
    for (const t of this.config.tables) {
      if (this.cached.has(t.name) || !new RegExp(`(^|[^A-Za-z0-9_])${t.name}($|[^A-Za-z0-9_])`, 'i').test(sql)) continue;
      await this.conn!.query(t.cacheSql);
      this.cached.add(t.name);
    }
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /**
   * Stops the running query. A query inside one long DuckDB step cannot be interrupted from outside,
   * so the worker is terminated and a fresh one started (the table bytes are reused).
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
