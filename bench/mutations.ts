/**
 * npm run bench:mutations — the whole mutation corpus (tests/bad-inputs/mutations.ts): every kind of
 * damage on every held file of a mutable format, each through the checking stages
 * (tests/bad-inputs/harness.ts). Prints one line per case and the counts: refused (naming the damaged
 * file by its registry path), refused naming another file or the cache's copy, accepted with the output unchanged, accepted silently (the
 * tables changed and no check said so), not applicable. Writes bench/out/mutations.tsv.
 * `-- --only <file id>` runs one file; `-- --files N` the first N files; `-- --part K/N` every Nth
 * file from the Kth (0-based), so N processes can share the corpus (each writes its own .tsv). Figures only: exits 0.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KINDS, MutationHarness, type Outcome } from '../tests/bad-inputs/harness.ts';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const arg = (k: string) => { const i = process.argv.indexOf(`--${k}`); return i > 0 ? process.argv[i + 1] : undefined; };
const [part, parts] = (arg('part') ?? '0/1').split('/').map(Number);
const WORK = join(ROOT, `tests/bad-inputs/work/mutations-${part}-of-${parts}`);

const t0 = performance.now();
rmSync(WORK, { recursive: true, force: true });
const h = await MutationHarness.open(ROOT, join(ROOT, 'data/raw'), WORK);
// Text formats first, then workbooks, the 82 monthly bulletins last (each case re-reads the whole estate).
const order = (p: string) => (/monthly_bulletin/.test(p) ? 3 : /\.(csv|tsv)$/i.test(p) ? 0 : /json$/i.test(p) ? 1 : 2);
let files = h.files().sort((a, b) => order(a.path!) - order(b.path!));
if (arg('only')) files = files.filter((f) => f.id === arg('only'));
if (arg('files')) files = files.slice(0, Number(arg('files')));
files = files.filter((_, i) => i % parts === part);
const outcomes: Outcome[] = [];
for (const f of files) {
  for (const kind of KINDS) {
    const o = await h.run(f.id, kind);
    outcomes.push(o);
    if (o.result !== 'not applicable') console.log(`${o.result.padEnd(28)} ${kind.padEnd(17)} ${f.path}${o.message ? `\n    ${o.message.split('\n')[0].slice(0, 220)}` : ''}`);
  }
}
const count = (r: Outcome['result']) => outcomes.filter((o) => o.result === r).length;
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, `bench/out/mutations${parts > 1 ? `-${part}-of-${parts}` : ''}.tsv`), ['file_id\tpath\tkind\tresult\tmessage', ...outcomes.map((o) => [o.fileId, o.path, o.kind, o.result, o.message.split('\n')[0]].join('\t'))].join('\n') + '\n');
console.log(`\nmutation corpus: ${files.length} files × ${KINDS.length} kinds in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log(`  refused (naming the damaged file): ${count('refused')}`);
console.log(`  refused, naming another file:     ${count('refused, naming another file')}`);
console.log(`  refused, naming the cache copy:   ${count('refused, naming the cache copy')}`);
console.log(`  accepted, output unchanged:       ${count('accepted, output unchanged')}`);
console.log(`  accepted silently:                ${count('accepted silently')}`);
console.log(`  not applicable to the file:       ${count('not applicable')}`);
rmSync(WORK, { recursive: true, force: true });
