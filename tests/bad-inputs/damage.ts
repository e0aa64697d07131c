/**
 * Ways to damage a real publisher file, for the bad-input corpus. Each takes the file's bytes and
 * returns new bytes; nothing here is written into the repository (cases live in tests/bad-inputs/work/,
 * git-ignored, and are made at test time from ../shared/data/raw).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export type Damage = (bytes: Uint8Array) => Uint8Array;

function rezip(bytes: Uint8Array, edit: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(bytes);
  edit(entries);
  return zipSync(entries);
}

function mustReplace(text: string, from: string | RegExp, to: string, what: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`damage: ${what}: '${String(from)}' not found in the file (has the publisher file changed?)`);
  return text.replace(from, to);
}

/** Edit the XML of one named table (sheet) of an .ods workbook. */
export function odsTable(sheet: string, edit: (xml: string) => string): Damage {
  return (bytes) =>
    rezip(bytes, (entries) => {
      const xml = strFromU8(entries['content.xml']);
      const start = xml.indexOf(`<table:table table:name="${sheet}"`);
      if (start < 0) throw new Error(`damage: no sheet '${sheet}' in content.xml`);
      const end = xml.indexOf('</table:table>', start);
      entries['content.xml'] = strToU8(xml.slice(0, start) + edit(xml.slice(start, end)) + xml.slice(end));
    });
}

export function odsRename(from: string, to: string): Damage {
  return (bytes) =>
    rezip(bytes, (entries) => {
      entries['content.xml'] = strToU8(mustReplace(strFromU8(entries['content.xml']), `table:name="${from}"`, `table:name="${to}"`, 'sheet name'));
    });
}

/** The row whose first cell reads `label` (exactly), as [start, end) offsets in the table XML. */
function odsRowSpan(xml: string, label: string): [number, number] {
  const at = xml.indexOf(`<text:p>${label}</text:p>`);
  if (at < 0) throw new Error(`damage: no row labelled '${label}'`);
  const start = xml.lastIndexOf('<table:table-row', at);
  const end = xml.indexOf('</table:table-row>', at) + '</table:table-row>'.length;
  return [start, end];
}

const CELL = /<table:table-cell\b[^>]*?(?:\/>|>[\s\S]*?<\/table:table-cell>)/g;

/** Replace the n-th cell (0 = the label) of the row labelled `label`; `to` gets the old cell XML. */
export function odsCell(label: string, n: number, to: (cell: string) => string) {
  return (xml: string) => {
    const [s, e] = odsRowSpan(xml, label);
    let i = 0;
    const row = xml.slice(s, e).replace(CELL, (cell) => (i++ === n ? to(cell) : cell));
    if (i <= n) throw new Error(`damage: row '${label}' has no cell ${n}`);
    return xml.slice(0, s) + row + xml.slice(e);
  };
}

export const odsValueOf = (cell: string) => Number(/office:value="([^"]+)"/.exec(cell)![1]);
export const odsFloat = (v: number) => `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
export const odsString = (t: string) => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;

export function odsRelabel(from: string, to: string) {
  return (xml: string) => mustReplace(xml, `<text:p>${from}</text:p>`, `<text:p>${to}</text:p>`, 'row label');
}

/** Remove the row labelled `label` and every row after it (a table cut short above its total). */
export function odsCutFrom(label: string) {
  return (xml: string) => {
    const [s] = odsRowSpan(xml, label);
    return xml.slice(0, s);
  };
}

/** Swap the first two rows of a table: the title moves down a row. */
export function odsSwapFirstRows(xml: string): string {
  const r1 = xml.indexOf('<table:table-row');
  const e1 = xml.indexOf('</table:table-row>', r1) + '</table:table-row>'.length;
  const e2 = xml.indexOf('</table:table-row>', e1) + '</table:table-row>'.length;
  return xml.slice(0, r1) + xml.slice(e1, e2) + xml.slice(r1, e1) + xml.slice(e2);
}

/** Edit the XML of one named sheet of an .xlsx workbook (found through workbook.xml and its rels). */
export function xlsxSheet(sheet: string, edit: (xml: string) => string): Damage {
  return (bytes) =>
    rezip(bytes, (entries) => {
      const wb = strFromU8(entries['xl/workbook.xml']);
      const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
      if (!rid) throw new Error(`damage: no sheet '${sheet}' in workbook.xml`);
      const rels = strFromU8(entries['xl/_rels/workbook.xml.rels']);
      const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
      const path = `xl/${target!.replace(/^\/?xl\//, '')}`;
      entries[path] = strToU8(edit(strFromU8(entries[path])));
    });
}

/** Replace one cell (by reference, e.g. 'C9') with a number or an inline string. */
export function xlsxCell(ref: string, value: { n: number } | { text: string }) {
  return (xml: string) => {
    const re = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    const m = re.exec(xml);
    if (!m) throw new Error(`damage: no cell ${ref}`);
    const attrs = m[1].replace(/\s+t="[^"]*"/, '');
    const cell = 'n' in value ? `<c r="${ref}"${attrs}><v>${value.n}</v></c>` : `<c r="${ref}"${attrs} t="inlineStr"><is><t>${value.text}</t></is></c>`;
    return xml.replace(re, cell);
  };
}

export function xlsxSharedString(from: string, to: string): Damage {
  return (bytes) =>
    rezip(bytes, (entries) => {
      entries['xl/sharedStrings.xml'] = strToU8(mustReplace(strFromU8(entries['xl/sharedStrings.xml']), `<t>${from}</t>`, `<t>${to}</t>`, 'shared string'));
    });
}

export const truncate: Damage = (bytes) => bytes.slice(0, Math.floor(bytes.length / 2));
export const empty: Damage = () => new Uint8Array();

export function text(edit: (t: string) => string, encoding: BufferEncoding = 'utf8'): Damage {
  return (bytes) => new Uint8Array(Buffer.from(edit(Buffer.from(bytes).toString('utf8')), encoding));
}

/** Replace the value of `column` on the CSV data line `line` (1-based, header = 1). Simple CSV only. */
export function csvField(line: number, column: string, value: string): Damage {
  return text((t) => {
    const lines = t.split('\n');
    const header = lines[0].replace(/\r$/, '').split(',');
    const col = header.indexOf(column);
    if (col < 0) throw new Error(`damage: no column ${column}`);
    const fields = lines[line - 1].split(',');
    fields[col] = value;
    lines[line - 1] = fields.join(',');
    return lines.join('\n');
  });
}
