/**
 * The overview's words and geometry on fixtures: the spread and place of an area, fifths, the
 * spine chart's scale, old figures, one sentence per topic, the term record's stop words, and the
 * similar-areas comparison (table similar_areas, contract 4), including its absence.
 */
import { describe, expect, it } from 'vitest';
import {
  fifthOf, isOld, periodEndDate, placeAmong, placeWords, similarComparison, spineScale, spreadOf,
  termEndsYear, termStopWords, topicSentence, fileSpanWords,
} from '../../site/lib/overview.ts';
import { formatPeriodShort } from '../../site/lib/format.ts';
import { topicOf } from '../../site/lib/topics.ts';

describe('spread of the areas', () => {
  it('gives lowest, quartiles (type 7) and highest, ignoring missing values', () => {
    expect(spreadOf([5, null, 1, 3, 2, 4])).toEqual({ n: 5, min: 1, q1: 2, median: 3, q3: 4, max: 5 });
    expect(spreadOf([10, 20, 30, 40])).toEqual({ n: 4, min: 10, q1: 17.5, median: 25, q3: 32.5, max: 40 });
  });
  it('is null with fewer than two values', () => {
    expect(spreadOf([7, null])).toBeNull();
  });
});

describe('spine chart scale', () => {
  it('maps lowest and highest to the padded ends, linearly between', () => {
    const x = spineScale({ min: 0, max: 100 });
    expect(x(0)).toBe(4);
    expect(x(100)).toBe(96);
    expect(x(50)).toBe(50);
  });
  it('widens to take in England and Wales when it lies outside the areas', () => {
    const x = spineScale({ min: 10, max: 20 }, [30, null]);
    expect(x(30)).toBe(96);
    expect(x(10)).toBe(4);
    expect(x(20)).toBeCloseTo(4 + 92 / 2, 10);
  });
  it('puts everything in the middle when all values are equal', () => {
    expect(spineScale({ min: 3, max: 3 }, [3])(3)).toBe(50);
  });
});

describe('place and fifths', () => {
  const vals = [109.1, 140, 120, 95, 90, 88, 80, 70, 60, 50];
  it('counts from the top and from the bottom, ties sharing the best place', () => {
    expect(placeAmong(109.1, vals)).toEqual({ fromTop: 3, fromBottom: 8, n: 10 });
    expect(placeAmong(5, [5, 5, 9])).toEqual({ fromTop: 2, fromBottom: 1, n: 3 });
  });
  it('says the place from the nearer end', () => {
    expect(placeWords({ fromTop: 7, fromBottom: 36, n: 42 })).toBe('7th highest of 42 areas');
    expect(placeWords({ fromTop: 40, fromBottom: 3, n: 42 })).toBe('3rd lowest of 42 areas');
    expect(placeWords({ fromTop: 1, fromBottom: 9, n: 9 }, 'regions')).toBe('the highest of 9 regions');
  });
  it('puts place p of n in fifth ceil(5p/n), and gives none for fewer than five areas', () => {
    expect(fifthOf({ fromTop: 1, fromBottom: 43, n: 43 })).toBe(1);
    expect(fifthOf({ fromTop: 8, fromBottom: 36, n: 43 })).toBe(1);
    expect(fifthOf({ fromTop: 9, fromBottom: 35, n: 43 })).toBe(2);
    expect(fifthOf({ fromTop: 22, fromBottom: 22, n: 43 })).toBe(3);
    expect(fifthOf({ fromTop: 43, fromBottom: 1, n: 43 })).toBe(5);
    expect(fifthOf({ fromTop: 2, fromBottom: 3, n: 4 })).toBeNull();
  });
});

describe('old figures', () => {
  it('marks a period that ended more than two years before the edition', () => {
    expect(isOld('2018-04/2019-03', '2026-11-25')).toBe(true);
    expect(isOld('2023-24', '2026-11-25')).toBe(true);
    expect(isOld('2025-04/2026-03', '2026-11-25')).toBe(false);
    expect(isOld('2024-12-31', '2026-11-25')).toBe(false);
    expect(isOld('2024-11-24', '2026-11-25')).toBe(true);
  });
  it('reads a month, a financial year and the notional cost period', () => {
    expect(periodEndDate('2026-07')).toBe('2026-07-31');
    expect(periodEndDate('2023-24')).toBe('2024-03-31');
    expect(periodEndDate('2026-07-01 places at 2022-23 cost')).toBe('2026-07-01');
    expect(isOld('free text', '2026-11-25')).toBe(false);
  });
});

describe('a registered file span in words', () => {
  it('shortens each end as the site does', () => {
    expect(fileSpanWords('2019-04-01/2025-03-31', formatPeriodShort)).toBe('Apr 2019 to Mar 2025');
    expect(fileSpanWords('2024-25/2025-26', formatPeriodShort)).toBe('2024-25 to 2025-26');
  });
});

