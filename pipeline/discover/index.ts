/**
 * `npm run pipeline -- --discover`: ask every series' publisher what it lists, compare with what the
 * registry holds, and write the answers and proposed entries to data/sources/_proposed/. Nothing
 * here changes the registry or the build; a series that fails is reported and the next one is asked.
 */
import { discoveryBlocks, loadRegistry } from '../registry.ts';
import type { AskOptions } from './listing.ts';
import { discoverSeries } from './series.ts';
import { readProposalFiles, writeDiscoveryResult, writeProposalFile, type DiscoveryResult, type Proposal, type SeriesAnswer } from './store.ts';

export interface DiscoverOptions extends AskOptions {
  registryDir: string;
  /** The clock, for the date the publishers were asked (tests fix it). */
  now?: () => Date;
  /** Ask only these datasets (all when absent). */
  only?: string[];
}

export interface DiscoverSummary {
  result: DiscoveryResult;
  proposals: Proposal[];
  failed: SeriesAnswer[];
}

export async function discover(opts: DiscoverOptions): Promise<DiscoverSummary> {
  const registry = loadRegistry(opts.registryDir);
  const askedAt = (opts.now ?? (() => new Date()))().toISOString();
  const previous = new Map(readProposalFiles(opts.registryDir).map((f) => [f.dataset, f]));
  const answers: SeriesAnswer[] = [];
  const allProposals: Proposal[] = [];
  const taken = new Set<string>();
  for (const ds of registry.datasets) {
    if (opts.only && !opts.only.includes(ds.id)) continue;
    const blocks = discoveryBlocks(ds);
    if (!blocks.length) {
      answers.push({
        dataset: ds.id, block: 0, api: 'none', asked: null, status: 'failed', watch_only: false, newest: null, proposed: [], held_latest_period: null,
        message: `data/sources/${ds.id}.json has no discovery block: add one after landing_url (where its publisher lists releases, or {"api": "none", "reason": …}).`,
      });
      continue;
    }
    const mine: Proposal[] = [];
    let complete = true;
    for (const [i, block] of blocks.entries()) {
      opts.log(`  asking ${ds.id}${blocks.length > 1 ? ` (${i + 1} of ${blocks.length})` : ''}${block.api === 'none' ? ': no listing' : ''}`);
      const outcome = await discoverSeries(ds, i, block, registry, taken, opts);
      answers.push(outcome.answer);
      mine.push(...outcome.proposals);
      if (outcome.answer.status === 'failed') complete = false;
    }
    // A series that failed keeps its earlier proposals: a failed answer says nothing about them.
    if (complete) writeProposalFile(opts.registryDir, { dataset: ds.id, asked_at: askedAt, proposals: mine });
    else mine.splice(0, mine.length, ...(previous.get(ds.id)?.proposals ?? []));
    allProposals.push(...mine);
  }
  const result: DiscoveryResult = { asked_at: askedAt, series: answers };
  writeDiscoveryResult(opts.registryDir, result);
  return { result, proposals: allProposals, failed: answers.filter((a) => a.status === 'failed') };
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The report a maintainer reads: one row per series, then the proposals and the failures in full. */
export function formatDiscovery(s: DiscoverSummary): string {
  const rows = s.result.series.map((a) => {
    const listed = a.newest ? `${a.newest.period ?? cut(a.newest.title, 34)} (${a.newest.published?.slice(0, 10) ?? 'no date'})` : a.status === 'failed' ? 'FAILED' : a.status === 'not_listed' ? 'no listing' : '';
    const verdict =
      a.status === 'failed' ? 'see below' : a.status === 'not_listed' ? 'not asked' : a.watch_only ? 'watched only' : a.proposed.length ? `${a.proposed.length} proposed` : 'up to date';
    return [a.dataset + (a.block ? ` #${a.block + 1}` : ''), listed, a.held_latest_period ?? 'none', verdict];
  });
  const head = ['series', 'newest the publisher lists', 'latest held', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  const out = [`Release discovery, asked ${s.result.asked_at}`, line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (s.proposals.length) {
    out.push('', `Proposed entries (data/sources/_proposed/; review, then --accept ID …):`);
    for (const p of s.proposals) {
      out.push(`  ${p.id}  ${p.extends.fills ? `fills ${p.extends.fills}` : `extends ${p.extends.dataset}`}; period ${p.period ?? 'NOT READ (write it in before accepting)'}; ${p.bytes ? `${p.bytes} bytes` : 'size not given'}`);
      out.push(`      ${p.title}`, `      ${p.url}`);
    }
  }
  const notListed = s.result.series.filter((a) => a.status === 'not_listed');
  if (notListed.length) {
    out.push('', 'Not asked (no machine-readable listing):');
    for (const a of notListed) out.push(`  ${a.dataset}: ${a.message}`);
  }
  if (s.failed.length) {
    out.push('', `${s.failed.length} series could not be read (the others were):`);
    for (const a of s.failed) out.push(`  ✗ ${a.dataset}${a.block ? ` #${a.block + 1}` : ''}: ${a.message}`);
  }
  return out.join('\n');
}
