/**
 * The open data package written to the staging folder: each table as CSV, Parquet, JSON and Arrow;
 * indicators.json (every definition with its SQL); sources.json (the registry, flattened);
 * datapackage.json (Frictionless); coverage.csv; dictionary.md; CITATION.txt; manifest.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PipelineError } from '../src/errors.ts';
import type { IndicatorDef } from '../src/indicator.ts';
import type { PublishedDataset } from '../src/sources.ts';
import { SQL_MACROS } from '../src/sql.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { COVERAGE_TABLE, INDICATOR_VALUES_TABLE } from '../src/tables/indicators.ts';
import { sha256 } from './acquire.ts';
import { toArrowIpc } from './arrow.ts';
import { loadTable } from './db.ts';
import { listFiles, sha256File, sortRows, toCsv, toJsonRows, writeParquet, writeText } from './publish.ts';
import { readCsv } from './read/csv.ts';
import { parserCheck, withCurrentNotHeld } from './package/coverage.ts';
import { spatialCoverage, temporalCoverage } from './package/extent.ts';
import { OGL, tableRights, type TableRights } from './package/licences.ts';
import { SOURCE_KIND_LABEL, type Registry } from './registry.ts';

export const SITE_NAME = 'Justice by Area';
export { OGL };

/** Every CSV is written by toCsv (publish.ts) in this dialect; said explicitly so no reader has to sniff it. */
export const CSV_DIALECT = { delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, skipInitialSpace: false, header: true, caseSensitiveHeader: true } as const;

export interface PackageInput {
  con: DuckDBConnection;
  dir: string;
  registry: Registry;
  tableDefs: TableDef[];
  tables: Record<string, Row[]>;
  /** Registry file ids of the datasets whose parser declares each table (see parse.ts); absent in tests that build a package by hand. */
  producers?: Record<string, string[]>;
  indicators: IndicatorDef[];
  values: Row[];
  edition: { id: string; date: string };
  inputs: Map<string, string>;
  boundaries: string;
  compareSql: string;
  /** Fingerprint of inputs, code and edition (see run.ts); a rebuild with the same key is skipped. */
  buildKey: string;
  /** The build in place (may not exist): its indicator values are the comparison base for CHANGES.md. */
  previousBuild: string;
}


/**
 * One row per indicator × geography × period with figures, and one per geography the notes say has
 * none. Notes answered by a file now held are left out (withCurrentNotHeld), and each row says whether
 * its parser has met the real file (parserCheck).
 */
export function coverageRows(indicators: IndicatorDef[], values: Row[], registry: Registry): Row[] {
  const rows: Row[] = [];
  for (const d of withCurrentNotHeld(indicators, registry)) {
    const withFigures = parserCheck(d, registry);
    const groups = new Map<string, { withValue: number; without: number }>();
    for (const v of values) {
      if (v.indicator_id !== d.id) continue;
      const key = `${v.area_type}\u0000${v.period}`;
      const g = groups.get(key) ?? { withValue: 0, without: 0 };
      if (v.value === null) g.without++;
      else g.withValue++;
      groups.set(key, g);
    }
    for (const [key, g] of groups) {
      const [area_type, period] = key.split('\u0000');
      rows.push({
        indicator_id: d.id,
        area_type,
        period,
        status: g.without ? 'partial' : 'available',
        areas_with_value: g.withValue,
        areas_without_value: g.without,
        note: null,
        ...withFigures,
      });
    }
    // Several notes for one geography are one row (the table's key is indicator × geography × period).
    const notes = new Map<string, string[]>();
    const filling = new Map<string, string[]>();
    for (const n of d.notHeld ?? []) {
      notes.set(n.geography, [...(notes.get(n.geography) ?? []), n.wouldNeed ? `${n.reason} Would need: ${n.wouldNeed}` : n.reason]);
      filling.set(n.geography, [...(filling.get(n.geography) ?? []), ...(n.filledBy ?? [])]);
    }
    for (const [geography, texts] of notes) {
      rows.push({
        indicator_id: d.id,
        area_type: geography,
        period: 'all',
        status: 'not_held',
        areas_with_value: 0,
        areas_without_value: 0,
        note: texts.join(' '),
        ...parserCheck(d, registry, filling.get(geography)),
      });
    }
  }
  return sortRows(COVERAGE_TABLE, rows);
}

