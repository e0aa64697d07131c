/** /embed/<area>/<indicator>/chart.svg: the chart of the page beside it, as a file (works without JavaScript). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTrendChart } from '../../../../lib/charts.ts';
import { indicatorPeriodKind } from '../../../../lib/data.ts';
import { embedPaths, type EmbedChart } from '../../../../lib/embeds.ts';

export const getStaticPaths: GetStaticPaths = () => embedPaths('chart.svg');

export const GET: APIRoute = ({ props }) => {
  const { e } = props as { e: EmbedChart };
  const svg = indicatorTrendChart({ id: e.indicator.id, indicator: e.indicator, areaName: e.areaName, series: e.series, comparator: e.comparator, periodKind: indicatorPeriodKind(e.indicator.id) })
    // A file of its own: namespace, and a white ground so it reads on any background.
    .replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" ')
    .replace(/(<desc [^>]*>.*?<\/desc>)/, '$1<rect width="100%" height="100%" fill="#ffffff"/>');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};
