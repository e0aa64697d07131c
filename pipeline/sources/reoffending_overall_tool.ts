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
import { COHORT_COUNT_COLUMNS, cohortCounts, readToolRows, Skipped, type ToolColumns, type ToolRow } from './reoffending_geographical/data_tool_rows.ts';
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

export const REOFFENDING_OVERALL: TableDef = {
  name: 'reoffending_overall',
  title: 'Proven reoffending, England and Wales, English regions and Wales (MoJ overall data tool)',
  description:
    "Offenders in each annual cohort, proven reoffenders and proven reoffences, adults and juveniles (children aged 10-17), from the 'Total' rows of the MoJ proven reoffending overall data tool: England and Wales, the nine English regions and Wales. The publisher's own counts, kept apart from the third-party derived series in reoffending_national (series derived_2024). Not adjusted for offender mix.",
  primaryKey: ['area_code', 'offender_group', 'period'],
  columns: [
    { name: 'area_code', type: 'string', description: 'K04000001 (England and Wales), E12 region or W92000004 (Wales).', pattern: '^(K04000001|W92000004|E12\\d{6})$' },
    { name: 'area_name', type: 'string', description: 'Region as printed in the tool.' },
    ...COHORT_COUNT_COLUMNS,
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
  const skipped = new Skipped();
  for (const r of rows) {
    if (r.values.category !== 'Total') {
      skipped.add(r.values.category);
      continue;
    }
    const counts = cohortCounts(r);
    const area = areaOf(r, regionNames);
    const key = `${area}|${counts.offender_group}|${counts.period}`;
    if (seen.has(key)) throw new DataError(r.at('region'), `one Total row per region, group and cohort (also at ${seen.get(key)})`, `a second row for ${r.values.region}, ${r.values.group}, ${r.values.cohort}`);
    seen.set(key, r.cell);
    out.push({ area_code: area, area_name: r.values.region, ...counts, source_id: sourceId, source_cell: r.cell });
  }
  if (!out.length) throw new DataError({ file: label }, "rows with category 'Total'", skipped.size ? `only ${skipped.names()}` : 'none');
  if (skipped.size) warn(`${label}: breakdown rows not read (category other than 'Total'): ${skipped.list()}.`);
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
