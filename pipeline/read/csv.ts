/** CSV/TSV reading with PapaParse; every row keeps its 1-based line number for error messages. */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { DataError } from '../../src/errors.ts';

export interface CsvRow {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export function readCsv(file: string, text: string, opts: { delimiter?: string; requiredColumns?: string[] } = {}): CsvRow[] {
  if (text.trim() === '') throw new DataError({ file }, 'a CSV file with a header row', 'an empty file');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    // Point at the line and field, so the person fixing it can find the character.
    const before = text.slice(0, bad);
    const line = before.split('\n').length;
    const lineText = text.split(/\r?\n/)[line - 1] ?? '';
    const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').split(opts.delimiter ?? ',');
    const field = (before.slice(before.lastIndexOf('\n') + 1).match(new RegExp(opts.delimiter ?? ',', 'g')) ?? []).length;
    throw new DataError(
      { file, row: line, column: header[field]?.trim() || String(field + 1) },
      'UTF-8 text',
      `bytes that are not valid UTF-8 in '${lineText.slice(0, 60)}' (perhaps Latin-1 or Windows-1252)`,
      'Re-save the file as UTF-8, or decode it with the right encoding in the parser.',
    );
  }
  const body = text.replace(/^\uFEFF/, '');
  const data: Record<string, string>[] = [];
  const starts: number[] = [];
  const errors: Papa.ParseError[] = [];
  let fields: string[] = [];
  let prevCursor = 0;
  // Step mode gives each row's end offset, so every row's line is counted from the text itself,
  // right even when a quoted field holds line breaks or blank lines are skipped.
  Papa.parse<Record<string, string>>(body, {
    header: true,
    skipEmptyLines: 'greedy',
    delimiter: opts.delimiter ?? '',
    transformHeader: (h) => h.trim(),
    step: (results) => {
      if (!fields.length) fields = results.meta.fields ?? [];
      for (const e of results.errors) errors.push({ ...e, row: data.length });
      data.push(results.data);
      starts.push(prevCursor);
      prevCursor = results.meta.cursor;
    },
  });
  // Header line ends where the first row starts; the first row's "previous cursor" is 0 (the header).
  const lines: number[] = [];
  {
    let line = 1;
    let i = 0;
    for (let r = 0; r < starts.length; r++) {
      // Offsets only grow, so one pass counts newlines for every row.
      const target = r === 0 ? body.indexOf('\n') + 1 : starts[r];
      for (; i < target; i++) if (body.charCodeAt(i) === 10) line++;
      const blank = /^(?:[ \t]*\r?\n)*/.exec(body.slice(target, target + 10_000))![0];
      lines.push(line + (blank.match(/\n/g)?.length ?? 0));
    }
  }
  const fatal = errors.find((e) => e.type === 'Quotes' || e.code === 'TooManyFields');
  if (fatal) {
    throw new DataError(
      { file, row: lines[fatal.row ?? 0] ?? (fatal.row ?? 0) + 2 },
      'well-formed CSV',
      `${fatal.code}: ${fatal.message}`,
    );
  }
  // A header with no rows below it never reaches `step`: read the header on its own.
  const columns = fields.length
    ? fields
    : (Papa.parse<string[]>(body, { preview: 1, delimiter: opts.delimiter ?? '' }).data[0] ?? []).map((h) => h.trim());
  for (const col of opts.requiredColumns ?? []) {
    if (!columns.includes(col)) {
      throw new DataError(
        { file, row: 1, column: col },
        `a column headed '${col}'`,
        `columns ${columns.map((c) => `'${c}'`).join(', ')}`,
        'The publisher may have renamed the column.',
      );
    }
  }
  const rows: CsvRow[] = data.map((values, r) => ({ line: lines[r], values }));
  return rows;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * A reference table committed beside the code that uses it (alias tables, publisher errors accepted
 * with their evidence): its rows as records of the required columns. Errors name it by repository path.
 */
export function readCommittedCsv<K extends string>(url: URL, requiredColumns: readonly K[]): Record<K, string>[] {
  const label = url.pathname.startsWith(ROOT) ? url.pathname.slice(ROOT.length) : url.pathname;
  return readCsv(label, readFileSync(url, 'utf8'), { requiredColumns: [...requiredColumns] }).map(
    (r) => Object.fromEntries(requiredColumns.map((c) => [c, (r.values[c] ?? '').trim()])) as Record<K, string>,
  );
}
