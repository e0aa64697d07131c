/**
 * MoJ proven reoffending geographical data tool: adult and juvenile (child) offenders, proven
 * reoffenders and reoffences by annual cohort for England and Wales, police force areas, upper-tier
 * councils and releasing prisons. NOT HELD: this parser has met only fixture files written by its
 * tests in the documented layout below; docs/sources.md says what to check on the first real file.
 *
 * Layout (one row per cell of the tool; the CSV of the release's "CSV format of data tools" and the
 * xlsx tool's sheet "Data" carry the same columns, header in row 1):
 *   'Adult / Juvenile' ('Adult', 'Juvenile'; from 2024 'Adult / Child' with 'Child'), 'Cohort'
 *   ('Apr 2020 to Mar 2021'), 'Category' (which total or breakdown the row is: 'UTLA total' for an
 *   upper-tier council, and the other '… total' rows), 'Geography' (the area's name),
 *   'offenders', 'reoffenders', 'reoffences'.
 * Sources for the layout:
 *   - Publisher: the proven reoffending statistics releases (collection
 *     https://www.gov.uk/government/collections/proven-reoffending-statistics) list the
 *     "Geographical data tool" (xlsx, sheet "Data") and the "CSV format of data tools"; the
 *     overview tool's CSV columns (adult_juv, cohort, region, category, subcat1, subcat2,
 *     offenders, reoffenders, reoffences) are seen unchanged in the held region extract
 *     (../shared/data/raw/reoffending/PROVENANCE.md), and that note names the geographical tool's
 *     columns "Adult / Juvenile", Cohort, Category, Geography, offenders, reoffenders.
 *   - Public code: a Lambeth data-pack R script (found with the search tool, code corpus, file id
 *     46505567718) reads Geographical_data_tool_Apr09_Mar21.xlsx with read.xlsx(sheet = "Data") and
 *     filters `Adult / Juvenile` == "Adult", Category matching "total" and != "UTLA total", Geography
 *     "England…", "London", "Lambeth", Cohort ending in the year, then offenders and reoffenders;
 *     redstarmatt/WIAH data/pipelines/reoffending/transform.py reads the 2024 overall tool's "Data"
 *     sheet with adult_child (Adult/Child) and the counts.
 *
 * Categories read: 'England and Wales total', 'PFA total', 'UTLA total' and 'Prison total' (the
 * names the parser expects; a maintainer confirms them on the first real run). Other '… total'
 * categories and breakdown rows (age, sex, offence) are not read, and a warning counts them.
 * Checks: header strictly (file, sheet, row 1, column expected); one row per level × area × group ×
 * cohort; reoffenders ≤ offenders ≤ …; every council through the ONS lookups and
 * pipeline/geography/council_aliases.csv into exactly one PFA; where the file prints a PFA total and
 * every council of that PFA has counts, the councils must add up to it; councils together never
 * exceed the England and Wales total.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import { GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import { prisonNames } from '../geography/prison_names.ts';
import { COHORT_COUNT_COLUMNS, cohortCounts, readToolRows, Skipped, type ToolColumns, type ToolRow } from './reoffending_geographical/data_tool_rows.ts';
import { ALIAS_PATH, councilLookup } from './reoffending_youth_la.ts';
import type { SourceContext, SourceModule } from './types.ts';

export const LEVELS = ['england_wales', 'pfa', 'council', 'prison'] as const;
export type Level = (typeof LEVELS)[number];

/** The tool's Category → the level of area the row is a total for. */
export const CATEGORY_LEVEL: Record<string, Level> = {
  'England and Wales total': 'england_wales',
  'PFA total': 'pfa',
  'UTLA total': 'council',
  'Prison total': 'prison',
};

export const GEOGRAPHICAL_COLUMNS = {
  group: ['Adult / Juvenile', 'Adult / Child', 'adult_juv', 'adult_child'],
  cohort: ['Cohort', 'cohort'],
  category: ['Category', 'category'],
  geography: ['Geography', 'geography'],
  offenders: ['offenders', 'Offenders'],
  reoffenders: ['reoffenders', 'Reoffenders'],
  reoffences: ['reoffences', 'Reoffences'],
} as const satisfies ToolColumns<string>;

export const REOFFENDING_GEOGRAPHICAL: TableDef = {
  name: 'reoffending_geographical',
  title: 'Proven reoffending by police force area, upper-tier council and prison (MoJ geographical data tool)',
  description:
    "Offenders in each annual cohort, proven reoffenders and proven reoffences, adults and juveniles (children aged 10-17), as printed in the MoJ proven reoffending geographical data tool: England and Wales, police force areas, upper-tier councils (by the offender's address) and releasing prisons, each row one of the tool's '… total' rows. Counts the tool suppresses are null with the reason. A council row carries the PFA it lies in (ONS lookups and council_aliases.csv). PFA figures in the indicators are sums of their councils. Not adjusted for offender mix.",
  primaryKey: ['level', 'area_code', 'offender_group', 'period'],
  columns: [
    { name: 'level', type: 'string', description: "'england_wales', 'pfa', 'council' (upper-tier) or 'prison' (releasing prison).", enum: LEVELS },
    { name: 'area_code', type: 'string', description: 'K04000001, PFA or council GSS code, or prison code.' },
    { name: 'area_name', type: 'string', description: 'Geography as printed in the tool.' },
    { name: 'pfa_code', type: 'string', description: 'PFA the council lies in (the PFA itself for a PFA row); empty for England and Wales and prisons.', nullable: true, pattern: GSS_PFA },
    ...COHORT_COUNT_COLUMNS,
  ],
};

