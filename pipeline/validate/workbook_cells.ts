/**
 * No text among a workbook's figures, on every sheet and every row, whether a parser reads them or
 * not: a parser that skips rows it does not use would otherwise take a damaged copy without a word.
 * A workbook has no declared column types, and its columns hold titles, headers and notes as well as
 * figures, so a cell is held to be a figure by where it sits: in a run of figures, down its column.
 * Text there (not a suppression marker the publishers print) is refused, naming sheet, row and column.
 */
import { DataError, quoteFound } from '../../src/errors.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { columnLetter, columnNumber, type Cell, type Sheet } from '../read/sheet.ts';
import { isNumberText, MARKERS } from './inputs.ts';
import { rules } from './rules.ts';

type Kind = 'number' | 'marker' | 'text' | 'empty';

function kindOf(cell: Cell | undefined): Kind {
  if (!cell || cell.value === null) return 'empty';
  if (typeof cell.value === 'number') return 'number';
  const t = cell.text.replace(/\u00a0/g, ' ').trim();
  if (t === '') return 'empty';
  // A figure with footnote marks: the HMPPS bulletins print the estate's useable capacity as '80653**',
  // the '**' pointing to the note under the table.
  if (isNumberText(t.replace(/\*+$/, ''))) return 'number';
  if (MARKERS.test(t)) return 'marker';
  return 'text';
}

export function checkWorkbook(label: string, bytes: Uint8Array, fileId = ''): void {
  const rule = rules().inputs[fileId] ?? {};
  if (rule.no_numeric_columns) return;
  // A workbook that cannot be read is the parser's to name (read/spreadsheet.ts gives the part and why).
  let sheets: Sheet[];
  try {
    sheets = readWorkbook(label, bytes).sheets;
  } catch {
    return;
  }
  const allowed = (rule.text_cells ?? []).map(range);
  for (const sheet of sheets) checkSheet(label, fileId, sheet, (r, c) => allowed.some((a) => a.sheet === sheet.name && r >= a.r0 && r <= a.r1 && c >= a.c0 && c <= a.c1));
}

/** 'Sheet!C2:N2' (or one cell, 'Sheet!A8') as bounds. */
function range(text: string) {
  const at = text.lastIndexOf('!');
  const [from, to = from] = text.slice(at + 1).split(':');
  const cell = (ref: string) => ({ c: columnNumber(/^[A-Z]+/.exec(ref)![0]), r: Number(/\d+$/.exec(ref)![0]) });
  const [a, b] = [cell(from), cell(to)];
  return { sheet: text.slice(0, at), r0: a.r, r1: b.r, c0: a.c, c1: b.c };
}

/**
 * A text cell is a figure's place when the cells directly above and below it are figures (numbers or
 * markers, one of them a number), or, at the foot of a run, when the cell above is a number and its row carries a number in
 * another column whose cell above is a number too (the row is one of the table's, not a note under it).
 * The head of a run is not judged: headers there are often years.
 */
export function checkSheet(label: string, fileId: string, sheet: Sheet, allowed: (row: number, col: number) => boolean = () => false): void {
  const grid = new Map<number, Map<number, Cell>>();
  for (const [r, cells] of sheet.rows) grid.set(r, new Map(cells.map((c) => [c.col, c])));
  const kind = (r: number, c: number) => kindOf(grid.get(r)?.get(c));
  const figure = (k: Kind) => k === 'number' || k === 'marker';
  for (const [r, cells] of grid) {
    for (const [c, cell] of cells) {
      if (kindOf(cell) !== 'text') continue;
      const up = kind(r - 1, c);
      const down = kind(r + 1, c);
      // At least one of them a number: a column of markers with a few answers in words is no column of figures.
      const inRun = figure(up) && figure(down) && (up === 'number' || down === 'number');
      const atFoot = up === 'number' && down === 'empty' && [...cells.keys()].some((c2) => c2 !== c && kind(r, c2) === 'number' && kind(r - 1, c2) === 'number');
      if (!inRun && !atFoot) continue;
      if (allowed(r, c)) continue;
      throw new DataError(
        { file: label, sheet: sheet.name, row: r, column: columnLetter(c), ...(fileId ? { registryId: fileId } : {}) },
        `a number or a suppression marker (the cells ${inRun ? 'above and below are figures' : 'above are figures, as in the rest of the row'})`,
        quoteFound(cell.text),
        'A publisher prints figures or markers (.., *, :, c, x, -) among figures; check the download. A cell that is rightly text there is listed in pipeline/validate/rules.json (inputs.<file>.text_cells) with its reason.',
      );
    }
  }
}
