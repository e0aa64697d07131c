/**
 * Indicators: each file in pipeline/indicators/ holds one definition (metadata + SQL), or a family of
 * them built from a small table. This runs every definition's SQL over the tidy tables, adds
 * indicator_id, then the one shared comparison-and-rank query.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CITY_OF_LONDON, CITY_OF_LONDON_RULE, hasDenominator, INDICATOR_OPTIONAL_COLUMNS, INDICATOR_SQL_COLUMNS, type IndicatorDef, type IndicatorModule } from '../src/indicator.ts';
import { PipelineError } from '../src/errors.ts';
import type { Row } from '../src/tables.ts';
import { INDICATOR_VALUES_TABLE } from '../src/tables/indicators.ts';
import { query, sqlString } from './db.ts';

const INDICATOR_DIR = new URL('./indicators/', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;

/** The file each loaded definition came from, for messages. */
const definedIn = new WeakMap<IndicatorDef, string>();

export function indicatorFile(def: IndicatorDef): string {
  return definedIn.get(def) ?? `pipeline/indicators/${def.id}.ts`;
}

/** Keys in the order IndicatorDef declares them, so indicators.json does not depend on how a file wrote its object. */
const DEF_KEYS = ['id', 'title', 'description', 'unit', 'display', 'polarity', 'numerator', 'denominator', 'ciMethod', 'geographies', 'notHeld', 'caveats', 'sources', 'series', 'sql'] as const;
const DISPLAY_KEYS = ['scale', 'decimals', 'prefix', 'suffix'] as const;

function inOrder<T extends object>(obj: T, keys: readonly string[], where: string): T {
  const extra = Object.keys(obj).filter((k) => !keys.includes(k));
  if (extra.length) throw new PipelineError(`${where}: unknown field(s) ${extra.join(', ')} (an indicator has ${keys.join(', ')}).`);
  return Object.fromEntries(keys.filter((k) => (obj as Record<string, unknown>)[k] !== undefined).map((k) => [k, (obj as Record<string, unknown>)[k]])) as T;
}

function canonical(def: IndicatorDef, where: string): IndicatorDef {
  const out = inOrder(def, DEF_KEYS, where);
  out.display = inOrder(def.display, DISPLAY_KEYS, `${where}, indicator ${def.id}, display`);
  return out;
}

/**
 * Every definition in pipeline/indicators/ (then in `extraDir`, drafts and tests), each folder's in
 * id order. A file exporting one definition must be named for its id; a family's file is named for
 * the family and may not share a name with an indicator.
 */
