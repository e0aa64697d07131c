/**
 * Validation of tidy tables: a Zod schema is derived from each table's column definitions, so the
 * description that documents a column is also the rule that checks it. A failure names the source
 * file and cell the row came from, the column, what was expected and what was found.
 */
import { z } from 'zod';
import { DataError, quoteFound, type CellLocation } from '../src/errors.ts';
import { PROVENANCE_COLUMNS, type ColumnDef, type Row, type TableDef } from '../src/tables.ts';
import type { Registry } from './registry.ts';

export function withProvenance(def: TableDef): TableDef {
  const has = new Set(def.columns.map((c) => c.name));
  return { ...def, columns: [...def.columns, ...PROVENANCE_COLUMNS.filter((c) => !has.has(c.name))] };
}

function columnSchema(col: ColumnDef): z.ZodType {
  let s: z.ZodType;
  switch (col.type) {
    case 'string': {
      let t = z.string().min(1);
      if (col.pattern) t = t.regex(new RegExp(col.pattern), `a value matching ${col.pattern}`);
      s = col.enum ? z.enum(col.enum as [string, ...string[]]) : t;
      break;
    }
    case 'date':
      s = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD');
      break;
    case 'boolean':
      s = z.boolean();
      break;
    case 'integer':
    case 'number': {
      let n = col.type === 'integer' ? z.number().int() : z.number();
      n = n.refine(Number.isFinite, 'a finite number') as unknown as typeof n;
      if (col.min !== undefined) n = n.min(col.min);
      if (col.max !== undefined) n = n.max(col.max);
      s = n;
      break;
    }
  }
  return col.nullable ? s.nullable() : s;
}

/** Zod's issue as the sentence a person fixing the source needs ("a number of at least 0"). */
function expectation(issue: z.core.$ZodIssue, col: ColumnDef | undefined): string {
  const unit = col?.unit ? ` (${col.unit})` : '';
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? 'a value that is not empty' : `a number of at least ${issue.minimum}${unit}`;
    case 'too_big':
      return `a number of at most ${issue.maximum}${unit}`;
    case 'invalid_type':
      return col?.nullable ? `${issue.expected} or an empty cell` : `${issue.expected === 'number' ? 'a number' : issue.expected === 'string' ? 'text' : issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`;
    case 'unrecognized_keys':
      return `only the declared columns (not ${issue.keys.join(', ')})`;
    default:
      return issue.message;
  }
}

/** Where a tidy row came from, as the registry names the file (never the cache's copy): file, sheet, row, column. */
export function sourceLocation(row: Row, registry: Registry): CellLocation {
  const entry = registry.files.get(String(row.source_id));
  const file = entry?.path ?? String(row.source_id);
  const text = String(row.source_cell ?? '');
  const bang = text.lastIndexOf('!');
  const sheet = bang >= 0 ? text.slice(0, bang) : undefined;
  const cell = bang >= 0 ? text.slice(bang + 1) : text;
  const a1 = /^\$?([A-Z]+)\$?(\d+)$/.exec(cell);
  if (a1) return { file, sheet, row: Number(a1[2]), column: a1[1] };
  const line = /^(?:row|line) (\d+)/i.exec(cell);
  if (line) return { file, sheet, row: Number(line[1]) };
  return { file, sheet: text || undefined };
}

export function validateTable(def: TableDef, rows: Row[], registry: Registry): void {
  const full = withProvenance(def);
  const shape: Record<string, z.ZodType> = {};
  for (const c of full.columns) shape[c.name] = columnSchema(c);
  const schema = z.object(shape).strict();
  const seen = new Map<string, Row>();
  for (const row of rows) {
    const where = () => sourceLocation(row, registry);
    const result = schema.safeParse(row);
    if (!result.success) {
      const issue = result.error.issues[0];
      const column = String(issue.path[0] ?? '');
      const loc = where();
      throw new DataError(
        { ...loc, column: loc.column ? `${loc.column} (${def.name}.${column})` : `${def.name}.${column}` },
        expectation(issue, full.columns.find((c) => c.name === column)),
        quoteFound(column ? row[column] : JSON.stringify(row)),
      );
    }
    if (!registry.files.has(String(row.source_id)) && !String(row.source_id).startsWith('project_')) {
      throw new DataError({ file: def.name }, 'a source_id registered in data/sources/', quoteFound(row.source_id));
    }
    const key = def.primaryKey.map((k) => String(row[k])).join(' | ');
    const prior = seen.get(key);
    if (prior) {
      const loc = where();
      throw new DataError(
        loc,
        `one row per ${def.primaryKey.join(' × ')} in table ${def.name}`,
        `a second row for ${key} (the first came from ${prior.source_id} ${prior.source_cell})`,
        'The source may list an area twice, or two names may map to one code.',
      );
    }
    seen.set(key, row);
  }
}
