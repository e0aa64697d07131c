/** /league-tables/<id>/table.csv: the league table on the page beside it, its rows and columns (site/lib/league.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorsWithValues, type IndicatorDef } from '../../../lib/data.ts';
import { league, leagueCsv } from '../../../lib/league.ts';
import { wanted } from '../../../lib/partial.ts';

export const getStaticPaths: GetStaticPaths = () => wanted(indicatorsWithValues('pfa').map((indicator) => ({ params: { indicator: indicator.id }, props: { indicator } })), (p) => `/league-tables/${p.params.indicator}/table.csv`);

export const GET: APIRoute = ({ props }) => {
  const lg = league((props as { indicator: IndicatorDef }).indicator)!;
  return new Response(leagueCsv(lg), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
