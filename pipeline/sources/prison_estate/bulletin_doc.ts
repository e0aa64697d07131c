/**
 * HMPPS/NOMS "Prison population: monthly bulletin" by establishment, 2011 to February 2018, as
 * published in word-processor formats (.doc, .docx, .rtf, one .odt). The "table" in these files is a
 * report-writer export laid out as tabbed paragraphs, not a word-processor table: each establishment
 * is one paragraph "Name\tBaseline\tIn use\tOp cap\tPopulation[\t% pop to in-use\t% available]".
 * Names are returned as printed; turning them into prison codes is the name bridge's job.
 */
import { basename } from 'node:path';
import { DataError, quoteFound, type CellLocation } from '../../../src/errors.ts';
import { readCommittedCsv } from '../../read/csv.ts';
import { readDocument, type DocumentContent } from '../../read/document.ts';
import type { BulletinEstablishment, BulletinParse } from './bulletin.ts';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

type NumericColumn = 'baselineCna' | 'inUseCna' | 'operationalCapacity' | 'population';
const NUMERIC: NumericColumn[] = ['baselineCna', 'inUseCna', 'operationalCapacity', 'population'];
const COLUMN_TITLE: Record<NumericColumn, string> = {
  baselineCna: 'Baseline CNA',
  inUseCna: 'In Use CNA',
  operationalCapacity: 'Operational Capacity',
  population: 'Population',
};

/** One tabbed line of the document, as the parser sees it. */
interface Line {
  cell: string;
  segments: string[];
  /** Value-column tab stops (twips) of this paragraph, where the format records them. */
  stops: number[] | null;
}

function linesOf(doc: DocumentContent): Line[] {
  const lines: Line[] = [];
  let t = 0;
  const pushTables = (upTo: number) => {
    while (t < doc.tables.length && doc.tables[t].afterParagraph <= upTo) {
      const table = doc.tables[t++];
      for (const r of table.rows) lines.push({ cell: `table ${table.index} row ${r.row}`, segments: r.cells, stops: null });
    }
  };
  for (const p of doc.paragraphs) {
    pushTables(p.index - 1);
    lines.push({ cell: `paragraph ${p.index}`, segments: p.text.split('\t'), stops: p.tabStops });
  }
  pushTables(Infinity);
  return lines;
}

/**
 * Where a figure is, for errors: "<file>, paragraph 57" (tabbed layouts) or "<file>, table 1 row 3".
 * Documents have no sheets, so the place goes with the file name rather than as a sheet.
 */
const at = (file: string, cell: string | undefined, column?: string): CellLocation =>
  column === undefined ? { file: cell ? `${file}, ${cell}` : file } : { file: cell ? `${file}, ${cell}` : file, column };

const clean = (s: string) => s.replace(/[\u00a0\s]+/g, ' ').trim();