describe('one sentence per topic', () => {
  it('writes the place and the period where no verdict is honest, with the fifth', () => {
    expect(topicSentence({ label: 'Recorded crime', valueText: '109.1 per 1,000 residents', place: { fromTop: 7, fromBottom: 36, n: 42 }, verdict: null, periodText: 'April 2018 to March 2019' }))
      .toBe('Recorded crime: 109.1 per 1,000 residents, 7th highest of 42 areas, in the highest fifth (April 2018 to March 2019).');
  });
  it('gives the verdict instead of the fifth where the figure has one', () => {
    expect(topicSentence({ label: 'Deaths in prison custody', valueText: '3.1 per 1,000 prisoners', place: { fromTop: 19, fromBottom: 21, n: 39 }, verdict: 'similar', periodText: '2023' }))
      .toBe('Deaths in prison custody: 3.1 per 1,000 prisoners, 19th highest of 39 areas; similar to England and Wales (2023).');
  });
  it('leaves the fifth out at either end, and keeps one pair of brackets round the period', () => {
    expect(topicSentence({ label: 'Proven reoffending rate (South East region)', valueText: '22.2%', place: { fromTop: 9, fromBottom: 1, n: 9 }, among: 'regions', verdict: null, periodText: 'April 2019 to March 2020' }))
      .toBe('Proven reoffending rate (South East region): 22.2%, the lowest of 9 regions (April 2019 to March 2020).');
    expect(topicSentence({ label: 'Police precept', valueText: '£243.15', place: { fromTop: 31, fromBottom: 8, n: 38 }, verdict: null, periodText: '2023-24 (April to March)' }))
      .toBe('Police precept: £243.15, 8th lowest of 38 areas, in the lowest fifth (2023-24, April to March).');
  });
  it('leaves the fifth out among fewer than five', () => {
    expect(topicSentence({ label: 'X', valueText: '1', place: { fromTop: 2, fromBottom: 3, n: 4 }, verdict: null, periodText: '2020' })).toBe('X: 1, 2nd highest of 4 areas (2020).');
  });
});

describe('term record stop words', () => {
  it('says when the figures stop against the end of the term', () => {
    expect(termStopWords(['2019-03-31', '2019-12-31'], 2028)).toBe('held to 2019 of a term that runs to 2028');
    expect(termStopWords(['2018-09-30', '2026-07-31', null], 2028)).toBe('held to between 2018 and 2026 of a term that runs to 2028');
    expect(termStopWords([], 2028)).toBeNull();
  });
  it('ends a term four years after its election, the 2021 round in 2024', () => {
    expect(termEndsYear('2024-05-02')).toBe(2028);
    expect(termEndsYear('2021-05-06')).toBe(2024);
    expect(termEndsYear(null)).toBeNull();
  });
});

describe('similar areas', () => {
  const table = [
    { pfa_code: 'A', similar_pfa_code: 'C', similarity_rank: 2 },
    { pfa_code: 'A', similar_pfa_code: 'B', similarity_rank: 1 },
    { pfa_code: 'A', similar_pfa_code: 'D', similarity_rank: 3 },
    { pfa_code: 'B', similar_pfa_code: 'A', similarity_rank: 1 },
  ];
  const value: Record<string, number | null> = { A: 10, B: 30, C: null, D: 20 };
  it('lists the similar areas nearest first and places the area among them', () => {
    const c = similarComparison('A', table, (code) => value[code] ?? null)!;
    expect(c.rows.map((r) => r.code)).toEqual(['B', 'C', 'D']);
    expect(c.place).toEqual({ fromTop: 3, fromBottom: 1, n: 3 });
    // The spread is the similar areas' own, without the area.
    expect(c.spread).toMatchObject({ min: 20, max: 30, n: 2 });
  });
  it('is null when the table is absent or has no row for the area', () => {
    expect(similarComparison('A', null, () => 1)).toBeNull();
    expect(similarComparison('Z', table, () => 1)).toBeNull();
  });
});

describe('topics', () => {
  it('puts each indicator on the page a voter would look for it', () => {
    expect(topicOf('reoffending_rate_all_region')).toBe('reoffending');
    expect(topicOf('youth_reoffending_rate_15_17_region')).toBe('reoffending');
    expect(topicOf('prison_deaths_per_1000')).toBe('prisons');
    expect(topicOf('women_custody_rate_per_100k')).toBe('prisons');
    expect(topicOf('notional_prison_place_cost')).toBe('money');
    expect(topicOf('police_precept_band_d')).toBe('money');
    expect(topicOf('recorded_crime_per_1000')).toBe('policing-and-crime');
    expect(topicOf('police_officers_per_100k')).toBe('policing-and-crime');
    expect(topicOf('resident_population')).toBe('who-answers');
  });
});
