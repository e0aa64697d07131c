/**
 * Reads .xlsx and .ods workbooks into sheets of positioned cells. Written here on fflate (unzip) and
 * saxes (streaming XML) rather than the registry's `xlsx` package, which is an old SheetJS release
 * with open advisories. Only cell values are read: no formulas are evaluated, no styles kept.
 */
import { strFromU8 } from 'fflate';
import { DataError } from '../../src/errors.ts';
import type { Cell, Sheet, Workbook } from './sheet.ts';
import { columnNumber } from './sheet.ts';
import { parseXml, unzipParts } from './zipped_xml.ts';

export { MAX_ENTRY_BYTES } from './zipped_xml.ts';

/**
 * `onlySheets`: names of the sheets wanted (xlsx only; trailing spaces ignored). Large workbooks such as
 * the ONS mid-year estimates carry sheets of 70,000 rows that no parser reads.
 */
export function readWorkbook(file: string, bytes: Uint8Array, onlySheets?: string[]): Workbook {
  const entries = unzipParts(
    file,
    bytes,
    (name) => name === 'content.xml' || name === 'mimetype' || name.startsWith('xl/workbook') || name.startsWith('xl/_rels/') || name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/sheet'),
    'spreadsheet',
  );
  if (entries['content.xml']) return readOds(file, strFromU8(entries['content.xml']));
  if (entries['xl/workbook.xml']) return readXlsx(file, entries, onlySheets);
  throw new DataError({ file }, 'an .xlsx or .ods workbook', 'a zip archive without a workbook');
}

function addCell(sheet: Sheet, cell: Cell) {
  let row = sheet.rows.get(cell.row);
  if (!row) sheet.rows.set(cell.row, (row = []));
  row.push(cell);
  if (cell.row > sheet.maxRow) sheet.maxRow = cell.row;
}

// ---------- OpenDocument (.ods) ----------

function readOds(file: string, xml: string): Workbook {
  const sheets: Sheet[] = [];
  let sheet: Sheet | null = null;
  let row = 0;
  let col = 0;
  let rowRepeat = 1;
  let rowCells: Cell[] = [];
  let inCell = false;
  let cellRepeat = 1;
  let cellType = '';
  let cellValue: string | undefined;
  let paragraphs: string[] = [];
  let para = '';
  let depthP = 0;
  // Sub-tables (table:table nested in a cell) are rare in these files; ignore their content.
  let nested = 0;

  parseXml({ file }, 'spreadsheet', xml, {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (tag.name) {
        case 'table:table':
          if (sheet) { nested++; return; }
          sheet = { file, name: a['table:name'] ?? `Sheet${sheets.length + 1}`, rows: new Map(), maxRow: 0 };
          row = 0;
          return;
        case 'table:table-row':
          if (nested) return;
          rowRepeat = Number(a['table:number-rows-repeated'] ?? 1);
          row += 1;
          col = 0;
          rowCells = [];
          return;
        case 'table:table-cell':
        case 'table:covered-table-cell':
          if (nested) return;
          inCell = true;
          cellRepeat = Number(a['table:number-columns-repeated'] ?? 1);
          cellType = a['office:value-type'] ?? '';
          cellValue = a['office:value'] ?? a['office:date-value'] ?? a['office:boolean-value'];
          paragraphs = [];
          col += 1;
          return;
        case 'text:p':
        case 'text:h':
          if (inCell) { depthP++; para = ''; }
          return;
        case 'text:s':
          if (inCell && depthP) para += ' '.repeat(Number(a['text:c'] ?? 1));
          return;
        case 'text:tab':
          if (inCell && depthP) para += '\t';
          return;
        case 'text:line-break':
          if (inCell && depthP) para += '\n';
          return;
      }
    },
    text(t) {
      if (inCell && depthP) para += t;
    },
    close(tag) {
      switch (tag.name) {
        case 'text:p':
        case 'text:h':
          if (inCell && depthP) { depthP--; paragraphs.push(para); }
          return;
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          if (nested) return;
          inCell = false;
          const text = paragraphs.join('\n');
          const numeric = ['float', 'percentage', 'currency'].includes(cellType) && cellValue !== undefined;
          const value: number | string | null = numeric
            ? Number(cellValue)
            : text !== ''
              ? text
              : cellValue !== undefined && cellValue !== ''
                ? cellValue
                : null;
          if (value !== null) {
            // Repeated non-empty cells are genuine (merged-looking runs); cap to keep absurd repeats out.
            const n = Math.min(cellRepeat, 256);
            for (let i = 0; i < n; i++) rowCells.push({ value, text: numeric ? String(value) : text, row, col: col + i });
          }
          col += cellRepeat - 1;
          return;
        }
        case 'table:table-row':
          if (nested) return;
          if (rowCells.length && sheet) {
            // A repeated row with content is rare; materialise up to a sane count.
            const n = Math.min(rowRepeat, 1000);
            for (let i = 0; i < n; i++) {
              for (const c of rowCells) addCell(sheet, { ...c, row: row + i });
            }
          }
          row += rowRepeat - 1;
          return;
        case 'table:table':
          if (nested) { nested--; return; }
          if (sheet) sheets.push(sheet);
          sheet = null;
          return;
      }
    },
  });
  return { file, sheets };
}