export function monthFromFilename(file: string): { month: number | null; year: number | null } {
  const tokens = basename(file).replace(/\.[^.]+$/, '').toLowerCase().split(/[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/).filter(Boolean);
  let month: number | null = null;
  let year: number | null = null;
  tokens.forEach((tok, i) => {
    if (month === null && /^[a-z]{3,9}$/.test(tok)) {
      const m = MONTHS.findIndex((name) => name.startsWith(tok) || (tok === 'sept' && name === 'september'));
      if (m >= 0) {
        month = m + 1;
        const next = tokens[i + 1];
        if (next && /^\d{2}$/.test(next)) year = 2000 + Number(next);
      }
    }
    if (/^20\d{2}$/.test(tok)) year = Number(tok);
  });
  return { month, year };
}

type Token = { kind: 'int'; value: number; text: string } | { kind: 'pct'; text: string } | { kind: 'blank' };

function tokenise(segment: string, where: { file: string; cell: string; column: string }): Token[] {
  const text = clean(segment);
  if (text === '' || /^\*+$/.test(text)) return [{ kind: 'blank' }];
  // Some 2011 rows lost their tabs and print "214     0     0%" in one segment.
  return text.split(' ').map((part): Token => {
    const p = part.replace(/\*+$/, '');
    if (/^(\d{1,3}(,\d{3})+|\d+)$/.test(p)) return { kind: 'int', value: Number(p.replace(/,/g, '')), text: part };
    if (/^\d+(\.\d+)?%$/.test(p)) return { kind: 'pct', text: part };
    throw new DataError(at(where.file, where.cell, where.column), 'a whole number or a percentage', quoteFound(segment));
  });
}

interface ValueRow {
  name: string;
  values: Record<NumericColumn, number | null>;
  cell: string;
  /**
   * Columns whose figure has a footnote star attached ("87,090**"): in March and April 2011 the prisons
   * Sub total's capacity so marked is useable capacity. A star in a cell of its own ("89,148\t**", May
   * to July 2011) sits beside a plain sum, so only attached stars count.
   */
  starred: Set<NumericColumn>;
  /** The 2011-2016 layout's '% Pop to In Use CNA' and '% Accommodation Available', as printed. */
  percents: [string | null, string | null];
}

/**
 * Places the figures of a row in their columns. Where the format records tab stops and the row has
 * one stop per figure, each figure goes to the column whose stop is nearest (rows of closed
 * establishments leave population blank, and only the stops say which cell is empty). Otherwise
 * whole numbers fill the numeric columns left to right, which is also what the stops show for every
 * short row seen in the files that have them.
 */
function placeValues(file: string, line: Line, columnStops: number[] | null, pctColumns: number): ValueRow {
  const name = clean(line.segments[0]);
  const segs = line.segments.slice(1);
  const values: Record<NumericColumn, number | null> = { baselineCna: null, inUseCna: null, operationalCapacity: null, population: null };
  const starred = new Set<NumericColumn>();
  const percents: [string | null, string | null] = [null, null];
  const tokens = segs.map((s, i) => tokenise(s, { file, cell: line.cell, column: `cell ${i + 2}` }));
  const rowStops = line.stops?.filter((s) => s >= 1000) ?? null;
  if (columnStops && rowStops && rowStops.length === segs.length && tokens.every((t) => t.length === 1)) {
    let placed = true;
    const assigned: [number, Token][] = [];
    rowStops.forEach((stop, i) => {
      const col = columnStops.reduce((best, c, j) => (Math.abs(c - stop) < Math.abs(columnStops[best] - stop) ? j : best), 0);
      if (Math.abs(columnStops[col] - stop) > 400) placed = false;
      assigned.push([col, tokens[i][0]]);
    });
    // A stray stop (e.g. the '**' after the total's capacity) sits between columns: drop blanks there.
    const used = assigned.filter(([, t]) => t.kind !== 'blank');
    if (placed && new Set(used.map(([c]) => c)).size === used.length) {
      assigned.forEach(([col, tok]) => {
        if (tok.kind === 'blank') return;
        if (col < NUMERIC.length) {
          if (tok.kind !== 'int') throw new DataError(at(file, line.cell, COLUMN_TITLE[NUMERIC[col]]), 'a whole number', quoteFound(tok.text));
          values[NUMERIC[col]] = tok.value;
          if (tok.text.endsWith('*')) starred.add(NUMERIC[col]);
        } else if (tok.kind === 'int') {
          throw new DataError(at(file, line.cell, `percentage column ${col - NUMERIC.length + 1}`), 'a percentage', quoteFound(tok.text));
        } else if (tok.kind === 'pct') {
          percents[col - NUMERIC.length] = tok.text;
        }
      });
      return { name, values, cell: line.cell, starred, percents };
    }
  }
  const flat = tokens.flat().filter((t) => t.kind !== 'blank');
  const ints = flat.filter((t) => t.kind === 'int');
  const pcts = flat.filter((t) => t.kind === 'pct');
  const firstPct = flat.findIndex((t) => t.kind === 'pct');
  if (ints.length > NUMERIC.length || pcts.length > pctColumns || (firstPct >= 0 && flat.slice(firstPct).some((t) => t.kind === 'int'))) {
    throw new DataError(
      at(file, line.cell),
      `at most ${NUMERIC.length} whole numbers then at most ${pctColumns} percentages`,
      quoteFound(line.segments.join(' | ')),
    );
  }
  ints.forEach((t, i) => {
    const tok = t as { value: number; text: string };
    values[NUMERIC[i]] = tok.value;
    if (tok.text.endsWith('*')) starred.add(NUMERIC[i]);
  });
  // With no population there is no '% Pop to In Use CNA': a lone percentage is '% Accommodation Available'.
  const texts = pcts.map((t) => (t as { text: string }).text);
  if (texts.length === 2) [percents[0], percents[1]] = texts;
  else if (texts.length === 1) percents[values.population === null ? 1 : 0] = texts[0];
  return { name, values, cell: line.cell, starred, percents };
}

/**
 * The two percentage columns are computed from the row's own figures, so on a row with blanks they
 * confirm which column each printed figure belongs to (the .doc files keep no tab stops). Full rows
 * are not checked: their placement is certain and a few printed percentages are simply wrong (Lindholme
 * "12%" for 994/930 in May 2011; the prisons Sub total "96%" for 87,080/77,467 in March 2012) while
 * the figures add up to the totals. Allow one point for the publisher's rounding.
 */
function checkPercents(file: string, row: ValueRow) {
  const { baselineCna, inUseCna, population } = row.values;
  if (NUMERIC.every((c) => row.values[c] !== null)) return;
  const checks: [string | null, number | null, number | null, string][] = [
    [row.percents[0], population, inUseCna, '% Pop to In Use CNA = Population / In Use CNA'],
    [row.percents[1], inUseCna, baselineCna, '% Accommodation Available = In Use CNA / Baseline CNA'],
  ];
  for (const [printed, num, den, what] of checks) {
    if (printed === null) continue;
    const pct = Number(printed.replace(/[%*]/g, ''));
    if (num === null || den === null || den === 0) {
      if (pct === 0 && (num === null || num === 0)) continue;
      throw new DataError(at(file, row.cell, what.split(' =')[0]), `${what} to be computable from the row`, quoteFound(printed), `Row read as ${JSON.stringify(row.values)}.`);
    }
    const expected = (100 * num) / den;
    if (Math.abs(expected - pct) > 1) {
      throw new DataError(at(file, row.cell, what.split(' =')[0]), `${what} = ${expected.toFixed(1)}%`, quoteFound(printed), `Row read as ${JSON.stringify(row.values)}: a figure may be in the wrong column.`);
    }
  }
}

const isHeader = (text: string) => /^Prison Name\b/i.test(text) || /^(CNA|Capacity|Use CNA|Available)( (CNA|Capacity|Use CNA|In Use CNA|Available))+$/i.test(text) || /^(CNA|Capacity)$/i.test(text);

/**
 * Parses one bulletin document. `label` names the file in errors (e.g. the registry file id or the
 * file name); `path` is where it is read from. The steps, in the order the document is read: its
 * month (title, checked against the file name), report date and operating margin (footnotes), the
 * table's header and column stops, then its rows, then the sums the bulletin prints.
 */
export async function parseBulletinDocument(label: string, path: string): Promise<BulletinParse> {
  const file = label;
  const lines = linesOf(await readDocument(path));
  const texts = lines.map((l) => clean(l.segments.join(' ')));
  const month = bulletinMonth(file, path, lines, texts);
  const reportDate = reportDateOf(file, lines, texts);
  const operatingMargin = operatingMarginOf(file, texts);
  const table = tableLayout(file, lines, texts);
  const { establishments, subTotals, total } = readRows(file, lines, texts, table);
  if (establishments.length === 0) throw new DataError({ file }, 'establishment rows below the header', 'none');
  if (total === null) throw new DataError({ file }, 'a Total row after the establishments', 'none', `The last establishment read was ${establishments.at(-1)!.name} (${establishments.at(-1)!.cell}).`);
  checkSums(file, month, establishments, total, subTotals, operatingMargin);
  return { month, reportDate, establishments, total, operatingMargin };
}

/** The month from the document's own title ("Monthly Bulletin - March 2013"); the file name is only a cross-check. */
function bulletinMonth(file: string, path: string, lines: Line[], texts: string[]): string {
  const titleAt = texts.findIndex((t) => /^Monthly Bulletin\b/i.test(t));
  const title = titleAt >= 0 ? /^Monthly Bulletin\s*[-–—:]?\s*([A-Za-z]+)\s+(\d{4})$/i.exec(texts[titleAt]) : null;
  const monthIndex = title ? MONTHS.indexOf(title[1].toLowerCase()) : -1;
  if (!title || monthIndex < 0) {
    throw new DataError(at(file, titleAt >= 0 ? lines[titleAt].cell : undefined), "a title 'Monthly Bulletin - <Month YYYY>'", titleAt >= 0 ? quoteFound(texts[titleAt]) : 'no such paragraph');
  }
  const year = Number(title[2]);
  const fromName = monthFromFilename(path);
  if ((fromName.month !== null && fromName.month !== monthIndex + 1) || (fromName.year !== null && fromName.year !== year)) {
    throw new DataError(
      at(file, lines[titleAt].cell),
      `the title's month to agree with the file name ${basename(path)} (${fromName.month ? MONTHS[fromName.month - 1] : '?'} ${fromName.year ?? '?'})`,
      quoteFound(texts[titleAt]),
      'Check which month the file really holds before using it.',
    );
  }
  return `${year}-${String(monthIndex + 1).padStart(2, '0')}-01`;
}

/** The first "Report Date: dd/mm/yyyy", as an ISO date; null where none is printed. */
function reportDateOf(file: string, lines: Line[], texts: string[]): string | null {
  for (let i = 0; i < texts.length; i++) {
    const m = /Report Date\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{4})/i.exec(texts[i]);
    if (!m) continue;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) throw new DataError(at(file, lines[i].cell), 'a real report date dd/mm/yyyy', quoteFound(m[0]));
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

/** Operating margin: the footnote and the definitions both state "... less 2000 places"; they must agree. */
function operatingMarginOf(file: string, texts: string[]): number | null {
  const margins = new Set<number>();
  for (const t of texts) {
    for (const m of t.matchAll(/operational capacity less (?:an operating margin of )?([\d,]+) places/gi)) margins.add(Number(m[1].replace(/,/g, '')));
  }
  if (margins.size > 1) throw new DataError({ file }, 'one operating margin in the footnotes', [...margins].join(' and '));
  return margins.size === 1 ? [...margins][0] : null;
}

interface TableLayout {
  headerAt: number;
  /** Percentage columns after the four figures (0, or 2 where the header prints them). */
  pctColumns: number;
  /** The commonest tab-stop set among rows that fill every column: where each figure's column is. */
  columnStops: number[] | null;
}

function tableLayout(file: string, lines: Line[], texts: string[]): TableLayout {
  const headerAt = texts.findIndex((t) => /^Prison Name\b/i.test(t));
  if (headerAt < 0) throw new DataError({ file }, "a table header starting 'Prison Name'", 'none');
  const pctColumns = /% Accommodation|% Pop/i.test(texts[headerAt]) ? 2 : 0;
  const fullCount = NUMERIC.length + pctColumns;
  const stopSets = new Map<string, number>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const s = lines[i].stops?.filter((x) => x >= 1000);
    if (s && s.length === fullCount && lines[i].segments.length === fullCount + 1) stopSets.set(s.join(','), (stopSets.get(s.join(',')) ?? 0) + 1);
  }
  const commonest = [...stopSets.entries()].sort((a, b) => b[1] - a[1])[0];
  return { headerAt, pctColumns, columnStops: commonest ? commonest[0].split(',').map(Number) : null };
}

