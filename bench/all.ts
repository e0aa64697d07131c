/**
 * npm run bench — the pipeline bench first, then every other bench/*.ts present (explore, site, …),
 * each in its own process with its output shown as it runs; a table of wall-clock times at the end.
 * Figures only: nothing here fails on time, only when a bench itself crashes.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const others = readdirSync(join(ROOT, 'bench'))
  .filter((n) => n.endsWith('.ts') && n !== 'all.ts' && n !== 'pipeline.ts' && !n.endsWith('.d.ts'))
  .sort();
const benches = ['pipeline.ts', ...others];
const results: { name: string; seconds: number; ok: boolean }[] = [];
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', name)], { cwd: ROOT, stdio: 'inherit' });
  results.push({ name, seconds: (performance.now() - t0) / 1000, ok: r.status === 0 });
}
console.log('\n=== summary ===');
for (const r of results) console.log(`bench/${r.name.padEnd(28)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.ok ? 'ok' : 'FAILED'}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
