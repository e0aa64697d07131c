import type { IndicatorDef } from '../../src/indicator.ts';
import { NEAREST_POPULATION_YEAR, placesPer100kSql } from './shared/prison_places.ts';

const ID = 'prison_places_op_cap_per_100k';

const def: IndicatorDef = {
  id: ID,
  title: 'Prison places located in the area per 100,000 residents (operational capacity)',
  description:
    'Places usable with the crowding the prison service accepts (operational capacity) in the prisons that stand in the area, for every 100,000 people living there.',
  unit: 'rate_per_100k',
  display: { scale: 1, decimals: 0 },
  polarity: 'neither',
  numerator: 'Operational capacity of the establishments located in the area, in the monthly bulletin',
  denominator: NEAREST_POPULATION_YEAR,
  ciMethod: 'none',
  geographies: ['pfa', 'england_wales'],
  caveats: [
    'Prisons in the area, not prisoners from the area.',
    "The England and Wales figure sums establishments' operational capacities; the bulletins' own total is the useable operational capacity, which is lower by an operating margin.",
  ],
  sources: ['hmpps_monthly_bulletins', 'ons_population', 'ons_geography'],
  sql: placesPer100kSql(ID, 'operational_capacity'),
};
export default def;
