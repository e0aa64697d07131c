/** Read the shared test build (made once by global-setup.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_ERROR, BUILD_OK, manifestHash, MIRROR, TEST_BUILD } from './global-setup.ts';

export const haveMirror = existsSync(MIRROR);
export const skipReason = `the mirror ${MIRROR} is not present`;

// Tables are read once per test file: indicator_values alone is over 100,000 rows.
const cache = new Map<string, unknown[]>();

/**
 * Throws unless the shared test build in place is the one this run's setup made (or found up to
 * date): a failed build keeps the previous one, which must not be checked as if it were current.
 */
export function requireFreshBuild(at = { error: BUILD_ERROR, ok: BUILD_OK, build: TEST_BUILD }): void {
  if (existsSync(at.error)) throw new Error(`The shared test build failed:\n${readFileSync(at.error, 'utf8')}`);
  if (!existsSync(at.ok)) throw new Error(`The shared test build was not made by this run (no ${at.ok}): run the tests through vitest.config.ts, whose global setup builds it.`);
  if (readFileSync(at.ok, 'utf8') !== manifestHash(at.build)) throw new Error(`The shared test build in ${at.build} is not the one this run's setup built (its manifest changed since).`);
}

export function table<T = Record<string, string | number | boolean | null>>(name: string): T[] {
  if (existsSync(BUILD_ERROR)) throw new Error(`The shared test build failed:\n${readFileSync(BUILD_ERROR, 'utf8')}`);
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(join(TEST_BUILD, 'tables', `${name}.json`), 'utf8')));
  return cache.get(name) as T[];
}

export function buildFile(rel: string): string {
  if (existsSync(BUILD_ERROR)) throw new Error(`The shared test build failed:\n${readFileSync(BUILD_ERROR, 'utf8')}`);
  return readFileSync(join(TEST_BUILD, rel), 'utf8');
}

export function values(indicatorId: string, areaType?: string) {
  return table<{
    indicator_id: string; area_type: string; area_code: string; area_name: string; period: string;
    value: number | null; numerator: number | null; denominator: number | null; lower_95: number | null; upper_95: number | null;
    compared_to_ew: string; rank: number | null; rank_of: number | null; source_id: string;
  }>('indicator_values').filter((v) => v.indicator_id === indicatorId && (!areaType || v.area_type === areaType));
}
