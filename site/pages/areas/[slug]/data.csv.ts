/** /areas/<slug>/data.csv: the area's figures (and England and Wales for comparison), same columns as indicator_values.csv. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { INDICATOR_RESULT_COLUMNS } from '../../../../src/indicator.ts';
import { areas, type Pfa } from '../../../lib/data.ts';
import { areaCsvRows } from '../../../lib/profile.ts';
import { toCsv } from '../../../lib/format.ts';
import { wanted } from '../../../lib/partial.ts';

export const getStaticPaths: GetStaticPaths = () => wanted(areas().map((pfa) => ({ params: { slug: pfa.slug }, props: { pfa } })), (p) => `/areas/${p.params.slug}/data.csv`);

const COLUMNS = [...INDICATOR_RESULT_COLUMNS.filter((c) => c !== 'source_id'), 'compared_to_ew', 'rank', 'rank_of', 'source_id'];

export const GET: APIRoute = ({ props }) => {
  const rows = areaCsvRows((props as { pfa: Pfa }).pfa) as unknown as Record<string, unknown>[];
  return new Response(toCsv(COLUMNS, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
