/**
 * An area's figures split into the topics a voter asks about, in the order they ask (reoffending
 * and prisons, crime, policing, money, then who answers), with what the overview shows for each:
 * the spine chart's rows and one sentence per topic. The words and numbers come from
 * site/lib/overview.ts; this module only picks the rows out of the published tables.
 */
import { edition, optionalTable, sourceFile, values, type IndicatorDef, type Pfa } from './data.ts';
import { profileIndicators, type ProfileIndicator } from './profile.ts';
import { formatPeriod, formatValue } from './format.ts';
import type { Tenure } from './accountability.ts';
import type { TermRecord } from './governance.ts';
import {
  isOld, periodEndDate, placeAmong, termEndsYear, termStopWords, similarComparison, spreadOf, topicSentence, verdictOf,
  type Place, type SimilarComparison, type SimilarRow, type Spread, type Verdict,
} from './overview.ts';

export type TopicSlug = 'reoffending' | 'prisons' | 'policing-and-crime' | 'money' | 'who-answers';

export interface Topic {
  slug: TopicSlug;
  title: string;
  /** What the topic page holds, in a line. */
  blurb: string;
}

export const TOPICS: readonly Topic[] = [
  { slug: 'reoffending', title: 'Reoffending', blurb: 'How often people convicted or cautioned offend again (published for English regions, not for each area).' },
  { slug: 'prisons', title: 'Prisons in the area', blurb: 'The prisons that stand in the area: places, population, occupancy, deaths in custody; women sent to custody.' },
  { slug: 'policing-and-crime', title: 'Policing and crime', blurb: 'Crime recorded by the police and the number of police officers.' },
  { slug: 'money', title: 'Money', blurb: 'The police precept on council tax bills, and the notional cost of the prison places in the area.' },
  { slug: 'who-answers', title: 'Who answers, and the area', blurb: 'The office holder, the elections, the term record, the councils and who lives in the area.' },
];

export function topic(slug: string): Topic | undefined {
  return TOPICS.find((t) => t.slug === slug);
}

/**
 * Which topic an indicator belongs to, from its id. Indicators added later land by the same words
 * (any id naming reoffending, prison or custody, crime or police, cost or precept); anything else
 * describes the area and goes with who answers for it.
 */
export function topicOf(indicatorId: string): TopicSlug {
  if (/reoffend/.test(indicatorId)) return 'reoffending';
  if (/precept|cost|spend|fund/.test(indicatorId)) return 'money';
  if (/prison|custody/.test(indicatorId)) return 'prisons';
  if (/crime|police|offence/.test(indicatorId)) return 'policing-and-crime';
  return 'who-answers';
}

export const topicPath = (pfa: Pick<Pfa, 'slug'>, slug: TopicSlug) => `/areas/${pfa.slug}/${slug}/`;

/** Headline indicators: the spine chart's rows, in the overview's order, with short labels and unit words. */
interface Headline {
  id: string;
  /** In the sentence. */
  label: string;
  /** On the spine chart's row, where a phone has a third of the width for it. */
  short: string;
  /** Words after the number in a sentence, when the display rule does not carry the unit. */
  unit?: string;
  /** The sentence group this row leads, when it is the first of its group held for the area. */
  group: 'Reoffending' | 'Prisons' | 'Crime' | 'Policing' | 'Money';
  /** England and Wales is the total of the areas (a count), not a value an area could have: no mark on the spine. */
  total?: boolean;
  /** A sentence when nothing else in its group is held (the notional cost, a scenario), never a spine row. */
  sentenceOnly?: boolean;
}

