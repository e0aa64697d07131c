/**
 * The plausibility rules, as data (rules.json beside this file): what no publisher would publish,
 * per input file and per tidy table. Read once; checked by inputs.ts (before parsing) and
 * plausibility.ts (after). Each exception or bound carries its reason in the file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PipelineError } from '../../src/errors.ts';

const InputRule = z.object({
  reason: z.string().min(10),
  /** Rows may be shorter or longer than the header (notes under a table). */
  ragged: z.boolean().optional(),
  repeated_headers: z.boolean().optional(),
  /** Rows may repeat word for word (a compiler's file with duplicates the parser resolves). */
  repeated_rows: z.boolean().optional(),
  /** Columns that are text although nearly all their cells are numbers (codes, labels). */
  text_columns: z.array(z.string()).optional(),
  /** Workbook cells ('Sheet!B12') or ranges ('Sheet!C2:N2') rightly text among figures (workbook_cells.ts). */
  text_cells: z.array(z.string().regex(/^.+![A-Z]+\d+(:[A-Z]+\d+)?$/)).optional(),
  /** A file of words (a data dictionary): no column is held to be numeric. */
  no_numeric_columns: z.boolean().optional(),
});

const Neighbour = z.object({
  table: z.string(),
  value: z.string(),
  /** Columns naming one series (the rows compared with each other). */
  series: z.array(z.string()),
  /** The period column the neighbours are ordered by (ISO-like text sorts in time order). */
  order: z.string(),
  /** Largest believable ratio between a value and its neighbouring period's (both ways). */
  max_ratio: z.number().gt(1),
  /** Values below this are not compared (small counts move by large ratios). */
  min_value: z.number().nonnegative().default(0),
  reason: z.string().min(10),
});

const Range = z.object({ table: z.string(), column: z.string(), min: z.number().optional(), max: z.number().optional(), reason: z.string().min(10) });

/** Codes whose range is known (LSOA codes are numbered within a fixed span): a code outside it is no area. */
const CodeRule = z.object({ table: z.string(), column: z.string(), pattern: z.string().min(2), reason: z.string().min(10) });

const Rules = z.object({
  _about: z.string().optional(),
  inputs: z.record(z.string(), InputRule),
  /** Held files a parser reads without any published row naming them (lookups, checks, schema): file id → why. */
  yields_no_rows: z.record(z.string(), z.string().min(10)),
  ranges: z.array(Range),
  neighbours: z.array(Neighbour),
  codes: z.array(CodeRule).default([]),
});
export type Rules = z.infer<typeof Rules>;

const RULES = new URL('./rules.json', import.meta.url);
let cached: Rules | null = null;

export function rules(): Rules {
  if (cached) return cached;
  const parsed = Rules.safeParse(JSON.parse(readFileSync(RULES, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new PipelineError(`pipeline/validate/rules.json, field ${i.path.join('.')}: ${i.message}.`);
  }
  cached = parsed.data;
  return cached;
}
