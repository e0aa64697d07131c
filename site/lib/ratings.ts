/**
 * Prison performance ratings (table prison_rating, TEAM contract 6): the lists HMPPS published, as
 * held. The lists held are partial (some years name only the prisons rated of serious concern), so a
 * prison absent from a year's list has an unknown rating for that year: it is said so, never guessed.
 * An older build without the table says the ratings are not in it.
 */
import { optionalTable } from './data.ts';

export interface PrisonRating {
  prison_code: string;
  performance_year: string;
  /** 1 (serious concern) to 4 (exceptional); null where the list names the prison without a level. */
  rating: number | null;
  rating_label: string | null;
  /** Which prisons the list covers, in words (e.g. only those rated 1). */
  list_coverage: string | null;
  source_url: string | null;
  source_id: string;
  source_cell?: string | null;
}

/** One performance year's list as held: its coverage and sources, taken from its rows. */
export interface RatingList {
  year: string;
  coverage: string | null;
  sources: { id: string; url: string | null }[];
}

/** One prison in one list: its row, or null when the list does not name it (unknown). */
export interface PrisonInList {
  list: RatingList;
  rating: PrisonRating | null;
}

export const NOT_IN_BUILD = 'rating not in this build';
export const NOT_IN_LIST = 'not rated in that list (unknown)';

/** The lists the rows come from, oldest year first. */
export function ratingLists(rows: readonly PrisonRating[]): RatingList[] {
  const byYear = new Map<string, RatingList>();
  for (const r of rows) {
    const list = byYear.get(r.performance_year) ?? { year: r.performance_year, coverage: r.list_coverage, sources: [] };
    if (!list.sources.some((s) => s.id === r.source_id && s.url === r.source_url)) list.sources.push({ id: r.source_id, url: r.source_url });
    list.coverage ??= r.list_coverage;
    byYear.set(r.performance_year, list);
  }
  return [...byYear.values()].sort((a, b) => (a.year < b.year ? -1 : 1));
}

/** A prison in every list held (absent: rating null), oldest first; null when the build has no ratings. */
export function prisonInLists(rows: readonly PrisonRating[] | null, prisonCode: string): PrisonInList[] | null {
  if (!rows) return null;
  return ratingLists(rows).map((list) => ({ list, rating: rows.find((r) => r.performance_year === list.year && r.prison_code === prisonCode) ?? null }));
}

/** A rating in words: the list's own label, else its level. */
export function ratingWords(r: PrisonRating | null): string {
  if (!r) return NOT_IN_LIST;
  if (r.rating_label) return r.rating_label;
  return r.rating === null ? 'named in the list without a level' : `level ${r.rating} of 4`;
}

let cached: PrisonRating[] | null | undefined;

/** The published table's rows, or null when this build has no prison_rating table. */
export function prisonRatings(): PrisonRating[] | null {
  if (cached === undefined) cached = optionalTable<PrisonRating>('prison_rating');
  return cached;
}
