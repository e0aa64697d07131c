/**
 * The checks every monthly bulletin must pass, whatever its format (spreadsheet or word-processor
 * document): the establishments add up to the bulletin's own Total row, and the useable operational
 * capacity printed there equals the sum of operational capacities less the operating margin stated
 * in the footnote. A failure is a DataError naming the Total cell.
 */
import { DataError, type CellLocation } from '../../../src/errors.ts';
import type { BulletinParse } from './bulletin.ts';

type Measure = 'baselineCna' | 'inUseCna' | 'population';
const LABEL: Record<Measure | 'usableOperationalCapacity', string> = {
  baselineCna: 'Baseline CNA',
  inUseCna: 'In Use CNA',
  population: 'Population',
  usableOperationalCapacity: 'Operational Capacity (useable)',
};

/**
 * Where the Total's figure for a measure sits: 'Sheet!A128' plus the measure's column letter for
 * spreadsheets; for documents (cell 'table 1 row 130') the column is named by its header.
 */
function totalLocation(file: string, cell: string, measure: keyof typeof LABEL, columns?: Partial<Record<string, string>>): CellLocation {
  const m = /^(.+)!([A-Z]+)(\d+)$/.exec(cell);
  // The useable figure is printed in the Operational Capacity column.
  const key = measure === 'usableOperationalCapacity' ? 'operationalCapacity' : measure;
  if (m) return { file, sheet: m[1], row: Number(m[3]), column: columns?.[key] ?? LABEL[measure] };
  return { file, sheet: cell, column: LABEL[measure] };
}

export interface BulletinTotals {
  establishments: number;
  baselineCna: number;
  inUseCna: number;
  operationalCapacity: number;
  population: number;
}

export function sumEstablishments(b: BulletinParse): BulletinTotals {
  const sum = (f: (e: BulletinParse['establishments'][number]) => number | null) => b.establishments.reduce((s, e) => s + (f(e) ?? 0), 0);
  return {
    establishments: b.establishments.length,
    baselineCna: sum((e) => e.baselineCna),
    inUseCna: sum((e) => e.inUseCna),
    operationalCapacity: sum((e) => e.operationalCapacity),
    population: sum((e) => e.population),
  };
}

/**
 * The one known way a Total differs from its rows: in the month establishments close, the Total's
 * baseline CNA may still count their places (March 2013: Bullwood Hall, Canterbury, Kingston, Shepton
 * Mallet and Shrewsbury, 968 places). Accepted only when the gap equals EXACTLY the baseline CNA the
 * previous bulletin printed for the establishments that left.
 */
export function closedPlacesInBaseline(previous: BulletinParse | undefined, b: BulletinParse, gap: number): { places: number; names: string[] } | null {
  if (!previous || gap <= 0) return null;
  const now = new Set(b.establishments.map((e) => e.name));
  const left = previous.establishments.filter((e) => !now.has(e.name));
  const places = left.reduce((s, e) => s + (e.baselineCna ?? 0), 0);
  return left.length && places === gap ? { places, names: left.map((e) => e.name) } : null;
}

/**
 * Throws a DataError at the first Total cell that disagrees; returns the sums (and notes on any
 * explained difference, see closedPlacesInBaseline) when all agree.
 */
export function checkBulletinTotals(file: string, b: BulletinParse, columns?: Partial<Record<string, string>>, previous?: BulletinParse): BulletinTotals & { notes: string[] } {
  if (!b.total) throw new DataError({ file }, "a 'Total' row below the establishments", 'none');
  const sums = sumEstablishments(b);
  const notes: string[] = [];
  for (const m of ['baselineCna', 'inUseCna', 'population'] as const) {
    const printed = b.total[m];
    const closed = m === 'baselineCna' && printed !== null ? closedPlacesInBaseline(previous, b, printed - sums[m]) : null;
    if (closed) {
      notes.push(
        `${file}: the Total's baseline CNA (${printed}) exceeds the sum of the ${sums.establishments} establishments (${sums[m]}) by ${closed.places} places, exactly the baseline CNA the previous bulletin gave the establishments no longer listed (${closed.names.join(', ')}): the Total still counts their places. The bulletin is used; the other totals agree.`,
      );
      continue;
    }
    if (printed !== sums[m]) {
      throw new DataError(totalLocation(file, b.total.cell, m, columns), `the sum of the ${sums.establishments} establishments (${sums[m]})`, `${printed}`, 'An establishment row may be missing or misread.');
    }
  }
  if (b.operatingMargin === null) {
    throw new DataError({ file }, "a footnote 'Useable Operational Capacity … less N places'", 'none', 'Without the operating margin the useable capacity cannot be checked.');
  }
  const expected = sums.operationalCapacity - b.operatingMargin;
  if (b.total.usableOperationalCapacity !== expected) {
    throw new DataError(
      totalLocation(file, b.total.cell, 'usableOperationalCapacity', columns),
      `the sum of operational capacities (${sums.operationalCapacity}) less the operating margin in the footnote (${b.operatingMargin}) = ${expected}`,
      `${b.total.usableOperationalCapacity}`,
    );
  }
  return { ...sums, notes };
}
