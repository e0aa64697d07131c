/**
 * Turns Arrow values from DuckDB into the exact text the explorer shows and the CSV holds. Numbers
 * are never rounded here: a reader checking a figure must see what the table holds (shortest text that
 * reads back as the same double; integers and decimals digit for digit).
 */
import { DataType, type Field, type RecordBatch } from 'apache-arrow';

export type CellKind = 'number' | 'text';

export function cellKind(type: DataType): CellKind {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type) ? 'number' : 'text';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDate(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function isoTimestamp(ms: number): string {
  const d = new Date(ms);
  const frac = d.getUTCMilliseconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${isoDate(ms)} ${time}${frac ? `.${pad(frac, 3)}` : ''}`;
}

/** Arrow stores a decimal as an unscaled integer; the scale says where the point goes. */
function decimalText(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '';
}

/** The text of one value; null for SQL NULL (shown as NULL, written to CSV as an empty field). */
export function cellText(value: unknown, type: DataType): string | null {
  if (value === null || value === undefined) return null;
  if (DataType.isDecimal(type)) return decimalText(String(value), type.scale);
  if (DataType.isDate(type)) return isoDate(Number(value));
  if (DataType.isTimestamp(type)) return isoTimestamp(Number(value));
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return Array.from(value, (b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  const withJson = value as { toJSON?: () => unknown };
  return jsonText(typeof withJson.toJSON === 'function' ? withJson.toJSON() : value);
}

/** Rows as text, batch by batch, up to `limit` rows. */
export function* rowsText(batches: RecordBatch[], fields: Field[], limit = Infinity): Generator<(string | null)[]> {
  let emitted = 0;
  for (const batch of batches) {
    const columns = fields.map((_, i) => batch.getChildAt(i));
    for (let r = 0; r < batch.numRows; r++) {
      if (emitted++ >= limit) return;
      yield columns.map((col, i) => cellText(col?.get(r), fields[i].type));
    }
  }
}

/**
 * One CSV field (RFC 4180). A text value that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR at the start) gets a leading apostrophe: a shared query link must not be able to plant a formula
 * in a reader's spreadsheet. Numbers are never altered.
 */
export function csvField(text: string | null, kind: CellKind): string {
  if (text === null) return '';
  const safe = kind === 'text' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(batches: RecordBatch[], fields: Field[]): string {
  const kinds = fields.map((f) => cellKind(f.type));
  const lines = [fields.map((f) => csvField(f.name, 'text')).join(',')];
  for (const row of rowsText(batches, fields)) lines.push(row.map((t, i) => csvField(t, kinds[i])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