function flattenRegistry(registry: Registry): PublishedDataset[] {
  return registry.datasets.map((d) => ({
    ...d,
    kind_label: SOURCE_KIND_LABEL[d.kind],
  }));
}

export async function writePackage(p: PackageInput) {
  const { dir } = p;
  const resources: object[] = [];
  const allDefs: TableDef[] = [...p.tableDefs, INDICATOR_VALUES_TABLE, COVERAGE_TABLE];
  const coverage = coverageRows(p.indicators, p.values, p.registry);
  const rowsOf = (name: string) =>
    name === INDICATOR_VALUES_TABLE.name ? p.values : name === COVERAGE_TABLE.name ? coverage : p.tables[name] ?? [];

  const allLicences = new Map<string, TableRights['licenses'][number]>();
  const rightsOf = (table: string, rows: Row[]) => {
    const ids = new Set<string>();
    for (const r of rows) {
      if (r.source_id) ids.add(String(r.source_id));
      if (r.denominator_source_id) ids.add(String(r.denominator_source_id));
    }
    // A table with no rows (its file not held) still carries the terms of the files that would fill it.
    if (!rows.length) for (const id of p.producers?.[table] ?? []) ids.add(id);
    const rights = tableRights(table, ids, p.registry);
    if (!rights.sources.length) throw new PipelineError(`Table ${table}: no row names a source, so its licence cannot be known; nothing was published.`);
    for (const l of rights.licenses) allLicences.set(l.name, l);
    return rights;
  };

  await loadTable(p.con, INDICATOR_VALUES_TABLE, p.values);
  await loadTable(p.con, COVERAGE_TABLE, coverage);
  for (const def of allDefs) {
    const rows = sortRows(def, rowsOf(def.name));
    // Sorted by key, so a repeated key sits next to its twin: one published row per key, always.
    const keyOf = (r: Row) => JSON.stringify(def.primaryKey.map((k) => r[k] ?? null));
    for (let i = 1; i < rows.length; i++) {
      if (keyOf(rows[i]) === keyOf(rows[i - 1])) {
        throw new PipelineError(`Table ${def.name}: expected one row per ${def.primaryKey.join(' × ')}, found two for ${def.primaryKey.map((k) => `${k} = ${rows[i][k]}`).join(', ')}; nothing was published.`);
      }
    }
    writeText(dir, `tables/${def.name}.csv`, toCsv(def, rows));
    writeText(dir, `tables/${def.name}.json`, toJsonRows(def, rows));
    await writeParquet(p.con, def, join(dir, `tables/${def.name}.parquet`));
    writeText(dir, `tables/${def.name}.arrow`, toArrowIpc(def, rows));
    // Coverage is counted from the indicator values, so it carries their sources and licences.
    const rights = rightsOf(def.name, def.name === COVERAGE_TABLE.name ? p.values : rows);
    resources.push({
      name: def.name,
      title: def.title,
      description: def.description,
      profile: 'tabular-data-resource',
      path: `tables/${def.name}.csv`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: CSV_DIALECT,
      rows: rows.length,
      // Custom properties (Frictionless allows them), read by /data/'s schema.org description.
      temporal_coverage: temporalCoverage(def, rows),
      spatial_coverage: spatialCoverage(def, rows),
      alternates: { parquet: `tables/${def.name}.parquet`, json: `tables/${def.name}.json`, arrow: `tables/${def.name}.arrow` },
      schema: {
        fields: def.columns.map((c) => ({
          name: c.name,
          type: c.type === 'number' ? 'number' : c.type,
          description: c.description,
          ...(c.unit ? { unit: c.unit } : {}),
          constraints: {
            required: !c.nullable,
            ...(c.enum ? { enum: c.enum } : {}),
            ...(c.pattern ? { pattern: c.pattern } : {}),
          },
        })),
        primaryKey: def.primaryKey,
        missingValues: [''],
      },
      sources: rights.sources,
      licenses: rights.licenses,
      rights: rights.rights,
    });
  }

  writeText(dir, 'indicators.json', JSON.stringify({ macros: SQL_MACROS, compare_sql: p.compareSql, indicators: p.indicators }, null, 2) + '\n');
  writeText(dir, 'sources.json', JSON.stringify(flattenRegistry(p.registry), null, 2) + '\n');
  writeText(dir, 'boundaries/pfa.geojson', p.boundaries);
  writeText(dir, 'dictionary.md', dictionary(allDefs, rowsOf));
  writeText(dir, 'CITATION.txt', citation(p.edition));
  writeText(
    dir,
    'datapackage.json',
    JSON.stringify(
      {
        profile: 'data-package',
        name: 'justice-by-area',
        title: `${SITE_NAME}: prisons, reoffending and policing by police force area, England and Wales`,
        version: p.edition.id,
        created: p.edition.date,
        // Every licence some table is under; each resource names its own (Frictionless: a resource's licenses override these).
        licenses: [...allLicences.values()].sort((a, b) => a.name.localeCompare(b.name)),
        contributors: [{ title: SITE_NAME, role: 'publisher' }],
        sources: p.registry.datasets.map((d) => ({ title: `${d.publisher}: ${d.title}`, path: d.landing_url, kind: SOURCE_KIND_LABEL[d.kind] })),
        resources,
      },
      null,
      2,
    ) + '\n',
  );

  const previous = writeEditionChanges(dir, p.previousBuild, p.edition, p.indicators);

  const outputs: Record<string, string> = {};
  for (const rel of listFiles(dir)) if (rel !== 'manifest.json') outputs[rel] = sha256File(join(dir, rel));
  const inputs: Record<string, string> = {};
  for (const [id, path] of [...p.inputs.entries()].sort()) inputs[id] = sha256(readFileSync(path));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify(
      {
        edition: p.edition,
        previous_edition: previous,
        build_key: p.buildKey,
        indicators: p.indicators.length,
        inputs,
        outputs,
        tables: Object.fromEntries(allDefs.map((d) => [d.name, rowsOf(d.name).length])),
      },
      null,
      2,
    ) + '\n',
  );
}

