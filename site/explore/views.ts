/**
 * The SQL that turns each published table into a view of the same name, from its datapackage.json
 * entry. Pure (no DOM, no Node), so the page embeds it at build time and the tests run the very same
 * statements with DuckDB in Node against the Parquet files.
 *
 * Why CSV and not Parquet: DuckDB-WASM 1.32 (DuckDB 1.4) does not carry the parquet reader in the
 * bundle; it loads it as an extension from extensions.duckdb.org, and this site never fetches
 * extensions. CSV reading is part of DuckDB's core. Each column is typed from the datapackage schema
 * (no type guessing), and tests/browser/explore.test.ts checks that every view holds exactly the rows
 * and types of the table's Parquet file.
 */

export interface ResourceForView {
  name: string;
  path: string;
  schema: { fields: { name: string; type: string }[] };
}

/** Frictionless field types → the DuckDB types the pipeline writes to Parquet. */
export const DUCKDB_TYPES: Record<string, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  date: 'DATE',
  boolean: 'BOOLEAN',
};

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const identifier = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The name the CSV is registered under inside DuckDB's virtual file system. */
export const fileName = (resource: Pick<ResourceForView, 'name'>) => `${resource.name}.csv`;

/** A query over the table's CSV file with every column typed from the schema. */
export function readCsvSql(resource: ResourceForView, file: string = fileName(resource)): string {
  const columns = resource.schema.fields.map((f) => {
    const type = DUCKDB_TYPES[f.type];
    if (!type) throw new Error(`datapackage.json: ${resource.name}.${f.name} has type '${f.type}', which the explorer cannot map to a DuckDB type.`);
    return `${sqlString(f.name)}: ${sqlString(type)}`;
  });
  // auto_detect off: the schema decides every type. allow_quoted_nulls off: a quoted "" is the empty
  // string, an empty field is NULL (datapackage missingValues ['']).
  const options = [
    'header = true',
    "delim = ','",
    "quote = '\"'",
    "escape = '\"'",
    'auto_detect = false',
    'allow_quoted_nulls = false',
    "dateformat = '%Y-%m-%d'",
    `columns = {${columns.join(', ')}}`,
  ];
  return `SELECT * FROM read_csv(${sqlString(file)}, ${options.join(', ')})`;
}

export function viewSql(resource: ResourceForView, file: string = fileName(resource)): string {
  return `CREATE OR REPLACE VIEW ${identifier(resource.name)} AS ${readCsvSql(resource, file)}`;
}

/**
 * Once a query names a table, the explorer keeps a parsed copy in memory (schema `cache`) and points
 * the view at it, so later queries do not parse the CSV again. The view keeps its name and rows.
 */
export function cacheSql(resource: ResourceForView, file: string = fileName(resource)): string {
  const name = identifier(resource.name);
  return `CREATE OR REPLACE TABLE cache.${name} AS ${readCsvSql(resource, file)};\nCREATE OR REPLACE VIEW main.${name} AS SELECT * FROM cache.${name}`;
}
