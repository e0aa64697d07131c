/**
 * The one definition of each reoffending formula, shared by the reoffending indicator families in
 * pipeline/indicators/ (every .ts there is loaded as indicators, so the shared builders live here).
 * Each builder wraps a query that returns counts per area and cohort and turns them into the
 * INDICATOR_SQL_COLUMNS.
 */
import type { IndicatorDef } from '../../../src/indicator.ts';

export const OFFENDER_MIX_CAVEAT =
  'Rates are not adjusted for offender mix: an area whose offenders are younger or have more previous offences will show a higher rate for reasons other than local services.';

export const NOT_HELD_PFA_PRISON: NonNullable<IndicatorDef['notHeld']> = [
  {
    geography: 'pfa',
    reason: 'No held file gives proven reoffending by police force area.',
    wouldNeed: 'MoJ proven reoffending geographical data tool (adult and juvenile offenders and reoffenders by local authority, PFA and prison), registered as moj_reoffending_geographical_data_tool.',
    filledBy: ['moj_reoffending_geographical_data_tool'],
  },
  {
    geography: 'prison',
    reason: 'No held file in this series gives proven reoffending by releasing prison.',
    wouldNeed: 'MoJ proven reoffending geographical data tool (by prison), registered as moj_reoffending_geographical_data_tool.',
    filledBy: ['moj_reoffending_geographical_data_tool'],
  },
];

/**
 * Proven reoffending rate = reoffenders ÷ offenders, with a Wilson 95% interval.
 * `counts` returns: area_type, area_code, area_name, period, offenders, reoffenders, source_id.
 */
export function reoffendingRateSql(counts: string): string {
  return `
WITH counts AS (${counts})
SELECT area_type, area_code, area_name, period,
  reoffenders::DOUBLE / offenders AS value, reoffenders AS numerator, offenders AS denominator,
  wilson_lower(reoffenders::DOUBLE, offenders::DOUBLE) AS lower_95, wilson_upper(reoffenders::DOUBLE, offenders::DOUBLE) AS upper_95,
  source_id
FROM counts`;
}

/**
 * Proven reoffences per reoffender, with a Byar 95% interval on the reoffence count (reoffenders
 * taken as fixed). `counts` returns: area_type, area_code, area_name, period, reoffenders,
 * reoffences, source_id.
 */
export function reoffencesPerReoffenderSql(counts: string): string {
  return `
WITH counts AS (${counts})
SELECT area_type, area_code, area_name, period,
  reoffences::DOUBLE / reoffenders AS value, reoffences AS numerator, reoffenders AS denominator,
  byar_lower(reoffences::DOUBLE) / reoffenders AS lower_95, byar_upper(reoffences::DOUBLE) / reoffenders AS upper_95,
  source_id
FROM counts`;
}

/**
 * Counts per English region and cohort from the overview-data-tool extract: the sum of the age-band
 * rows of the chosen offender groups (and age band, if given).
 */
export function regionCountsSql(groups: ('adult' | 'juvenile')[], ageBand?: string): string {
  const groupList = groups.map((g) => `'${g}'`).join(', ');
  return `
  SELECT 'region' AS area_type, r.region_code AS area_code, g.region_name AS area_name, r.period,
    sum(r.offenders) AS offenders, sum(r.reoffenders) AS reoffenders, sum(r.reoffences) AS reoffences,
    min(r.source_id) AS source_id
  FROM reoffending_region r JOIN region g USING (region_code)
  WHERE r.offender_group IN (${groupList})${ageBand ? ` AND r.age_band = '${ageBand.replace(/'/g, "''")}'` : ''}
  GROUP BY ALL`;
}

/** England and Wales counts of one national series, pivoted from the long table. */
export function nationalCountsSql(series: string, cohortType: string, group: string, indexOffence = 'All offences'): string {
  return `
  SELECT 'england_wales' AS area_type, 'K04000001' AS area_code, 'England and Wales' AS area_name, period,
    max(value) FILTER (WHERE measure = 'offenders') AS offenders,
    max(value) FILTER (WHERE measure = 'reoffenders') AS reoffenders,
    max(value) FILTER (WHERE measure = 'reoffences') AS reoffences,
    min(source_id) AS source_id
  FROM reoffending_national
  WHERE series = '${series}' AND cohort_type = '${cohortType}' AND offender_group = '${group}' AND index_offence = '${indexOffence.replace(/'/g, "''")}'
  GROUP BY ALL
  HAVING offenders IS NOT NULL AND reoffenders IS NOT NULL AND offenders > 0`;
}

/** A published proportion (0-1) with no counts: no interval. */
export function publishedProportionSql(series: string, group: string, indexOffence: string): string {
  return `
SELECT 'england_wales' AS area_type, 'K04000001' AS area_code, 'England and Wales' AS area_name, period,
  value, NULL AS numerator, NULL AS denominator, NULL AS lower_95, NULL AS upper_95, source_id
FROM reoffending_national
WHERE series = '${series}' AND offender_group = '${group}' AND index_offence = '${indexOffence.replace(/'/g, "''")}' AND measure = 'proportion_reoffending'
  AND value IS NOT NULL`;
}

/** Children's rate by English region from LAIT (published % → proportion), no counts so no interval. */
export function youthRegionRateSql(ageBand: '10-14' | '15-17'): string {
  return `
SELECT 'region' AS area_type, y.region_code AS area_code, g.region_name AS area_name, y.period,
  y.rate_percent / 100 AS value, NULL AS numerator, NULL AS denominator, NULL AS lower_95, NULL AS upper_95, y.source_id
FROM youth_reoffending_region y JOIN region g USING (region_code)
WHERE y.age_band = '${ageBand}'`;
}

/** Geographies the MoJ region extract (January to March 2020 release) cannot give, shared by its 16 indicators. */
export const REGION_EXTRACT_NOT_HELD = [
  { geography: "england_wales", reason: "The region extract holds no England and Wales row, and other held national series come from other releases and methods, so they are not used as comparators.", wouldNeed: "MoJ overview data tool, January to March 2020 release (England and Wales rows)." },
  { geography: "wales", reason: "Wales is not in the region extract.", wouldNeed: "MoJ overview data tool (Wales rows)." },
];

export const REGION_EXTRACT_CAVEAT =
  "English regions only, from the MoJ overview data tool (January to March 2020 release); the release's England and Wales figure is not held, so regions are not compared with England and Wales (rank among the nine regions only).";