function dictionary(defs: TableDef[], rowsOf: (n: string) => Row[]): string {
  const out = [`# ${SITE_NAME}: data dictionary`, '', 'Every published table, its columns and what they mean. Empty cells are nulls: a figure that is suppressed, not published or not applicable (see the reason columns where a table has them).', ''];
  for (const d of defs) {
    out.push(`## ${d.name}`, '', `${d.title}. ${d.description}`, '', `Rows: ${rowsOf(d.name).length}. Key: ${d.primaryKey.join(', ')}.`, '', '| column | type | description |', '|---|---|---|');
    for (const c of d.columns) out.push(`| ${c.name} | ${c.type}${c.nullable ? ' (may be empty)' : ''} | ${c.description.replace(/\|/g, '\\|')}${c.unit ? ` Unit: ${c.unit}.` : ''} |`);
    out.push('');
  }
  return out.join('\n');
}

export function citation(edition: { id: string; date: string }): string {
  return [
    `${SITE_NAME} (${edition.date.slice(0, 4)}). Prisons, reoffending and policing by police force area, England and Wales. Edition ${edition.id} (${edition.date}).`,
    'Contains public sector information licensed under the Open Government Licence v3.0, and material under other licences (CC BY 4.0, CC BY-SA 4.0, MIT) or with no licence stated: each table in datapackage.json names its licences and sources (rights: reuse and attribution), and sources.json each source\'s publisher, licence and attribution.',
    `Cite a single figure as: "${SITE_NAME}, edition ${edition.id}, indicator <indicator_id>, <page URL>, accessed <date>".`,
    '',
  ].join('\n');
}

type Edition = { id: string; date: string };

/**
 * The comparison base for CHANGES.md: the build in place when it is another edition; when it is the
 * same edition being rebuilt, the base it carried (so rebuilding an edition gives the same bytes).
 */
