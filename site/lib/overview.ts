/**
 * The words and the geometry of an area's overview, worked out from plain numbers so that they can
 * be tested with fixtures: the spread of the areas (lowest, quartiles, highest), where one area sits
 * in it (place, fifth), the spine chart's scale, whether a figure is old, and the one-sentence
 * summary of a topic. Nothing here reads data/build/; site/lib/topics.ts feeds it.
 */
import { periodEnd } from './accountability.ts';
import { ordinal } from './format.ts';

export interface Spread {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** Quantile by linear interpolation between order statistics (R type 7, d3.quantile's rule). */
function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Lowest, quartiles and highest of the areas' values; null when fewer than two areas have one. */
export function spreadOf(values: readonly (number | null)[]): Spread | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length < 2) return null;
  return { n: v.length, min: v[0], q1: quantileSorted(v, 0.25), median: quantileSorted(v, 0.5), q3: quantileSorted(v, 0.75), max: v.at(-1)! };
}

/**
 * The spine chart's scale for one row: each row has its own scale from the lowest to the highest of
 * the areas (widened to take in England and Wales and the area itself if they fall outside), mapped
 * to a percentage of the row's width with `pad` per cent kept free at each end so marks are not cut.
 * A row where every value is the same puts everything in the middle.
 */
export function spineScale(spread: Pick<Spread, 'min' | 'max'>, extra: readonly (number | null | undefined)[] = [], pad = 4): (v: number) => number {
  const all = [spread.min, spread.max, ...extra.filter((x): x is number => typeof x === 'number' && Number.isFinite(x))];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  if (hi === lo) return () => 50;
  return (v: number) => pad + ((v - lo) / (hi - lo)) * (100 - 2 * pad);
}

export interface Place {
  /** 1 = the highest value; ties share the best place. */
  fromTop: number;
  /** 1 = the lowest value; ties share the best place. */
  fromBottom: number;
  n: number;
}

/** Where a value sits among the areas' values (which include it). */
export function placeAmong(value: number, values: readonly (number | null)[]): Place {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return {
    fromTop: v.filter((x) => x > value).length + 1,
    fromBottom: v.filter((x) => x < value).length + 1,
    n: v.length,
  };
}

/** "7th highest of 42 areas", or counted from the bottom in the lower half ("3rd lowest of 42 areas"). */
export function placeWords(place: Place, what = 'areas'): string {
  if (place.n <= 1) return `the only one of its ${what} with a figure`;
  if (place.fromTop === 1) return `the highest of ${place.n} ${what}`;
  if (place.fromBottom === 1) return `the lowest of ${place.n} ${what}`;
  return place.fromTop <= place.fromBottom
    ? `${ordinal(place.fromTop)} highest of ${place.n} ${what}`
    : `${ordinal(place.fromBottom)} lowest of ${place.n} ${what}`;
}

/**
 * The fifth of the areas a value falls in, 1 (highest fifth) to 5 (lowest fifth), from its place
 * counted from the top: place p of n is in fifth ceil(5p/n). Ties take the best place, so equal
 * values always land in the same fifth. Fewer than five areas: null (a fifth of four means nothing).
 */
export function fifthOf(place: Place): 1 | 2 | 3 | 4 | 5 | null {
  if (place.n < 5) return null;
  return Math.min(5, Math.max(1, Math.ceil((5 * place.fromTop) / place.n))) as 1 | 2 | 3 | 4 | 5;
}

export const FIFTH_WORDS: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: 'in the highest fifth',
  2: 'above the middle',
  3: 'in the middle fifth',
  4: 'below the middle',
  5: 'in the lowest fifth',
};

/** The last day a period covers, as YYYY-MM-DD: accountability.ts's rule, plus a month ('2026-07'). */
export function periodEndDate(period: string): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[2]) !== (Number(m[1]) + 1) % 100) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`;
  }
  // The notional cost's period ("2026-07-01 places at 2022-23 cost") ends with the places' month.
  const lead = /^(\d{4}-\d{2}-\d{2}) /.exec(period);
  return periodEnd(lead ? lead[1] : period);
}

/** A registry file's span ("2019-04-01/2025-03-31") as words ("Apr 2019 to Mar 2025"), each end as the site shortens a period. */
export function fileSpanWords(span: string, short: (period: string) => string): string {
  const ends = span.split('/');
  return ends.length === 2 ? `${short(ends[0])} to ${short(ends[1])}` : short(span);
}

/** A figure is old when its period ended more than `years` years before the edition's date. */
export function isOld(period: string, editionDate: string, years = 2): boolean {
  const end = periodEndDate(period);
  if (!end) return false;
  const limit = new Date(`${editionDate}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() - years);
  return Date.parse(`${end}T00:00:00Z`) < limit.getTime();
}

