/**
 * The charts that have a page of their own (/embed/<area>/<indicator>/), to put in another site with
 * an <iframe>: each police force area's trend for each indicator it has a value for, and England and
 * Wales's. Each has, beside the page, its chart as an SVG file and its figures as CSV, so that
 * sharing works without JavaScript. One list, used by the pages, the files and the links to them.
 */
import { areas, ENGLAND_WALES_CODE, indicatorsWithValues, series, values, type IndicatorDef, type IndicatorValue } from './data.ts';
import { wanted } from './partial.ts';

export const ENGLAND_WALES_SLUG = 'england-and-wales';

export interface EmbedChart {
  slug: string;
  areaCode: string;
  areaName: string;
  indicator: IndicatorDef;
  series: IndicatorValue[];
  /** England and Wales beside the area; none for counts (an area's count and the nation's do not share an axis) nor for England and Wales itself. */
  comparator: IndicatorValue[];
  /** Where the chart sits on the site, for the link back. */
  home: string;
}

const byPeriod = (a: IndicatorValue, b: IndicatorValue) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);

let all: EmbedChart[] | undefined;

export function embedCharts(): EmbedChart[] {
  if (all) return all;
  const out: EmbedChart[] = [];
  for (const pfa of areas()) {
    for (const ind of indicatorsWithValues('pfa')) {
      const own = series(ind.id, pfa.pfa_code);
      if (!own.some((v) => v.value !== null)) continue;
      const ew = ind.unit === 'count' ? [] : values({ indicatorId: ind.id, areaType: 'england_wales' }).sort(byPeriod);
      out.push({ slug: pfa.slug, areaCode: pfa.pfa_code, areaName: pfa.pfa_name, indicator: ind, series: own, comparator: ew, home: `/areas/${pfa.slug}/#${ind.id}` });
    }
  }
  for (const ind of indicatorsWithValues('england_wales')) {
    const own = values({ indicatorId: ind.id, areaType: 'england_wales', areaCode: ENGLAND_WALES_CODE }).sort(byPeriod);
    if (!own.some((v) => v.value !== null)) continue;
    out.push({ slug: ENGLAND_WALES_SLUG, areaCode: ENGLAND_WALES_CODE, areaName: 'England and Wales', indicator: ind, series: own, comparator: [], home: `/national/#${ind.id}` });
  }
  all = out;
  return out;
}

const index = new Map<string, EmbedChart>();

/** The chart-only page of an indicator for an area, or undefined when none is built (regions, prisons). */
export function embedChart(indicatorId: string, areaCode: string): EmbedChart | undefined {
  if (!index.size) for (const e of embedCharts()) index.set(`${e.indicator.id}|${e.areaCode}`, e);
  return index.get(`${indicatorId}|${areaCode}`);
}

export const embedPath = (e: Pick<EmbedChart, 'slug' | 'indicator'>) => `/embed/${e.slug}/${e.indicator.id}/`;

/** The columns of a chart's CSV: indicator_values' own, so the file reads like the full table. */
export const CHART_CSV_COLUMNS = ['indicator_id', 'area_type', 'area_code', 'area_name', 'period', 'reference_date', 'value', 'lower_95', 'upper_95', 'basis', 'source_id', 'denominator_source_id'] as const;

/** The static paths of the chart-only pages and their files: `file` is '' for the page, else 'chart.svg' or 'data.csv'. */
export function embedPaths(file: '' | 'chart.svg' | 'data.csv') {
  return wanted(embedCharts().map((e) => ({ params: { area: e.slug, indicator: e.indicator.id }, props: { e } })), (p) => `/embed/${p.params.area}/${p.params.indicator}/${file}`);
}

