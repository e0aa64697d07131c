/** Tiny workbooks built in memory for reader tests (no publisher file is copied into the repo). */
import { strToU8, zipSync } from 'fflate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type XCell = { ref: string; s?: string; n?: number | string; inline?: string; str?: string; b?: boolean };

export function xlsx(sheets: { name: string; cells: XCell[]; rowAttrs?: boolean }[]): Uint8Array {
  const shared: string[] = [];
  const sst = (s: string) => {
    const i = shared.indexOf(s);
    if (i >= 0) return i;
    shared.push(s);
    return shared.length - 1;
  };
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, i) => {
    const rows = new Map<number, XCell[]>();
    for (const c of sheet.cells) {
      const r = Number(/\d+/.exec(c.ref)![0]);
      rows.set(r, [...(rows.get(r) ?? []), c]);
    }
    const body = [...rows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([r, cells]) => {
        const xml = cells
          .map((c) => {
            if (c.s !== undefined) return `<c r="${c.ref}" t="s"><v>${sst(c.s)}</v></c>`;
            if (c.inline !== undefined) return `<c r="${c.ref}" t="inlineStr"><is><t xml:space="preserve">${esc(c.inline)}</t></is></c>`;
            if (c.str !== undefined) return `<c r="${c.ref}" t="str"><f>A1</f><v>${esc(c.str)}</v></c>`;
            if (c.b !== undefined) return `<c r="${c.ref}" t="b"><v>${c.b ? 1 : 0}</v></c>`;
            return `<c r="${c.ref}"><v>${c.n}</v></c>`;
          })
          .join('');
        return `<row r="${r}">${xml}</row>`;
      })
      .join('');
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
    );
  });
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}</Relationships>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}">${shared
      .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
      .join('')}</sst>`,
  );
  files['[Content_Types].xml'] = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  return zipSync(files);
}

/** ODS content: each row is a raw XML fragment of table:table-row, so tests control repeats exactly. */
export function ods(tables: { name: string; rowsXml: string }[]): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>${tables.map((t) => `<table:table table:name="${esc(t.name)}">${t.rowsXml}</table:table>`).join('')}</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8(content) });
}

export const odsText = (text: string, repeat = 1) =>
  `<table:table-cell office:value-type="string"${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''}><text:p>${esc(text)}</text:p></table:table-cell>`;
export const odsFloat = (v: number, shown = String(v), repeat = 1) =>
  `<table:table-cell office:value-type="float" office:value="${v}"${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''}><text:p>${esc(shown)}</text:p></table:table-cell>`;
export const odsEmpty = (repeat = 1) => `<table:table-cell${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''}/>`;
export const odsRow = (cells: string, repeat = 1) =>
  `<table:table-row${repeat > 1 ? ` table:number-rows-repeated="${repeat}"` : ''}>${cells}</table:table-row>`;
