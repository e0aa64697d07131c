/**
 * What the /commissioning/ page shows, gathered at build time from the published outputs only:
 * per police force area the prison places that stand there, custody use, residents, deprivation and
 * the notional cost of the places at the national cost per place (indicator notional_prison_place_cost).
 */
import { areas, coverage, indicator, latestPeriod, optionalTable, values, ENGLAND_WALES_CODE, type IndicatorDef, type IndicatorValue, type Pfa } from '../lib/data.ts';

export const IDS = {
  cost: 'notional_prison_place_cost',
  cna: 'prison_places_per_100k',
  opCap: 'prison_places_op_cap_per_100k',
  women: 'women_custody_rate_per_100k',
  population: 'resident_population',
  deprivation: 'deprivation_imd2019_most_deprived_decile_share',
} as const;

type Key = keyof typeof IDS;

export interface Column {
  indicator: IndicatorDef;
  /** The latest period with a police force area value: every row of the column is for this period. */
  period: string;
  sourceIds: string[];
}

export interface CommissioningRow {
  code: string;
  name: string;
  slug: string | null;
  country: string | null;
  cells: Record<Key, IndicatorValue | undefined>;
}

export interface Tariff {
  /** £ per place per year, as used by the published indicator. */
  value: number;
  financialYear: string;
  release: string;
  sourceUrl: string | null;
  note: string | null;
  /** The month of the places the published cost multiplies. */
  placesMonth: string;
}

interface CostRow {
  financial_year: string;
  measure: string;
  release: string;
  value_gbp: number;
  restated: boolean;
  source_url: string | null;
  note: string | null;
}

/**
 * The published cost per place behind the notional cost: the indicator's denominator is the cost per
 * place it multiplies, and its year and release are those of the prison_cost_national row with that
 * value (the indicator's definition says so). Exactly one such row, or the build stops.
 */
export function costBasis(costValue: Pick<IndicatorValue, 'denominator'>, costs: readonly CostRow[]): CostRow {
  const matches = costs.filter((c) => c.measure === 'overall_cost_per_place' && !c.restated && c.value_gbp === costValue.denominator);
  if (matches.length !== 1) {
    throw new Error(`${IDS.cost}: expected one prison_cost_national row with the overall cost per place of £${costValue.denominator}, found ${matches.length}.`);
  }
  return matches[0];
}

export function commissioningModel(): { columns: Record<Key, Column>; rows: CommissioningRow[]; ew: CommissioningRow; tariff: Tariff; walesDeprivationNote: string | null } {
  const columns = {} as Record<Key, Column>;
  for (const key of Object.keys(IDS) as Key[]) {
    const id = IDS[key];
    const period = latestPeriod(id, 'pfa');
    if (!period) throw new Error(`${id} has no police force area value: the commissioning page needs it.`);
    const rows = values({ indicatorId: id, period });
    columns[key] = { indicator: indicator(id), period, sourceIds: [...new Set(rows.map((r) => r.source_id))].sort() };
  }
  const cell = (key: Key, code: string) => values({ indicatorId: IDS[key], areaCode: code, period: columns[key].period })[0];
  const row = (code: string, name: string, pfa?: Pfa): CommissioningRow => ({
    code,
    name,
    slug: pfa?.slug ?? null,
    country: pfa?.country ?? null,
    cells: Object.fromEntries((Object.keys(IDS) as Key[]).map((k) => [k, cell(k, code)])) as Record<Key, IndicatorValue | undefined>,
  });
  const rows = areas().map((p) => row(p.pfa_code, p.pfa_name, p));
  const ew = row(ENGLAND_WALES_CODE, 'England and Wales');

  const costValue = ew.cells.cost;
  if (!costValue || costValue.denominator === null) throw new Error(`${IDS.cost}: no England and Wales row with the cost per place (denominator).`);
  const basis = costBasis(costValue, optionalTable<CostRow>('prison_cost_national') ?? []);
  const walesDeprivationNote = coverage().find((c) => c.indicator_id === IDS.deprivation && c.area_type === 'pfa (Wales)')?.note ?? null;
  return {
    columns,
    rows,
    ew,
    tariff: { value: costValue.denominator, financialYear: basis.financial_year, release: basis.release, sourceUrl: basis.source_url, note: basis.note, placesMonth: costValue.period },
    walesDeprivationNote,
  };
}
