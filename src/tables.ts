/**
 * The shared vocabulary for tables: every tidy table and every published table is described once
 * (name, columns, types, descriptions). The same description validates rows (Zod), writes the data
 * dictionary and datapackage.json, labels columns in the SQL explorer, and (RowOf) types the rows the
 * site reads. Definitions of the tables the site reads live in src/tables/ (the site imports only
 * src/); the others stay beside the parser that fills them.
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  description: string;
  /** Nulls allowed (suppressed or not published cells). Default false. */
  nullable?: boolean;
  /** Allowed values for a categorical column. */
  enum?: readonly string[];
  /** Regular expression (source text) the value must match, e.g. a GSS code. */
  pattern?: string;
  unit?: string;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
}

export interface TableDef {
  name: string;
  title: string;
  description: string;
  columns: readonly ColumnDef[];
  primaryKey: readonly string[];
}

/**
 * A table definition whose column names, types, enums and nullability stay literal types, so that
 * RowOf can derive its row type. At run time it is the definition itself.
 */
export function defineTable<const T extends TableDef>(def: T): T {
  return def;
}

type ValueOf<C extends ColumnDef> = C extends { enum: readonly (infer E extends string)[] }
  ? E
  : C['type'] extends 'integer' | 'number'
    ? number
    : C['type'] extends 'boolean'
      ? boolean
      : string;

/** The row of a table as published (JSON): one field per column, null where the column is nullable. */
export type RowOf<T extends { columns: readonly ColumnDef[] }> = {
  -readonly [C in T['columns'][number] as C['name']]: ValueOf<C> | (C extends { nullable: true } ? null : never);
};

/** A row of a tidy or derived table as published: its columns and the provenance every such table carries. */
export type PublishedRowOf<T extends { columns: readonly ColumnDef[] }> = RowOf<T> & { source_id: string; source_cell: string };

export type Row = Record<string, string | number | boolean | null>;

/** Columns every tidy table carries so any figure can be traced to its file and cell. */
export const PROVENANCE_COLUMNS: ColumnDef[] = [
  { name: 'source_id', type: 'string', description: 'Id of the source file in the sources registry (data/sources/).' },
  {
    name: 'source_cell',
    type: 'string',
    description: "Where in the source file the value was read: 'Sheet!C12' for spreadsheets, 'row N' for CSV.",
  },
];

export const GSS_PFA = '^(E23|W15)\\d{6}$';
export const GSS_LAD = '^(E06|E07|E08|E09|W06)\\d{6}$';
export const GSS_REGION = '^E12\\d{6}$';

export const AREA_TYPES = ['pfa', 'region', 'prison', 'england_wales'] as const;
export type AreaType = (typeof AREA_TYPES)[number];
