/**
 * Reads word-processor documents (.docx, .odt, .rtf, legacy binary .doc) into body paragraphs and
 * tables of cell texts. Only text is kept, plus paragraph tab stops where the format records them:
 * many official documents of the 2010s are report-writer exports that lay a "table" out as tabbed
 * paragraphs, and the stops are the only record of which column a figure sits in when a row has
 * blanks. The format is taken from the file's bytes, not its name: MoJ published RTF files named
 * ".doc", for instance.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DataError } from '../../src/errors.ts';

export type DocumentFormat = 'docx' | 'odt' | 'rtf' | 'doc' | 'pdf' | 'unknown';

export interface DocParagraph {
  /** 1-based position among the body paragraphs (paragraphs inside tables are not counted). */
  index: number;
  /** Text with tabs kept as '\t' and line breaks as '\n'. */
  text: string;
  /** Tab stop positions in twips (1/1440 inch), ascending; null where the format gives none. */
  tabStops: number[] | null;
}

export interface DocTableRow {
  /** 1-based row number within the table. */
  row: number;
  cells: string[];
}

export interface DocTable {
  /** 1-based table number in document order. */
  index: number;
  /** Number of body paragraphs that come before the table, so order can be rebuilt. */
  afterParagraph: number;
  rows: DocTableRow[];
}

export interface DocumentContent {
  file: string;
  format: DocumentFormat;
  paragraphs: DocParagraph[];
  tables: DocTable[];
}

export function sniffFormat(bytes: Uint8Array): DocumentFormat {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (head.startsWith('%PDF')) return 'pdf';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'doc';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // Zip: an ODF package stores its mimetype first and uncompressed; otherwise look for Word's part.
    const text = strFromU8(bytes.subarray(0, 200), true);
    if (text.includes('application/vnd.oasis.opendocument.text')) return 'odt';
    return 'docx';
  }
  return 'unknown';
}

/** Reads a document from disk (or from bytes already read), choosing the reader from the bytes. */
export async function readDocument(path: string, bytes?: Uint8Array): Promise<DocumentContent> {
  const data = bytes ?? new Uint8Array(await readFile(path));
  const file = basename(path);
  const format = sniffFormat(data);
  switch (format) {
    case 'docx':
      return readDocx(file, data);
    case 'odt':
      return readOdt(file, data);
    case 'rtf':
      return readRtf(file, new TextDecoder('latin1').decode(data));
    case 'doc':
      return readWordBinary(file, data);
    default:
      throw new DataError(
        { file },
        'a .docx, .odt, .rtf or Word 97-2003 .doc document',
        format === 'pdf' ? 'a PDF' : 'a file of unknown type',
        format === 'pdf' ? 'PDF files are not read by this project (no maintained pure-JavaScript table reader is installed).' : undefined,
      );
  }
}

// ---------- shared builder: paragraphs and tables in document order ----------

class Builder {
  paragraphs: DocParagraph[] = [];
  tables: DocTable[] = [];
  private tableStack: { table: DocTable; row: string[] | null; cell: string[] | null }[] = [];

  constructor(readonly file: string, readonly format: DocumentFormat) {}

  get inTable(): boolean {
    return this.tableStack.length > 0;
  }

  paragraph(text: string, tabStops: number[] | null) {
    const top = this.tableStack.at(-1);
    if (top) {
      // Paragraphs inside a cell make up the cell's text.
      (top.cell ??= []).push(text);
      return;
    }
    this.paragraphs.push({ index: this.paragraphs.length + 1, text, tabStops: tabStops ? [...tabStops].sort((a, b) => a - b) : null });
  }

  startTable() {
    if (this.tableStack.length > 0) {
      // A table inside a cell: its text joins the outer cell rather than becoming a separate grid.
      this.tableStack.push({ table: { index: 0, afterParagraph: 0, rows: [] }, row: null, cell: null });
      return;
    }
    const table: DocTable = { index: 0, afterParagraph: this.paragraphs.length, rows: [] };
    this.tableStack.push({ table, row: null, cell: null });
  }

