/**
 * A deliberately small interpreter for the MoJ prison-register seed migrations (Flyway SQL): enough
 * of INSERT, UPDATE, DELETE, CREATE TABLE and ALTER TABLE … ADD COLUMN to replay the data rows in
 * version order. Anything else is an error naming the file and line, never skipped silently: a
 * statement we cannot read could change the register.
 *
 * Not all migrations are held (V1_2–4, 6, 8, 13, 17, 23, 25 are schema or other tables), so the
 * columns of tables created there are declared in BASE_TABLES from the repo's own INSERT statements.
 */
import { DataError } from '../../../src/errors.ts';

export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, SqlValue>;

export interface SqlTable {
  columns: string[];
  /** Columns a positional INSERT (no column list) fills, when fewer than `columns`. */
  positional?: string[];
  /** Column used by INSERT to detect a second insert of the same row (replace, see applyStatement). */
  key: string[];
  rows: SqlRow[];
  /** For SERIAL columns: next value. */
  serial?: { column: string; next: number };
}

export type SqlDatabase = Map<string, SqlTable> & { notes?: string[] };

/**
 * Tables created in migrations that are not held. `prison` gained male/female in a migration not held
 * (V1_9 sets them), after V1_1's three-value INSERTs: those fill `positional` and leave the rest null.
 */
export const BASE_TABLES: Record<string, { columns: string[]; key: string[]; positional?: string[] }> = {
  prison: { columns: ['prison_id', 'name', 'active', 'male', 'female'], key: ['prison_id'], positional: ['prison_id', 'name', 'active'] },
  prison_type: { columns: ['prison_id', 'type'], key: ['prison_id', 'type'] },
  address: { columns: ['id', 'prison_id', 'address_line1', 'address_line2', 'town', 'county', 'country', 'postcode'], key: ['prison_id'] },
  prison_category: { columns: ['prison_id', 'category'], key: ['prison_id', 'category'] },
  // Deleted from in V1_18 but never filled by the held files.
  offender_management_unit: { columns: ['prison_id'], key: ['prison_id'] },
  prison_gp_practice: { columns: ['prison_id'], key: ['prison_id'] },
};

export function newDatabase(): SqlDatabase {
  const db: SqlDatabase = new Map();
  for (const [name, t] of Object.entries(BASE_TABLES)) db.set(name, { columns: [...t.columns], key: [...t.key], positional: t.positional, rows: [] });
  return db;
}

interface Statement {
  text: string;
  line: number;
}

/** Split on semicolons outside quotes, dropping `--` comments; keep each statement's first line. */
export function splitStatements(sql: string): Statement[] {
  const out: Statement[] = [];
  let buf = '';
  let line = 1;
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === '\n') line++;
    if (inQuote) {
      buf += ch;
      if (ch === "'") {
        if (sql[i + 1] === "'") buf += sql[++i];
        else inQuote = false;
      }
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      if (sql[i] === '\n') {
        line++;
        buf += ' ';
      }
      continue;
    }
    if (ch === "'") inQuote = true;
    if (!buf.trim() && /\S/.test(ch)) start = line;
    if (ch === ';') {
      if (buf.trim()) out.push({ text: buf.trim(), line: start });
      buf = '';
      continue;
    }
    buf += ch;
  }
  if (buf.trim()) out.push({ text: buf.trim(), line: start });
  return out;
}

