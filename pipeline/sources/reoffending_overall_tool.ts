/**
 * MoJ proven reoffending overall data tool (the xlsx tool's sheet "Data", or the same rows in the
 * release's "CSV format of data tools"): offenders, proven reoffenders and reoffences by annual
 * cohort for England and Wales, the nine English regions and Wales, adults and juveniles (children).
 * NOT HELD: this parser has met only fixture files written by its tests in the documented layout;
 * docs/sources.md says what to check on the first real file. Kept apart from the third-party
 * derived series (table reoffending_national, series derived_2024), which sums this tool's adult and
 * child rows: both are labelled, never joined.
 *
 * Layout (header in row 1): adult_child ('Adult', 'Child'; adult_juv with 'Juvenile' in releases
 * before 2024), cohort ('Apr 2012 to Mar 2013'), region ('England and Wales', 'Wales', region
 * names), category ('Total' for the cohort total; 'Age total', 'Index offence total', … for
 * breakdowns, with the breakdown in subcat1/subcat2), offenders, reoffenders, reoffences.
 * Sources for the layout:
 *   - Publisher: "Proven reoffending statistics: January to March 2024"
 *     (https://www.gov.uk/government/statistics/proven-reoffending-statistics-january-to-march-2024),
 *     attachment PRSQ_overall_data_tool_apr12_mar24.xlsx; the January to March 2020 release's CSV
 *     of the overview tool, whose columns are unchanged in the held region extract
 *     (../shared/data/raw/reoffending/PROVENANCE.md: adult_juv, cohort, region, category, subcat1,
 *     subcat2, offenders, reoffenders, reoffences).
 *   - Public code: redstarmatt/WIAH data/pipelines/reoffending/transform.py (commit f71c7676) reads
 *     sheet "Data" with header row 1, documents the columns "adult_child, cohort, region, category,
 *     subcat1, subcat2, offenders, reoffenders, reoffences", and takes category == "Total" and
 *     region == "England and Wales" for the national series; jadeparker99/GEOG5995---Final-Project
 *     reads the 2020 CSV with adult_juv and the regions.
 *
 * Checks: header strictly; one Total row per area × group × cohort; annual cohorts only;
 * reoffenders ≤ offenders ≤ …; the regions and Wales together never exceed England and Wales.
 */
import { DataError } from '../../src/errors.ts';
import type { Row, TableDef } from '../../src/tables.ts';
import { cohortFromWords } from '../read/cohorts.ts';
import { parseNumber } from '../read/values.ts';
import { readToolRows, type ToolColumns, type ToolRow } from './reoffending_geographical/data_tool_rows.ts';
import { OFFENDER_GROUP } from './reoffending_geographical.ts';
import type { SourceContext, SourceModule } from './types.ts';

export const OVERALL_COLUMNS = {
  group: ['adult_child', 'adult_juv'],
  cohort: ['cohort'],
  region: ['region'],
  category: ['category'],
  offenders: ['offenders'],
  reoffenders: ['reoffenders'],
  reoffences: ['reoffences'],
} as const satisfies ToolColumns<string>;

export const WALES = { code: 'W92000004', name: 'Wales' };
export const ENGLAND_WALES = { code: 'K04000001', name: 'England and Wales' };

const COUNT = (name: string, description: string) => ({ name, type: 'integer' as const, description, nullable: true, min: 0 });

export const REOFFENDING_OVERALL: TableDef = {
  name: 'reoffending_overall',
  title: 'Proven reoffending, England and Wales, English regions and Wales (MoJ overall data tool)',
  description:
    "Offenders in each annual cohort, proven reoffenders and proven reoffences, adults and juveniles (children aged 10-17), from the 'Total' rows of the MoJ proven reoffending overall data tool: England and Wales, the nine English regions and Wales. The publisher's own counts, kept apart from the third-party derived series in reoffending_national (series derived_2024). Not adjusted for offender mix.",
  primaryKey: ['area_code', 'offender_group', 'period'],
  columns: [
    { name: 'area_code', type: 'string', description: 'K04000001 (England and Wales), E12 region or W92000004 (Wales).', pattern: '^(K04000001|W92000004|E12\\d{6})$' },
    { name: 'area_name', type: 'string', description: 'Region as printed in the tool.' },
    { name: 'offender_group', type: 'string', description: "'adult' (18+) or 'juvenile' (10-17; 'Child' in releases from 2024).", enum: ['adult', 'juvenile'] },
    { name: 'period', type: 'string', description: "Cohort: 'YYYY-MM/YYYY-MM' (first and last month of entry).", pattern: '^\\d{4}-\\d{2}/\\d{4}-\\d{2}$' },
    COUNT('offenders', 'Offenders in the cohort.'),
    COUNT('reoffenders', 'Offenders with a proven reoffence within a year (and six months to be proven).'),
    COUNT('reoffences', 'Proven reoffences committed by them.'),
    { name: 'null_reason', type: 'string', description: 'Why a count is empty (the marker the tool prints).', nullable: true },
  ],
};

