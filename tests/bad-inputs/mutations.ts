/**
 * The mutation corpus: the same seven kinds of damage applied to every held file whose format can
 * be edited blindly (CSV and TSV; JSON; the cells of .xlsx and .ods workbooks). Each mutation takes
 * the real file's bytes and returns damaged bytes, or null when the damage does not apply to that
 * file (no numeric column, no area code). Word-processor documents (.docx, .odt, .rtf; the legacy
 * binary .doc in place, where only same-length edits keep the file readable) are mutated in their
 * rows of figures: a table row or a tabbed paragraph with three figures or more, as the monthly
 * bulletins of 2011-2017 lay them out. PDF, SQL, Parquet and compressed files are not mutated here:
 * the bad-input corpus (bad-inputs.test.ts) holds hand-made cases for some of them.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import { sniffFormat } from '../../pipeline/read/document.ts';
import { isNumberText, MARKERS } from '../../pipeline/validate/inputs.ts';

export const KINDS = ['empty body', 'duplicated row', 'dropped column', 'renamed header', 'swapped headers', 'text in a number', 'magnitude ×1000', 'unknown area'] as const;
export type Kind = (typeof KINDS)[number];
export type Mutate = (bytes: Uint8Array) => Uint8Array | null;

const GSS = /^[EWK]\d{8}$/;

// ---------- delimited text ----------

interface Grid { header: string[]; rows: string[][]; delimiter: string }

function grid(bytes: Uint8Array, delimiter: string): Grid | null {
  const text = strFromU8(bytes).replace(/^\uFEFF/, '');
  const data = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' }).data;
  if (data.length < 3) return null;
  return { header: data[0], rows: data.slice(1), delimiter };
}

const unparse = (g: Grid) => strToU8(Papa.unparse([g.header, ...g.rows], { delimiter: g.delimiter, newline: '\n' }) + '\n');

/** The first column most of whose cells are numbers (the kind of column a parser reads figures from). */
function numericColumn(g: Grid): number {
  for (let c = 0; c < g.header.length; c++) {
    const cells = g.rows.map((r) => (r[c] ?? '').trim()).filter((v) => v && !MARKERS.test(v));
    if (cells.length >= 2 && cells.filter(isNumberText).length / cells.length > 0.9 && !/(^|_)(id|code|year|rank)$/i.test(g.header[c])) return c;
  }
  return -1;
}

/** The middle row with a number in column c. */
function middleRow(g: Grid, c: number): number {
  const withNumber = g.rows.map((r, i) => (isNumberText((r[c] ?? '').trim()) ? i : -1)).filter((i) => i >= 0);
  return withNumber.length ? withNumber[Math.floor(withNumber.length / 2)] : -1;
}

function delimited(kind: Kind, delimiter: string): Mutate {
  return (bytes) => {
    const g = grid(bytes, delimiter);
    if (!g) return null;
    const c = numericColumn(g);
    switch (kind) {
      case 'empty body':
        return unparse({ ...g, rows: [] });
      case 'duplicated row': {
        const i = Math.floor(g.rows.length / 2);
        return unparse({ ...g, rows: [...g.rows.slice(0, i + 1), g.rows[i], ...g.rows.slice(i + 1)] });
      }
      case 'dropped column': {
        if (c < 0) return null;
        return unparse({ ...g, header: g.header.filter((_, j) => j !== c), rows: g.rows.map((r) => r.filter((_, j) => j !== c)) });
      }
      case 'renamed header': {
        if (c < 0) return null;
        return unparse({ ...g, header: g.header.map((h, j) => (j === c ? `${h} (revised)` : h)) });
      }
      case 'swapped headers': {
        if (c < 0) return null;
        const o = c > 0 ? c - 1 : c + 1;
        if (o >= g.header.length) return null;
        return unparse({ ...g, header: g.header.map((h, j) => (j === c ? g.header[o] : j === o ? g.header[c] : h)) });
      }
      case 'text in a number':
      case 'magnitude ×1000': {
        if (c < 0) return null;
        // The last row with a number: parsers that skip rows they do not use must still refuse it.
        const i = kind === 'text in a number' ? lastNumberRow(g, c) : middleRow(g, c);
        if (i < 0) return null;
        const rows = g.rows.map((r) => [...r]);
        const v = rows[i][c].trim();
        rows[i][c] = kind === 'text in a number' ? 'n/k' : String(Number(v.replace(/[,£$€%\s]/g, '')) * 1000);
        return unparse({ ...g, rows });
      }
      case 'unknown area': {
        const rows = g.rows.map((r) => [...r]);
        for (let i = Math.floor(rows.length / 2); i < rows.length; i++) {
          const j = rows[i].findIndex((v) => GSS.test(v.trim()));
          if (j >= 0) {
            rows[i][j] = `${rows[i][j].trim().slice(0, 3)}999999`;
            return unparse({ ...g, rows });
          }
        }
        return null;
      }
    }
  };
}