interface Rows {
  establishments: BulletinEstablishment[];
  subTotals: { section: 'prison' | 'irc'; row: ValueRow }[];
  total: BulletinParse['total'];
}

/** Lines that are page furniture, not rows: report dates, page numbers, repeated headers and titles. */
const isFurniture = (text: string) => /^Report Date\b/i.test(text) || /^Page \d+$/i.test(text) || isHeader(text) || /^Monthly Bulletin\b/i.test(text);

/** Every line below the header, up to the Total: establishments (prisons, then IRCs), sub totals and the Total. */
function readRows(file: string, lines: Line[], texts: string[], layout: TableLayout): Rows {
  const out: Rows = { establishments: [], subTotals: [], total: null };
  let section: 'prison' | 'irc' = 'prison';
  // The row a wrapped name's second line belongs to: only the establishment row just read.
  let wrapTarget: BulletinEstablishment | null = null;
  const labelled = new LabelledTotals();
  for (let i = layout.headerAt + 1; i < lines.length && out.total === null; i++) {
    const line = lines[i];
    const text = texts[i];
    if (text === '') continue;
    const target = wrapTarget;
    wrapTarget = null;
    if (isFurniture(text)) continue;
    if (/Immigration Removal Centres/i.test(text) && !/\d/.test(text)) {
      section = 'irc';
      continue;
    }
    if (labelled.read(text, line.cell)) {
      out.total = labelled.total();
      continue;
    }
    if (labelled.started) continue;
    const name = clean(line.segments[0]);
    const hasFigures = line.segments.length > 1 && line.segments.slice(1).some((s) => /\d/.test(s));
    if (!hasFigures) {
      // A long name wraps: its end ("(Sheppey Cluster)", "Cluster)") is a paragraph of its own below the row.
      if (target && !/\d/.test(text) && text.length <= 40) {
        target.name = clean(`${target.name} ${text}`);
        continue;
      }
      if (out.establishments.length === 0) continue;
      throw new DataError(at(file, line.cell), 'an establishment row, a sub total or the Total row', quoteFound(text));
    }
    const row = placeValues(file, line, layout.columnStops, layout.pctColumns);
    checkPercents(file, row);
    if (/^Sub ?total$/i.test(name)) out.subTotals.push({ section, row });
    else if (/^Total$/i.test(name)) out.total = totalOf(row);
    else wrapTarget = establishment(file, line, name, section, row, out.establishments);
  }
  return out;
}