export type Verdict = 'better' | 'similar' | 'worse';

export function verdictOf(compared: string | null | undefined): Verdict | null {
  return compared === 'better' || compared === 'similar' || compared === 'worse' ? compared : null;
}

export interface SentenceInput {
  label: string;
  /** The value as displayed, with its unit words ("109.1 per 1,000 residents"). */
  valueText: string;
  place: Place | null;
  /** What the areas are called in the place words ("areas", "regions"). */
  among?: string;
  verdict: Verdict | null;
  periodText: string;
}

const VERDICT_SENTENCE: Record<Verdict, string> = {
  better: 'better than England and Wales',
  similar: 'similar to England and Wales',
  worse: 'worse than England and Wales',
};

/**
 * One plain sentence: "Recorded crime: 109.1 per 1,000 residents, 7th highest of 42 areas (April
 * 2018 to March 2019)". A verdict is added only where the figure has an interval and a polarity
 * (compared_to_ew says so); otherwise the place is put in words by its fifth.
 */
export function topicSentence(s: SentenceInput): string {
  const parts = [`${s.label}: ${s.valueText}`];
  if (s.place) {
    const place = placeWords(s.place, s.among ?? 'areas');
    const fifth = fifthOf(s.place);
    // "the highest of 9, in the highest fifth" says one thing twice: the fifth only when the place is not an end.
    const atAnEnd = s.place.fromTop === 1 || s.place.fromBottom === 1;
    if (s.verdict) parts.push(`${place}; ${VERDICT_SENTENCE[s.verdict]}`);
    else if (fifth && !atAnEnd) parts.push(`${place}, ${FIFTH_WORDS[fifth]}`);
    else parts.push(place);
  } else if (s.verdict) {
    parts.push(VERDICT_SENTENCE[s.verdict]);
  }
  // A period that carries its own brackets ("2023-24 (April to March)") keeps one pair.
  return `${parts.join(', ')} (${s.periodText.replace(/ \((.+)\)$/, ', $1')}).`;
}

/**
 * When the term record's figures stop, against the term: "held to 2019 of a term that runs to 2028".
 * `latestEnds` are the latest periods' end dates (YYYY-MM-DD) of the indicators compared.
 */
export function termStopWords(latestEnds: readonly (string | null)[], termEndsYear: number | null): string | null {
  const years = latestEnds.filter((e): e is string => !!e).map((e) => Number(e.slice(0, 4)));
  if (!years.length) return null;
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  const held = lo === hi ? `held to ${hi}` : `held to between ${lo} and ${hi}`;
  return termEndsYear ? `${held} of a term that runs to ${termEndsYear}` : held;
}

/**
 * The year the current term ends: PCC and mayoral terms are four years from the election that began
 * them (the 2021 round's term was three years: elections were due in 2024). Null without an election.
 */
export function termEndsYear(latestElection: string | null): number | null {
  if (!latestElection) return null;
  const y = Number(latestElection.slice(0, 4));
  return y === 2021 ? 2024 : y + 4;
}

export interface SimilarRow {
  pfa_code: string;
  similar_pfa_code: string;
  similarity_rank: number;
}

export interface SimilarComparison {
  /** The similar areas with a value, nearest first. */
  rows: { code: string; rank: number; value: number | null }[];
  /** Spread of the similar areas' values (the area itself left out). */
  spread: Spread | null;
  /** Place of the area among itself and its similar areas (with values). */
  place: Place | null;
}

/**
 * The area against its similar areas (table similar_areas, contract 4): null when the table is not
 * in the build or has no row for the area, so the page can say so rather than compare with nothing.
 */
export function similarComparison(
  pfaCode: string,
  similar: readonly SimilarRow[] | null,
  valueOf: (code: string) => number | null,
): SimilarComparison | null {
  if (!similar) return null;
  const mine = similar.filter((r) => r.pfa_code === pfaCode).sort((a, b) => a.similarity_rank - b.similarity_rank);
  if (!mine.length) return null;
  const rows = mine.map((r) => ({ code: r.similar_pfa_code, rank: r.similarity_rank, value: valueOf(r.similar_pfa_code) }));
  const own = valueOf(pfaCode);
  const vals = [own, ...rows.map((r) => r.value)];
  return { rows, spread: spreadOf(rows.map((r) => r.value)), place: own === null ? null : placeAmong(own, vals) };
}
