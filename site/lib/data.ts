/**
 * The site's one door to the data: reads the pipeline's published outputs (data/build/) at build
 * time and offers typed accessors. Pages never open files themselves, so a page can only show what
 * the pipeline published.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndicatorDef } from '../../src/indicator.ts';
import type { PublishedDataset, PublishedSourceFile } from '../../src/sources.ts';
import type { PublishedRowOf, RowOf } from '../../src/tables.ts';
import type { LAD_PFA, PFA, PFA_REGION } from '../../src/tables/geography.ts';
import type { PCC_ARRANGEMENT, PCC_HOLDER, PCC_VOTES } from '../../src/tables/governance.ts';
import type { COVERAGE_TABLE, INDICATOR_VALUES_TABLE } from '../../src/tables/indicators.ts';
import type { PRISON, PRISON_COST_NATIONAL, PRISON_MONTHLY } from '../../src/tables/prisons.ts';
import type { TERM_RECORD } from '../../src/tables/term_record.ts';
import { BUILD_DIR } from './paths.ts';
import { formatPeriod, periodKindOf, type PeriodKind } from './format.ts';

export type { IndicatorDef };

// Row types of the published tables, derived from their definitions in src/tables/ (one description
// of each table: the pipeline validates and publishes with it, the site reads with it).
export type Pfa = PublishedRowOf<typeof PFA>;
export type Council = PublishedRowOf<typeof LAD_PFA>;
export type PfaRegion = PublishedRowOf<typeof PFA_REGION>;
/**
 * The columns TEAM contracts 1-3 add to indicator_values (denominator's file, denominator basis, day
 * of the count). Optional here so that a build from before them still reads; absent means unknown.
 */
export interface IndicatorValueContracts {
  denominator_source_id?: string | null;
  basis?: string | null;
  reference_date?: string | null;
}
export type IndicatorValue = RowOf<typeof INDICATOR_VALUES_TABLE> & IndicatorValueContracts;
export type Comparison = IndicatorValue['compared_to_ew'];
export type CoverageRow = RowOf<typeof COVERAGE_TABLE>;
export type PccArrangementRow = PublishedRowOf<typeof PCC_ARRANGEMENT>;
export type PccHolderRow = PublishedRowOf<typeof PCC_HOLDER>;
export type PccVoteRow = PublishedRowOf<typeof PCC_VOTES>;
export type TermRecordRow = PublishedRowOf<typeof TERM_RECORD>;
export type PrisonRow = PublishedRowOf<typeof PRISON>;
export type PrisonMonthRow = PublishedRowOf<typeof PRISON_MONTHLY>;
export type PrisonCostRow = PublishedRowOf<typeof PRISON_COST_NATIONAL>;

/** sources.json, as pipeline/package.ts writes it. */
export type SourceDataset = PublishedDataset;
export type SourceFile = PublishedSourceFile;

export interface Edition {
  id: string;
  date: string;
}

export interface DataPackageField {
  name: string;
  type: string;
  description?: string;
  unit?: string;
  constraints?: { required?: boolean; pattern?: string; enum?: string[]; minimum?: number; maximum?: number };
}

export interface DataPackageResource {
  name: string;
  title: string;
  description: string;
  path: string;
  format: string;
  rows: number;
  alternates?: Record<string, string>;
  schema: { fields: DataPackageField[]; primaryKey?: string[] };
  sources?: { title: string; path: string; source_id?: string }[];
  licenses?: { name: string; title: string; path: string }[];
}

export interface DataPackage {
  name: string;
  title: string;
  version: string;
  created: string;
  licenses: { name: string; title: string; path: string }[];
  sources: { title: string; path: string; kind?: string }[];
  resources: DataPackageResource[];
}

export const ENGLAND_WALES_CODE = 'K04000001';

const cache = new Map<string, unknown>();

function readJson<T>(rel: string): T {
  if (!cache.has(rel)) {
    const path = join(BUILD_DIR, rel);
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run pipeline\` before building the site.`);
    cache.set(rel, JSON.parse(readFileSync(path, 'utf8')));
  }
  return cache.get(rel) as T;
}

/** True when the pipeline published a table of this name (other sources are still being added). */
export function hasTable(name: string): boolean {
  return existsSync(join(BUILD_DIR, 'tables', `${name}.json`));
}

/** Rows of a published table, or null when the pipeline does not publish it (yet). */
export function optionalTable<T>(name: string): T[] | null {
  return hasTable(name) ? readJson<T[]>(`tables/${name}.json`) : null;
}

export function table<T>(name: string): T[] {
  return readJson<T[]>(`tables/${name}.json`);
}

export function edition(): Edition {
  return readJson<{ edition: Edition }>('manifest.json').edition;
}

const byName = (a: { pfa_name: string }, b: { pfa_name: string }) => a.pfa_name.localeCompare(b.pfa_name, 'en-GB');

/** The police force areas, alphabetical. */
export function areas(): Pfa[] {
  return [...table<Pfa>('pfa')].sort(byName);
}

export function area(code: string): Pfa | undefined {
  return table<Pfa>('pfa').find((p) => p.pfa_code === code);
}

export function councils(pfaCode?: string): Council[] {
  return table<Council>('lad_pfa')
    .filter((c) => !pfaCode || c.pfa_code === pfaCode)
    .sort((a, b) => a.lad_name.localeCompare(b.lad_name, 'en-GB'));
}

export function regionOf(pfaCode: string): PfaRegion | undefined {
  return optionalTable<PfaRegion>('pfa_region')?.find((r) => r.pfa_code === pfaCode);
}