function totalOf(row: ValueRow): NonNullable<BulletinParse['total']> {
  return {
    baselineCna: row.values.baselineCna,
    inUseCna: row.values.inUseCna,
    usableOperationalCapacity: row.values.operationalCapacity,
    population: row.values.population,
    cell: row.cell,
  };
}

function establishment(file: string, line: Line, name: string, section: 'prison' | 'irc', row: ValueRow, into: BulletinEstablishment[]): BulletinEstablishment {
  if (name === '' || /^\d/.test(name)) {
    throw new DataError(at(file, line.cell, 'Prison Name'), 'an establishment name', quoteFound(line.segments.join(' | ')));
  }
  const e: BulletinEstablishment = {
    // Footnote marks after a name ("Isle of Wight***") are not part of it.
    name: name.replace(/\s*\*+$/, ''),
    section,
    ...row.values,
    nullReason: NUMERIC.some((c) => row.values[c] === null) ? 'blank in the bulletin (no figure printed)' : null,
    cell: row.cell,
  };
  into.push(e);
  return e;
}

/** The early 2011 layout prints the totals as four labelled lines below the table ("Total Population 85,000"). */
class LabelledTotals {
  private readonly seen: Partial<Record<NumericColumn, { value: number; cell: string }>> = {};

  get started(): boolean {
    return Object.keys(this.seen).length > 0;
  }

