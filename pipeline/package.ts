/**
 * The open data package written to the staging folder: each table as CSV, Parquet and JSON;
 * indicators.json (every definition with its SQL); sources.json (the registry, flattened);
 * datapackage.json (Frictionless); coverage.csv; dictionary.md; CITATION.txt; manifest.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IndicatorDef } from '../src/indicator.ts';
import type { Row, TableDef } from '../src/tables.ts';
import { SQL_MACROS } from '../src/sql.ts';
import { INDICATOR_VALUES_TABLE } from './compute.ts';
import { loadTable } from './db.ts';
import { listFiles, sha256File, sortRows, toCsv, toJsonRows, writeParquet, writeText } from './publish.ts';
import { SOURCE_KIND_LABEL, type Registry } from './registry.ts';
import { sha256 } from './acquire.ts';
import { readFileSync } from 'node:fs';

export const SITE_NAME = 'Justice by Area';
export const OGL = {
  name: 'OGL-UK-3.0',
  title: 'Open Government Licence v3.0',
  path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};

export interface PackageInput {
  con: DuckDBConnection;
  dir: string;
  registry: Registry;
  tableDefs: TableDef[];
  tables: Record<string, Row[]>;
  indicators: IndicatorDef[];
  values: Row[];
  edition: { id: string; date: string };
  inputs: Map<string, string>;
  boundaries: string;
  compareSql: string;
}

const COVERAGE_TABLE: TableDef = {
  name: 'coverage',
  title: 'Coverage: what is available, not published or not held',
  description:
    'For every indicator and geography: the periods with figures and how many areas have a value, or why there are none (not published by the publisher at that level, or not held by this project yet).',
  primaryKey: ['indicator_id', 'area_type', 'period'],
  columns: [
    { name: 'indicator_id', type: 'string', description: 'Indicator id.' },
    { name: 'area_type', type: 'string', description: 'pfa, region, prison or england_wales.' },
    { name: 'period', type: 'string', description: "Period, or 'all' for a geography with no figures." },
    { name: 'status', type: 'string', description: 'available, partial (some areas have no figure) or not_held.', enum: ['available', 'partial', 'not_held'] },
    { name: 'areas_with_value', type: 'integer', description: 'Areas with a figure for the period.' },
    { name: 'areas_without_value', type: 'integer', description: 'Areas listed with no figure (suppressed, not published or not applicable).' },
    { name: 'note', type: 'string', description: 'Why figures are missing, and which publisher file would supply them.', nullable: true },
  ],
};

export function coverageRows(indicators: IndicatorDef[], values: Row[]): Row[] {
  const rows: Row[] = [];
  for (const d of indicators) {
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
      });
    }
    for (const n of d.notHeld ?? []) {
      rows.push({
        indicator_id: d.id,
        area_type: n.geography,
        period: 'all',
        status: 'not_held',
        areas_with_value: 0,
        areas_without_value: 0,
        note: n.wouldNeed ? `${n.reason} Would need: ${n.wouldNeed}` : n.reason,
      });
    }
  }
  return sortRows(COVERAGE_TABLE, rows);
}

function flattenRegistry(registry: Registry) {
  return registry.datasets.map((d) => ({
    ...d,
    kind_label: SOURCE_KIND_LABEL[d.kind],
  }));
}

export async function writePackage(p: PackageInput) {
  const { dir } = p;
  const resources: object[] = [];
  const allDefs = [...p.tableDefs, INDICATOR_VALUES_TABLE, COVERAGE_TABLE];
  const coverage = coverageRows(p.indicators, p.values);
  const rowsOf = (name: string) =>
    name === INDICATOR_VALUES_TABLE.name ? p.values : name === COVERAGE_TABLE.name ? coverage : p.tables[name] ?? [];

  await loadTable(p.con, INDICATOR_VALUES_TABLE, p.values);
  await loadTable(p.con, COVERAGE_TABLE, coverage);
  for (const def of allDefs) {
    const rows = sortRows(def, rowsOf(def.name));
    writeText(dir, `tables/${def.name}.csv`, toCsv(def, rows));
    writeText(dir, `tables/${def.name}.json`, toJsonRows(def, rows));
    await writeParquet(p.con, def, join(dir, `tables/${def.name}.parquet`));
    const sourceIds = [...new Set(rows.map((r) => String(r.source_id ?? '')).filter(Boolean))].sort();
    resources.push({
      name: def.name,
      title: def.title,
      description: def.description,
      profile: 'tabular-data-resource',
      path: `tables/${def.name}.csv`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      rows: rows.length,
      alternates: { parquet: `tables/${def.name}.parquet`, json: `tables/${def.name}.json` },
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
      sources: sourceIds
        .map((id) => p.registry.files.get(id))
        .filter((f) => f !== undefined)
        .map((f) => ({ title: `${f!.dataset.publisher}: ${f!.title}`, path: f!.url ?? f!.dataset.landing_url, source_id: f!.id })),
      licenses: [OGL],
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
        licenses: [OGL],
        contributors: [{ title: SITE_NAME, role: 'publisher' }],
        sources: p.registry.datasets.map((d) => ({ title: `${d.publisher}: ${d.title}`, path: d.landing_url, kind: SOURCE_KIND_LABEL[d.kind] })),
        resources,
      },
      null,
      2,
    ) + '\n',
  );

  const outputs: Record<string, string> = {};
  for (const rel of listFiles(dir)) if (rel !== 'manifest.json') outputs[rel] = sha256File(join(dir, rel));
  const inputs: Record<string, string> = {};
  for (const [id, path] of [...p.inputs.entries()].sort()) inputs[id] = sha256(readFileSync(path));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ edition: p.edition, inputs, outputs, tables: Object.fromEntries(allDefs.map((d) => [d.name, rowsOf(d.name).length])) }, null, 2) + '\n',
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
    'Contains public sector information licensed under the Open Government Licence v3.0; see sources.json for each source, its publisher, licence and attribution.',
    `Cite a single figure as: "${SITE_NAME}, edition ${edition.id}, indicator <indicator_id>, <page URL>, accessed <date>".`,
    '',
  ].join('\n');
}