export const HEADLINES: readonly Headline[] = [
  { id: 'reoffending_rate_all_region', label: 'Proven reoffending rate', short: 'Reoffending rate', group: 'Reoffending' },
  { id: 'prison_population', label: "Prisoners in the area's prisons", short: 'Prisoners held', unit: 'prisoners', group: 'Prisons', total: true },
  { id: 'prison_occupancy_operational_capacity', label: 'Prison occupancy (of operational capacity)', short: 'Prison occupancy', group: 'Prisons' },
  { id: 'prison_deaths_per_1000', label: 'Deaths in prison custody', short: 'Deaths in custody', unit: 'per 1,000 prisoners', group: 'Prisons' },
  { id: 'recorded_crime_per_1000', label: 'Recorded crime', short: 'Recorded crime', unit: 'per 1,000 residents', group: 'Crime' },
  { id: 'recorded_crime_violence_per_1000', label: 'Violence against the person', short: 'Violence', unit: 'per 1,000 residents', group: 'Crime' },
  { id: 'police_officers_per_100k', label: 'Police officers', short: 'Police officers', unit: 'per 100,000 residents', group: 'Policing' },
  { id: 'police_officers_change_12m', label: 'Change in police officers over 12 months', short: 'Officers, 1-year change', group: 'Policing' },
  { id: 'police_precept_band_d', label: 'Police precept on a Band D bill', short: 'Police precept, Band D', group: 'Money' },
  { id: 'police_precept_band_d_change_1y', label: 'Change in the police precept over one year', short: 'Precept, 1-year change', group: 'Money' },
  { id: 'notional_prison_place_cost', label: 'Notional cost of the prison places (a scenario)', short: 'Notional prison cost', group: 'Money', sentenceOnly: true },
];

export const SENTENCE_GROUPS = ['Reoffending', 'Prisons', 'Crime', 'Policing', 'Money'] as const;

const GROUP_TOPIC: Record<Headline['group'], TopicSlug> = {
  Reoffending: 'reoffending', Prisons: 'prisons', Crime: 'policing-and-crime', Policing: 'policing-and-crime', Money: 'money',
};

/** A newer publisher file named in the registry but not held, which would update an old figure. */
export interface NewerFile {
  title: string;
  period: string | null;
  release: string | null;
}

export interface OverviewRow {
  indicator: IndicatorDef;
  headline: Headline;
  topic: TopicSlug;
  profile: ProfileIndicator;
  /** Whose figure this is: the area's own, or its region's. */
  whose: string;
  among: 'areas' | 'regions';
  value: number;
  period: string;
  ew: number | null;
  spread: Spread | null;
  place: Place | null;
  verdict: Verdict | null;
  old: boolean;
  newer: NewerFile[];
  href: string;
  sentence: string;
  /** The area among its similar areas (null: not in this build, or a region's figure). */
  similar: SimilarComparison | null;
}

/** Files of the figure's dataset that the registry names but this build does not hold. */
export function newerFiles(sourceId: string): NewerFile[] {
  const found = sourceFile(sourceId);
  if (!found) return [];
  return found.dataset.files.filter((f) => f.held === false).map((f) => ({ title: f.title, period: f.period ?? null, release: f.release ?? null }));
}

/** The areas' values of one indicator in one period, at the figure's own level (PFAs or regions). */
function peers(ind: IndicatorDef, level: 'pfa' | 'region', period: string): (number | null)[] {
  // An area left out of ranks (the City of London rule for per-resident rates) is left out of the spread and places too.
  return values({ indicatorId: ind.id, areaType: level, period }).filter((v) => !v.unranked_reason).map((v) => v.value);
}

function valueText(ind: IndicatorDef, value: number, unit?: string): string {
  return `${formatValue(ind.display, value)}${unit ? ` ${unit}` : ''}`;
}

