import type { AreaType } from './tables.ts';

/**
 * One indicator, defined once. The pipeline runs `sql` with DuckDB over the tidy tables; the site shows
 * the same text on the methodology page and runs it in the browser with DuckDB-WASM.
 *
 * The SQL returns the columns of INDICATOR_SQL_COLUMNS (in any order); the pipeline adds
 * indicator_id (pipeline/compute.ts), then compares with England and Wales and ranks with the one
 * shared query COMPARE_SQL (also in pipeline/compute.ts, published in indicators.json).
 */
export interface IndicatorDef {
  id: string;
  title: string;
  /** One sentence a voter understands. */
  description: string;
  unit: 'percent' | 'rate_per_100k' | 'rate_per_1000' | 'count' | 'ratio' | 'gbp' | 'score';
  /** How to show the value: multiply by `scale`, round to `decimals`. */
  display: { scale: number; decimals: number; suffix?: string; prefix?: string };
  polarity: 'higher_is_better' | 'lower_is_better' | 'neither';
  numerator: string;
  denominator: string;
  ciMethod: 'wilson' | 'byar' | 'none';
  /** Area types this indicator is computed for. */
  geographies: AreaType[];
  /** What the data could not support, per geography, and which publisher file would. */
  /**
   * Per geography, why there are no figures. `filledBy` names the registry file ids that would supply
   * them: once every one is held (--add-file, --accept), the note is no longer true and is dropped.
   */
  notHeld?: { geography: string; reason: string; wouldNeed?: string; filledBy?: string[] }[];
  caveats: string[];
  /** Registry dataset ids the figures come from. */
  sources: string[];
  /** Series with different methods are kept apart: name the series. */
  series?: string;
  sql: string;
}

/**
 * What a file in pipeline/indicators/ exports by default: one definition (the file is named for its
 * id), or a family of definitions built from a small table (the file is named for the family).
 */
export type IndicatorModule = IndicatorDef | readonly IndicatorDef[];

export const INDICATOR_RESULT_COLUMNS = [
  'indicator_id',
  'area_type',
  'area_code',
  'area_name',
  'period',
  'value',
  'numerator',
  'denominator',
  'lower_95',
  'upper_95',
  'source_id',
  'denominator_source_id',
  'basis',
  'reference_date',
  'unranked_reason',
] as const;

/**
 * Result columns an indicator's SQL may leave out (the pipeline fills NULL): the denominator's file
 * where it is not the numerator's, the denominator basis (e.g. 'Census 2021 residents'), the day a
 * count was taken where the publisher gives it (a monthly bulletin's report date), and why a row is
 * left out of ranks (a closed or empty establishment, an immigration removal centre's months). An indicator built
 * from two or more datasets with a denominator must return denominator_source_id and basis itself
 * (compute.ts refuses it otherwise), so that a figure built from two files names both.
 */
export const INDICATOR_OPTIONAL_COLUMNS = ['denominator_source_id', 'basis', 'reference_date', 'unranked_reason'] as const;

/**
 * The one rule for City of London (issue 11 §4): about 8,600 people live there while hundreds of
 * thousands work in or visit it, so no per-resident rate (unit rate_per_1000 or rate_per_100k at
 * police force area level) is ranked or compared with England and Wales. Its values are shown where
 * the publisher's figures give one. Applied by COMPARE_SQL (pipeline/compute.ts).
 */
export const CITY_OF_LONDON = 'E23000034';
export const CITY_OF_LONDON_RULE =
  'City of London: about 8,600 residents against hundreds of thousands of workers and visitors, so a rate per resident is not comparable with other areas; shown, not ranked or compared';

/** The columns an indicator's SQL returns: every result column but indicator_id, which the pipeline adds. */
export const INDICATOR_SQL_COLUMNS = INDICATOR_RESULT_COLUMNS.filter((c) => c !== 'indicator_id');

/** True when the indicator divides by something (its denominator text is not 'None …'). */
export function hasDenominator(def: Pick<IndicatorDef, 'denominator'>): boolean {
  return !/^None\b/.test(def.denominator);
}
