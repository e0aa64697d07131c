/**
 * What every document reader returns (body paragraphs with their tab stops, and tables of cell
 * texts, in document order), and the Builder the readers fill it with.
 */
export type DocumentFormat = 'docx' | 'odt' | 'rtf' | 'doc' | 'pdf' | 'unknown';

export interface DocParagraph {
  /** 1-based position among the body paragraphs (paragraphs inside tables are not counted). */
  index: number;
  /** Text with tabs kept as '\t' and line breaks as '\n'. */
  text: string;
  /** Tab stop positions in twips (1/1440 inch), ascending; null where the format gives none. */
  tabStops: number[] | null;
}

export interface DocTableRow {
  /** 1-based row number within the table. */
  row: number;
  cells: string[];
}

export interface DocTable {
  /** 1-based table number in document order. */
  index: number;
  /** Number of body paragraphs that come before the table, so order can be rebuilt. */
  afterParagraph: number;
  rows: DocTableRow[];
}

export interface DocumentContent {
  file: string;
  format: DocumentFormat;
  paragraphs: DocParagraph[];
  tables: DocTable[];
}

/** Collects paragraphs and tables in document order; a table inside a cell joins the outer cell's text. */
export class Builder {
  paragraphs: DocParagraph[] = [];
  tables: DocTable[] = [];
  private tableStack: { table: DocTable; row: string[] | null; cell: string[] | null }[] = [];

  constructor(readonly file: string, readonly format: DocumentFormat) {}

  get inTable(): boolean {
    return this.tableStack.length > 0;
  }

  paragraph(text: string, tabStops: number[] | null) {
    const top = this.tableStack.at(-1);
    if (top) {
      // Paragraphs inside a cell make up the cell's text.
      (top.cell ??= []).push(text);
      return;
    }
    this.paragraphs.push({ index: this.paragraphs.length + 1, text, tabStops: tabStops ? [...tabStops].sort((a, b) => a - b) : null });
  }

  startTable() {
    if (this.tableStack.length > 0) {
      // A table inside a cell: its text joins the outer cell rather than becoming a separate grid.
      this.tableStack.push({ table: { index: 0, afterParagraph: 0, rows: [] }, row: null, cell: null });
      return;
    }
    const table: DocTable = { index: 0, afterParagraph: this.paragraphs.length, rows: [] };
    this.tableStack.push({ table, row: null, cell: null });
  }

  startRow() {
    const top = this.tableStack.at(-1);
    if (top) top.row = [];
  }

  endCell(extraEmpty = 0, repeat = 1, blank = false) {
    const top = this.tableStack.at(-1);
    if (!top) return;
    top.row ??= [];
    const text = blank ? '' : (top.cell ?? []).join('\n');
    for (let i = 0; i < repeat; i++) top.row.push(text);
    for (let i = 0; i < extraEmpty; i++) top.row.push('');
    top.cell = null;
  }

  endRow() {
    const top = this.tableStack.at(-1);
    if (!top) return;
    if (top.cell !== null) this.endCell();
    const cells = top.row ?? [];
    top.table.rows.push({ row: top.table.rows.length + 1, cells });
    top.row = null;
  }

  endTable() {
    const top = this.tableStack.pop();
    if (!top) return;
    if (top.row !== null || top.cell !== null) this.endRow();
    const outer = this.tableStack.at(-1);
    if (outer) {
      const text = top.table.rows.map((r) => r.cells.join('\t')).join('\n');
      (outer.cell ??= []).push(text);
      return;
    }
    if (top.table.rows.length === 0) return;
    top.table.index = this.tables.length + 1;
    this.tables.push(top.table);
  }

  result(): DocumentContent {
    while (this.tableStack.length) this.endTable();
    return { file: this.file, format: this.format, paragraphs: this.paragraphs, tables: this.tables };
  }
}
