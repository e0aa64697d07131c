/**
 * Links into the SQL explorer. Pure (no DOM), so pages use it at build time and scripts at run time:
 *
 *   import { exploreHref } from '../explore/link.ts';
 *   <a href={exploreHref("SELECT * FROM indicator_values WHERE indicator_id = 'x'")}>Open in SQL</a>
 *
 * The query travels in ?sql= (URLSearchParams encoding); /explore/ runs it on arrival.
 */
export function exploreHref(sql: string, base: string = import.meta.env?.BASE_URL ?? '/'): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}explore/?${new URLSearchParams({ sql: sql.trim() }).toString()}`;
}

/** The query a /explore/ URL carries, or null. */
export function sqlFromSearch(search: string): string | null {
  const sql = new URLSearchParams(search).get('sql');
  return sql && sql.trim() ? sql : null;
}
