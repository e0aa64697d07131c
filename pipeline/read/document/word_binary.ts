/** Legacy binary Word 97-2003 .doc, through word-extractor's text, with tables rebuilt from its cell marks. */
import { createRequire } from 'node:module';
import { DataError } from '../../../src/errors.ts';
import { Builder, type DocumentContent } from './content.ts';

interface WordExtractorDocument {
  getBody(): string;
  getFootnotes(): string;
  getEndnotes(): string;
}
interface WordExtractorClass {
  new (): { extract(source: string | Buffer): Promise<WordExtractorDocument> };
}
// word-extractor ships no type declarations: load it through require and describe the part we use.
const WordExtractor = createRequire(import.meta.url)('word-extractor') as WordExtractorClass;

export async function readWordBinary(file: string, bytes: Uint8Array): Promise<DocumentContent> {
  let body: string;
  let notes: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes));
    body = doc.getBody();
    notes = [doc.getFootnotes(), doc.getEndnotes()].filter((t) => t.trim() !== '').join('\n');
  } catch (e) {
    throw new DataError({ file }, 'a readable Word 97-2003 document', `a file word-extractor cannot read (${(e as Error).message})`);
  }
  const content = splitWordText(file, body);
  if (notes) {
    for (const line of notes.split('\n')) {
      content.paragraphs.push({ index: content.paragraphs.length + 1, text: line, tabStops: null });
    }
  }
  return content;
}

/**
 * Splits text as word-extractor gives it into paragraphs and tables. Word ends every table cell with
 * mark 7 and every row with one more; word-extractor turns mark 7 into a tab, so a row reads
 * "a\tb\tc\t\t" and the next row follows on the same line. Raw mark 7 (other extractors) is honoured
 * too. A tabbed paragraph that is not in a Word table ends in at most one tab and stays a paragraph.
 */
export function splitWordText(file: string, text: string): DocumentContent {
  const b = new Builder(file, 'doc');
  const raw = text.includes('\u0007');
  const mark = raw ? '\u0007' : '\t';
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const line of lines) {
    const rows = raw || line.endsWith(mark + mark) ? tableRows(line, mark) : null;
    if (!rows) {
      if (b.inTable) b.endTable();
      b.paragraph(raw ? line.replace(/\u0007/g, '\t') : line, null);
      continue;
    }
    if (!b.inTable) b.startTable();
    for (const cells of rows.rows) {
      b.startRow();
      for (const cell of cells) {
        b.paragraph(cell, null);
        b.endCell();
      }
      b.endRow();
    }
    if (rows.tail.trim() !== '') {
      b.endTable();
      b.paragraph(rows.tail, null);
    }
  }
  return b.result();
}

/**
 * Cuts a run of table text into rows. An empty cell is a lone mark, so "a\t\t" could be an empty cell
 * or a row end; the first row (a header, whose cells are filled) fixes the column count, and every
 * later row must be that many cells followed by the row-end mark. Anything else is cut at double
 * marks, the best that can be done without the column count.
 */
function tableRows(line: string, mark: string): { rows: string[][]; tail: string } | null {
  const tokens = line.split(mark);
  const tail = tokens.pop() ?? '';
  const width = tokens.indexOf('');
  if (width <= 0) return null;
  const rows: string[][] = [];
  let i = 0;
  while (i + width < tokens.length && tokens[i + width] === '') {
    rows.push(tokens.slice(i, i + width));
    i += width + 1;
  }
  if (i === tokens.length) return { rows, tail };
  const loose = line.split(mark + mark);
  const looseTail = loose.pop() ?? '';
  return { rows: loose.map((r) => r.split(mark)), tail: looseTail };
}