function lastNumberRow(g: Grid, c: number): number {
  for (let i = g.rows.length - 1; i >= 0; i--) if (isNumberText((g.rows[i][c] ?? '').trim())) return i;
  return -1;
}

// ---------- JSON ----------

function json(kind: Kind): Mutate {
  return (bytes) => {
    const text = strFromU8(bytes);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return null;
    }
    if (kind === 'empty body') return strToU8(Array.isArray(doc) ? '[]' : '{}');
    if (kind !== 'text in a number' && kind !== 'magnitude ×1000') return null;
    // The middle number of the file (not a year-like 4-digit integer between 1900 and 2100).
    const numbers = [...text.matchAll(/(:\s*)(-?\d+(?:\.\d+)?)(?=\s*[,}\]])/g)].filter((m) => !(Number(m[2]) >= 1900 && Number(m[2]) <= 2100 && !m[2].includes('.')));
    if (!numbers.length) return null;
    const m = numbers[Math.floor(numbers.length / 2)];
    const at = m.index! + m[1].length;
    const to = kind === 'text in a number' ? '"n/k"' : String(Number(m[2]) * 1000);
    return strToU8(text.slice(0, at) + to + text.slice(at + m[2].length));
  };
}

// ---------- workbooks (cells in the zipped XML) ----------

function rezip(bytes: Uint8Array, edit: (entries: Record<string, Uint8Array>) => boolean): Uint8Array | null {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    return null;
  }
  if (!edit(entries)) return null;
  // An ODF package's mimetype is stored first and uncompressed: readers sniff the format from it.
  const { mimetype, ...rest } = entries;
  return zipSync(mimetype ? { mimetype: [mimetype, { level: 0 }], ...rest } : rest);
}

