/**
 * Prison places located in the area per 100,000 residents, counted as in-use CNA and as operational
 * capacity: two indicators with one formula that differ only in the column they sum.
 */
import type { IndicatorDef } from '../../src/indicator.ts';

const NEAREST_POPULATION_YEAR =
  'Residents from the nearest held population year, never interpolated: Census 2011 for months to 2016, Census 2021 for 2017–2021, the ONS mid-2022 estimate from 2022';

function placesPer100kSql(placesColumn: 'in_use_cna' | 'operational_capacity'): string {
  return `
WITH residents AS (
  SELECT l.pfa_code, pop.year, sum(pop.population)::DOUBLE AS residents, max(pop.source_id) AS residents_source_id,
    CASE pop.basis WHEN 'census_2011' THEN 'Census 2011 residents' WHEN 'census_2021' THEN 'Census 2021 residents'
      ELSE 'ONS mid-2022 population estimate' END AS basis
  FROM population pop JOIN lad_pfa l ON l.lad_code = pop.area_code
  GROUP BY ALL
), months AS (
  SELECT month, max(report_date) AS report_date FROM prison_monthly GROUP BY month
), places AS (
  SELECT p.pfa_code, m.month, m.report_date, sum(pm.${placesColumn})::DOUBLE AS places, max(pm.source_id) AS source_id
  FROM months m
  CROSS JOIN pfa p
  LEFT JOIN prison pr ON pr.pfa_code = p.pfa_code
  -- Prisons in the area: an immigration removal centre's months are counted apart (in England and Wales only).
  LEFT JOIN prison_monthly pm ON pm.prison_code = pr.prison_code AND pm.month = m.month AND pm.section = 'prison'
  GROUP BY ALL
), rated AS (
  SELECT pl.pfa_code, pl.month, pl.report_date, coalesce(pl.places, 0) AS places, r.residents, r.residents_source_id, r.basis,
    coalesce(pl.source_id, (SELECT max(source_id) FROM prison_monthly x WHERE x.month = pl.month)) AS source_id
  FROM places pl
  JOIN residents r ON r.pfa_code = pl.pfa_code
    AND r.year = CASE WHEN year(pl.month) <= 2016 THEN 2011 WHEN year(pl.month) <= 2021 THEN 2021 ELSE 2022 END
)
SELECT 'pfa' AS area_type, r.pfa_code AS area_code, p.pfa_name AS area_name,
  strftime(r.month, '%Y-%m') AS period, r.places / r.residents * 100000 AS value, r.places AS numerator,
  r.residents AS denominator, NULL AS lower_95, NULL AS upper_95, r.source_id,
  r.residents_source_id AS denominator_source_id, r.basis, r.report_date AS reference_date
FROM rated r JOIN pfa p USING (pfa_code)
UNION ALL
-- England and Wales counts every establishment, including a row the bulletins print for two sites in
-- different areas (placed in no single area), so it can exceed the sum of the areas.
SELECT 'england_wales', 'K04000001', 'England and Wales', strftime(r.month, '%Y-%m'),
  e.places / sum(r.residents) * 100000, e.places, sum(r.residents), NULL, NULL, e.source_id,
  max(r.residents_source_id), any_value(r.basis), max(r.report_date)
FROM rated r
JOIN (SELECT month, sum(${placesColumn})::DOUBLE AS places, max(source_id) AS source_id FROM prison_monthly GROUP BY month) e
  ON e.month = r.month
GROUP BY r.month, e.places, e.source_id
`;
}

const common: Pick<IndicatorDef, 'unit' | 'display' | 'polarity' | 'denominator' | 'ciMethod' | 'geographies' | 'sources'> = {
  unit: 'rate_per_100k',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  denominator: NEAREST_POPULATION_YEAR,
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
  sources: ['hmpps_monthly_bulletins', 'ons_population', 'ons_geography'],
};

const inUseCna: IndicatorDef = {
  ...common,
  id: 'prison_places_per_100k',
  title: 'Prison places located in the area per 100,000 residents (in-use CNA)',
  description: 'Uncrowded prison places (in-use certified normal accommodation) in the prisons that stand in the area, for every 100,000 people living there.',
  numerator: 'In-use CNA of the establishments located in the area, in the monthly bulletin',
  caveats: [
    'Prisons in the area, not prisoners from the area: a prison holds people from many areas, and an area with no prison sends people elsewhere.',
    'An area with no establishment has 0 places; that is a fact about where prisons stand, not a missing figure.',
    "Immigration removal centres run by HMPPS are not counted in an area's places in the months the bulletin lists them apart (Dover and Haslar to 2015, Morton Hall 2011-21, The Verne 2014-18); England and Wales counts them.",
  ],
  sql: placesPer100kSql('in_use_cna'),
};

const operationalCapacity: IndicatorDef = {
  ...common,
  id: 'prison_places_op_cap_per_100k',
  title: 'Prison places located in the area per 100,000 residents (operational capacity)',
  description: 'Places usable with the crowding the prison service accepts (operational capacity) in the prisons that stand in the area, for every 100,000 people living there.',
  numerator: 'Operational capacity of the establishments located in the area, in the monthly bulletin',
  caveats: [
    'Prisons in the area, not prisoners from the area.',
    "Immigration removal centres run by HMPPS are not counted in an area's places in the months the bulletin lists them apart; England and Wales counts them.",
    "The England and Wales figure sums establishments' operational capacities; the bulletins' own total is the useable operational capacity, which is lower by an operating margin.",
  ],
  sql: placesPer100kSql('operational_capacity'),
};

export default [inUseCna, operationalCapacity];