  startRow() {
    const top = this.tableStack.at(-1);
    if (top) top.row = [];
  }

  endCell(extraEmpty = 0, repeat = 1, blank = false) {
    const top = this.tableStack.at(-1);
    if (!top) return;
    top.row ??= [];
    const text = blank ? '' : (top.cell ?? []).join('\n');
    for (let i = 0; i < repeat; i++) top.row.push(text);
    for (let i = 0; i < extraEmpty; i++) top.row.push('');
    top.cell = null;
  }

  endRow() {
    const top = this.tableStack.at(-1);
    if (!top) return;
    if (top.cell !== null) this.endCell();
    const cells = top.row ?? [];
    top.table.rows.push({ row: top.table.rows.length + 1, cells });
    top.row = null;
  }

  endTable() {
    const top = this.tableStack.pop();
    if (!top) return;
    if (top.row !== null || top.cell !== null) this.endRow();
    const outer = this.tableStack.at(-1);
    if (outer) {
      const text = top.table.rows.map((r) => r.cells.join('\t')).join('\n');
      (outer.cell ??= []).push(text);
      return;
    }
    if (top.table.rows.length === 0) return;
    top.table.index = this.tables.length + 1;
    this.tables.push(top.table);
  }

  result(): DocumentContent {
    while (this.tableStack.length) this.endTable();
    return { file: this.file, format: this.format, paragraphs: this.paragraphs, tables: this.tables };
  }
}

function parseXml(file: string, part: string, xml: string, handlers: {
  open: (tag: SaxesTagPlain) => void;
  close: (tag: SaxesTagPlain) => void;
  text: (text: string) => void;
}) {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', handlers.open);
  parser.on('closetag', handlers.close);
  parser.on('text', handlers.text);
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new DataError({ file, sheet: part }, 'well-formed document XML', `broken XML (${(e as Error).message})`);
  }
}

function unzipParts(file: string, bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter: (f) => wanted(f.name) });
  } catch (e) {
    throw new DataError(
      { file },
      'a complete document (a zip archive)',
      `a file that cannot be unzipped (${(e as Error).message})`,
      'The download may be truncated: delete it and acquire it again.',
    );
  }
}

// ---------- .docx (WordprocessingML) ----------

