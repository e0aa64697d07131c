/** CSV/TSV reading with PapaParse; every row keeps its 1-based line number for error messages. */
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
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    delimiter: opts.delimiter ?? '',
    transformHeader: (h) => h.trim(),
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.code === 'TooManyFields');
  if (fatal) {
    throw new DataError(
      { file, row: (fatal.row ?? 0) + 2 },
      'well-formed CSV',
      `${fatal.code}: ${fatal.message}`,
    );
  }
  const columns = parsed.meta.fields ?? [];
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
  // PapaParse does not report line numbers for skipped blank lines; count them from the cursor.
  const rows: CsvRow[] = [];
  let line = 1;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let cursor = 1;
  for (const values of parsed.data) {
    // Advance to the next non-blank line; quoted newlines inside fields are rare in these sources.
    while (cursor < lines.length && lines[cursor].trim() === '') cursor++;
    line = cursor + 1;
    cursor++;
    rows.push({ line, values });
  }
  return rows;
}
