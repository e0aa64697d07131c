/**
 * Name matching happens here and nowhere else. A name from any source is normalised (case, '&',
 * punctuation, footnote digits, spaces) and looked up in the aliases built from the ONS names plus
 * pfa_aliases.csv. An unknown name is an error naming the cell; never a guess.
 */
import { readFileSync } from 'node:fs';
import { DataError, type CellLocation } from '../../src/errors.ts';
import { readCsv } from '../read/csv.ts';

export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(\D)\d+$/g, '$1') // footnote digits glued to the end: "Wiltshire2"
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export class NameLookup {
  private map = new Map<string, string>();
  constructor(readonly what: string) {}

  add(name: string, code: string, origin: string) {
    const key = normaliseName(name);
    const existing = this.map.get(key);
    if (existing && existing !== code) {
      throw new Error(`${origin}: the ${this.what} name '${name}' maps to ${code}, but already to ${existing}.`);
    }
    this.map.set(key, code);
  }

  has(name: string): boolean {
    return this.map.has(normaliseName(name));
  }

  find(name: string): string | undefined {
    return this.map.get(normaliseName(name));
  }

  /** Code for a name, or a DataError naming where the name was read. */
  code(name: string, where: CellLocation): string {
    const code = this.find(name);
    if (!code) {
      throw new DataError(
        where,
        `a known ${this.what} name`,
        `'${name}'`,
        `If this is a new spelling of a known ${this.what}, add it to the alias table (pipeline/geography/).`,
      );
    }
    return code;
  }
}

/** `label` is the name errors give the file (its path in the repository); `path` where it is read. */
export function loadAliasCsv(lookup: NameLookup, path: string, codeColumn: string, label = path) {
  for (const row of readCsv(label, readFileSync(path, 'utf8'), { requiredColumns: ['alias', codeColumn] })) {
    lookup.add(row.values.alias, row.values[codeColumn], `${label} line ${row.line}`);
  }
}
