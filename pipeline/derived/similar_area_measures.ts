/**
 * The measures behind the similar areas (src/tables/similar_areas.ts lists them, with weights and
 * why): per police force area but City of London, residents and density from the mid-2022 estimates
 * and ONS land areas of its districts, the share of residents in districts of at least 1,000 per sq
 * km, and the IMD 2019 most-deprived-decile share (the published indicator, England only); each
 * standardised over the areas that have it.
 */
import { CITY_OF_LONDON } from '../../src/indicator.ts';
import { SIMILAR_AREA_MEASURES, SIMILARITY_MEASURES } from '../../src/tables/similar_areas.ts';
import type { DerivedDef } from '../derived.ts';

const weights = SIMILARITY_MEASURES.map((m) => `('${m.id}', ${m.weight})`).join(', ');

/** One row per area and measure: value, z and weight (also the first step of similar_areas.ts). */
export const MEASURES_SQL = `
WITH districts AS (
  SELECT l.pfa_code, pop.area_code, pop.population::DOUBLE AS residents, a.area_sq_km
  FROM population pop
  JOIN lad_pfa l ON l.lad_code = pop.area_code
  JOIN land_area a ON a.lad_code = pop.area_code
  WHERE pop.basis = 'mid_2022_estimate' AND l.pfa_code <> '${CITY_OF_LONDON}'
), per_area AS (
  SELECT pfa_code, sum(residents) AS residents, sum(area_sq_km) AS area_sq_km,
    sum(residents) FILTER (WHERE residents / area_sq_km >= 1000) AS dense_residents
  FROM districts GROUP BY pfa_code
), raw AS (
  SELECT pfa_code, 'log_residents' AS measure, ln(residents) AS value FROM per_area
  UNION ALL SELECT pfa_code, 'log_density', ln(residents / area_sq_km) FROM per_area
  UNION ALL SELECT pfa_code, 'dense_share', coalesce(dense_residents, 0) / residents FROM per_area
  UNION ALL
  SELECT p.pfa_code, 'deprived_share', v.value
  FROM per_area p
  LEFT JOIN indicator_values v ON v.indicator_id = 'deprivation_imd2019_most_deprived_decile_share'
    AND v.area_type = 'pfa' AND v.area_code = p.pfa_code AND v.period = '2019'
), w (measure, weight) AS (VALUES ${weights})
SELECT r.pfa_code, r.measure, r.value,
  (r.value - avg(r.value) OVER (PARTITION BY r.measure)) / stddev_pop(r.value) OVER (PARTITION BY r.measure) AS z,
  w.weight
FROM raw r JOIN w USING (measure)
`;

const sql = `
SELECT *, 'ons_mid2022_land_area' AS source_id,
  'population (mid_2022_estimate, ons_mid2022_population_estimates), land_area (ons_mid2022_land_area, MYE5), lad_pfa; deprivation: indicator_values deprivation_imd2019_most_deprived_decile_share 2019' AS source_cell
FROM (${MEASURES_SQL})
`;

const def: DerivedDef = { table: SIMILAR_AREA_MEASURES, sql };
export default def;
