/**
 * Similar areas (data contract 4): for each police force area but City of London, the 7 nearest on
 * the standardised measures of similar_area_measures.ts. Distance between A and B = sqrt(Σ w·(zA − zB)²
 * ÷ Σ w) over the measures both have (deprivation is England only, so a Welsh area is matched on the
 * other three); ties broken by code. Nearest-neighbour lists are not symmetric.
 */
import { SIMILAR_AREAS, SIMILAR_NEIGHBOURS } from '../../src/tables/similar_areas.ts';
import type { DerivedDef } from '../derived.ts';
import { MEASURES_SQL } from './similar_area_measures.ts';

const sql = `
WITH m AS (${MEASURES_SQL}), pairs AS (
  SELECT a.pfa_code, b.pfa_code AS similar_pfa_code,
    sqrt(sum(a.weight * (a.z - b.z) ^ 2) / sum(a.weight)) AS distance
  FROM m a JOIN m b ON b.measure = a.measure AND b.pfa_code <> a.pfa_code
  WHERE a.z IS NOT NULL AND b.z IS NOT NULL
  GROUP BY a.pfa_code, b.pfa_code
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY pfa_code ORDER BY distance, similar_pfa_code) AS similarity_rank FROM pairs
)
SELECT pfa_code, similar_pfa_code, similarity_rank, round(distance, 6) AS distance,
  'ons_mid2022_land_area' AS source_id,
  'similar_area_measures (population mid-2022, land_area MYE5, IMD 2019 decile share)' AS source_cell
FROM ranked WHERE similarity_rank <= ${SIMILAR_NEIGHBOURS}
`;

const def: DerivedDef = { table: SIMILAR_AREAS, sql };
export default def;
