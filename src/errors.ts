/**
 * Errors are for people: every data error says where (file, sheet, row, column), what was expected
 * and what was found, so that whoever maintains the source can open the cell and act.
 */
export interface CellLocation {
  file: string;
  sheet?: string;
  /** 1-based row as the publisher's software shows it. */
  row?: number;
  /** Column letter (A, B, … AA) for spreadsheets, or the header name for CSV. */
  column?: string;
  /** The registry file id (data/sources/*.json) of `file`, where the error names a registered file. */
  registryId?: string;
}

export function describeLocation(loc: CellLocation): string {
  const parts = [loc.file];
  if (loc.sheet !== undefined) parts.push(`sheet ${loc.sheet}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column ${loc.column}`);
  return parts.join(', ');
}

export class DataError extends Error {
  constructor(
    readonly location: CellLocation,
    readonly expected: string,
    readonly found: string,
    readonly hint?: string,
  ) {
    super(
      `${describeLocation(location)}: expected ${expected}, found ${found}` +
        (hint ? `. ${hint}` : '') +
        (location.registryId ? ` (registry file ${location.registryId})` : ''),
    );
    this.name = 'DataError';
  }
}

/** A problem with the whole run rather than one cell (missing file, checksum, network). */
export class PipelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineError';
  }
}

export function quoteFound(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'an empty cell';
  const text = String(value);
  return `'${text.length > 60 ? text.slice(0, 57) + '…' : text}'`;
}