  /** True when the line is one of the labelled totals (and it is kept). */
  read(text: string, cell: string): boolean {
    const lab = /^Total (Baseline CNA|In Use CNA|Useable|Population)\s+([\d,]+)/i.exec(text);
    if (!lab) return false;
    const col: NumericColumn = /baseline/i.test(lab[1]) ? 'baselineCna' : /in use/i.test(lab[1]) ? 'inUseCna' : /useable/i.test(lab[1]) ? 'operationalCapacity' : 'population';
    this.seen[col] = { value: Number(lab[2].replace(/,/g, '')), cell };
    return true;
  }

  /** The Total once all four have been read, else null. */
  total(): BulletinParse['total'] {
    const { baselineCna, inUseCna, operationalCapacity, population } = this.seen;
    if (!baselineCna || !inUseCna || !operationalCapacity || !population) return null;
    return { baselineCna: baselineCna.value, inUseCna: inUseCna.value, usableOperationalCapacity: operationalCapacity.value, population: population.value, cell: population.cell };
  }
}

/**
 * Publisher totals that do not equal their rows, each explained from the bulletins themselves
 * (known_total_gaps.csv, with its evidence). Only the exact difference is accepted; any other
 * mismatch in the same file is still an error.
 */
export const KNOWN_TOTAL_GAPS = readCommittedCsv(new URL('./known_total_gaps.csv', import.meta.url), ['month', 'column', 'difference', 'why']).map((g) => ({
  month: g.month,
  column: g.column as NumericColumn,
  difference: Number(g.difference),
  why: g.why,
}));