interface IndicatorsFile {
  macros: string;
  compare_sql: string;
  indicators: IndicatorDef[];
}

export function indicators(): IndicatorDef[] {
  return readJson<IndicatorsFile>('indicators.json').indicators;
}

export function indicator(id: string): IndicatorDef {
  const found = indicators().find((i) => i.id === id);
  if (!found) throw new Error(`indicator ${id} is not in indicators.json`);
  return found;
}

/** The SQL macros and the comparison query, as published, for the methodology page. */
export function sharedSql(): { macros: string; compareSql: string } {
  const f = readJson<IndicatorsFile>('indicators.json');
  return { macros: f.macros, compareSql: f.compare_sql };
}

/** Periods compare as published strings (ISO dates or years sort correctly this way). */
export const comparePeriods = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

let valuesByIndicator: Map<string, IndicatorValue[]> | undefined;

export function values(filter: { indicatorId?: string; areaType?: string; areaCode?: string; period?: string } = {}): IndicatorValue[] {
  // Pages ask per indicator thousands of times per build: index once by indicator.
  if (!valuesByIndicator) {
    valuesByIndicator = new Map();
    for (const v of table<IndicatorValue>('indicator_values')) {
      const list = valuesByIndicator.get(v.indicator_id) ?? [];
      list.push(v);
      valuesByIndicator.set(v.indicator_id, list);
    }
  }
  const pool = filter.indicatorId ? (valuesByIndicator.get(filter.indicatorId) ?? []) : table<IndicatorValue>('indicator_values');
  return pool.filter(
    (v) =>
      (!filter.indicatorId || v.indicator_id === filter.indicatorId) &&
      (!filter.areaType || v.area_type === filter.areaType) &&
      (!filter.areaCode || v.area_code === filter.areaCode) &&
      (!filter.period || v.period === filter.period),
  );
}

const kinds = new Map<string, PeriodKind>();

/** How this indicator's periods read ("2011-12": a month or a financial year), from all its periods. */
export function indicatorPeriodKind(indicatorId: string): PeriodKind {
  if (!kinds.has(indicatorId)) kinds.set(indicatorId, periodKindOf([...new Set(values({ indicatorId }).map((v) => v.period))]));
  return kinds.get(indicatorId)!;
}

/** A value's period in words, read as its indicator's periods are, with the count's day where given: "July 2026 (count on 27 July 2026)". */
export function periodText(v: Pick<IndicatorValue, 'indicator_id' | 'period'> & IndicatorValueContracts): string {
  return formatPeriod(v.period, { kind: indicatorPeriodKind(v.indicator_id), referenceDate: v.reference_date });
}

/** One area's values for one indicator, oldest period first. */
export function series(indicatorId: string, areaCode: string): IndicatorValue[] {
  return values({ indicatorId, areaCode }).sort((a, b) => comparePeriods(a.period, b.period));
}

/** The latest period in which this indicator has any value for this area type. */
export function latestPeriod(indicatorId: string, areaType: string): string | undefined {
  const periods = values({ indicatorId, areaType })
    .filter((v) => v.value !== null)
    .map((v) => v.period)
    .sort(comparePeriods);
  return periods.at(-1);
}

export function englandWales(indicatorId: string, period: string): IndicatorValue | undefined {
  return values({ indicatorId, areaType: 'england_wales', period })[0];
}

/** Indicators with at least one value at this area type, in indicators.json order. */
const withValues = new Map<string, IndicatorDef[]>();

export function indicatorsWithValues(areaType: string): IndicatorDef[] {
  if (!withValues.has(areaType)) {
    const held = new Set(values({ areaType }).filter((v) => v.value !== null).map((v) => v.indicator_id));
    withValues.set(areaType, indicators().filter((i) => held.has(i.id)));
  }
  return withValues.get(areaType)!;
}

export function coverage(): CoverageRow[] {
  return table<CoverageRow>('coverage');
}

export function sources(): SourceDataset[] {
  return readJson<SourceDataset[]>('sources.json');
}

export function source(datasetId: string): SourceDataset | undefined {
  return sources().find((s) => s.id === datasetId);
}

/** A registry file id (as in source_id columns) with the dataset it belongs to. */
export function sourceFile(fileId: string): { dataset: SourceDataset; file: SourceFile } | undefined {
  for (const dataset of sources()) {
    const file = dataset.files.find((f) => f.id === fileId);
    if (file) return { dataset, file };
  }
  return undefined;
}

export function dataPackage(): DataPackage {
  return readJson<DataPackage>('datapackage.json');
}

export interface GeoFeature {
  type: 'Feature';
  properties: Record<string, string>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export function pfaBoundaries(): { type: 'FeatureCollection'; features: GeoFeature[] } {
  return readJson('boundaries/pfa.geojson');
}

/** The GSS code in a boundary feature, whatever the boundary year's property name (PFA23CD, PFA21CD …). */
export function featureCode(f: GeoFeature): string {
  const key = Object.keys(f.properties).find((k) => /^PFA\d\dCD$/i.test(k));
  return key ? f.properties[key] : '';
}

/** The published CITATION.txt, as text. */
export function citationText(): string {
  return readFileSync(join(BUILD_DIR, 'CITATION.txt'), 'utf8');
}

/** Bytes of a published file, for download links ("CSV, 1.2 MB"). */
export function fileBytes(rel: string): number | null {
  const path = join(BUILD_DIR, rel);
  return existsSync(path) ? readFileSync(path).length : null;
}
