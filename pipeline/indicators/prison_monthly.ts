/**
 * The monthly bulletin's figures per establishment, police force area and England and Wales (table
 * prison_monthly): population, places out of use, and occupancy against uncrowded places in use and
 * against operational capacity. Each row below is one indicator's own formula (numerator and
 * denominator over prison_monthly, alias m); shared/prison_rollup.ts builds the three levels around it.
 */
import type { IndicatorDef } from '../../src/indicator.ts';
import { PRISONS_IN_THE_AREA, prisonMonthlyRollupSql } from './shared/prison_rollup.ts';

const NO_INTERVAL = 'A census count, not a sample: no confidence interval applies.';
const OCCUPANCY = { unit: 'percent', display: { scale: 100, decimals: 1, suffix: '%' }, polarity: 'lower_is_better', numerator: 'Population on the report date (HMPPS monthly bulletin)' } as const;
const COUNT = { unit: 'count', display: { scale: 1, decimals: 0 } } as const;

const FIGURES: (Omit<IndicatorDef, 'ciMethod' | 'geographies' | 'sources' | 'sql'> & { formula: { numerator: string; denominator: string | null } })[] = [
  {
    ...COUNT,
    id: 'prison_population',
    title: 'Prison population (monthly bulletin)',
    description: "People held in the prison (or the prisons in the area) on the bulletin's report date.",
    polarity: 'neither',
    numerator: 'Population on the report date, including prisoners on authorised absence (HMPPS monthly bulletin)',
    denominator: 'None (a count of people)',
    caveats: [
      "The England and Wales figure equals the bulletin's own Total row (checked for every bulletin). It differs from the weekly population series (prison_population_weekly), which counts on other dates and, in some years, other establishments.",
    ],
    formula: { numerator: 'm.population', denominator: null },
  },
  {
    ...COUNT,
    id: 'prison_cells_out_of_use',
    title: 'Prison places out of use',
    description: 'Certified places not available for use (for example damaged cells or building works).',
    polarity: 'lower_is_better',
    numerator: 'Baseline certified normal accommodation (CNA) less in-use CNA (places)',
    denominator: 'None (a count of places)',
    caveats: [
      'Places, not cells: a cell certified for two counts as two places.',
      'A prison closing or being rebuilt shows all its places out of use (e.g. Dartmoor from 2024).',
    ],
    formula: { numerator: 'm.baseline_cna - m.in_use_cna', denominator: null },
  },
  {
    ...OCCUPANCY,
    id: 'prison_occupancy_in_use_cna',
    title: 'Prison occupancy (population as a share of uncrowded places in use)',
    description: 'Prisoners held for every 100 places of decent, uncrowded accommodation in use; above 100% means the prison is crowded.',
    denominator: 'In-use certified normal accommodation (CNA): baseline CNA less places out of use',
    caveats: [
      NO_INTERVAL,
      "CNA is the Prison Service's own measure of uncrowded capacity; occupancy above 100% means prisoners share cells meant for fewer people.",
    ],
    formula: { numerator: 'm.population', denominator: 'm.in_use_cna' },
  },
  {
    ...OCCUPANCY,
    id: 'prison_occupancy_operational_capacity',
    title: 'Prison occupancy (population as a share of operational capacity)',
    description: 'Prisoners held for every 100 places the prison can safely hold, crowding included.',
    denominator: "Operational capacity: the most prisoners the establishment can hold with control, security and the planned regime (sum of establishments' figures; not the estate's useable capacity, which is that sum less an operating margin)",
    caveats: [
      NO_INTERVAL,
      "The England and Wales figure divides by the sum of establishments' operational capacities. HMPPS's own 'useable operational capacity' is that sum less an operating margin (1,350 to 3,000 places; see table prison_bulletin), so the estate is fuller than this figure suggests.",
    ],
    formula: { numerator: 'm.population', denominator: 'm.operational_capacity' },
  },
];

export default FIGURES.map(({ formula, caveats, ...def }): IndicatorDef => ({
  ...def,
  ciMethod: 'none',
  geographies: ['prison', 'pfa', 'england_wales'],
  caveats: [...caveats, ...PRISONS_IN_THE_AREA],
  sources: ['hmpps_monthly_bulletins', 'prisoncap_panel_2026'],
  sql: prisonMonthlyRollupSql(formula),
}));
