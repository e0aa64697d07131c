/**
 * The published figures of a build, as one line per table, per indicator and per indicator
 * definition, each with its row count and a sha256. tests/pipeline/published-figures.txt holds the
 * lines of the last accepted build; tests/pipeline/figures.test.ts fails when the shared test build
 * differs from it, naming every table and indicator that changed. A change in a published figure is
 * then either a defect, or intended: accept it with
 *
 *   npx tsx tests/pipeline/figures.ts write [build]      (default data/build)
 *
 * and say what changed in the commit message. To see the rows behind a changed line:
 *
 *   npx tsx tests/pipeline/figures.ts diff <old build> <new build>
 *
 * The lines cover every table (its CSV, byte for byte), indicator_values per indicator (its rows)
 * and indicators.json per definition (metadata and SQL on separate lines, so a change of wording
 * and a change of formula show apart). Manifest, CHANGES.md, citation and datapackage.json describe
 * the edition and are not figures.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Row = Record<string, unknown>;

export const FIGURES_FILE = resolve(new URL('.', import.meta.url).pathname, 'published-figures.txt');

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function tableNames(build: string): string[] {
  return readdirSync(join(build, 'tables'))
    .filter((n) => n.endsWith('.csv'))
    .map((n) => n.replace(/\.csv$/, ''))
    .sort();
}

export function readRows(build: string, table: string): Row[] {
  return JSON.parse(readFileSync(join(build, 'tables', `${table}.json`), 'utf8')) as Row[];
}

/** One line per figure-bearing part of the build, sorted. */
export function figureLines(build: string): string[] {
  const lines: string[] = [];
  for (const name of tableNames(build)) {
    const csv = readFileSync(join(build, 'tables', `${name}.csv`));
    const rows = csv.toString('utf8').split('\n').filter(Boolean).length - 1;
    lines.push(`table ${name} rows=${rows} sha256=${sha(csv)}`);
  }
  const byIndicator = new Map<string, Row[]>();
  for (const r of readRows(build, 'indicator_values')) {
    const id = String(r.indicator_id);
    if (!byIndicator.has(id)) byIndicator.set(id, []);
    byIndicator.get(id)!.push(r);
  }
  for (const [id, rows] of byIndicator) lines.push(`values ${id} rows=${rows.length} sha256=${sha(JSON.stringify(rows))}`);
  const published = JSON.parse(readFileSync(join(build, 'indicators.json'), 'utf8')) as { macros: string; compare_sql: string; indicators: (Row & { id: string; sql: string })[] };
  lines.push(`sql macros sha256=${sha(published.macros)}`, `sql compare sha256=${sha(published.compare_sql)}`);
  // The order of the definitions is published too (pages list indicators in it): one line for it.
  lines.push(`order indicators sha256=${sha(published.indicators.map((d) => d.id).join('\n'))}`);
  for (const { sql, ...metadata } of published.indicators) {
    lines.push(`definition ${metadata.id} sha256=${sha(JSON.stringify(metadata))}`, `sql ${metadata.id} sha256=${sha(sql)}`);
  }
  return lines.sort();
}

export function readAccepted(): string[] {
  return readFileSync(FIGURES_FILE, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

/** Lines only in `accepted` (changed or gone) and only in `built` (changed or new), keyed by their first two words. */
export function compareLines(accepted: string[], built: string[]): string[] {
  const key = (l: string) => l.split(' ').slice(0, 2).join(' ');
  const a = new Map(accepted.map((l) => [key(l), l]));
  const b = new Map(built.map((l) => [key(l), l]));
  const out: string[] = [];
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(k) === b.get(k)) continue;
    out.push(`${k}: ${a.has(k) ? a.get(k)!.slice(k.length + 1) : '(absent)'} → ${b.has(k) ? b.get(k)!.slice(k.length + 1) : '(absent)'}`);
  }
  return out;
}

/** Rows of each table present in one build and not the other (as multisets), at most `limit` per side per table. */
export function diffRows(oldBuild: string, newBuild: string, limit = 10): string[] {
  const out: string[] = [];
  const names = [...new Set([...tableNames(oldBuild), ...tableNames(newBuild)])].sort();
  for (const name of names) {
    const count = (build: string) => {
      const m = new Map<string, number>();
      try {
        for (const r of readRows(build, name)) m.set(JSON.stringify(r), (m.get(JSON.stringify(r)) ?? 0) + 1);
      } catch {
        // table absent from this build
      }
      return m;
    };
    const a = count(oldBuild);
    const b = count(newBuild);
    const only = (x: Map<string, number>, y: Map<string, number>) => [...x].flatMap(([r, n]) => Array(Math.max(0, n - (y.get(r) ?? 0))).fill(r) as string[]);
    const gone = only(a, b);
    const added = only(b, a);
    if (!gone.length && !added.length) continue;
    out.push(`${name}: ${gone.length} row(s) only in ${oldBuild}, ${added.length} only in ${newBuild}`);
    for (const r of gone.slice(0, limit)) out.push(`  - ${r}`);
    for (const r of added.slice(0, limit)) out.push(`  + ${r}`);
  }
  return out;
}

const HEADER = `# Published figures of the accepted build: see tests/pipeline/figures.ts.
# Regenerate only for an intended change, and state the change in the commit message.
`;

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [cmd, a, b] = process.argv.slice(2);
  if (cmd === 'write') {
    const lines = figureLines(a ?? 'data/build');
    writeFileSync(FIGURES_FILE, HEADER + lines.join('\n') + '\n');
    console.log(`${FIGURES_FILE}: ${lines.length} lines from ${a ?? 'data/build'}`);
  } else if (cmd === 'diff' && a && b) {
    const lines = [...compareLines(figureLines(a), figureLines(b)), ...diffRows(a, b)];
    console.log(lines.length ? lines.join('\n') : 'no differences in published figures');
  } else {
    console.error('usage: tsx tests/pipeline/figures.ts write [build] | diff <old build> <new build>');
    process.exit(1);
  }
}
