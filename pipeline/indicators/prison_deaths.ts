/**
 * Deaths in prison custody per 1,000 prisoners (table prison_deaths), all deaths and self-inflicted
 * deaths, with one formula: deaths in a calendar year (all, or one
 * classification) ÷ the average population over that year's monthly bulletins × 1,000, with Poisson
 * 95% intervals from Byar's approximation on the count (macros byar_lower/byar_upper).
 *
 * Files: source_id is the deaths extract (the numerator); denominator_source_id is the year's last
 * monthly bulletin (the average population uses every bulletin month of that year).
 *
 * Average population = the sum of the monthly populations ÷ the number of bulletin months held that
 * year: an establishment absent from a month (not yet open, closed) counts 0 for it, so the figure
 * approximates person-years. Only complete years of deaths data are used; an establishment with a
 * blank population that year gets no value. England and Wales counts every death, escorts included.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { PRISONS_IN_THE_AREA } from './shared/prison_rollup.ts';

function prisonDeathsSql(opts: { typeFilter: string | null }): string {
  const filter = opts.typeFilter ? `AND d.type_of_death = '${opts.typeFilter}'` : '';
  return `
WITH complete_years AS (
  SELECT DISTINCT year(m.month) AS year FROM prison_monthly m
  WHERE year(m.month) <= (SELECT year(max(month)) - CASE WHEN month(max(month)) = 12 THEN 0 ELSE 1 END FROM prison_deaths)
    AND year(m.month) >= (SELECT min(year) FROM prison_deaths)
), months AS (
  SELECT year(month) AS year, count(DISTINCT month) AS n FROM prison_monthly GROUP BY ALL
), person_years AS (
  -- Whole-number sums first and one division last, so that the result does not depend on row order.
  SELECT m.prison_code, year(m.month) AS year, sum(m.population) AS population_months, any_value(mo.n) AS n,
    bool_or(m.population IS NULL) AS has_blank, max(m.source_id) AS source_id, bool_or(m.section = 'irc') AS irc
  FROM prison_monthly m JOIN months mo ON mo.year = year(m.month)
  WHERE year(m.month) IN (SELECT year FROM complete_years)
  GROUP BY ALL
), deaths_file AS (
  -- The numerator's file: the deaths extract (one file; max() names it without depending on row order).
  SELECT max(source_id) AS source_id FROM prison_deaths
), deaths AS (
  SELECT d.prison_code, d.year, count(*)::DOUBLE AS deaths
  FROM prison_deaths d WHERE d.year IN (SELECT year FROM complete_years) ${filter}
  GROUP BY ALL
), per_prison AS (
  SELECT p.prison_code, pr.prison_name, pr.pfa_code, p.year, coalesce(d.deaths, 0) AS deaths, p.population_months, p.n, p.has_blank, p.source_id, p.irc
  FROM person_years p JOIN prison pr USING (prison_code)
  LEFT JOIN deaths d ON d.prison_code = p.prison_code AND d.year = p.year
), rates AS (
  SELECT 'prison' AS area_type, prison_code AS area_code, prison_name AS area_name, year, deaths,
    CASE WHEN has_blank THEN NULL ELSE population_months::DOUBLE / n END AS avg_population, source_id,
    CASE WHEN irc THEN 'An immigration removal centre for some or all of the year (the bulletin lists it apart): not ranked with prisons, not in the area''s figures' END AS unranked_reason
  FROM per_prison
  UNION ALL
  SELECT 'pfa', pp.pfa_code, f.pfa_name, pp.year, sum(pp.deaths), sum(pp.population_months)::DOUBLE / any_value(pp.n), max(pp.source_id), NULL
  FROM per_prison pp JOIN pfa f USING (pfa_code)
  -- Prisons in the area: a year in which the establishment was an immigration removal centre is left out.
  WHERE NOT pp.irc
  GROUP BY ALL
  UNION ALL
  SELECT 'england_wales', 'K04000001', 'England and Wales (all establishments and escorts)', y.year,
    (SELECT count(*) FROM prison_deaths d WHERE d.year = y.year ${filter})::DOUBLE,
    (SELECT sum(population_months)::DOUBLE / any_value(n) FROM person_years p WHERE p.year = y.year),
    (SELECT max(source_id) FROM person_years p WHERE p.year = y.year), NULL
  FROM complete_years y
)
SELECT area_type, area_code, area_name, printf('%d-01/%d-12', year, year) AS period,
  deaths / NULLIF(avg_population, 0) * 1000 AS value, deaths AS numerator, avg_population AS denominator,
  byar_lower(deaths) / NULLIF(avg_population, 0) * 1000 AS lower_95,
  byar_upper(deaths) / NULLIF(avg_population, 0) * 1000 AS upper_95,
  (SELECT source_id FROM deaths_file) AS source_id,
  -- The denominator's file: the year's last bulletin (the average uses every bulletin month of the year).
  source_id AS denominator_source_id,
  'Average monthly bulletin population of the year' AS basis, unranked_reason
FROM rates
`;
}

const DEATHS_CAVEATS = [
  'Deaths are counted where they happened (the establishment holding the person), in the calendar year of death, from a third-party extract of the MoJ deaths data tool whose 12-month totals equal those MoJ published.',
  'The denominator is the average of the monthly bulletin populations over the year (an establishment open for part of the year counts 0 for the other months), an approximation of person-years.',
  'Classifications in recent years are provisional: deaths "awaiting further information" are later reclassified, usually as self-inflicted or natural causes.',
  "Police force area figures count prisons only: a year in which an establishment was listed as an immigration removal centre (Dover, Haslar, Morton Hall, The Verne, Lindholme IRC) is left out of its area's figure and not ranked; England and Wales counts every death.",
  'Rates at small establishments rest on very few deaths: read the 95% interval (Poisson, Byar approximation), not the point value.',
  'In a year when sites merged (e.g. Acklington and Castington into Northumberland, 2011) the deaths tool already uses the later establishment, while the bulletins list the old sites for part of the year: that year\'s rate for the merged establishment is overstated.',
];

const DEATHS = [
  {
    id: 'prison_deaths_per_1000',
    typeFilter: null,
    title: 'Deaths in prison custody per 1,000 prisoners',
    description: 'Deaths of people held in the prison (all causes) in a calendar year, for every 1,000 prisoners held on average.',
    decimals: 1,
    numerator: 'Deaths in prison custody in the calendar year, all classifications (MoJ deaths data tool, third-party extract)',
    caveat: 'Natural-cause deaths rise with the age of the people held: establishments holding older men show higher rates for that reason.',
  },
  {
    id: 'prison_self_inflicted_deaths_per_1000',
    typeFilter: 'self_inflicted',
    title: 'Self-inflicted deaths in prison custody per 1,000 prisoners',
    description: 'Self-inflicted deaths of people held in the prison in a calendar year, for every 1,000 prisoners held on average.',
    decimals: 2,
    numerator: 'Deaths classified as self-inflicted in the calendar year (MoJ deaths data tool, third-party extract)',
    caveat: 'Self-inflicted counts for recent years run a few above first-published figures as "other" deaths are reclassified.',
  },
] as const;

export default DEATHS.map(({ id, typeFilter, title, description, decimals, numerator, caveat }): IndicatorDef => ({
  id,
  title,
  description,
  unit: 'rate_per_1000',
  display: { scale: 1, decimals },
  polarity: 'lower_is_better',
  numerator,
  denominator: 'Average population over the year’s monthly bulletins',
  ciMethod: 'byar',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [...DEATHS_CAVEATS, caveat, ...PRISONS_IN_THE_AREA],
  sources: ['prison_deaths_dry_2025', 'hmpps_monthly_bulletins'],
  sql: prisonDeathsSql({ typeFilter }),
}));
