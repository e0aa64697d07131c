/**
 * data/build/freshness.json (contract 7 in the team notes): per registry dataset, the latest period
 * held and, where --discover has run, the newest release its publisher lists and when it was asked;
 * per indicator, its latest period and the datasets its values come from. Built from the registry,
 * the indicator values and data/sources/_proposed/discovery.json only, so the same inputs give the
 * same bytes (the date asked is a recorded fact, not the clock of the build).
 */
import type { Row } from '../../src/tables.ts';
import type { Registry } from '../registry.ts';
import { heldLatestPeriod } from './series.ts';

export const FRESHNESS_FILE = 'freshness.json';

export interface DatasetFreshness {
  dataset_id: string;
  title: string;
  publisher: string;
  files_held: number;
  files_registered: number;
  /** Latest period among the published indicator values that come from this dataset's files. */
  latest_period_published: string | null;
  /** Latest period among the dataset's held files, as the registry writes it. */
  latest_period_held: string | null;
  discovery: {
    /** listed: the publisher answered; failed: it did not when last asked; not_listed: no listing exists; not_asked: --discover has not run for it. */
    status: 'listed' | 'failed' | 'not_listed' | 'not_asked';
    asked_at: string | null;
    asked: string | null;
    /** Why there is no listing, or what failed. */
    message: string | null;
    watch_only: boolean;
    newest_listed: { title: string; page: string; published: string | null; period: string | null } | null;
    /** Files the publisher lists that the registry lacks (proposed, not yet accepted). */
    proposed: string[];
  }[];
}

export interface Freshness {
  edition: { id: string; date: string };
  discovery_asked_at: string | null;
  datasets: DatasetFreshness[];
  indicators: { indicator_id: string; latest_period: string | null; datasets: string[] }[];
}

export function freshness(registry: Registry, values: Row[], edition: { id: string; date: string }): Freshness {
  const datasetOf = (sourceId: unknown) => registry.files.get(String(sourceId))?.dataset.id;
  const latestByDataset = new Map<string, string>();
  const byIndicator = new Map<string, { latest: string | null; datasets: Set<string> }>();
  for (const v of values) {
    const period = v.period === null || v.period === undefined ? null : String(v.period);
    const ds = datasetOf(v.source_id);
    const ind = byIndicator.get(String(v.indicator_id)) ?? { latest: null, datasets: new Set<string>() };
    byIndicator.set(String(v.indicator_id), ind);
    if (ds) ind.datasets.add(ds);
    if (period === null) continue;
    if (!ind.latest || period > ind.latest) ind.latest = period;
    if (ds && (!latestByDataset.has(ds) || period > latestByDataset.get(ds)!)) latestByDataset.set(ds, period);
  }
  const d = registry.discovery;
  return {
    edition,
    discovery_asked_at: d?.asked_at ?? null,
    datasets: registry.datasets.map((ds) => {
      const answers = d?.series.filter((s) => s.dataset === ds.id) ?? [];
      return {
        dataset_id: ds.id,
        title: ds.title,
        publisher: ds.publisher,
        files_held: ds.files.filter((f) => f.held).length,
        files_registered: ds.files.length,
        latest_period_published: latestByDataset.get(ds.id) ?? null,
        latest_period_held: heldLatestPeriod(ds),
        discovery: answers.length
          ? answers.map((a) => ({
              status: a.status,
              asked_at: d!.asked_at,
              asked: a.asked,
              message: a.message,
              watch_only: a.watch_only,
              newest_listed: a.newest ? { title: a.newest.title, page: a.newest.page, published: a.newest.published, period: a.newest.period } : null,
              // Accepted since: no longer proposed.
              proposed: a.proposed.filter((id) => !registry.files.get(id)?.held),
            }))
          : [{ status: 'not_asked', asked_at: null, asked: null, message: null, watch_only: false, newest_listed: null, proposed: [] }],
      };
    }),
    indicators: [...byIndicator]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, e]) => ({ indicator_id: id, latest_period: e.latest, datasets: [...e.datasets].sort() })),
  };
}

export function freshnessJson(registry: Registry, values: Row[], edition: { id: string; date: string }): string {
  return JSON.stringify(freshness(registry, values, edition), null, 2) + '\n';
}
