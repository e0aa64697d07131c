/**
 * Coverage of the word-processor monthly bulletins (2011 to February 2018): runs the document parser
 * over every file in the two mirror folders and prints one line per file, then counts per format.
 * Usage: npx tsx bench/bulletin_docs_coverage.ts [raw-root]
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { sniffFormat } from '../pipeline/read/document.ts';
import { parseBulletinDocument } from '../pipeline/sources/prison_estate/bulletin_doc.ts';

const rawRoot = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/raw');
const base = join(rawRoot, 'prisons/monthly_bulletin_by_establishment');
const folders = ['doc_2011', 'doc_rtf_2012_2017'];

async function main() {
  if (!existsSync(base)) {
    console.error(`No bulletin folder at ${base}: pass the raw data root as the first argument.`);
    process.exit(2);
  }
  const rows: string[][] = [['file', 'format', 'month', 'report date', 'establishments', 'total population', 'check']];
  const byFormat = new Map<string, { files: number; passed: number }>();
  const started = performance.now();
  for (const folder of folders) {
    for (const name of readdirSync(join(base, folder)).sort()) {
      const path = join(base, folder, name);
      const format = `${sniffFormat(readFileSync(path))} (.${name.split('.').pop()!.toLowerCase()})`;
      const stat = byFormat.get(format) ?? { files: 0, passed: 0 };
      byFormat.set(format, stat);
      stat.files++;
      try {
        const p = await parseBulletinDocument(name, path);
        stat.passed++;
        rows.push([`${folder}/${name}`, format, p.month.slice(0, 7), p.reportDate ?? '-', String(p.establishments.length), String(p.total?.population ?? '-'), 'OK']);
      } catch (e) {
        rows.push([`${folder}/${name}`, format, '-', '-', '-', '-', `failed: ${(e as Error).message}`]);
      }
    }
  }
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => (i === 6 ? 5 : r[i].length)))));
  for (const r of rows) console.log(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
  console.log('\nformat (bytes, extension)   files  parsed and passed');
  for (const [format, s] of [...byFormat.entries()].sort()) console.log(`${format.padEnd(28)} ${String(s.files).padStart(5)}  ${String(s.passed).padStart(5)}`);
  const files = [...byFormat.values()].reduce((a, s) => a + s.files, 0);
  const passed = [...byFormat.values()].reduce((a, s) => a + s.passed, 0);
  console.log(`all                          ${String(files).padStart(5)}  ${String(passed).padStart(5)}   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
