/**
 * What each published table may be reused under: the licences of the sources it is built from (the
 * registry's `licences`, the project's own files in project_sources.json, and the sources a table
 * uses without naming them on a row, indirect_sources.csv). A source that states no licence is not
 * given one: the table is flagged, and /data/ says what that means.
 */
import { readFileSync } from 'node:fs';
import { PipelineError } from '../../src/errors.ts';
import { readCommittedCsv } from '../read/csv.ts';
import type { Licence, Registry } from '../registry.ts';

const PROJECT_SOURCES = new URL('./project_sources.json', import.meta.url);
const INDIRECT_SOURCES = new URL('./indirect_sources.csv', import.meta.url);

export const OGL: Licence = {
  name: 'OGL-UK-3.0',
  title: 'Open Government Licence v3.0',
  path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};

/** What a licence lets a reader do, in the words /data/ shows. Every licence the registry names must be here. */
export const REUSE_TERMS: Record<string, { commercial: boolean | null; shareAlike: boolean; words: string }> = {
  'OGL-UK-3.0': { commercial: true, shareAlike: false, words: 'copy, publish and adapt, also commercially, acknowledging the source' },
  'CC-BY-4.0': { commercial: true, shareAlike: false, words: 'copy, publish and adapt, also commercially, crediting the author, linking the licence and saying what was changed' },
  'CC-BY-SA-4.0': { commercial: true, shareAlike: true, words: 'copy, publish and adapt, also commercially, crediting the author; what you build from it must be shared under CC BY-SA 4.0 too' },
  'OPL-UK-3.0': { commercial: true, shareAlike: false, words: 'copy, publish and adapt, also commercially, acknowledging the source (Parliamentary copyright)' },
  MIT: { commercial: true, shareAlike: false, words: 'use, copy and adapt, also commercially, keeping the copyright and permission notice' },
  'attribution-required': { commercial: null, shareAlike: false, words: 'use with attribution, as the repository states (commercial use is not addressed)' },
};

export interface PackageSource { title: string; path: string; source_id: string }
export interface TableRights {
  sources: PackageSource[];
  /** Frictionless `licenses`: the union of the sources' licences (at least one, see `not_stated`). */
  licenses: Licence[];
  /** The reader's summary, published as the resource's `rights` and shown on /data/. */
  rights: {
    commercial_reuse: 'allowed' | 'not stated' | 'not allowed';
    share_alike: boolean;
    /** Sources that state no licence (their ids and titles). */
    no_licence_stated: { source_id: string; title: string }[];
    /** One line per dataset the table draws on: its own attribution statement. */
    attribution: string[];
  };
}

interface ProjectSource { id: string; title: string; path: string; licences: Licence[]; attribution: string; built_from: string[] }

let projectSources: Map<string, ProjectSource> | null = null;
function project(): Map<string, ProjectSource> {
  projectSources ??= new Map((JSON.parse(readFileSync(PROJECT_SOURCES, 'utf8')).sources as ProjectSource[]).map((s) => [s.id, s]));
  return projectSources;
}

let indirect: Map<string, string[]> | null = null;
/** Registry files a table is built from without any row naming them (evidence in the CSV). */
export function indirectSources(table: string): string[] {
  if (!indirect) {
    indirect = new Map();
    for (const r of readCommittedCsv(INDIRECT_SOURCES, ['table', 'source_id', 'evidence'])) {
      if (!r.evidence) throw new PipelineError(`pipeline/package/indirect_sources.csv: ${r.table} ← ${r.source_id} needs its evidence.`);
      indirect.set(r.table, [...(indirect.get(r.table) ?? []), r.source_id]);
    }
  }
  return indirect.get(table) ?? [];
}

/** A dataset's licences; an entry written before `licences` existed is read only when its text is the OGL's title. */
export function datasetLicences(ds: Registry['datasets'][number]): Licence[] {
  if (ds.licences) return ds.licences;
  if (ds.licence === OGL.title) return [OGL];
  throw new PipelineError(`data/sources/${ds.id}.json: licence '${ds.licence}' has no structured \`licences\` list; add one (an empty list says the source states no licence).`);
}

const strip = ({ covers: _covers, ...l }: Licence): Licence => l;

/** Sources, licences and reuse summary of a table built from these source ids (rows' source_id and denominator_source_id). */
export function tableRights(table: string, sourceIds: Iterable<string>, registry: Registry): TableRights {
  const ids = [...new Set([...sourceIds, ...indirectSources(table)])].sort();
  const sources: PackageSource[] = [];
  const licences = new Map<string, Licence>();
  const notStated: { source_id: string; title: string }[] = [];
  const attribution = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const p = project().get(id);
    if (p) {
      sources.push({ title: p.title, path: p.path, source_id: id });
      p.licences.forEach((l) => licences.set(l.name, strip(l)));
      attribution.add(p.attribution);
      p.built_from.forEach(visit);
      return;
    }
    const f = registry.files.get(id);
    if (!f) throw new PipelineError(`Table ${table}: rows name source '${id}', which is neither in the registry (data/sources/) nor in pipeline/package/project_sources.json.`);
    sources.push({ title: `${f.dataset.publisher}: ${f.title}`, path: f.url ?? f.dataset.landing_url, source_id: f.id });
    const own = datasetLicences(f.dataset);
    if (!own.length) notStated.push({ source_id: f.id, title: `${f.dataset.publisher}: ${f.title}` });
    for (const l of own) {
      if (!REUSE_TERMS[l.name]) throw new PipelineError(`data/sources/${f.dataset.id}.json: licence ${l.name} has no reuse terms in pipeline/package/licences.ts (REUSE_TERMS); say what it allows there.`);
      licences.set(l.name, strip(l));
    }
    attribution.add(f.dataset.attribution);
  };
  ids.forEach(visit);
  const terms = [...licences.keys()].map((n) => REUSE_TERMS[n]);
  const commercial = notStated.length || terms.some((t) => t?.commercial === null) ? 'not stated' : terms.some((t) => t?.commercial === false) ? 'not allowed' : 'allowed';
  return {
    sources,
    licenses: [...licences.values()].sort((a, b) => a.name.localeCompare(b.name)),
    rights: {
      commercial_reuse: sources.length ? commercial : 'not stated',
      share_alike: terms.some((t) => t?.shareAlike),
      no_licence_stated: notStated,
      attribution: [...attribution],
    },
  };
}