export function comparisonBase(previousBuild: string, edition: Edition): { edition: Edition; csv: string; indicatorIds: string[] } | null {
  const manifestPath = join(previousBuild, 'manifest.json');
  if (!existsSync(manifestPath)) return null;
  let manifest: { edition?: Edition; previous_edition?: Edition | null };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return null;
  }
  if (!manifest.edition) return null;
  if (manifest.edition.id !== edition.id) {
    const csv = join(previousBuild, 'tables', 'indicator_values.csv');
    if (!existsSync(csv)) return null;
    let ids: string[] = [];
    try {
      ids = (JSON.parse(readFileSync(join(previousBuild, 'indicators.json'), 'utf8')).indicators as { id: string }[]).map((d) => d.id);
    } catch {
      ids = [];
    }
    return { edition: manifest.edition, csv: readFileSync(csv, 'utf8'), indicatorIds: ids };
  }
  const carried = join(previousBuild, 'previous', 'indicator_values.csv');
  const carriedEdition = join(previousBuild, 'previous', 'edition.json');
  if (!existsSync(carried) || !existsSync(carriedEdition)) return null;
  const meta = JSON.parse(readFileSync(carriedEdition, 'utf8')) as Edition & { indicators?: string[] };
  return { edition: { id: meta.id, date: meta.date }, csv: readFileSync(carried, 'utf8'), indicatorIds: meta.indicators ?? [] };
}

export interface EditionDiff {
  indicatorsAdded: string[];
  indicatorsRemoved: string[];
  areasAdded: string[];
  areasRemoved: string[];
  periodsAdded: { indicator_id: string; period: string }[];
  periodsRemoved: { indicator_id: string; period: string }[];
  revised: { indicator_id: string; area_type: string; area_code: string; period: string; before: string; after: string }[];
}

/** Compares indicator values as published (CSV text), so a revision is a change a reader would see. */
export function diffIndicatorValues(beforeCsv: string, afterCsv: string, beforeIds: string[], afterIds: string[]): EditionDiff {
  const parse = (text: string, label: string) => readCsv(label, text).map((r) => r.values);
  const before = parse(beforeCsv, 'previous/indicator_values.csv');
  const after = parse(afterCsv, 'tables/indicator_values.csv');
  const key = (r: Record<string, string>) => [r.indicator_id, r.area_type, r.area_code, r.period].join('\u0000');
  const beforeByKey = new Map(before.map((r) => [key(r), r]));
  const set = (rows: Record<string, string>[], f: (r: Record<string, string>) => string) => new Set(rows.map(f));
  const ids = (rows: Record<string, string>[], declared: string[]) => new Set([...declared, ...rows.map((r) => r.indicator_id)]);
  const bIds = ids(before, beforeIds);
  const aIds = ids(after, afterIds);
  const area = (r: Record<string, string>) => `${r.area_type} ${r.area_code} (${r.area_name})`;
  const bAreas = set(before, area);
  const aAreas = set(after, area);
  const bAreaCodes = set(before, (r) => `${r.area_type} ${r.area_code}`);
  const aAreaCodes = set(after, (r) => `${r.area_type} ${r.area_code}`);
  const ip = (r: Record<string, string>) => `${r.indicator_id}\u0000${r.period}`;
  const bPeriods = set(before, ip);
  const aPeriods = set(after, ip);
  const split = (k: string) => {
    const [indicator_id, period] = k.split('\u0000');
    return { indicator_id, period };
  };
  const revised: EditionDiff['revised'] = [];
  for (const r of after) {
    const b = beforeByKey.get(key(r));
    if (b && b.value !== r.value) {
      revised.push({ indicator_id: r.indicator_id, area_type: r.area_type, area_code: r.area_code, period: r.period, before: b.value, after: r.value });
    }
  }
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  return {
    indicatorsAdded: sorted([...aIds].filter((x) => !bIds.has(x))),
    indicatorsRemoved: sorted([...bIds].filter((x) => !aIds.has(x))),
    areasAdded: sorted([...aAreas].filter((x) => !bAreaCodes.has(x.split(' (')[0]))),
    areasRemoved: sorted([...bAreas].filter((x) => !aAreaCodes.has(x.split(' (')[0]))),
    periodsAdded: sorted([...aPeriods].filter((x) => !bPeriods.has(x) && bIds.has(split(x).indicator_id))).map(split),
    periodsRemoved: sorted([...bPeriods].filter((x) => !aPeriods.has(x) && aIds.has(split(x).indicator_id))).map(split),
    revised,
  };
}