/** Tokens: quoted strings, words, numbers and punctuation. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*('(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|<>|!=|[(),=*])/y;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    m = re.exec(text);
    if (!m) {
      if (/^\s*$/.test(text.slice(pos))) break;
      throw new Error(`cannot read SQL near '${text.slice(pos, pos + 30)}'`);
    }
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  return tokens;
}

class Cursor {
  i = 0;
  constructor(readonly t: string[]) {}
  peek(): string | undefined {
    return this.t[this.i];
  }
  next(): string {
    const v = this.t[this.i++];
    if (v === undefined) throw new Error('unexpected end of statement');
    return v;
  }
  is(word: string): boolean {
    return this.peek()?.toLowerCase() === word.toLowerCase();
  }
  accept(word: string): boolean {
    if (this.is(word)) {
      this.i++;
      return true;
    }
    return false;
  }
  expect(word: string) {
    const got = this.next();
    if (got.toLowerCase() !== word.toLowerCase()) throw new Error(`expected '${word}', found '${got}'`);
  }
  done(): boolean {
    return this.i >= this.t.length;
  }
  ident(): string {
    const v = this.next();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw new Error(`expected a name, found '${v}'`);
    return v.toLowerCase();
  }
  value(): SqlValue {
    const v = this.next();
    if (v.startsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    const w = v.toLowerCase();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    throw new Error(`expected a value, found '${v}'`);
  }
  /** ( a, b, c ) of names or values */
  list<T>(item: () => T): T[] {
    this.expect('(');
    const out: T[] = [];
    if (this.accept(')')) return out;
    do out.push(item()); while (this.accept(','));
    this.expect(')');
    return out;
  }
}

type Condition = (row: SqlRow) => boolean;

function where(c: Cursor): Condition {
  if (c.done()) return () => true;
  c.expect('where');
  const parts: Condition[] = [];
  do {
    const col = c.ident();
    if (c.accept('in')) {
      const values = c.list(() => c.value());
      parts.push((r) => values.includes(r[col] as SqlValue));
    } else {
      c.expect('=');
      const v = c.value();
      parts.push((r) => r[col] === v);
    }
  } while (c.accept('and'));
  if (!c.done()) throw new Error(`unexpected '${c.peek()}' after the WHERE clause`);
  return (r) => parts.every((p) => p(r));
}

function table(db: SqlDatabase, name: string): SqlTable {
  const t = db.get(name);
  if (!t) throw new Error(`table '${name}' is not known (not created by any held migration)`);
  return t;
}

function checkColumns(t: SqlTable, name: string, cols: string[]) {
  for (const c of cols) if (!t.columns.includes(c)) throw new Error(`table '${name}' has no column '${c}'`);
}

/**
 * Apply one statement. A second INSERT of a row already present (same key) replaces it: the held
 * files re-insert Parc YOI (V1_21) after a migration that is held deleted it (V1_18), and Flyway would
 * have failed on a real duplicate, so a replace reproduces the service's state.
 */
