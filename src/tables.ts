/**
 * The shared vocabulary for tables: every tidy table and every published table is described once
 * (name, columns, types, descriptions). The same description validates rows (Zod), writes the data
 * dictionary and datapackage.json, and labels columns in the SQL explorer.
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
  columns: ColumnDef[];
  primaryKey: string[];
}

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