const sumOf = (rows: BulletinEstablishment[], col: NumericColumn) => rows.reduce((s, r) => s + (r[col] ?? 0), 0);

const knownGap = (month: string, column: NumericColumn, difference: number) =>
  KNOWN_TOTAL_GAPS.some((g) => g.month === month && g.column === column && g.difference === difference);

/** The bulletin's own totals must equal the sum of its rows, or a row was misread. */
function checkSums(
  file: string,
  month: string,
  rows: BulletinEstablishment[],
  total: NonNullable<BulletinParse['total']>,
  subTotals: { section: 'prison' | 'irc'; row: ValueRow }[],
  margin: number | null,
) {
  const cols: [NumericColumn, number | null][] = [
    ['population', total.population],
    ['baselineCna', total.baselineCna],
    ['inUseCna', total.inUseCna],
  ];
  for (const [col, printed] of cols) {
    if (printed === null) continue;
    const sum = sumOf(rows, col);
    if (sum !== printed && !knownGap(month, col, printed - sum)) {
      throw new DataError(
        at(file, total.cell, COLUMN_TITLE[col]),
        `the Total row to equal the sum of the ${rows.length} establishments (${sum})`,
        String(printed),
      );
    }
  }
  for (const { section, row } of subTotals) {
    const inSection = rows.filter((r) => r.section === section);
    for (const col of NUMERIC) {
      const printed = row.values[col];
      if (printed === null) continue;
      // A starred capacity sub total ("87,090**", 2011) is useable capacity: the sum less the margin.
      const useable = col === 'operationalCapacity' && row.starred.has(col) && margin !== null;
      const sum = sumOf(inSection, col) - (useable ? margin : 0);
      if (sum !== printed && !knownGap(month, col, printed - sum)) {
        throw new DataError(
          at(file, row.cell, COLUMN_TITLE[col]),
          `the ${section === 'irc' ? 'IRC' : 'prisons'} Sub total to equal the sum of its ${inSection.length} establishments${useable ? ` less the ${margin} margin` : ''} (${sum})`,
          String(printed),
        );
      }
    }
  }
  if (margin !== null && total.usableOperationalCapacity !== null) {
    const sum = sumOf(rows, 'operationalCapacity');
    if (sum - margin !== total.usableOperationalCapacity) {
      throw new DataError(
        at(file, total.cell, COLUMN_TITLE.operationalCapacity),
        `useable operational capacity = sum of operational capacities ${sum} less the stated margin ${margin} = ${sum - margin}`,
        String(total.usableOperationalCapacity),
      );
    }
  }
}
