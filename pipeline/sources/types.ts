/**
 * The contract every source module (pipeline/sources/<parser>.ts) meets. A module reads the files of
 * the registry datasets that name it as their parser and returns tidy rows per table. It knows
 * nothing of pages or indicators.
 */
import type { Row, TableDef } from '../../src/tables.ts';
import type { Geography } from '../geography/index.ts';
import type { Dataset, RegistryFile } from '../registry.ts';

export interface HeldFile {
  entry: RegistryFile;
  /** Absolute path of the verified copy in the cache. */
  path: string;
  /** Name to show in messages: the registry path (e.g. police-workforce/…ods). */
  label: string;
}

export interface SourceContext {
  datasets: Dataset[];
  /** Held files of those datasets, in registry order. */
  files: HeldFile[];
  geography: Geography;
  /** Tables produced by sources that ran earlier (see `after`). */
  tables: Readonly<Record<string, Row[]>>;
  warn(message: string): void;
}

export interface SourceModule {
  /** Tidy tables this module produces rows for. Several modules may feed one table (same TableDef). */
  tables: TableDef[];
  /** Parsers whose tables this one needs (e.g. a prison register before the bulletins). */
  after?: string[];
  parse(ctx: SourceContext): Promise<Record<string, Row[]>> | Record<string, Row[]>;
}