export function readDocx(file: string, bytes: Uint8Array): DocumentContent {
  const parts = unzipParts(file, bytes, (n) => n === 'word/document.xml');
  const xml = parts['word/document.xml'];
  if (!xml) throw new DataError({ file }, 'a Word document (word/document.xml in the archive)', 'a zip archive without it');
  const b = new Builder(file, 'docx');
  // A text box inside a run holds paragraphs of its own: keep the outer paragraph on a stack.
  const paraStack: { text: string[]; stops: number[] }[] = [];
  let inTabs = 0;
  let inText = false;
  // Text of deleted revisions and field instructions is not part of what the reader sees.
  let hidden = 0;
  const gridSpans: number[] = [];
  let vMergeContinue = false;

  parseXml(file, 'word/document.xml', strFromU8(xml), {
    open(tag) {
      switch (tag.name) {
        case 'w:tbl':
          b.startTable();
          break;
        case 'w:tr':
          b.startRow();
          break;
        case 'w:tc':
          gridSpans.push(1);
          vMergeContinue = false;
          break;
        case 'w:gridSpan':
          if (gridSpans.length) gridSpans[gridSpans.length - 1] = Math.max(1, Number(tag.attributes['w:val'] ?? 1) || 1);
          break;
        case 'w:vMerge':
          vMergeContinue = (tag.attributes['w:val'] ?? 'continue') === 'continue';
          break;
        case 'w:p':
          paraStack.push({ text: [], stops: [] });
          break;
        case 'w:tabs':
          inTabs++;
          break;
        case 'w:tab':
          if (inTabs) {
            if (tag.attributes['w:val'] !== 'clear') paraStack.at(-1)?.stops.push(Number(tag.attributes['w:pos']));
          } else if (!hidden) paraStack.at(-1)?.text.push('\t');
          break;
        case 'w:br':
        case 'w:cr':
          if (!hidden) paraStack.at(-1)?.text.push('\n');
          break;
        case 'w:t':
          inText = true;
          break;
        case 'w:delText':
        case 'w:instrText':
        case 'w:del':
        case 'mc:Fallback': // the same content again, for older readers
          hidden++;
          break;
      }
    },
    text(t) {
      if (inText && !hidden) paraStack.at(-1)?.text.push(t);
    },
    close(tag) {
      switch (tag.name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:delText':
        case 'w:instrText':
        case 'w:del':
        case 'mc:Fallback':
          hidden--;
          break;
        case 'w:tabs':
          inTabs--;
          break;
        case 'w:p': {
          const p = paraStack.pop();
          if (p && !hidden) b.paragraph(p.text.join(''), p.stops.filter(Number.isFinite));
          break;
        }
        case 'w:tc': {
          const span = gridSpans.pop() ?? 1;
          // A continued vertical merge is printed as part of the cell above, so it reads as empty
          // rather than repeating the figure (which would count it twice).
          b.endCell(span - 1, 1, vMergeContinue);
          vMergeContinue = false;
          break;
        }
        case 'w:tr':
          b.endRow();
          break;
        case 'w:tbl':
          b.endTable();
          break;
      }
    },
  });
  return b.result();
}

// ---------- .odt (OpenDocument text) ----------

const LENGTH_TO_TWIPS: Record<string, number> = { cm: 1440 / 2.54, mm: 144 / 2.54, in: 1440, pt: 20, pc: 240 };

function lengthToTwips(value: string | undefined): number | null {
  const m = /^(-?[\d.]+)(cm|mm|in|pt|pc)$/.exec(value ?? '');
  if (!m) return null;
  return Math.round(Number(m[1]) * LENGTH_TO_TWIPS[m[2]]);
}

export function readOdt(file: string, bytes: Uint8Array): DocumentContent {
  const parts = unzipParts(file, bytes, (n) => n === 'content.xml');
  const xml = parts['content.xml'];
  if (!xml) throw new DataError({ file }, 'an OpenDocument text (content.xml in the archive)', 'a zip archive without it');
  const b = new Builder(file, 'odt');
  // Automatic paragraph styles carry the tab stops (positions relative to the paragraph indent).
  const styleStops = new Map<string, number[]>();
  const styleParent = new Map<string, string>();
  let style: string | null = null;
  const paraStack: { text: string[]; style: string | undefined }[] = [];
  let noteDepth = 0;

  const stopsFor = (name: string | undefined): number[] | null => {
    for (let n = name, guard = 0; n && guard < 20; n = styleParent.get(n), guard++) {
      const s = styleStops.get(n);
      if (s) return s;
    }
    return null;
  };

  parseXml(file, 'content.xml', strFromU8(xml), {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (tag.name) {
        case 'style:style':
          style = a['style:name'] ?? null;
          if (style && a['style:parent-style-name']) styleParent.set(style, a['style:parent-style-name']);
          break;
        case 'style:tab-stop': {
          const pos = lengthToTwips(a['style:position']);
          if (style && pos !== null) styleStops.set(style, [...(styleStops.get(style) ?? []), pos]);
          break;
        }
        case 'table:table':
          b.startTable();
          break;
        case 'table:table-row': {
          b.startRow();
          break;
        }
        case 'text:p':
        case 'text:h':
          paraStack.push({ text: [], style: a['text:style-name'] });
          break;
        case 'text:tab':
          if (noteDepth === 0) paraStack.at(-1)?.text.push('\t');
          break;
        case 'text:s':
          if (noteDepth === 0) paraStack.at(-1)?.text.push(' '.repeat(Number(a['text:c'] ?? 1) || 1));
          break;
        case 'text:line-break':
          if (noteDepth === 0) paraStack.at(-1)?.text.push('\n');
          break;
        // Footnotes, comments and the record of deleted text are not part of the running text.
        case 'text:note':
        case 'office:annotation':
        case 'text:tracked-changes':
          noteDepth++;
          break;
      }
    },
    text(t) {
      if (noteDepth === 0) paraStack.at(-1)?.text.push(t);
    },
    close(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (tag.name) {
        case 'style:style':
          style = null;
          break;
        case 'text:p':
        case 'text:h': {
          const p = paraStack.pop();
          if (!p) break;
          // A paragraph inside a note or another paragraph (frames) joins its parent's text.
          const parent = paraStack.at(-1);
          if (parent) parent.text.push(p.text.join(''));
          else if (noteDepth === 0) b.paragraph(p.text.join(''), stopsFor(p.style));
          break;
        }
        case 'text:note':
        case 'office:annotation':
        case 'text:tracked-changes':
          noteDepth--;
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          // Spreadsheet-style repeats can run to thousands of empty columns: cap them.
          const repeat = Math.min(Number(a['table:number-columns-repeated'] ?? 1) || 1, 1000);
          b.endCell(0, repeat);
          break;
        }
        case 'table:table-row':
          b.endRow();
          break;
        case 'table:table':
          b.endTable();
          break;
      }
    },
  });
  return b.result();
}

