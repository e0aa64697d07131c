/**
 * Children's proven reoffending rates by English upper-tier council and region, ages 10-14
 * ('ReoffYO') and 15-17 ('ReoffYO15-17'), from the DfE LAIT copy of MoJ/YJB figures (Parquet, read
 * with DuckDB). Rates only: there are no counts, so a council rate is never summed or averaged to a
 * PFA; the site lists the councils within each PFA instead.
 *
 * Councils are named as DfE writes them, not by GSS code: names become ONS 2019 upper-tier codes
 * through the ONS lookup names plus pipeline/geography/council_aliases.csv (spellings, and councils
 * abolished or created since 2019). An unknown name is an error naming the Parquet row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DataError } from '../../src/errors.ts';
import { GSS_PFA, GSS_REGION, type Row, type TableDef } from '../../src/tables.ts';
import { NameLookup } from '../geography/names.ts';
import { readCsv } from '../read/csv.ts';
import { roundTo } from '../read/values.ts';
import { cohortFinancialYearEnding } from '../read/cohorts.ts';
import type { SourceModule } from './types.ts';

export const AGE_BAND_OF_MEASURE: Record<string, string> = { ReoffYO: '10-14', 'ReoffYO15-17': '15-17' };
export const SUPPRESSED_REASON = "suppressed (small cohort) or not available: '-' in the source";
/** Rows that are neither a council nor a region: England is '-' in every year; Inner/Outer London are not regions. */
export const NOT_AREAS = new Set(['England', 'London (Inner)', 'London (Outer)']);
const COUNCIL_CODE = '^E(06|08|09|10)\\d{6}$';
const PERIOD = '^\\d{4}-\\d{2}/\\d{4}-\\d{2}$';

const rateColumns = [
  { name: 'age_band', type: 'string', description: "Children's age at the start of the cohort: '10-14' or '15-17'.", enum: ['10-14', '15-17'] },
  { name: 'period', type: 'string', description: "Cohort: 'YYYY-MM/YYYY-MM' (LAIT year 2016 = April 2015 to March 2016).", pattern: PERIOD },
  { name: 'rate_percent', type: 'number', description: 'Proven reoffending rate: % of the cohort who reoffended, rounded to 2 dp (as LAIT publishes).', unit: '%', nullable: true, min: 0, max: 100 },
  { name: 'null_reason', type: 'string', description: 'Why the rate is empty.', nullable: true },
] as const;

export const YOUTH_REOFFENDING_COUNCIL: TableDef = {
  name: 'youth_reoffending_council',
  title: "Children's proven reoffending rate by English upper-tier council (ages 10-14 and 15-17)",
  description:
    "Proportion of children in each annual cohort who committed a proven reoffence, by English upper-tier council, as published in the DfE Local Authority Interactive Tool (MoJ/YJB figures). Rates only: no counts are published here, so these rates must not be summed or averaged to a police force area; to show a PFA, list its councils (filter on pfa_code). Councils reorganised since 2016 appear under both old ('(Pre LG)', Cumbria, Northamptonshire) and new names, mostly '-' under the new names. source_cell is the 1-based row of the Parquet file.",
  primaryKey: ['council_name', 'age_band', 'period'],
  columns: [
    { name: 'council_code', type: 'string', description: 'GSS code of the council (ONS 2019 upper-tier code; older or newer code for councils abolished before or created after 2019).', pattern: COUNCIL_CODE },
    { name: 'council_name', type: 'string', description: 'Council name as published by DfE.' },
    { name: 'la_number_dfe', type: 'integer', description: 'DfE local authority number (not a GSS code).' },
    { name: 'pfa_code', type: 'string', description: 'Police force area the council lies in.', pattern: GSS_PFA },
    ...rateColumns,
  ],
};

export const YOUTH_REOFFENDING_REGION: TableDef = {
  name: 'youth_reoffending_region',
  title: "Children's proven reoffending rate by English region (ages 10-14 and 15-17)",
  description:
    'Proportion of children in each annual cohort who committed a proven reoffence, by English region, as published in the DfE Local Authority Interactive Tool (MoJ/YJB figures). Rates only. The England row of the source is empty in every year, so there is no national comparator in this table.',
  primaryKey: ['region_code', 'age_band', 'period'],
  columns: [
    { name: 'region_code', type: 'string', description: 'English region (GSS E12 code).', pattern: GSS_REGION },
    { name: 'region_name', type: 'string', description: 'Region name as published.' },
    ...rateColumns,
  ],
};

export interface LaitRow {
  /** 1-based row in the Parquet file. */
  row: number;
  measure: string;
  years: string;
  name: string;
  value: string | null;
  laNumber: number | null;
}

