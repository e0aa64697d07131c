/**
 * Plausibility of the parsed tables, after the schema checks (validate.ts): every held file a parser
 * reads yields rows (an empty body would otherwise make a whole series vanish), values inside the
 * ranges no publisher would print outside, and no value out of all proportion to its neighbouring
 * periods (a weekly prison population of 83 million). The rules are data: rules.json.
 */
import { DataError } from '../../src/errors.ts';
import type { Row } from '../../src/tables.ts';
import type { Registry } from '../registry.ts';
import { sourceLocation } from '../validate.ts';
import { rules } from './rules.ts';

/** `producers`: the registry file ids feeding each table (parse.ts), held or not; `warnings`: the parsers' (parse.ts). */
export function checkPlausible(tables: Record<string, Row[]>, registry: Registry, producers: Record<string, string[]> = {}, warnings: string[] = []): void {
  checkEveryFileYields(tables, registry, producers, warnings);
  checkMagnitudes(tables, registry);
}

/** The ranges and neighbouring-period ratios of rules.json over the tables they name. */
export function checkMagnitudes(tables: Record<string, Row[]>, registry: Registry): void {
  const r = rules();
  for (const range of r.ranges) {
    for (const row of tables[range.table] ?? []) {
      const v = row[range.column];
      if (typeof v !== 'number') continue;
      if ((range.min !== undefined && v < range.min) || (range.max !== undefined && v > range.max)) {
        const loc = sourceLocation(row, registry);
        throw new DataError(
          { ...loc, column: loc.column ? `${loc.column} (${range.table}.${range.column})` : `${range.table}.${range.column}` },
          `a value ${range.min !== undefined ? `of at least ${range.min}` : ''}${range.min !== undefined && range.max !== undefined ? ' and ' : ''}${range.max !== undefined ? `of at most ${range.max}` : ''} (${range.reason})`,
          `${v}`,
        );
      }
    }
  }
  for (const code of r.codes) {
    const re = new RegExp(code.pattern);
    for (const row of tables[code.table] ?? []) {
      const v = row[code.column];
      if (v === null || v === undefined || re.test(String(v))) continue;
      const loc = sourceLocation(row, registry);
      throw new DataError({ ...loc, column: loc.column ? `${loc.column} (${code.table}.${code.column})` : `${code.table}.${code.column}` }, `a known area code (${code.reason})`, `'${v}'`);
    }
  }
  for (const n of r.neighbours) checkNeighbours(tables[n.table] ?? [], n, registry);
}

/** Rows per source file id over every table. */
function rowsPerSource(tables: Record<string, Row[]>): Map<string, number> {
  const n = new Map<string, number>();
  for (const rows of Object.values(tables)) {
    for (const row of rows) {
      for (const id of [row.source_id, row.denominator_source_id]) if (id) n.set(String(id), (n.get(String(id)) ?? 0) + 1);
    }
  }
  return n;
}

export function checkEveryFileYields(tables: Record<string, Row[]>, registry: Registry, producers: Record<string, string[]> = {}, warnings: string[] = []) {
  const counts = rowsPerSource(tables);
  const quiet = rules().yields_no_rows;
  for (const [name, rows] of Object.entries(tables)) {
    if (rows.length) continue;
    // A table whose files are all registered but not held is empty by right: coverage says not held.
    const known = producers[name];
    const held = known?.map((id) => registry.files.get(id)).filter((f) => f?.held) ?? [];
    if (known && !held.length) continue;
    throw new DataError({ file: held.length ? held.map((f) => f!.path).join(', ') : `table ${name}` }, `rows in table ${name} from the files that feed it`, 'none: every one of its sources yielded nothing');
  }
  // A parser none of whose files yields a tidy row writes an output of its own (not a table): its files are not held to this.
  const yielding = new Set([...registry.files.values()].filter((f) => counts.get(f.id)).map((f) => f.dataset.parser));
  for (const f of registry.files.values()) {
    if (!f.held || !f.path || !f.dataset.parser || f.dataset.parser === 'geography' || quiet[f.id] || !yielding.has(f.dataset.parser)) continue;
    if (!counts.get(f.id)) {
      // A parser that leaves a file out (the document bulletins) says why in a warning naming it: that is the error.
      const why = warnings.find((w) => w.includes(`${f.path},`) || w.includes(`${f.path}:`));
      throw new DataError(
        { file: f.path },
        'rows from this file in the tidy tables',
        why ? `none: the parser left it out, saying: ${why}` : 'none: the parser took nothing from it (an empty body, or a layout it no longer recognises)',
        `If the file is only a lookup or a check, say so in pipeline/validate/rules.json (yields_no_rows: ${f.id}).`,
      );
    }
  }
}

function checkNeighbours(rows: Row[], n: ReturnType<typeof rules>['neighbours'][number], registry: Registry) {
  const series = new Map<string, Row[]>();
  for (const row of rows) {
    if (typeof row[n.value] !== 'number') continue;
    const key = n.series.map((c) => String(row[c] ?? '')).join('\u0000');
    (series.get(key) ?? series.set(key, []).get(key)!).push(row);
  }
  const ratio = (a: number, b: number) => (a >= n.min_value && b >= n.min_value && a > 0 && b > 0 ? Math.max(a / b, b / a) : 1);
  for (const list of series.values()) {
    list.sort((a, b) => String(a[n.order]).localeCompare(String(b[n.order])));
    for (let i = 0; i < list.length; i++) {
      const v = list[i][n.value] as number;
      const neighbours = [list[i - 1], list[i + 1]].filter((x): x is Row => x !== undefined);
      // A value is implausible when it is out of proportion to every neighbour it has. At the end of a
      // series it is blamed only if its one neighbour agrees with the next one (else that neighbour is
      // the odd one); in a series of two, the later value is blamed.
      const out = neighbours.filter((x) => ratio(v, x[n.value] as number) > n.max_ratio);
      if (!neighbours.length || out.length < neighbours.length) continue;
      if (neighbours.length === 1) {
        const j = i === 0 ? 1 : i - 1;
        const k = i === 0 ? 2 : i - 2;
        if (list[k] === undefined ? i === 0 : ratio(list[j][n.value] as number, list[k][n.value] as number) > n.max_ratio) continue;
      }
      const near = neighbours[0];
      const loc = sourceLocation(list[i], registry);
      throw new DataError(
        { ...loc, column: loc.column ? `${loc.column} (${n.table}.${n.value})` : `${n.table}.${n.value}` },
        `a value within ×${n.max_ratio} of the neighbouring period's (${n.order} ${near[n.order]}: ${near[n.value]}; ${n.reason})`,
        `${v} for ${n.series.map((c) => `${c} ${list[i][c]}`).join(', ')}${n.series.length ? ', ' : ''}${n.order} ${list[i][n.order]}`,
      );
    }
  }
}
