/** /embed/<area>/<indicator>/data.csv: the figures of the chart beside it (the area's, then England and Wales's), as indicator_values has them. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { toCsv } from '../../../../lib/format.ts';
import { CHART_CSV_COLUMNS, embedPaths, type EmbedChart } from '../../../../lib/embeds.ts';

export const getStaticPaths: GetStaticPaths = () => embedPaths('data.csv');

export const GET: APIRoute = ({ props }) => {
  const { e } = props as { e: EmbedChart };
  const rows = [...e.series, ...e.comparator] as unknown as Record<string, unknown>[];
  return new Response(toCsv(CHART_CSV_COLUMNS, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
