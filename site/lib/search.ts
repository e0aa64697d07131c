/**
 * Matching typed names against the lists of areas, councils and prisons (the home page's finder).
 * Pure, so the browser bundles it without the data. A prison is listed by its name ("Wandsworth");
 * readers type it as letters and signs put it ("HMP Wandsworth", "HMP/YOI Bristol", "IRC Colnbrook"),
 * so those establishment prefixes are dropped from the query before matching.
 */

/** Lower case, "&" as "and", punctuation as spaces, one space between words. */
export const normaliseName = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();

// In normalised form (HMP/YOI → "hmp yoi"), longest first.
const PREFIXES = [
  'hm prison and young offender institution',
  'hm young offender institution',
  'immigration removal centre',
  'young offender institution',
  'hm prison',
  'hmp and yoi',
  'hmp yoi',
  'hmyoi',
  'hmp',
  'yoi',
  'irc',
];

/** The query without an establishment prefix ("HMP Wandsworth" → "wandsworth"); a prefix alone stays as typed. */
export function searchQuery(typed: string): string {
  const q = normaliseName(typed);
  for (const p of PREFIXES) if (q.startsWith(`${p} `)) return q.slice(p.length + 1);
  return q;
}

/** True when the query matches the start of a word of the name (both as typed; an empty query matches all). */
export function nameMatches(name: string, typed: string): boolean {
  const q = searchQuery(typed);
  return q === '' || ` ${normaliseName(name)}`.includes(` ${q}`);
}
