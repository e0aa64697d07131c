/**
 * Hand-kept exceptions are data with their evidence: every row of each committed list says why it
 * is there, and the parsers read exactly these lists.
 */
import { describe, expect, it } from 'vitest';
import { readCommittedCsv } from '../../pipeline/read/csv.ts';
import { HAND_MAPPED_ECODES, KNOWN_PREVIOUS_YEAR_ERRORS } from '../../pipeline/sources/precept.ts';
import { RELEASE_OF_SOURCE } from '../../pipeline/sources/prison_costs.ts';
import { KNOWN_TOTAL_GAPS } from '../../pipeline/sources/prison_estate/bulletin_doc.ts';
import { ALL_ROW_MISMATCH } from '../../pipeline/sources/reoffending_national.ts';

const LISTS: [string, string, number][] = [
  ['../../pipeline/sources/prison_estate/known_total_gaps.csv', 'why', KNOWN_TOTAL_GAPS.length],
  ['../../pipeline/geography/precept_authority_pfa.csv', 'evidence', Object.keys(HAND_MAPPED_ECODES).length],
  ['../../pipeline/sources/precept/known_publisher_errors.csv', 'evidence', KNOWN_PREVIOUS_YEAR_ERRORS.length],
  ['../../pipeline/sources/reoffending_national/all_row_mismatch.csv', 'evidence', ALL_ROW_MISMATCH.size],
  ['../../pipeline/sources/prison_costs/release_of_source.csv', 'evidence', Object.keys(RELEASE_OF_SOURCE).length],
];

describe('hand-kept exceptions', () => {
  it.each(LISTS)('%s: every row has its evidence, and the parser reads every row', (path, column, used) => {
    const rows = readCommittedCsv(new URL(path, import.meta.url), [column]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r[column].length < 20)).toEqual([]);
    expect(used).toBe(rows.length);
  });

  it('the known exceptions are the ones found in the held files', () => {
    expect(KNOWN_TOTAL_GAPS).toEqual([expect.objectContaining({ month: '2013-03-01', column: 'baselineCna', difference: 968 })]);
    expect(HAND_MAPPED_ECODES).toEqual({ E5102: 'E23000001', E7042: 'E23000005', a: 'E23000005', E6348a: 'E23000005', E7047: 'E23000010', c: 'E23000010', E6353a: 'E23000010' });
    expect(KNOWN_PREVIOUS_YEAR_ERRORS).toEqual([{ year: '2022-23', pfa: 'E23000001', measure: 'tax_base', inFileYear: '2023-24' }]);
    expect([...ALL_ROW_MISMATCH]).toEqual(['consultation_2016_old|annual|2005-01/2005-12', 'consultation_2016_old|annual|2005-04/2006-03']);
  });
});