const REVISIONS_SHOWN = 50;

export function changesMarkdown(edition: Edition, base: Edition | null, diff: EditionDiff | null): string {
  const out = [`# Changes in edition ${edition.id} (${edition.date})`, ''];
  if (!base || !diff) {
    out.push('No previous edition was in place when this edition was built, so there is nothing to compare it with.', '');
    return out.join('\n');
  }
  out.push(
    `Compared with edition ${base.id} (${base.date}). The previous edition's indicator values are in previous/indicator_values.csv; every revised value is in previous/revised_values.csv.`,
    '',
  );
  const list = (title: string, items: string[]) => {
    out.push(`## ${title}`, '');
    out.push(...(items.length ? items.map((i) => `- ${i}`) : ['None.']), '');
  };
  list('New indicators', diff.indicatorsAdded);
  list('Indicators no longer published', diff.indicatorsRemoved);
  list('New areas', diff.areasAdded);
  list('Areas no longer published', diff.areasRemoved);
  const byIndicator = (xs: { indicator_id: string; period: string }[]) => {
    const m = new Map<string, string[]>();
    for (const x of xs) m.set(x.indicator_id, [...(m.get(x.indicator_id) ?? []), x.period]);
    return [...m].map(([id, ps]) => `${id}: ${ps.join(', ')}`);
  };
  list('New periods', byIndicator(diff.periodsAdded));
  list('Periods no longer published', byIndicator(diff.periodsRemoved));
  out.push('## Revised values', '');
  if (!diff.revised.length) out.push('None: every value published in both editions is unchanged.', '');
  else {
    const counts = new Map<string, number>();
    for (const r of diff.revised) counts.set(r.indicator_id, (counts.get(r.indicator_id) ?? 0) + 1);
    out.push(`${diff.revised.length} values differ from the previous edition:`, '');
    for (const [id, n] of [...counts].sort()) out.push(`- ${id}: ${n}`);
    out.push('', '| indicator | area | period | before | after |', '|---|---|---|---|---|');
    for (const r of diff.revised.slice(0, REVISIONS_SHOWN)) {
      out.push(`| ${r.indicator_id} | ${r.area_type} ${r.area_code} | ${r.period} | ${r.before || '(none)'} | ${r.after || '(none)'} |`);
    }
    if (diff.revised.length > REVISIONS_SHOWN) out.push('', `… and ${diff.revised.length - REVISIONS_SHOWN} more in previous/revised_values.csv.`);
    out.push('');
  }
  return out.join('\n');
}

function writeEditionChanges(dir: string, previousBuild: string, edition: Edition, indicators: IndicatorDef[]): Edition | null {
  const base = comparisonBase(previousBuild, edition);
  if (!base) {
    writeText(dir, 'CHANGES.md', changesMarkdown(edition, null, null));
    return null;
  }
  const currentCsv = readFileSync(join(dir, 'tables', 'indicator_values.csv'), 'utf8');
  const diff = diffIndicatorValues(base.csv, currentCsv, base.indicatorIds, indicators.map((d) => d.id));
  writeText(dir, 'previous/indicator_values.csv', base.csv);
  writeText(dir, 'previous/edition.json', JSON.stringify({ ...base.edition, indicators: [...base.indicatorIds].sort() }, null, 2) + '\n');
  const revisedDef: TableDef = {
    name: 'revised_values',
    title: 'Revised values',
    description: 'Indicator values that differ from the previous edition.',
    primaryKey: ['indicator_id', 'area_type', 'area_code', 'period'],
    columns: ['indicator_id', 'area_type', 'area_code', 'period', 'before', 'after'].map((name) => ({ name, type: 'string' as const, description: name })),
  };
  writeText(dir, 'previous/revised_values.csv', toCsv(revisedDef, sortRows(revisedDef, diff.revised)));
  writeText(dir, 'CHANGES.md', changesMarkdown(edition, base.edition, diff));
  return { id: base.edition.id, date: base.edition.date };
}
