/**
 * Similar areas (data contract 4), computed after the indicators by pipeline/derived/similar_areas.ts
 * and pipeline/derived/similar_area_measures.ts (which say how).
 */
import { defineTable, GSS_PFA } from '../tables.ts';

/** The measures, their weights and why: one list, used by the SQL, the table descriptions and the methodology page. */
export const SIMILARITY_MEASURES = [
  { id: 'log_residents', weight: 1, label: 'Residents (natural log of the ONS mid-2022 estimate, summed over the districts)', why: 'Force size shapes demand and how a force is organised.' },
  { id: 'log_density', weight: 1, label: 'Residents per square kilometre (natural log; ONS land area of the districts, table MYE5)', why: 'Cities and rural counties differ in crime and policing.' },
  { id: 'dense_share', weight: 0.5, label: 'Share of residents living in districts with at least 1,000 residents per square kilometre', why: 'Whether the people live in towns or countryside within the area; a proxy for an urban share (the ONS rural-urban classification is not held), half weight because it comes from the same figures as density.' },
  { id: 'deprived_share', weight: 1, label: 'Share of neighbourhoods (LSOAs) in the most deprived tenth of England, IMD 2019 (indicator deprivation_imd2019_most_deprived_decile_share); England only', why: 'Deprivation is the strongest area predictor of recorded crime; the English and Welsh indices are not comparable, so Welsh areas are matched on the other measures.' },
] as const;

export const SIMILAR_NEIGHBOURS = 7;

const MEASURE_WORDS = SIMILARITY_MEASURES.map((m) => `${m.label}, weight ${m.weight}`).join('; ');

export const SIMILAR_AREAS = defineTable({
  name: 'similar_areas',
  title: 'Similar areas: each police force area’s 7 nearest neighbours on the measures held',
  description:
    `For each police force area, the ${SIMILAR_NEIGHBOURS} areas most like it, in the spirit of HMICFRS's most similar groups but on the measures this project holds: ${MEASURE_WORDS}. ` +
    'Each measure is standardised over the 42 areas (z-score; deprivation over the 38 English areas); the distance is the square root of the weighted mean of squared differences, over the measures both areas have. ' +
    'City of London is left out, by the one rule for per-resident figures: about 8,600 residents against hundreds of thousands of workers and visitors. Not symmetric: B can be among A’s nearest without A among B’s. Measures per area: table similar_area_measures.',
  primaryKey: ['pfa_code', 'similarity_rank'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area.', pattern: GSS_PFA },
    { name: 'similar_pfa_code', type: 'string', description: 'One of its most similar areas.', pattern: GSS_PFA },
    { name: 'similarity_rank', type: 'integer', description: '1 = most similar, to 7.', min: 1, max: SIMILAR_NEIGHBOURS },
    { name: 'distance', type: 'number', description: 'Weighted distance in standard deviations (0 = identical on every measure).', min: 0 },
  ],
});

export const SIMILAR_AREA_MEASURES = defineTable({
  name: 'similar_area_measures',
  title: 'Measures behind the similar areas',
  description: `Each police force area's value and standardised score (z) on each measure of the similar-areas table (${SIMILARITY_MEASURES.map((m) => m.id).join(', ')}), with its weight. City of London is left out.`,
  primaryKey: ['pfa_code', 'measure'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area.', pattern: GSS_PFA },
    { name: 'measure', type: 'string', description: 'Measure id (see the table description and the methodology page).', enum: SIMILARITY_MEASURES.map((m) => m.id) },
    { name: 'value', type: 'number', description: 'The measure (log residents, log residents per sq km, or a share 0-1).', nullable: true },
    { name: 'z', type: 'number', description: 'Standardised over the areas that have the measure: (value − mean) ÷ standard deviation.', nullable: true },
    { name: 'weight', type: 'number', description: 'Weight in the distance.', min: 0 },
  ],
});
