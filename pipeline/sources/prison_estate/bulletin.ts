/**
 * What every monthly bulletin reader (spreadsheet, word-processor document, the third-party panel)
 * returns, before names become codes; the tables they feed are defined in src/tables/prisons.ts.
 */
/** What a bulletin parser (spreadsheet or word-processor document) returns before names become codes. */
export interface BulletinEstablishment {
  name: string;
  section: 'prison' | 'irc';
  baselineCna: number | null;
  inUseCna: number | null;
  operationalCapacity: number | null;
  population: number | null;
  /** Why a figure above is null, as printed ('blank in the source', a marker's meaning); optional. */
  nullReason?: string | null;
  /** 'Sheet!A12' or 'table 1 row 12' */
  cell: string;
}

export interface BulletinParse {
  month: string; // YYYY-MM-01
  reportDate: string | null; // YYYY-MM-DD
  establishments: BulletinEstablishment[];
  /** The bulletin's own Total row as printed, when present. */
  total: { baselineCna: number | null; inUseCna: number | null; usableOperationalCapacity: number | null; population: number | null; cell: string } | null;
  /** Operating margin stated in the footnote ("less an operating margin of 1,350 places"), when found. */
  operatingMargin: number | null;
}
