/**
 * /areas/latest.json: each area's latest figure of every indicator published for police force areas,
 * with England and Wales in the same period, for /compare/ to read in the browser. Built from
 * indicator_values as the area pages are; the numbers are the published ones, unrounded.
 */
import type { APIRoute } from 'astro';
import { areas, edition, englandWales, indicatorsWithValues, series } from '../../lib/data.ts';
import { TOPICS, topicOf } from '../../lib/topics.ts';

export interface LatestJson {
  edition: string;
  topics: { slug: string; title: string }[];
  areas: { code: string; name: string; slug: string }[];
  indicators: { id: string; title: string; topic: string; display: { scale: number; decimals: number; prefix?: string; suffix?: string }; polarity: string }[];
  /** values[indicator][area code] = [value, period, compared_to_ew, England and Wales value in that period] */
  values: Record<string, Record<string, [number, string, string, number | null]>>;
}

export const GET: APIRoute = () => {
  const pfas = areas();
  const inds = indicatorsWithValues('pfa');
  const values: LatestJson['values'] = {};
  for (const ind of inds) {
    const byArea: LatestJson['values'][string] = {};
    for (const pfa of pfas) {
      const latest = series(ind.id, pfa.pfa_code).filter((v) => v.value !== null).at(-1);
      if (latest) byArea[pfa.pfa_code] = [latest.value!, latest.period, latest.compared_to_ew, englandWales(ind.id, latest.period)?.value ?? null];
    }
    values[ind.id] = byArea;
  }
  const order = new Map(TOPICS.map((t, i) => [t.slug, i]));
  const body: LatestJson = {
    edition: edition().id,
    topics: TOPICS.map((t) => ({ slug: t.slug, title: t.title })),
    areas: pfas.map((p) => ({ code: p.pfa_code, name: p.pfa_name, slug: p.slug })),
    indicators: inds
      .map((i) => ({ id: i.id, title: i.title, topic: topicOf(i.id), display: i.display, polarity: i.polarity }))
      .sort((a, b) => order.get(a.topic as never)! - order.get(b.topic as never)!),
    values,
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