// ---------- Office Open XML (.xlsx) ----------

function readXlsx(file: string, entries: Record<string, Uint8Array>, onlySheets?: string[]): Workbook {
  const shared: string[] = [];
  if (entries['xl/sharedStrings.xml']) {
    let inSi = false;
    let inT = false;
    let inRph = false;
    let buf = '';
    parseXml({ file }, 'spreadsheet', strFromU8(entries['xl/sharedStrings.xml']), {
      open(tag) {
        if (tag.name === 'si') { inSi = true; buf = ''; }
        else if (tag.name === 'rPh') inRph = true;
        else if (tag.name === 't' && inSi && !inRph) inT = true;
      },
      text(t) { if (inT) buf += t; },
      close(tag) {
        if (tag.name === 't') inT = false;
        else if (tag.name === 'rPh') inRph = false;
        else if (tag.name === 'si') { inSi = false; shared.push(buf); }
      },
    });
  }

  const rels = new Map<string, string>();
  const relsXml = entries['xl/_rels/workbook.xml.rels'];
  if (relsXml) {
    parseXml({ file }, 'spreadsheet', strFromU8(relsXml), {
      open(tag) {
        if (tag.name === 'Relationship') {
          const a = tag.attributes as Record<string, string>;
          rels.set(a.Id, a.Target.replace(/^\/?xl\//, '').replace(/^\//, ''));
        }
      },
    });
  }

  const sheetRefs: { name: string; path: string }[] = [];
  parseXml({ file }, 'spreadsheet', strFromU8(entries['xl/workbook.xml']), {
    open(tag) {
      if (tag.name === 'sheet') {
        const a = tag.attributes as Record<string, string>;
        const target = rels.get(a['r:id']);
        if (target) sheetRefs.push({ name: a.name, path: `xl/${target}` });
      }
    },
  });

  const sheets: Sheet[] = [];
  const wanted = onlySheets?.map((n) => n.trim().toLowerCase());
  for (const ref of sheetRefs) {
    // A skipped sheet stays listed (empty) so that a missing-sheet error can still name every sheet.
    if (wanted && !wanted.includes(ref.name.trim().toLowerCase())) {
      sheets.push({ file, name: ref.name, rows: new Map(), maxRow: 0 });
      continue;
    }
    const data = entries[ref.path];
    if (!data) continue; // chart sheets and the like
    sheets.push(readXlsxSheet(file, ref.name, strFromU8(data), shared));
  }
  return { file, sheets };
}

function readXlsxSheet(file: string, name: string, xml: string, shared: string[]): Sheet {
  const sheet: Sheet = { file, name, rows: new Map(), maxRow: 0 };
  let rowNum = 0;
  let ref = '';
  let type = '';
  let col = 0;
  let v = '';
  let inV = false;
  let inIsT = false;
  let inline = '';
  parseXml({ file }, 'spreadsheet', xml, {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (tag.name) {
        case 'row':
          rowNum = a.r ? Number(a.r) : rowNum + 1;
          col = 0;
          return;
        case 'c':
          ref = a.r ?? '';
          type = a.t ?? 'n';
          col = ref ? columnNumber(ref.replace(/\d+/g, '')) : col + 1;
          v = '';
          inline = '';
          return;
        case 'v':
          inV = true;
          return;
        case 't':
          inIsT = true;
          return;
      }
    },
    text(t) {
      if (inV) v += t;
      else if (inIsT) inline += t;
    },
    close(tag) {
      switch (tag.name) {
        case 'v': inV = false; return;
        case 't': inIsT = false; return;
        case 'c': {
          let value: number | string | null = null;
          if (type === 's') value = shared[Number(v)] ?? null;
          else if (type === 'inlineStr') value = inline;
          else if (type === 'str' || type === 'e') value = v;
          else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
          else if (v !== '') value = Number(v);
          if (value !== null && value !== '') {
            addCell(sheet, { value, text: typeof value === 'number' ? String(value) : value, row: rowNum, col });
          }
          return;
        }
      }
    },
  });
  return sheet;
}