function areaOf(r: ToolRow, regionNames: SourceContext['geography']['regionNames']) {
  const name = r.values.region;
  if (name === ENGLAND_WALES.name) return ENGLAND_WALES.code;
  if (name === WALES.name) return WALES.code;
  return regionNames.code(name, r.at('region'));
}

export function tidyOverall(label: string, sourceId: string, rows: ToolRow[], regionNames: SourceContext['geography']['regionNames'], warn: (m: string) => void): Row[] {
  const out: Row[] = [];
  const seen = new Map<string, string>();
  const skipped = new Map<string, number>();
  for (const r of rows) {
    if (r.values.category !== 'Total') {
      skipped.set(r.values.category, (skipped.get(r.values.category) ?? 0) + 1);
      continue;
    }
    const group = OFFENDER_GROUP[r.values.group];
    if (!group) throw new DataError(r.at('group'), "'Adult', 'Child' or 'Juvenile'", `'${r.values.group}'`);
    const period = cohortFromWords(r.values.cohort, r.at('cohort'));
    const [from, to] = period.split('/').map((p) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5)));
    if (to - from !== 11) throw new DataError(r.at('cohort'), 'an annual (12-month) cohort', `'${r.values.cohort}'`);
    const c = Object.fromEntries((['offenders', 'reoffenders', 'reoffences'] as const).map((m) => [m, parseNumber(r.values[m], r.at(m), `a count of ${m} or a suppression marker`)]));
    if (c.offenders.value !== null && c.reoffenders.value !== null && c.reoffenders.value > c.offenders.value) throw new DataError(r.at('reoffenders'), `at most the ${c.offenders.value} offenders`, `${c.reoffenders.value}`);
    if (c.reoffenders.value !== null && c.reoffences.value !== null && c.reoffences.value < c.reoffenders.value) throw new DataError(r.at('reoffences'), `at least one reoffence per reoffender (${c.reoffenders.value})`, `${c.reoffences.value}`);
    const area = areaOf(r, regionNames);
    const key = `${area}|${group}|${period}`;
    if (seen.has(key)) throw new DataError(r.at('region'), `one Total row per region, group and cohort (also at ${seen.get(key)})`, `a second row for ${r.values.region}, ${r.values.group}, ${r.values.cohort}`);
    seen.set(key, r.cell);
    out.push({
      area_code: area,
      area_name: r.values.region,
      offender_group: group,
      period,
      offenders: c.offenders.value,
      reoffenders: c.reoffenders.value,
      reoffences: c.reoffences.value,
      null_reason: c.offenders.reason ?? c.reoffenders.reason ?? c.reoffences.reason,
      source_id: sourceId,
      source_cell: r.cell,
    });
  }
  if (!out.length) throw new DataError({ file: label }, "rows with category 'Total'", skipped.size ? `only ${[...skipped.keys()].slice(0, 8).map((c) => `'${c}'`).join(', ')}` : 'none');
  if (skipped.size) warn(`${label}: breakdown rows not read (category other than 'Total'): ${[...skipped].map(([k, n]) => `'${k}' ${n}`).join(', ')}.`);
  // The file's own totals: its regions and Wales cannot hold more people than England and Wales.
  for (const ew of out.filter((r) => r.area_code === ENGLAND_WALES.code)) {
    const parts = out.filter((r) => r.area_code !== ENGLAND_WALES.code && r.offender_group === ew.offender_group && r.period === ew.period);
    for (const m of ['offenders', 'reoffenders', 'reoffences'] as const) {
      const total = parts.reduce((s, r) => s + Number(r[m] ?? 0), 0);
      if (ew[m] !== null && total > Number(ew[m])) throw new DataError({ file: label, column: m }, `the regions and Wales to add up to at most England and Wales (${ew[m]}, ${ew.source_cell})`, `${total} ${m} for ${ew.offender_group}s, cohort ${ew.period}`);
    }
  }
  return out;
}

const source: SourceModule = {
  tables: [REOFFENDING_OVERALL],
  parse({ files, geography, warn }) {
    return { reoffending_overall: files.flatMap((f) => tidyOverall(f.label, f.entry.id, readToolRows(f.label, f.path, OVERALL_COLUMNS).rows, geography.regionNames, warn)) };
  },
};

export default source;
