/**
 * A league table for one indicator: every PFA's value in the latest period, the published rank,
 * a simulated rank interval, and (for rates with counts) funnel-plot positions.
 */
import { areas, englandWales, latestPeriod, values, type IndicatorDef, type IndicatorValue, type Pfa } from './data.ts';
import { rankIntervals, seedFrom, type RankInterval } from './rank.ts';
import { funnelBand, funnelLimits, valueScale, type FunnelKind } from './funnel.ts';
import { toCsv } from './format.ts';

export interface LeagueRow {
  pfa: Pfa;
  v: IndicatorValue | undefined;
  rankInterval?: RankInterval;
  funnel?: string;
}

export interface League {
  indicator: IndicatorDef;
  period: string;
  rows: LeagueRow[];
  ew?: IndicatorValue;
  /** Null when the published figures do not support a simulation (no intervals, no counts). */
  rankIntervals: Map<string, RankInterval> | null;
  funnel: { kind: FunnelKind; scale: number; target: number } | null;
  hasCounts: boolean;
  hasIntervals: boolean;
}

export const SIMULATIONS = 5000;

export function funnelKind(ind: IndicatorDef): FunnelKind | null {
  if (ind.ciMethod === 'wilson') return 'proportion';
  if (ind.ciMethod === 'byar') return 'poisson';
  return null;
}

const built = new Map<string, League>();

/** The league table (built once per indicator and period: the page and its CSV file share it; the rank simulation is the slow part). */
export function league(ind: IndicatorDef, period = latestPeriod(ind.id, 'pfa')): League | null {
  if (!period) return null;
  const key = `${ind.id}|${period}`;
  if (!built.has(key)) built.set(key, buildLeague(ind, period));
  return built.get(key)!;
}

function buildLeague(ind: IndicatorDef, period: string): League {
  const byCode = new Map(values({ indicatorId: ind.id, areaType: 'pfa', period }).map((v) => [v.area_code, v]));
  const ew = englandWales(ind.id, period);
  const ranked = [...byCode.values()].filter((v) => v.value !== null);
  const intervals = rankIntervals(
    ranked.map((v) => ({ code: v.area_code, value: v.value!, numerator: v.numerator, denominator: v.denominator, lower: v.lower_95, upper: v.upper_95 })),
    { ciMethod: ind.ciMethod, polarity: ind.polarity, seed: seedFrom(`${ind.id}|${period}`), simulations: SIMULATIONS },
  );
  const hasCounts = ranked.length > 0 && ranked.every((v) => v.numerator !== null && v.denominator !== null && v.denominator > 0);
  const kind = funnelKind(ind);
  let funnel: League['funnel'] = null;
  if (kind && hasCounts && ew?.value != null) {
    const scale = valueScale(ranked.map((v) => ({ value: v.value!, numerator: v.numerator!, denominator: v.denominator! })));
    if (scale) funnel = { kind, scale, target: ew.value };
  }
  const rows: LeagueRow[] = areas().map((pfa) => {
    const v = byCode.get(pfa.pfa_code);
    let band: string | undefined;
    if (funnel && v?.value != null && v.denominator) band = funnelBand(v.value, funnelLimits(funnel.kind, funnel.target, funnel.scale, [v.denominator])[0]);
    return { pfa, v, rankInterval: intervals?.get(pfa.pfa_code), funnel: band };
  });
  rows.sort((a, b) => (a.v?.rank ?? Infinity) - (b.v?.rank ?? Infinity) || a.pfa.pfa_name.localeCompare(b.pfa.pfa_name, 'en-GB'));
  return {
    indicator: ind,
    period,
    rows,
    ew,
    rankIntervals: intervals,
    funnel,
    hasCounts,
    hasIntervals: ranked.some((v) => v.lower_95 !== null),
  };
}

/** Fixed caveats a ranked table of this kind must carry (in addition to the indicator's own). */
export function rankingNotices(ind: IndicatorDef): string[] {
  const text = `${ind.id} ${ind.title} ${ind.sources.join(' ')}`.toLowerCase();
  const out: string[] = [];
  if (text.includes('reoffend')) out.push('Reoffending rates are not adjusted for offender mix: areas whose offenders have more previous offences or are younger will tend to show higher rates whatever local services do.');
  if (text.includes('crime')) out.push('Recorded crime depends on what is reported to the police and on each force\'s recording practice, which HM Inspectorate of Constabulary has found to vary between forces and over time; differences between areas are not only differences in crime.');
  return out;
}

/**
 * The league table as on screen, as CSV: one row per area in rank order (the page's JavaScript puts
 * the rows in the reader's sort order when it downloads), the columns the table shows, the values
 * unrounded. area_code comes first: the page reorders the file's rows by it.
 */
export function leagueCsv(lg: League): string {
  const columns = ['area_code', 'area_name', 'period', 'rank', 'rank_of', 'value', ...(lg.hasIntervals ? ['lower_95', 'upper_95'] : []), ...(lg.rankIntervals ? ['rank_interval_lower', 'rank_interval_upper'] : []), 'compared_to_ew', ...(lg.hasCounts ? ['numerator', 'denominator'] : []), ...(lg.funnel ? ['funnel_plot'] : []), 'source_id'];
  const rows = lg.rows.map((r) => ({
    area_code: r.pfa.pfa_code,
    area_name: r.pfa.pfa_name,
    period: lg.period,
    rank: r.v?.rank ?? null,
    rank_of: r.v?.rank_of ?? null,
    value: r.v?.value ?? null,
    lower_95: r.v?.lower_95 ?? null,
    upper_95: r.v?.upper_95 ?? null,
    rank_interval_lower: r.rankInterval?.lower ?? null,
    rank_interval_upper: r.rankInterval?.upper ?? null,
    compared_to_ew: r.v?.compared_to_ew ?? null,
    numerator: r.v?.numerator ?? null,
    denominator: r.v?.denominator ?? null,
    funnel_plot: r.funnel ?? null,
    source_id: r.v?.source_id ?? null,
  }));
  return toCsv(columns, rows);
}

/** The query behind a league table, as its "Query these figures in the explorer" link carries it (a known query: /explore/ shows its build-time result at once). */
export const leagueSql = (indicatorId: string, period: string) => `SELECT * FROM indicator_values WHERE indicator_id = '${indicatorId.replaceAll("'", "''")}' AND area_type = 'pfa' AND period = '${period.replaceAll("'", "''")}' ORDER BY rank`;
