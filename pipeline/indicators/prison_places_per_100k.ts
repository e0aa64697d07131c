import type { IndicatorDef } from '../../src/indicator.ts';
import { NEAREST_POPULATION_YEAR, placesPer100kSql } from './shared/prison_places.ts';

const ID = 'prison_places_per_100k';

const def: IndicatorDef = {
  id: ID,
  title: 'Prison places located in the area per 100,000 residents (in-use CNA)',
  description:
    'Uncrowded prison places (in-use certified normal accommodation) in the prisons that stand in the area, for every 100,000 people living there.',
  unit: 'rate_per_100k',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'In-use CNA of the establishments located in the area, in the monthly bulletin',
  denominator: NEAREST_POPULATION_YEAR,
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
  caveats: [
    'Prisons in the area, not prisoners from the area: a prison holds people from many areas, and an area with no prison sends people elsewhere.',
    'An area with no establishment has 0 places; that is a fact about where prisons stand, not a missing figure.',
    'Immigration removal centres run by HMPPS (listed in some bulletins) are included where the bulletin lists them.',
  ],
  sources: ['hmpps_monthly_bulletins', 'ons_population', 'ons_geography'],
  sql: placesPer100kSql(ID, 'in_use_cna'),
};
export default def;
