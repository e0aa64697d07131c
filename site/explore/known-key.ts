/**
 * The name of a known query's build-time result (/explore/known/<key>.json): a hash of its text as
 * a link carries it (trimmed). Pure and synchronous, so the page finds the file before the engine
 * loads; FNV-1a on UTF-16 code units, twice with different seeds (64 bits: no clash among the few
 * hundred queries a build knows).
 */
export function knownKey(sql: string): string {
  const text = sql.trim();
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}

/** A build-time result as the page receives it: text cells exactly as the explorer writes them (site/explore/format.ts). */
export interface KnownResult {
  sql: string;
  /** Edition the figures are from. */
  edition: string;
  columns: { name: string; type: string; numeric: boolean }[];
  rows: (string | null)[][];
  /** Rows the query returns; `rows` holds the first KNOWN_ROWS of them. */
  totalRows: number;
}

/** Rows a known result carries: enough for the first screen; the engine's answer brings the rest. */
export const KNOWN_ROWS = 1_000;
