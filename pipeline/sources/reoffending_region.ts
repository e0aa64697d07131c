/**
 * MoJ proven reoffending overview data tool (January to March 2020 release), as a filtered extract:
 * the nine English regions × adult/juvenile × age band × annual cohort, with counts. The extract kept
 * only category 'Age total', so a region's total is the sum of its age bands (done in the indicator
 * SQL, never stored). Checks: every region × group × cohort has exactly its age bands, once.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import { GSS_REGION, type Row, type TableDef } from '../../src/tables.ts';
import type { NameLookup } from '../geography/names.ts';
import { readCsv } from '../read/csv.ts';
import { requireNumber } from '../read/values.ts';
import { cohortFromWords } from '../read/cohorts.ts';
import type { SourceModule } from './types.ts';

export const AGE_BANDS = {
  adult: ['18 to 20', '21 to 24', '25 to 29', '30 to 34', '35 to 39', '40 to 44', '45 to 49', '50+'],
  juvenile: ['10 to 14', '15 to 17'],
} as const;

export const REOFFENDING_REGION: TableDef = {
  name: 'reoffending_region',
  title: 'Proven reoffending by English region, adult/juvenile and age band (MoJ overview data tool, Jan-Mar 2020 release)',
  description:
    'Offenders in the cohort, proven reoffenders and proven reoffences by English region (no Wales), adult or juvenile, and age band, annual cohorts April 2008-March 2009 to April 2019-March 2020, as in the MoJ overview data tool. Region totals are sums of the age bands. Not adjusted for offender mix.',
  primaryKey: ['region_code', 'offender_group', 'age_band', 'period'],
  columns: [
    { name: 'region_code', type: 'string', description: 'English region (GSS E12 code).', pattern: GSS_REGION },
    { name: 'region_name', type: 'string', description: 'Region name as published.' },
    { name: 'offender_group', type: 'string', description: "'adult' (18+) or 'juvenile' (10-17).", enum: ['adult', 'juvenile'] },
    { name: 'age_band', type: 'string', description: "Age band as published ('10 to 14' … '50+').", enum: [...AGE_BANDS.juvenile, ...AGE_BANDS.adult] },
    { name: 'period', type: 'string', description: "Cohort: 'YYYY-MM/YYYY-MM' (first and last month of entry).", pattern: '^\\d{4}-\\d{2}/\\d{4}-\\d{2}$' },
    { name: 'offenders', type: 'integer', description: 'Offenders in the cohort.', min: 0 },
    { name: 'reoffenders', type: 'integer', description: 'Offenders with a proven reoffence in the follow-up.', min: 0 },
    { name: 'reoffences', type: 'integer', description: 'Proven reoffences committed by them.', min: 0 },
  ],
};

const GROUP: Record<string, 'adult' | 'juvenile'> = { Adult: 'adult', Juvenile: 'juvenile' };

export function parseRegionCsv(label: string, sourceId: string, text: string, regionNames: NameLookup): Row[] {
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const r of readCsv(label, text, { requiredColumns: ['adult_juv', 'cohort', 'region', 'category', 'subcat1', 'offenders', 'reoffenders', 'reoffences'] })) {
    const v = r.values;
    const at = (column: string) => ({ file: label, row: r.line, column });
    if (v.category !== 'Age total') throw new DataError(at('category'), "'Age total' (the extract's only category)", `'${v.category}'`);
    const group = GROUP[v.adult_juv];
    if (!group) throw new DataError(at('adult_juv'), "'Adult' or 'Juvenile'", `'${v.adult_juv}'`);
    const bands: readonly string[] = AGE_BANDS[group];
    if (!bands.includes(v.subcat1)) throw new DataError(at('subcat1'), `an age band of ${group}s (${bands.join(', ')})`, `'${v.subcat1}'`);
    const offenders = requireNumber(v.offenders, at('offenders'), 'a count of offenders');
    const reoffenders = requireNumber(v.reoffenders, at('reoffenders'), 'a count of reoffenders');
    const reoffences = requireNumber(v.reoffences, at('reoffences'), 'a count of reoffences');
    if (reoffenders > offenders) throw new DataError(at('reoffenders'), `at most the ${offenders} offenders`, `${reoffenders}`);
    if (reoffences < reoffenders) throw new DataError(at('reoffences'), `at least one reoffence per reoffender (${reoffenders})`, `${reoffences}`);
    const row: Row = {
      region_code: regionNames.code(v.region, at('region')),
      region_name: v.region,
      offender_group: group,
      age_band: v.subcat1,
      period: cohortFromWords(v.cohort, at('cohort')),
      offenders,
      reoffenders,
      reoffences,
      source_id: sourceId,
      source_cell: `row ${r.line}`,
    };
    const k = `${row.region_code}|${group}|${row.age_band}|${row.period}`;
    if (seen.has(k)) throw new DataError(at('subcat1'), `one row per region × group × age band × cohort (also on line ${seen.get(k)})`, `a second row for ${v.region}, ${v.adult_juv}, ${v.subcat1}, ${v.cohort}`);
    seen.set(k, r.line);
    rows.push(row);
  }
  // Each region × group × cohort present must have all its bands, or the sum is not a total.
  const groups = new Map<string, Set<string>>();
  for (const r of rows) {
    const k = `${r.region_name}|${r.offender_group}|${r.period}`;
    (groups.get(k) ?? groups.set(k, new Set()).get(k)!).add(String(r.age_band));
  }
  for (const [k, got] of groups) {
    const [region, group, period] = k.split('|');
    const missing = AGE_BANDS[group as 'adult' | 'juvenile'].filter((b) => !got.has(b));
    if (missing.length) throw new DataError({ file: label }, `every ${group} age band for ${region}, cohort ${period}`, `none for ${missing.join(', ')}`);
  }
  return rows;
}

const source: SourceModule = {
  tables: [REOFFENDING_REGION],
  parse({ files, geography }) {
    return {
      reoffending_region: files.flatMap((f) => parseRegionCsv(f.label, f.entry.id, readFileSync(f.path, 'utf8'), geography.regionNames)),
    };
  },
};

export default source;