// ---------- .rtf ----------

/** Destinations whose text is not body text. */
const RTF_SKIP = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'objdata', 'themedata', 'colorschememapping',
  'latentstyles', 'datastore', 'xmlnstbl', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'mmathPr',
  'pgdsctbl', 'revtbl', 'filetbl', 'fldinst', 'nonshppict', 'header', 'headerl', 'headerr', 'headerf', 'footer',
  'footerl', 'footerr', 'footerf', 'footnote', 'annotation', 'bkmkstart', 'bkmkend', 'field_instruction',
  'shpinst', 'sp', 'sn', 'sv', 'template', 'userprops', 'docvar', 'wgrffmtfilter', 'defchp', 'defpap',
]);

const RTF_SYMBOLS: Record<string, string> = {
  tab: '\t', line: '\n', emdash: '\u2014', endash: '\u2013', bullet: '\u2022', lquote: '\u2018', rquote: '\u2019',
  ldblquote: '\u201c', rdblquote: '\u201d', emspace: ' ', enspace: ' ', qmspace: ' ',
};

interface RtfGroupState {
  skip: boolean;
  uc: number;
}

export function readRtf(file: string, source: string): DocumentContent {
  if (!source.startsWith('{\\rtf')) throw new DataError({ file }, 'an RTF document starting {\\rtf', `'${source.slice(0, 10)}'`);
  const b = new Builder(file, 'rtf');
  const cp1252 = new TextDecoder('windows-1252');
  const stack: RtfGroupState[] = [];
  let state: RtfGroupState = { skip: false, uc: 1 };
  let text: string[] = [];
  let tabStops: number[] = [];
  let inTable = false;
  let rowOpen = false;
  let pendingSkip = 0; // characters to drop after \uN
  let destinationStart = false; // just after '{': the next control word may name a destination
  let hexBytes: number[] = [];

  const flushHex = () => {
    if (hexBytes.length) {
      text.push(cp1252.decode(new Uint8Array(hexBytes)));
      hexBytes = [];
    }
  };
  const emit = (s: string) => {
    if (state.skip) return;
    flushHex();
    for (const ch of s) {
      if (pendingSkip > 0) {
        pendingSkip--;
        continue;
      }
      text.push(ch);
    }
  };
  const endParagraph = () => {
    flushHex();
    const t = text.join('');
    text = [];
    if (inTable) {
      // Paragraph marks inside a cell separate lines of the same cell.
      b.paragraph(t, null);
    } else {
      if (b.inTable) b.endTable();
      b.paragraph(t, tabStops);
    }
  };

  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i];
    if (c === '{') {
      flushHex();
      stack.push(state);
      state = { ...state };
      destinationStart = true;
      i++;
      continue;
    }
    if (c === '}') {
      flushHex();
      state = stack.pop() ?? state;
      destinationStart = false;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) break;
      if (/[a-zA-Z]/.test(next)) {
        let j = i + 1;
        while (j < n && /[a-zA-Z]/.test(source[j])) j++;
        const word = source.slice(i + 1, j);
        let k = j;
        if (source[k] === '-' && /\d/.test(source[k + 1] ?? '')) k++;
        while (k < n && /\d/.test(source[k])) k++;
        const param = k > j ? Number(source.slice(j, k)) : null;
        if (source[k] === ' ') k++;
        i = k;
        const wasStart = destinationStart;
        destinationStart = false;
        if (word === 'bin' && param !== null) {
          i += param;
          continue;
        }
        if (wasStart && RTF_SKIP.has(word)) {
          state.skip = true;
          continue;
        }
        if (word === 'u' && param !== null) {
          if (!state.skip) {
            flushHex();
            text.push(String.fromCharCode(param < 0 ? param + 65536 : param));
            pendingSkip = state.uc;
          }
          continue;
        }
        if (pendingSkip > 0) {
          // A control word stands for one of the fallback characters after \uN.
          pendingSkip--;
          continue;
        }
        switch (word) {
          case 'uc':
            state.uc = param ?? 1;
            break;
          case 'par':
          case 'sect':
          case 'page':
            if (!state.skip) endParagraph();
            break;
          case 'pard':
            tabStops = [];
            inTable = false;
            break;
          case 'tx':
          case 'tb':
            if (param !== null) tabStops.push(param);
            break;
          case 'intbl':
            inTable = true;
            break;
          case 'trowd':
            if (!b.inTable) b.startTable();
            if (!rowOpen) {
              b.startRow();
              rowOpen = true;
            }
            break;
          case 'cell':
          case 'nestcell':
            if (!state.skip) {
              flushHex();
              if (text.length) b.paragraph(text.join(''), null);
              text = [];
              if (!b.inTable) b.startTable();
              if (!rowOpen) {
                b.startRow();
                rowOpen = true;
              }
              b.endCell();
            }
            break;
          case 'row':
          case 'nestrow':
            if (!state.skip && b.inTable) {
              b.endRow();
              rowOpen = false;
            }
            break;
          default:
            if (!state.skip && word in RTF_SYMBOLS) emit(RTF_SYMBOLS[word]);
        }
        continue;
      }
      // Control symbols.
      destinationStart = false;
      if (next === "'") {
        const hex = source.slice(i + 2, i + 4);
        i += 4;
        if (state.skip) continue;
        if (pendingSkip > 0) {
          pendingSkip--;
          continue;
        }
        hexBytes.push(parseInt(hex, 16));
        continue;
      }
      i += 2;
      if (next === '*') {
        state.skip = true;
        continue;
      }
      if (next === '~') emit('\u00a0');
      else if (next === '_') emit('\u2011');
      else if (next === '\\' || next === '{' || next === '}') emit(next);
      else if (next === '\n' || next === '\r') {
        if (!state.skip) endParagraph();
      }
      // \- (optional hyphen) and others print nothing.
      continue;
    }
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    destinationStart = false;
    let j = i;
    while (j < n && source[j] !== '\\' && source[j] !== '{' && source[j] !== '}' && source[j] !== '\r' && source[j] !== '\n') j++;
    emit(source.slice(i, j));
    i = j;
  }
  flushHex();
  if (text.join('').trim() !== '') endParagraph();
  return b.result();
}

// ---------- legacy binary .doc (via word-extractor) ----------

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
