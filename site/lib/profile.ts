/**
 * What an area profile shows, worked out once from the published tables so the page template only
 * lays it out: each PFA-level indicator's latest value and series, region-only indicators through
 * the area's region, and everything not published or not held for the area.
 */
import {
  coverage, englandWales, indicators, indicatorsWithValues, latestPeriod, regionOf, series, values,
  type IndicatorDef, type IndicatorValue, type Pfa,
} from './data.ts';

export interface ProfileIndicator {
  indicator: IndicatorDef;
  /** 'pfa' when the figure is the area's own; 'region' when only the region's figure is published. */
  level: 'pfa' | 'region';
  latest: IndicatorValue;
  /** The latest period held for any area: when the area's own latest is older, the page says so. */
  latestAnyPeriod: string;
  series: IndicatorValue[];
  ewSeries: IndicatorValue[];
  ew?: IndicatorValue;
  regionName?: string;
}

export interface NotHeldItem {
  title: string;
  indicatorId?: string;
  text: string;
}

export function profileIndicators(pfa: Pfa): ProfileIndicator[] {
  const out: ProfileIndicator[] = [];
  for (const ind of indicatorsWithValues('pfa')) {
    const block = figureBlock(ind, 'pfa', pfa.pfa_code);
    if (block) out.push(block);
  }
  // Welsh forces are grouped under Wales with no region code: no English region's figures are theirs.
  const region = regionOf(pfa.pfa_code);
  const regionCode = region?.region_code;
  const pfaHeld = new Set(out.map((p) => p.indicator.id));
  if (region && regionCode) {
    for (const ind of indicatorsWithValues('region')) {
      if (pfaHeld.has(ind.id)) continue;
      const block = figureBlock(ind, 'region', regionCode);
      if (block) out.push({ ...block, regionName: region.region_name });
    }
  }
  return out;
}

/** One indicator's block for an area (its own code, or its region's): null when it has no value. */
function figureBlock(ind: IndicatorDef, level: 'pfa' | 'region', code: string): ProfileIndicator | null {
  const own = series(ind.id, code);
  const latest = own.filter((v) => v.value !== null).at(-1);
  if (!latest) return null;
  return {
    indicator: ind,
    level,
    latest,
    latestAnyPeriod: latestPeriod(ind.id, level) ?? latest.period,
    series: own,
    ewSeries: values({ indicatorId: ind.id, areaType: 'england_wales' }).sort((a, b) => (a.period < b.period ? -1 : 1)),
    ew: englandWales(ind.id, latest.period),
  };
}

/** Everything the profile cannot show for this area, with the reason the data gives. */
export function notHeldFor(pfa: Pfa, shown: Set<string>): NotHeldItem[] {
  const items: NotHeldItem[] = [];
  const seen = new Set<string>();
  const add = (item: NotHeldItem) => {
    const key = `${item.indicatorId}|${item.text}`;
    if (!seen.has(key)) { seen.add(key); items.push(item); }
  };
  const byId = new Map(indicators().map((i) => [i.id, i]));
  for (const ind of indicators()) {
    for (const nh of ind.notHeld ?? []) {
      if (nh.geography !== 'pfa' && nh.geography !== 'region') continue;
      add({ title: ind.title, indicatorId: ind.id, text: `${nh.reason}${nh.wouldNeed ? ` Would need: ${nh.wouldNeed}` : ''}` });
    }
    if (!shown.has(ind.id) && !ind.notHeld?.some((n) => n.geography === 'pfa')) {
      const where = ind.geographies.filter((g) => g !== 'pfa').join(', ') || 'no area level';
      add({ title: ind.title, indicatorId: ind.id, text: `Not published for police force areas (held for: ${where.replace('england_wales', 'England and Wales')}).` });
    }
  }
  for (const c of coverage()) {
    if (c.area_type !== 'pfa' || c.status === 'available') continue;
    const ind = byId.get(c.indicator_id);
    // The notHeld entries above already carry this note, with the same words.
    if (ind?.notHeld?.some((n) => c.note?.startsWith(n.reason))) continue;
    add({ title: ind?.title ?? c.indicator_id, indicatorId: c.indicator_id, text: `${c.period === 'all' ? '' : `${c.period}: `}${c.note ?? c.status.replace(/_/g, ' ')}` });
  }
  // Periods where other areas have a figure and this one does not (suppressed or not published).
  for (const v of values({ areaCode: pfa.pfa_code, areaType: 'pfa' })) {
    if (v.value !== null) continue;
    add({ title: byId.get(v.indicator_id)?.title ?? v.indicator_id, indicatorId: v.indicator_id, text: `${v.period}: no figure for this area (suppressed or not published).` });
  }
  return items;
}

/** All the rows the area's own CSV download holds: its values, its region's, and England and Wales for the same indicators. */
export function areaCsvRows(pfa: Pfa): IndicatorValue[] {
  const region = regionOf(pfa.pfa_code);
  const shown = profileIndicators(pfa);
  const ids = new Set(shown.map((p) => p.indicator.id));
  const regionIds = new Set(shown.filter((p) => p.level === 'region').map((p) => p.indicator.id));
  return values().filter(
    (v) =>
      ids.has(v.indicator_id) &&
      ((v.area_type === 'pfa' && v.area_code === pfa.pfa_code) ||
        (v.area_type === 'region' && region && v.area_code === region.region_code && regionIds.has(v.indicator_id)) ||
        v.area_type === 'england_wales'),
  );
}