export async function readLaitReoffending(path: string): Promise<LaitRow[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const literal = `'${path.replace(/'/g, "''")}'`;
    const reader = await con.runAndReadAll(`
      SELECT file_row_number + 1 AS row, "Short Desc" AS measure, "Years" AS years, "LA and Regions" AS name,
        "Values" AS value, "LA Number" AS la_number
      FROM read_parquet(${literal}, file_row_number = true)
      WHERE "Short Desc" IN ('ReoffYO', 'ReoffYO15-17')
      ORDER BY row`);
    return reader.getRowObjectsJS().map((r) => ({
      row: Number(r.row),
      measure: String(r.measure),
      years: String(r.years ?? ''),
      name: String(r.name ?? ''),
      value: r.value === null ? null : String(r.value),
      laNumber: r.la_number === null ? null : Number(r.la_number),
    }));
  } finally {
    con.closeSync();
  }
}

export interface CouncilGeography {
  utlaName: Map<string, string>;
  utlaToPfa: Map<string, string>;
  ladToPfa: Map<string, string>;
  regionNames: NameLookup;
}

/** Council name → code, and code → PFA, from ONS names plus the committed alias table. */
export function councilLookup(geo: CouncilGeography, aliasPath: string, aliasText: string) {
  const names = new NameLookup('upper-tier council');
  for (const [code, name] of geo.utlaName) names.add(name, code, 'ONS LTLA-UTLA lookup 2019');
  const via = new Map<string, string>();
  for (const r of readCsv(aliasPath, aliasText, { requiredColumns: ['alias', 'council_code', 'pfa_via_code'] })) {
    names.add(r.values.alias, r.values.council_code, `${aliasPath} line ${r.line}`);
    if (r.values.pfa_via_code) via.set(r.values.council_code, r.values.pfa_via_code);
  }
  const pfaOf = (code: string): string | undefined => geo.utlaToPfa.get(code) ?? geo.ladToPfa.get(code) ?? (via.has(code) ? pfaOf(via.get(code)!) : undefined);
  return { names, pfaOf };
}

export function tidyLait(label: string, sourceId: string, rows: LaitRow[], geo: CouncilGeography, lookup: ReturnType<typeof councilLookup>) {
  const council: Row[] = [];
  const region: Row[] = [];
  for (const r of rows) {
    const at = (column: string) => ({ file: label, row: r.row, column });
    const ageBand = AGE_BAND_OF_MEASURE[r.measure];
    const period = cohortFinancialYearEnding(r.years, at('Years'));
    const raw = (r.value ?? '').trim();
    let rate: number | null = null;
    let reason: string | null = null;
    if (raw === '-') reason = SUPPRESSED_REASON;
    else if (/^\d+(\.\d+)?$/.test(raw)) rate = roundTo(Number(raw), 2);
    else throw new DataError(at('Values'), "a rate in % (text such as '40.63') or '-'", `'${r.value ?? ''}'`);
    if (rate !== null && rate > 100) throw new DataError(at('Values'), 'a rate between 0 and 100 (%)', `'${raw}'`);
    const common = { age_band: ageBand, period, rate_percent: rate, null_reason: reason, source_id: sourceId, source_cell: `row ${r.row}` };
    if (r.name === 'England' && rate !== null) {
      throw new DataError(at('Values'), "'-' (the England row has been empty in every year; a national figure would need a place in the tables)", `'${raw}'`);
    }
    if (NOT_AREAS.has(r.name)) continue;
    if (geo.regionNames.has(r.name)) {
      region.push({ region_code: geo.regionNames.code(r.name, at('LA and Regions')), region_name: r.name, ...common });
      continue;
    }
    const code = lookup.names.code(r.name, at('LA and Regions'));
    const pfa = lookup.pfaOf(code);
    if (!pfa) throw new DataError(at('LA and Regions'), `council ${code} (${r.name}) in the ONS lookups or with a pfa_via_code in council_aliases.csv`, 'no police force area');
    if (r.laNumber === null || !Number.isInteger(r.laNumber)) throw new DataError(at('LA Number'), 'a DfE LA number', `'${r.laNumber}'`);
    council.push({ council_code: code, council_name: r.name, la_number_dfe: r.laNumber, pfa_code: pfa, ...common });
  }
  return { youth_reoffending_council: council, youth_reoffending_region: region };
}

export const ALIAS_PATH = join(new URL('../geography/', import.meta.url).pathname, 'council_aliases.csv');

const source: SourceModule = {
  tables: [YOUTH_REOFFENDING_COUNCIL, YOUTH_REOFFENDING_REGION],
  async parse({ files, geography }) {
    const lookup = councilLookup(geography, ALIAS_PATH, readFileSync(ALIAS_PATH, 'utf8'));
    const out: Record<string, Row[]> = { youth_reoffending_council: [], youth_reoffending_region: [] };
    for (const file of files) {
      if (!file.label.endsWith('.parquet')) continue; // the data dictionary is registered for its definitions only
      const tidy = tidyLait(file.label, file.entry.id, await readLaitReoffending(file.path), geography, lookup);
      out.youth_reoffending_council.push(...tidy.youth_reoffending_council);
      out.youth_reoffending_region.push(...tidy.youth_reoffending_region);
    }
    return out;
  },
};

export default source;
