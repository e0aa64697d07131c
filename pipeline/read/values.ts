/**
 * Turning publishers' cells into numbers. Suppressed and missing markers are data: they become null
 * with a reason, never 0. Anything else that is not a number is an error naming the cell.
 */
import { DataError, quoteFound, type CellLocation } from '../../src/errors.ts';

/** Markers official tables use for "no figure", with the reason shown to users. */
export const SUPPRESSION_MARKERS: Record<string, string> = {
  '..': 'not available',
  '.': 'not available',
  '-': 'nil or not applicable',
  '–': 'nil or not applicable',
  '*': 'suppressed (small number)',
  '[c]': 'confidential (suppressed)',
  '[x]': 'not available',
  '[z]': 'not applicable',
  '[u]': 'low reliability',
  '[..]': 'suppressed (small number)',
  'n/a': 'not applicable',
  '': 'blank in the source',
};

export interface Parsed {
  value: number | null;
  /** Why value is null (from the marker), or null when there is a value. */
  reason: string | null;
}

export function parseNumber(
  raw: number | string | null,
  where: CellLocation,
  expected = 'a number',
  opts: { allowMarkers?: boolean } = {},
): Parsed {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new DataError(where, expected, quoteFound(raw));
    return { value: raw, reason: null };
  }
  const text = (raw ?? '').replace(/\u00a0/g, ' ').trim();
  const marker = text.toLowerCase();
  if (marker in SUPPRESSION_MARKERS) {
    if (opts.allowMarkers === false) throw new DataError(where, expected, quoteFound(raw));
    return { value: null, reason: SUPPRESSION_MARKERS[marker] };
  }
  // Numbers stored as text ("1184", "80817**", "1,234", "7.87E-2" as some exports write floats):
  // strip footnote stars and thousands commas.
  const cleaned = text.replace(/\*+$/, '').replace(/^£/, '');
  if (/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d{1,3})?$/.test(cleaned)) {
    return { value: Number(cleaned.replace(/,/g, '')), reason: null };
  }
  throw new DataError(where, expected, quoteFound(raw));
}

/** A number that must be present (a marker is an error here). */
export function requireNumber(raw: number | string | null, where: CellLocation, expected = 'a number'): number {
  const p = parseNumber(raw, where, expected, { allowMarkers: false });
  return p.value!;
}

/** Round away binary float noise to the precision the publisher printed. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}
