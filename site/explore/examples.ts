/**
 * Example queries for /explore/, written at build time against what this edition publishes: an
 * example whose indicator or table is not published yet is left out rather than shown failing.
 * Each one is plain SQL a reader can edit; none depends on anything but the published tables.
 */
import { hasTable, indicators, values } from '../lib/data.ts';

export interface Example {
  title: string;
  sql: string;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Area types an indicator has values for, in the order an example prefers them. */
function areaTypesWithValues(indicatorId: string): Set<string> {
  return new Set(values({ indicatorId }).filter((v) => v.value !== null).map((v) => v.area_type));
}

/** Areas where an indicator rose between its earliest and latest period (the same span for all). */
function roseSince(indicatorId: string, areaType: string, title: string, periodWord: string): Example {
  const id = quote(indicatorId);
  return {
    title,
    sql: `-- ${title}
WITH v AS (
  SELECT area_code, area_name, period, value FROM indicator_values
  WHERE indicator_id = ${id} AND area_type = ${quote(areaType)} AND value IS NOT NULL
),
span AS (SELECT min(period) AS earliest, max(period) AS latest FROM v)
SELECT first.area_name,
  span.earliest AS earliest_${periodWord}, first.value AS earliest_value,
  span.latest AS latest_${periodWord}, last.value AS latest_value,
  last.value - first.value AS change
FROM v AS first
JOIN v AS last USING (area_code)
CROSS JOIN span
WHERE first.period = span.earliest AND last.period = span.latest AND last.value > first.value
ORDER BY change DESC`,
  };
}

function reoffendingExample(): Example | null {
  const ids = indicators().map((i) => i.id);
  // The adult rate first (by its design id, then the regional series), then any reoffending rate.
  const candidates = [
    ...['adult_reoffending_rate', 'reoffending_rate_adult_region'].filter((i) => ids.includes(i)),
    ...ids.filter((i) => /reoffending_rate/.test(i) && /adult/.test(i)),
    ...ids.filter((i) => /reoffending_rate/.test(i)),
  ];
  for (const id of candidates) {
    const types = areaTypesWithValues(id);
    const areaType = ['region', 'pfa'].find((t) => types.has(t));
    if (!areaType) continue;
    const who = areaType === 'region' ? 'Regions' : 'Police force areas';
    const title = indicators().find((i) => i.id === id)?.title ?? id;
    const what = /adult/.test(id) ? 'the adult reoffending rate' : `“${title}”`;
    return roseSince(id, areaType, `${who} where ${what} rose since the earliest cohort`, 'cohort');
  }
  return null;
}

function occupancyExample(): Example | null {
  if (!hasTable('prison_monthly') || !hasTable('prison')) return null;
  const title = 'Prisons above 120% of in-use CNA in the latest month';
  return {
    title,
    sql: `-- ${title} (population ÷ in-use certified normal accommodation)
SELECT p.prison_name, p.pfa_code, m.month, m.population, m.in_use_cna,
  m.population / m.in_use_cna AS occupancy_of_in_use_cna
FROM prison_monthly AS m
JOIN prison AS p USING (prison_code)
WHERE m.month = (SELECT max(month) FROM prison_monthly)
  AND m.in_use_cna > 0
  AND m.population > 1.2 * m.in_use_cna
ORDER BY occupancy_of_in_use_cna DESC`,
  };
}

function latestByPfa(indicatorId: string, title: string, valueName: string): Example | null {
  if (!areaTypesWithValues(indicatorId).has('pfa')) return null;
  const id = quote(indicatorId);
  return {
    title,
    sql: `-- ${title}, latest period
SELECT area_name, period, value AS ${valueName}, numerator, denominator, rank, rank_of
FROM indicator_values
WHERE indicator_id = ${id} AND area_type = 'pfa'
  AND period = (SELECT max(period) FROM indicator_values
                WHERE indicator_id = ${id} AND area_type = 'pfa' AND value IS NOT NULL)
ORDER BY value DESC`,
  };
}

function policeExample(): Example | null {
  return latestByPfa('police_officers_per_100k', 'Police officers per 100,000 residents by PFA', 'officers_per_100k');
}

/** When no reoffending indicator is published yet, the same question asked of police officers. */
function officersRoseExample(): Example | null {
  const id = 'police_officers_per_100k';
  if (!areaTypesWithValues(id).has('pfa')) return null;
  return roseSince(id, 'pfa', 'Police force areas where officers per 100,000 residents rose since the earliest date', 'date');
}

const overview: Example[] = [
  {
    title: 'What each indicator covers (periods and areas)',
    sql: `SELECT indicator_id, area_type, count(DISTINCT period) AS periods,
  min(period) AS earliest, max(period) AS latest, count(value) AS values_held
FROM indicator_values
GROUP BY ALL
ORDER BY indicator_id, area_type`,
  },
  {
    title: 'Every published table and its columns',
    sql: `SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position`,
  },
];

export function examples(): Example[] {
  const reoffending = reoffendingExample();
  return [
    ...(reoffending ? [reoffending] : []),
    ...(occupancyExample() ? [occupancyExample()!] : []),
    ...(policeExample() ? [policeExample()!] : []),
    ...(!reoffending && officersRoseExample() ? [officersRoseExample()!] : []),
    ...overview,
  ];
}