interface Lookups {
  pfaNames: SourceContext['geography']['pfaNames'];
  council: ReturnType<typeof councilLookup>;
  prisons: ReturnType<typeof prisonNames>;
}

function areaOf(level: Level, r: ToolRow, look: Lookups): { area_code: string; pfa_code: string | null } {
  const name = r.values.geography;
  const where = r.at('geography');
  if (level === 'england_wales') {
    if (name !== 'England and Wales') throw new DataError(where, "'England and Wales' on an 'England and Wales total' row", `'${name}'`);
    return { area_code: 'K04000001', pfa_code: null };
  }
  if (level === 'pfa') {
    const code = look.pfaNames.code(name, where);
    return { area_code: code, pfa_code: code };
  }
  if (level === 'prison') return { area_code: look.prisons.code(name, where), pfa_code: null };
  const code = look.council.names.code(name, where);
  const pfa = look.council.pfaOf(code);
  if (!pfa) throw new DataError(where, `council ${code} (${name}) in the ONS lookups or with a pfa_via_code in council_aliases.csv`, 'no police force area');
  return { area_code: code, pfa_code: pfa };
}

export function tidyGeographical(label: string, sourceId: string, rows: ToolRow[], look: Lookups, warn: (m: string) => void): Row[] {
  const out: Row[] = [];
  const seen = new Map<string, string>();
  const skipped = new Skipped();
  for (const r of rows) {
    const category = r.values.category;
    const level = CATEGORY_LEVEL[category];
    if (!level) {
      skipped.add(category);
      continue;
    }
    const counts = cohortCounts(r);
    const area = areaOf(level, r, look);
    const key = `${level}|${area.area_code}|${counts.offender_group}|${counts.period}`;
    if (seen.has(key)) throw new DataError(r.at('geography'), `one ${category} row per area, group and cohort (also at ${seen.get(key)})`, `a second row for ${r.values.geography}, ${r.values.group}, ${r.values.cohort}`);
    seen.set(key, r.cell);
    out.push({ level, ...area, area_name: r.values.geography, ...counts, source_id: sourceId, source_cell: r.cell });
  }
  if (!out.length) throw new DataError({ file: label }, `rows with Category ${Object.keys(CATEGORY_LEVEL).map((c) => `'${c}'`).join(', ')}`, skipped.size ? `only ${skipped.names()}` : 'none');
  if (skipped.size) warn(`${label}: rows of categories not read (breakdowns or other totals): ${skipped.list()}.`);
  checkTotals(label, out);
  return out;
}

const MEASURES = ['offenders', 'reoffenders', 'reoffences'] as const;

/** The file's own totals: councils add up to a printed PFA total, and never exceed England and Wales. */
function checkTotals(label: string, rows: Row[]) {
  const sums = new Map<string, { complete: boolean; n: Record<string, number> }>();
  for (const r of rows) {
    if (r.level !== 'council') continue;
    for (const k of [`pfa|${r.pfa_code}|${r.offender_group}|${r.period}`, `england_wales|K04000001|${r.offender_group}|${r.period}`]) {
      const s = sums.get(k) ?? { complete: true, n: { offenders: 0, reoffenders: 0, reoffences: 0 } };
      for (const m of MEASURES) {
        if (r[m] === null) s.complete = false;
        else s.n[m] += Number(r[m]);
      }
      sums.set(k, s);
    }
  }
  for (const r of rows) {
    if (r.level !== 'pfa' && r.level !== 'england_wales') continue;
    const s = sums.get(`${r.level}|${r.area_code}|${r.offender_group}|${r.period}`);
    if (!s) continue;
    for (const m of MEASURES) {
      if (r[m] === null) continue;
      const printed = Number(r[m]);
      if (r.level === 'pfa' && s.complete && s.n[m] !== printed) {
        throw new DataError({ file: label, column: m }, `the ${r.area_name} total of ${m} (${printed}, ${r.source_cell}) to equal the sum of its councils`, `${s.n[m]} for ${r.offender_group}s, cohort ${r.period}`);
      }
      if (r.level === 'england_wales' && s.n[m] > printed) {
        throw new DataError({ file: label, column: m }, `councils' ${m} to add up to at most the England and Wales total (${printed}, ${r.source_cell})`, `${s.n[m]} for ${r.offender_group}s, cohort ${r.period}`);
      }
    }
  }
}

const source: SourceModule = {
  tables: [REOFFENDING_GEOGRAPHICAL],
  parse({ files, geography, warn }) {
    const look: Lookups = { pfaNames: geography.pfaNames, council: councilLookup(geography, ALIAS_PATH, readFileSync(ALIAS_PATH, 'utf8')), prisons: prisonNames() };
    return {
      reoffending_geographical: files.flatMap((f) => tidyGeographical(f.label, f.entry.id, readToolRows(f.label, f.path, GEOGRAPHICAL_COLUMNS).rows, look, warn)),
    };
  },
};

export default source;