export async function loadIndicators(extraDir?: string): Promise<IndicatorDef[]> {
  const defs: IndicatorDef[] = [];
  const seen = new Map<string, string>();
  for (const dir of [INDICATOR_DIR, ...(extraDir ? [extraDir] : [])]) {
    const fromDir: IndicatorDef[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
      const file = join(dir, name);
      const where = file.startsWith(ROOT) ? relative(ROOT, file) : file;
      const mod = (await import(file)).default as IndicatorModule | undefined;
      const stem = name.replace(/\.ts$/, '');
      const family = Array.isArray(mod);
      const list = (family ? mod : mod ? [mod] : []) as IndicatorDef[];
      if (!list.length || list.some((d) => !d || typeof d.id !== 'string')) {
        throw new PipelineError(`${where}: expected a default export of one indicator definition (named '${stem}') or a list of them (a family).`);
      }
      if (!family && list[0].id !== stem) throw new PipelineError(`${where}: its indicator's id is '${list[0].id}'; a file holding one indicator is named for its id ('${list[0].id}.ts').`);
      for (const d of list) {
        if (seen.has(d.id)) throw new PipelineError(`Indicator id '${d.id}' is defined twice (${seen.get(d.id)} and ${where}).`);
        seen.set(d.id, where);
        const def = canonical(d, where);
        definedIn.set(def, where);
        fromDir.push(def);
      }
    }
    defs.push(...fromDir.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  }
  for (const where of new Set(seen.values())) {
    const stem = where.replace(/^.*\//, '').replace(/\.ts$/, '');
    if (seen.has(stem) && seen.get(stem) !== where) throw new PipelineError(`${where}: a family's file may not be named like the indicator '${stem}' of ${seen.get(stem)}.`);
  }
  return defs;
}

/**
 * Checks on what an indicator's SQL returned, before anything is ranked or published: a formula
 * that divides by the wrong column, or a source that slipped a bad count past validation, shows here
 * as a proportion above 1, an infinite rate or an interval that does not contain its value.
 */
async function checkResults(con: DuckDBConnection, d: IndicatorDef) {
  const id = sqlString(d.id);
  const checks: [string, string][] = [
    ['a finite value', `value IS NOT NULL AND NOT isfinite(value)`],
    ['a finite interval', `(lower_95 IS NOT NULL AND NOT isfinite(lower_95)) OR (upper_95 IS NOT NULL AND NOT isfinite(upper_95))`],
    ['lower_95 <= value <= upper_95', `value IS NOT NULL AND (lower_95 > value + 1e-9 OR upper_95 < value - 1e-9)`],
    ['an area type the indicator declares', `area_type NOT IN (${d.geographies.map(sqlString).join(', ') || "''"})`],
    ['one row per area and period', `n_same > 1`],
    ['a denominator_source_id that is not the numerator\'s source_id (NULL when one file holds both)', `denominator_source_id = source_id`],
    ['a reference_date written YYYY-MM-DD', `reference_date IS NOT NULL AND NOT regexp_full_match(reference_date, '\\d{4}-\\d{2}-\\d{2}')`],
  ];
  // A Wilson interval is for a proportion x/n: the value lies in [0, 1] and x cannot exceed n.
  if (d.ciMethod === 'wilson') checks.push(['a proportion between 0 and 1 with numerator <= denominator', `value < 0 OR value > 1 OR numerator > denominator`]);
  // Counts may be differences (places out of use, change on the year), so only rates and counts with an
  // interval are held to be non-negative.
  if (['rate_per_100k', 'rate_per_1000'].includes(d.unit) || d.ciMethod !== 'none') {
    checks.push(['a value, numerator and denominator that are not negative', `value < 0 OR numerator < 0 OR denominator < 0`]);
  }
  // One pass counts every check's failures; only a failing check is looked at row by row.
  const from = `(SELECT *, count(*) OVER (PARTITION BY area_type, area_code, period) AS n_same FROM indicator_results WHERE indicator_id = ${id})`;
  const counts = await query(con, `SELECT ${checks.map(([, bad], i) => `count(*) FILTER (WHERE ${bad}) AS c${i}`).join(', ')} FROM ${from}`);
  for (const [i, [expected, bad]] of checks.entries()) {
    if (!Number(counts[0][`c${i}`])) continue;
    const rows = await query(con, `SELECT area_type, area_code, period, value, lower_95, upper_95, numerator, denominator, source_id, denominator_source_id, reference_date
      FROM ${from} WHERE ${bad} ORDER BY ALL LIMIT 1`);
    const r = rows[0];
    throw new PipelineError(
      `Indicator ${d.id} (${d.unit}): expected ${expected}, found value ${r.value} (interval ${r.lower_95}–${r.upper_95}, ` +
        `numerator ${r.numerator}, denominator ${r.denominator}) for ${r.area_type} ${r.area_code}, period ${r.period}, from source ${r.source_id}` +
        `${r.denominator_source_id ? ` (denominator ${r.denominator_source_id})` : ''}${r.reference_date ? `, reference date ${r.reference_date}` : ''}. ` +
        'Check the source rows behind it and the indicator SQL; nothing was published.',
    );
  }
}

/**
 * Comparison with England and Wales (Fingertips convention: better/worse only when the 95% interval
 * excludes the England and Wales value of the same indicator and period) and rank within each
 * indicator × area type × period (1 = best; for indicators with no better direction, 1 = highest).
 * A row with an unranked_reason (from its SQL: a closed or empty establishment, an immigration removal
 * centre's months; or the City of London rule applied here) keeps its value, with no rank or comparison.
 */
export const COMPARE_SQL = `
WITH reasoned AS (
  SELECT r.* REPLACE (
    -- One rule for City of London: no per-resident rate is ranked or compared (CITY_OF_LONDON_RULE).
    CASE WHEN r.area_type = 'pfa' AND r.area_code = '${CITY_OF_LONDON}' AND m.unit IN ('rate_per_1000', 'rate_per_100k') AND r.value IS NOT NULL
      THEN coalesce(r.unranked_reason, '${CITY_OF_LONDON_RULE.replace(/'/g, "''")}') ELSE r.unranked_reason END AS unranked_reason),
    m.polarity
  FROM indicator_results r
  JOIN indicator_meta m USING (indicator_id)
), flagged AS (
  SELECT *, value IS NOT NULL AND area_type <> 'england_wales' AND unranked_reason IS NULL AS ranked FROM reasoned
)
SELECT r.* EXCLUDE (polarity, ranked),
  CASE
    WHEN r.area_type = 'england_wales' OR ew.value IS NULL OR r.lower_95 IS NULL OR r.upper_95 IS NULL
      OR r.polarity = 'neither' OR r.unranked_reason IS NOT NULL THEN 'not_compared'
    WHEN r.lower_95 > ew.value THEN CASE r.polarity WHEN 'higher_is_better' THEN 'better' ELSE 'worse' END
    WHEN r.upper_95 < ew.value THEN CASE r.polarity WHEN 'higher_is_better' THEN 'worse' ELSE 'better' END
    ELSE 'similar'
  END AS compared_to_ew,
  CASE WHEN r.ranked THEN
    rank() OVER (PARTITION BY r.indicator_id, r.area_type, r.period, r.ranked
      ORDER BY CASE WHEN r.polarity = 'lower_is_better' THEN r.value ELSE -r.value END)
  END AS rank,
  CASE WHEN r.ranked THEN
    count(*) OVER (PARTITION BY r.indicator_id, r.area_type, r.period, r.ranked)
  END AS rank_of
FROM flagged r
LEFT JOIN (SELECT indicator_id, period, value FROM indicator_results WHERE area_type = 'england_wales') ew
  USING (indicator_id, period)
`;


export async function computeIndicators(con: DuckDBConnection, defs: IndicatorDef[]): Promise<Row[]> {
  await con.run(`CREATE OR REPLACE TABLE indicator_meta (indicator_id VARCHAR, polarity VARCHAR, unit VARCHAR)`);
  for (const d of defs) await con.run(`INSERT INTO indicator_meta VALUES (${sqlString(d.id)}, ${sqlString(d.polarity)}, ${sqlString(d.unit)})`);
  await con.run(`CREATE OR REPLACE TABLE indicator_results (
    indicator_id VARCHAR, area_type VARCHAR, area_code VARCHAR, area_name VARCHAR, period VARCHAR,
    value DOUBLE, numerator DOUBLE, denominator DOUBLE, lower_95 DOUBLE, upper_95 DOUBLE, source_id VARCHAR,
    denominator_source_id VARCHAR, basis VARCHAR, reference_date VARCHAR, unranked_reason VARCHAR)`);
  for (const d of defs) {
    try {
      const returned = (await query(con, `DESCRIBE SELECT * FROM (${d.sql})`)).map((r) => String(r.column_name));
      if (returned.includes('indicator_id')) {
        throw new PipelineError(`Indicator ${d.id} (${indicatorFile(d)}): its SQL returns indicator_id; leave it out, the pipeline adds it (the SQL returns ${INDICATOR_SQL_COLUMNS.join(', ')}).`);
      }
      // A ratio built from two datasets names both files and its denominator basis (issue 11 §4: deaths
      // per 1,000 named only the population bulletin); the SQL must say so itself, NULL where one file
      // holds both, so that leaving the columns out cannot hide a second file.
      const missing = ['denominator_source_id', 'basis'].filter((c) => !returned.includes(c));
      if (d.sources.length > 1 && hasDenominator(d) && missing.length) {
        throw new PipelineError(
          `Indicator ${d.id} (${indicatorFile(d)}): it divides by a denominator and names ${d.sources.length} datasets (${d.sources.join(', ')}), ` +
            `but its SQL does not return ${missing.join(' and ')}: return the denominator's file id (NULL where the numerator's file holds it) and its basis (e.g. 'Census 2021 residents').`,
        );
      }
      const cols = INDICATOR_SQL_COLUMNS.map((c) =>
        (INDICATOR_OPTIONAL_COLUMNS as readonly string[]).includes(c) && !returned.includes(c) ? `NULL AS ${c}` : c === 'reference_date' ? `CAST(reference_date AS VARCHAR)` : JSON.stringify(c),
      ).join(', ');
      await con.run(`INSERT INTO indicator_results SELECT ${sqlString(d.id)}, ${cols} FROM (${d.sql})`);
    } catch (e) {
      if (e instanceof PipelineError) throw e;
      throw new PipelineError(`Indicator ${d.id} (${indicatorFile(d)}): its SQL failed: ${(e as Error).message}`);
    }
    await checkResults(con, d);
  }
  await con.run(`CREATE OR REPLACE TABLE indicator_values AS ${COMPARE_SQL}`);
  return query(con, `SELECT ${INDICATOR_VALUES_TABLE.columns.map((c) => JSON.stringify(c.name)).join(', ')} FROM indicator_values ORDER BY ALL`);
}