/** The spine chart's rows for an area: every headline indicator held for it, in the overview's order. */
export function overviewRows(pfa: Pfa, profile: ProfileIndicator[] = profileIndicators(pfa)): OverviewRow[] {
  const byId = new Map(profile.map((p) => [p.indicator.id, p]));
  const similar = similarAreas();
  const ed = edition();
  const rows: OverviewRow[] = [];
  for (const h of HEADLINES) {
    const p = byId.get(h.id);
    if (!p || p.latest.value === null) continue;
    const ind = p.indicator;
    const all = peers(ind, p.level, p.latest.period);
    const place = p.latest.unranked_reason ? { fromTop: 0, fromBottom: 0, n: 0 } : placeAmong(p.latest.value, all);
    const among = p.level === 'region' ? 'regions' : 'areas';
    const verdict = verdictOf(p.latest.compared_to_ew);
    const old = isOld(p.latest.period, ed.date);
    const whose = p.level === 'region' ? `${p.regionName} region` : pfa.pfa_name;
    const label = p.level === 'region' ? `${h.label} (${whose})` : h.label;
    rows.push({
      indicator: ind,
      headline: h,
      topic: topicOf(ind.id),
      profile: p,
      whose,
      among,
      value: p.latest.value,
      period: p.latest.period,
      ew: p.ew?.value ?? null,
      spread: spreadOf(all),
      place: place.n > 1 ? place : null,
      verdict,
      old,
      newer: old ? newerFiles(p.latest.source_id) : [],
      href: `${topicPath(pfa, topicOf(ind.id))}#${ind.id}`,
      sentence: topicSentence({ label, valueText: valueText(ind, p.latest.value, h.unit), place: place.n > 1 ? place : null, among, verdict, periodText: formatPeriod(p.latest.period) }),
      similar: similarFor(pfa, p, similar),
    });
  }
  return rows;
}

export interface TopicSummary {
  group: (typeof SENTENCE_GROUPS)[number];
  topic: TopicSlug;
  row: OverviewRow | null;
}

/** The spine chart's rows: the headline rows that are figures, not scenarios. */
export const spineRows = (rows: OverviewRow[]) => rows.filter((r) => !r.headline.sentenceOnly);

/** One sentence per group (reoffending, prisons, crime, policing, money): its first headline held. */
export function topicSummaries(rows: OverviewRow[]): TopicSummary[] {
  return SENTENCE_GROUPS.map((group) => ({ group, topic: GROUP_TOPIC[group], row: rows.find((r) => r.headline.group === group) ?? null }));
}

/** "recorded_crime_violence_per_1000" → "recorded_crime": indicators of one family stay together on a topic page. */
const familyOf = (id: string) => id.split('_').slice(0, 2).join('_');

/**
 * The profile's indicators that belong on one topic page, own figures first, in the overview's
 * order: families led by a headline come in the headlines' order (crime before officers), the
 * headline first within its family, then the rest in indicators.json order.
 */
export function topicIndicators(profile: ProfileIndicator[], slug: TopicSlug): ProfileIndicator[] {
  const headlineAt = (id: string) => { const i = HEADLINES.findIndex((h) => h.id === id); return i < 0 ? Infinity : i; };
  const familyAt = (id: string) => Math.min(...HEADLINES.map((h, i) => (familyOf(h.id) === familyOf(id) ? i : Infinity)));
  const mine = profile
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => topicOf(p.indicator.id) === slug)
    .sort((a, b) => familyAt(a.p.indicator.id) - familyAt(b.p.indicator.id) || headlineAt(a.p.indicator.id) - headlineAt(b.p.indicator.id) || a.i - b.i)
    .map(({ p }) => p);
  return [...mine.filter((p) => p.level === 'pfa'), ...mine.filter((p) => p.level === 'region')];
}

/** The similar_areas table (contract 4), or null when this build has none. */
export function similarAreas(): SimilarRow[] | null {
  return optionalTable<SimilarRow>('similar_areas');
}

/** The area against its similar areas in the figure's own period; null when not in this build. */
export function similarFor(pfa: Pfa, p: ProfileIndicator, similar: SimilarRow[] | null = similarAreas()): SimilarComparison | null {
  if (p.level !== 'pfa') return null;
  const inPeriod = new Map(values({ indicatorId: p.indicator.id, areaType: 'pfa', period: p.latest.period }).map((v) => [v.area_code, v.value]));
  return similarComparison(pfa.pfa_code, similar, (code) => inPeriod.get(code) ?? null);
}


/** When the term record's compared figures stop, against the term's end ("held to 2019 of a term that runs to 2028"). */
export function termStop(pfaCode: string, tenure: Tenure | null): string | null {
  if (!tenure || !tenure.since) return null;
  const rows = (optionalTable<TermRecord>('term_record') ?? []).filter((r) => r.pfa_code === pfaCode && r.status === 'compared' && r.latest_period);
  return termStopWords(rows.map((r) => periodEndDate(r.latest_period!)), termEndsYear(tenure.holder.election_date ?? null));
}