const XLSX_NUMBER = /<c r="([A-Z]+)(\d+)"((?:(?!t=")[^>])*)><v>(-?\d+(?:\.\d+)?(?:E-?\d+)?)<\/v><\/c>/g;

/** The worksheet with the most numeric cells. */
function xlsxBiggestSheet(entries: Record<string, Uint8Array>): string | null {
  let best: string | null = null;
  let most = 0;
  for (const name of Object.keys(entries).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const n = (strFromU8(entries[name]).match(XLSX_NUMBER) ?? []).length;
    if (n > most) [best, most] = [name, n];
  }
  return best;
}

function xlsx(kind: Kind): Mutate {
  if (kind !== 'text in a number' && kind !== 'magnitude ×1000' && kind !== 'empty body') return () => null;
  return (bytes) =>
    rezip(bytes, (entries) => {
      const sheet = xlsxBiggestSheet(entries);
      if (!sheet) return false;
      const xml = strFromU8(entries[sheet]);
      if (kind === 'empty body') {
        // Keep the rows above the first row of figures (titles and header); drop every row after.
        const rows = [...xml.matchAll(/<row [^>]*>[\s\S]*?<\/row>|<row [^>]*\/>/g)];
        const first = rows.findIndex((r) => (r[0].match(XLSX_NUMBER) ?? []).length >= 3);
        if (first < 0) return false;
        const start = rows[first].index!;
        const end = rows[rows.length - 1].index! + rows[rows.length - 1][0].length;
        entries[sheet] = strToU8(xml.slice(0, start) + xml.slice(end));
        return true;
      }
      const cells = [...xml.matchAll(XLSX_NUMBER)];
      const m = cells[Math.floor(cells.length / 2)];
      const cell = kind === 'text in a number' ? `<c r="${m[1]}${m[2]}" t="inlineStr"><is><t>n/k</t></is></c>` : `<c r="${m[1]}${m[2]}"${m[3]}><v>${Number(m[4]) * 1000}</v></c>`;
      entries[sheet] = strToU8(xml.slice(0, m.index!) + cell + xml.slice(m.index! + m[0].length));
      return true;
    });
}

const ODS_FLOAT = /<table:table-cell([^>]*?)office:value-type="float"([^>]*?)office:value="(-?[\d.E-]+)"([^>]*?)>([\s\S]*?)<\/table:table-cell>/g;

function ods(kind: Kind): Mutate {
  if (kind !== 'text in a number' && kind !== 'magnitude ×1000' && kind !== 'empty body') return () => null;
  return (bytes) =>
    rezip(bytes, (entries) => {
      if (!entries['content.xml']) return false;
      const xml = strFromU8(entries['content.xml']);
      // The first table with figures (the one bulletins and workforce tables put their rows in).
      const tables = [...xml.matchAll(/<table:table [\s\S]*?<\/table:table>/g)];
      const t = tables.find((x) => (x[0].match(ODS_FLOAT) ?? []).length >= 10);
      if (!t) return false;
      let table = t[0];
      if (kind === 'empty body') {
        const rows = [...table.matchAll(/<table:table-row[^>]*?(?:\/>|>[\s\S]*?<\/table:table-row>)/g)];
        const first = rows.findIndex((r) => (r[0].match(ODS_FLOAT) ?? []).length >= 3);
        if (first < 0) return false;
        const last = rows[rows.length - 1];
        table = table.slice(0, rows[first].index!) + table.slice(last.index! + last[0].length);
      } else {
        const cells = [...table.matchAll(ODS_FLOAT)];
        const m = cells[Math.floor(cells.length / 2)];
        const v = Number(m[3]);
        const cell = kind === 'text in a number'
          ? '<table:table-cell office:value-type="string"><text:p>n/k</text:p></table:table-cell>'
          : `<table:table-cell office:value-type="float" office:value="${v * 1000}"><text:p>${v * 1000}</text:p></table:table-cell>`;
        table = table.slice(0, m.index!) + cell + table.slice(m.index! + m[0].length);
      }
      entries['content.xml'] = strToU8(xml.slice(0, t.index!) + table + xml.slice(t.index! + t[0].length));
      return true;
    });
}

// ---------- word-processor documents (rows of figures in the document's text) ----------

const FIGURE = String.raw`\d{1,3}(?:,\d{3})+|\d+`;

/** How one format marks a row, a figure in it and the row's label (the text before its figures). */
interface RowSyntax { row: RegExp; figure: RegExp; label: RegExp }

const SYNTAX: Record<'docx' | 'odt' | 'rtf', RowSyntax> = {
  docx: {
    row: /<w:tr[ >][\s\S]*?<\/w:tr>|<w:p[ >][\s\S]*?<\/w:p>/g,
    figure: new RegExp(`(<w:t(?: [^>]*)?>)(${FIGURE})(?=</w:t>)`, 'g'),
    label: /(<w:t(?: [^>]*)?>)([A-Z][A-Za-z' .&-]{2,})(?=<\/w:t>)/,
  },
  odt: {
    row: /<table:table-row[ >][\s\S]*?<\/table:table-row>|<text:p[ >][\s\S]*?<\/text:p>/g,
    figure: new RegExp(`(>)(${FIGURE})(?=<)`, 'g'),
    label: /(>)([A-Z][A-Za-z' .&-]{2,})(?=<)/,
  },
  rtf: {
    row: /[\s\S]*?\\(?:par|row)\b/g,
    // Text follows a control word and its space (and, in Word's RTF, a line break).
    figure: new RegExp(`((?:\\\\[a-z]+-?\\d*) \\r?\\n?)(${FIGURE})(?=[\\\\{}])`, 'g'),
    label: /((?:\\[a-z]+-?\d*) \r?\n?)([A-Z][A-Za-z' .&-]{2,})(?=[\\{}])/,
  },
};

/** Rows with three figures or more, as [start, text]. */
function figureRows(text: string, syn: RowSyntax): { at: number; text: string }[] {
  // Never the RTF header group (font and colour tables): its control words carry numbers too.
  return [...text.matchAll(syn.row)].filter((m) => !m[0].includes('\\fonttbl') && (m[0].match(syn.figure) ?? []).length >= 3).map((m) => ({ at: m.index!, text: m[0] }));
}

function replaceFirst(row: string, re: RegExp, to: (prefix: string, value: string) => string): string {
  const one = new RegExp(re.source, re.flags.replace('g', ''));
  return row.replace(one, (_, prefix: string, value: string) => to(prefix, value));
}

function documentText(kind: Kind, syn: RowSyntax): (text: string) => string | null {
  return (text) => {
    const rows = figureRows(text, syn);
    if (rows.length < 3) return null;
    const mid = rows[Math.floor(rows.length / 2)];
    const last = rows[rows.length - 1];
    const edit = (r: { at: number; text: string }, to: string) => text.slice(0, r.at) + to + text.slice(r.at + r.text.length);
    switch (kind) {
      case 'empty body': {
        let out = text;
        for (const r of [...rows].reverse()) out = out.slice(0, r.at) + out.slice(r.at + r.text.length);
        return out;
      }
      case 'duplicated row':
        return edit(mid, mid.text + mid.text);
      case 'dropped column':
        return rows.reduceRight((out, r) => out.slice(0, r.at) + replaceFirst(r.text, syn.figure, (p) => p) + out.slice(r.at + r.text.length), text);
      case 'text in a number':
        // The last row: a parser that stops reading early must still refuse it.
        return edit(last, replaceFirst(last.text, syn.figure, (p) => `${p}n/k`));
      case 'magnitude ×1000':
        return edit(mid, replaceFirst(mid.text, syn.figure, (p, v) => `${p}${Number(v.replace(/,/g, '')) * 1000}`));
      case 'unknown area': {
        if (!syn.label.test(mid.text)) return null;
        return edit(mid, mid.text.replace(syn.label, (_, p: string) => `${p}Nowhere Such`));
      }
      default:
        return null; // Headers in these documents are free text over several paragraphs: not renamed blindly.
    }
  };
}

/** A zipped document (.docx, .odt) whose text is the one XML part `part`. */
function zippedDocument(kind: Kind, syn: RowSyntax, part: string): Mutate {
  const f = documentText(kind, syn);
  return (bytes) => rezip(bytes, (entries) => {
    const out = entries[part] && f(strFromU8(entries[part]));
    if (!out) return false;
    entries[part] = strToU8(out);
    return true;
  });
}

function rtf(kind: Kind): Mutate {
  const f = documentText(kind, SYNTAX.rtf);
  return (bytes) => {
    const out = f(new TextDecoder('latin1').decode(bytes));
    return out === null ? null : Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
  };
}

/**
 * Word 97-2003 binary: the text sits in the WordDocument stream at offsets its piece table records,
 * so only an edit of the same length leaves the file readable. A figure after a tab becomes 'n/k'
 * (three digits) or a prison name becomes X's, in the 8-bit or the UTF-16 form of the text.
 */
function wordBinary(kind: Kind): Mutate {
  if (kind !== 'text in a number' && kind !== 'unknown area') return () => null;
  return (bytes) => {
    const text = new TextDecoder('latin1').decode(bytes);
    const narrow = kind === 'text in a number' ? /(\t)(\d{3})(?=\t|\r)/g : /(\r)([A-Z][a-z]{4,})(?=\t\d)/g;
    const wide = kind === 'text in a number' ? /(\t\0)((?:\d\0){3})(?=\t\0|\r\0)/g : /(\r\0)((?:[A-Z]\0)(?:[a-z]\0){4,})(?=\t\0\d\0)/g;
    const hits = [...text.matchAll(narrow), ...text.matchAll(wide)];
    if (hits.length < 3) return null;
    const m = hits[Math.floor(hits.length / 2)];
    const isWide = m[2].includes('\0');
    const to = kind === 'text in a number' ? (isWide ? 'n\0/\0k\0' : 'n/k') : m[2].replace(/[A-Za-z]/g, (c, i: number) => (i === 0 ? 'X' : 'x'));
    const out = new Uint8Array(bytes);
    const at = m.index! + m[1].length;
    for (let i = 0; i < to.length; i++) out[at + i] = to.charCodeAt(i);
    return out;
  };
}

/** By the document's bytes, as the reader chooses (an RTF file named .doc is edited as RTF). */
function wordProcessor(kind: Kind): Mutate {
  const by = { docx: zippedDocument(kind, SYNTAX.docx, 'word/document.xml'), odt: zippedDocument(kind, SYNTAX.odt, 'content.xml'), rtf: rtf(kind), doc: wordBinary(kind) };
  return (bytes) => {
    const format = sniffFormat(bytes);
    return format in by ? by[format as keyof typeof by](bytes) : null;
  };
}

/** The mutation of one kind for a file, by its extension; null for a format not mutated here. */
export function mutationFor(path: string, kind: Kind): Mutate | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'csv':
      return delimited(kind, ',');
    case 'tsv':
      return delimited(kind, '\t');
    case 'json':
    case 'geojson':
      return json(kind);
    case 'xlsx':
      return xlsx(kind);
    case 'ods':
      return ods(kind);
    case 'docx':
    case 'odt':
    case 'rtf':
    case 'doc':
      return wordProcessor(kind);
    default:
      return null;
  }
}