export function applyStatement(db: SqlDatabase, text: string): string | null {
  const c = new Cursor(tokenize(text));
  if (c.accept('insert')) {
    c.expect('into');
    const name = c.ident();
    const t = table(db, name);
    const cols = c.is('(') ? c.list(() => c.ident()) : (t.positional ?? t.columns.filter((col) => col !== t.serial?.column));
    checkColumns(t, name, cols);
    c.expect('values');
    do {
      const values = c.list(() => c.value());
      if (values.length !== cols.length) throw new Error(`INSERT into '${name}' gives ${values.length} values for ${cols.length} columns`);
      const row: SqlRow = Object.fromEntries(t.columns.map((col) => [col, null]));
      for (const [col, d] of Object.entries(defaults.get(t) ?? {})) row[col] = d;
      if (t.serial) row[t.serial.column] = t.serial.next++;
      cols.forEach((col, i) => (row[col] = values[i]));
      const same = (r: SqlRow) => t.key.every((k) => r[k] === row[k]);
      const at = t.rows.findIndex(same);
      if (at >= 0) t.rows[at] = row;
      else t.rows.push(row);
    } while (c.accept(','));
    if (!c.done()) throw new Error(`unexpected '${c.peek()}' after the VALUES`);
    return null;
  }
  if (c.accept('update')) {
    const name = c.ident();
    const t = table(db, name);
    c.expect('set');
    const sets: [string, SqlValue][] = [];
    if (c.is('(')) {
      const cols = c.list(() => c.ident());
      c.expect('=');
      const values = c.list(() => c.value());
      if (cols.length !== values.length) throw new Error(`UPDATE sets ${cols.length} columns to ${values.length} values`);
      cols.forEach((col, i) => sets.push([col, values[i]]));
    } else {
      do {
        const col = c.ident();
        c.expect('=');
        sets.push([col, c.value()]);
      } while (c.accept(','));
    }
    checkColumns(t, name, sets.map(([col]) => col));
    const cond = where(c);
    const hits = t.rows.filter(cond);
    for (const r of hits) for (const [col, v] of sets) r[col] = v;
    // Legal SQL and harmless, but worth saying: the row may come from a migration that is not held.
    return hits.length ? null : `UPDATE of '${name}' matches no row (${text.replace(/\s+/g, ' ').slice(0, 90)})`;
  }
  if (c.accept('delete')) {
    c.expect('from');
    const name = c.ident();
    const t = table(db, name);
    const cond = where(c);
    t.rows = t.rows.filter((r) => !cond(r));
    return null;
  }
  if (c.accept('alter')) {
    c.expect('table');
    const name = c.ident();
    const t = table(db, name);
    c.expect('add');
    c.accept('column');
    const col = c.ident();
    let def: SqlValue = null;
    while (!c.done()) {
      if (c.accept('default')) def = c.value();
      else c.next(); // type and NOT NULL words
    }
    t.columns.push(col);
    for (const r of t.rows) r[col] = def;
    defaults.set(t, { ...(defaults.get(t) ?? {}), [col]: def });
    return null;
  }
  if (c.accept('create')) {
    c.expect('table');
    const name = c.ident();
    if (db.has(name)) throw new Error(`table '${name}' is created twice`);
    // Column definitions "name type [constraints…]" or "PRIMARY KEY (a, b)", separated by commas.
    c.expect('(');
    const columns: string[] = [];
    let key: string[] = [];
    let serial: SqlTable['serial'];
    do {
      if (c.accept('primary')) {
        c.expect('key');
        key = c.list(() => c.ident());
        continue;
      }
      const col = c.ident();
      columns.push(col);
      let depth = 0;
      while (depth > 0 || !(c.is(',') || c.is(')'))) {
        const tok = c.next().toLowerCase();
        if (tok === '(') depth++;
        else if (tok === ')') depth--;
        else if (tok === 'serial') serial = { column: col, next: 1 };
        else if (tok === 'primary') key = [col];
      }
    } while (c.accept(','));
    c.expect(')');
    db.set(name, { columns, key: key.length ? key : columns, rows: [], serial });
    return null;
  }
  throw new Error(`a statement this reader does not know ('${text.slice(0, 40)}…')`);
}

const defaults = new WeakMap<SqlTable, Record<string, SqlValue>>();

/** Flyway version of a migration file name: V1_22__x.sql → [1, 22]. */
export function migrationVersion(fileName: string): number[] | null {
  const m = /^V(\d+(?:_\d+)*)__.*\.sql$/i.exec(fileName);
  return m ? m[1].split('_').map(Number) : null;
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Replay migrations in Flyway version order (V1_9 before V1_10, unlike a text sort). */
export function applyMigrations(files: { label: string; name: string; text: string }[]): SqlDatabase {
  const db = newDatabase();
  db.notes = [];
  const ordered = files
    .map((f) => {
      const version = migrationVersion(f.name);
      if (!version) throw new DataError({ file: f.label }, "a Flyway migration name 'V<version>__<description>.sql'", `'${f.name}'`);
      return { ...f, version };
    })
    .sort((a, b) => compareVersions(a.version, b.version));
  for (const f of ordered) {
    for (const s of splitStatements(f.text)) {
      let note: string | null;
      try {
        note = applyStatement(db, s.text);
      } catch (e) {
        throw new DataError({ file: f.label, row: s.line }, 'a SQL statement the register reader knows (INSERT, UPDATE, DELETE, CREATE TABLE, ALTER TABLE … ADD COLUMN)', `${(e as Error).message}`);
      }
      if (note) db.notes.push(`${f.label}, line ${s.line}: ${note}`);
    }
  }
  return db;
}
