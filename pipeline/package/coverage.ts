/**
 * What the coverage table says beyond counts: which "not held" notes are still true for the files
 * held, and whether the parser behind each row has met the publisher's real file or only fixtures.
 */
import { PipelineError } from '../../src/errors.ts';
import type { IndicatorDef } from '../../src/indicator.ts';
import { parserStatus, type Dataset, type ParserStatus, type Registry } from '../registry.ts';

type NotHeld = NonNullable<IndicatorDef['notHeld']>[number];

/** A note stays until every file it names in `filledBy` is held; an id the registry lacks is a typo, refused. */
function stillTrue(def: IndicatorDef, n: NotHeld, registry: Registry): boolean {
  if (!n.filledBy?.length) return true;
  return !n.filledBy.every((id) => {
    const f = registry.files.get(id);
    if (!f) throw new PipelineError(`Indicator ${def.id}, notHeld (${n.geography}): filledBy names '${id}', which is not a file id in data/sources/. Use the id of the registry entry that would supply the figures.`);
    return f.held;
  });
}

/**
 * The definitions with their "not held" notes as true for this registry: a file added with
 * --add-file or --accept removes the notes it answers (from coverage, indicators.json and the pages).
 */
export function withCurrentNotHeld(defs: IndicatorDef[], registry: Registry): IndicatorDef[] {
  return defs.map((d) => {
    if (!d.notHeld) return d;
    const kept = d.notHeld.filter((n) => stillTrue(d, n, registry));
    return kept.length === d.notHeld.length ? d : { ...d, notHeld: kept.length ? kept : undefined };
  });
}

const RANK: Record<ParserStatus, number> = { real: 0, real_not_compared: 1, fixtures: 2 };

export interface ParserCheckCells {
  parser_checked_on: ParserStatus | null;
  parser_note: string | null;
}

function noteFor(ds: Dataset, status: ParserStatus): string | null {
  const fo = ds.fixtures_only;
  if (status === 'real' || !fo) return null;
  if (status === 'fixtures') {
    return `Parser checked only on fixtures in the documented layout (${ds.id}: ${fo.layout}) First real run: ${fo.first_real_run}`;
  }
  const held = ds.files.filter((f) => f.held && (ds.parser_checked_on === 'fixtures' || fo.files.includes(f.id))).map((f) => f.id);
  return `The real file is held (${held.join(', ')}) and passed the build's checks, but the registry still says the parser has met only fixtures: the first real run's comparison is due (${ds.id}): ${fo.first_real_run}`;
}

/**
 * The parser check behind one coverage row. Rows with figures: the least-checked of the indicator's
 * source datasets. A not-held row whose note names the files that would fill it: those files' own
 * check (a file a real parser reads only in a later layout counts as fixtures).
 */
export function parserCheck(def: IndicatorDef, registry: Registry, filledBy?: string[]): ParserCheckCells {
  const candidates: { ds: Dataset; status: ParserStatus }[] = [];
  if (filledBy?.length) {
    for (const id of filledBy) {
      const f = registry.files.get(id);
      const status = f && parserStatus(f.dataset);
      if (!f || !status) continue;
      const fixtureLayout = !f.held && (f.dataset.fixtures_only?.files.includes(id) ?? false);
      candidates.push({ ds: f.dataset, status: fixtureLayout ? 'fixtures' : status });
    }
  } else {
    for (const id of def.sources) {
      const ds = registry.datasets.find((d) => d.id === id);
      const status = ds && parserStatus(ds);
      if (ds && status) candidates.push({ ds, status });
    }
  }
  if (!candidates.length) return { parser_checked_on: null, parser_note: null };
  const worst = candidates.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
  return { parser_checked_on: worst.status, parser_note: noteFor(worst.ds, worst.status) };
}
