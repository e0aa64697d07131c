/** /explore/known/<key>.json: a known query's build-time result (site/explore/known.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { knownResults } from '../../../explore/known.ts';
import type { KnownResult } from '../../../explore/known-key.ts';

export const getStaticPaths: GetStaticPaths = async () => [...(await knownResults())].map(([key, result]) => ({ params: { key }, props: { result } }));

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify((props as { result: KnownResult }).result), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
