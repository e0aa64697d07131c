import { describe, expect, it } from 'vitest';
import { NOT_IN_LIST, prisonInLists, ratingLists, ratingWords, type PrisonRating } from '../../site/lib/ratings.ts';

// Rows shaped as contract 6 describes them: a partial list (only level 1 named) and a fuller one.
const row = (prison_code: string, performance_year: string, rating: number | null, rating_label: string | null, list_coverage: string): PrisonRating => ({
  prison_code, performance_year, rating, rating_label, list_coverage,
  source_url: `https://example.org/${performance_year}`, source_id: `ratings_${performance_year}`, source_cell: 'row 2',
});
const rows = [
  row('WWI', '2016-17', 1, 'Level 1: Overall performance is of serious concern', 'partial: only the prisons rated 1 (serious concern)'),
  row('BFI', '2016-17', 1, 'Level 1: Overall performance is of serious concern', 'partial: only the prisons rated 1 (serious concern)'),
  row('BFI', '2024-25', 2, null, 'partial: the part of the list held'),
];

describe('prison ratings as held (contract 6)', () => {
  it('lists each year once with its coverage and source', () => {
    expect(ratingLists(rows).map((l) => [l.year, l.coverage, l.sources.length])).toEqual([
      ['2016-17', 'partial: only the prisons rated 1 (serious concern)', 1],
      ['2024-25', 'partial: the part of the list held', 1],
    ]);
  });

  it('says "unknown" for a prison a list does not name, and never fills it in', () => {
    const ww = prisonInLists(rows, 'WWI')!;
    expect(ww.map((p) => ratingWords(p.rating))).toEqual(['Level 1: Overall performance is of serious concern', NOT_IN_LIST]);
    expect(NOT_IN_LIST).toBe('not rated in that list (unknown)');
    expect(ratingWords(prisonInLists(rows, 'BFI')![1].rating)).toBe('level 2 of 4');
    expect(prisonInLists(rows, 'XXX')!.every((p) => p.rating === null)).toBe(true);
  });

  it('knows when the build has no ratings at all', () => {
    expect(prisonInLists(null, 'WWI')).toBeNull();
  });
});
