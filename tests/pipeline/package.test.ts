/**
 * The published data package as a journalist's tools see it: the Frictionless validator (`datapackage`
 * from npm) accepts it and reads every CSV with its types; and every table carries the licences of
 * the sources it is built from (checked against the registry files themselves, not package.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Package } from 'datapackage';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFile, haveMirror, requireFreshBuild, skipReason, table } from './build.ts';
import { ROOT, TEST_BUILD } from './global-setup.ts';

type Licence = { name: string; title?: string; path?: string };
type Resource = {
  name: string; rows: number; path: string; dialect?: object;
  sources: { title: string; path?: string; source_id: string }[];
  licenses: Licence[];
  rights: { commercial_reuse: string; share_alike: boolean; no_licence_stated: { source_id: string }[]; attribution: string[] };
};

/** Registry file id → its dataset's licence names, read from data/sources/*.json and the project's own sources. */
function licencesBySource(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of readdirSync(join(ROOT, 'data/sources')).filter((n) => n.endsWith('.json') && !n.startsWith('_'))) {
    const ds = JSON.parse(readFileSync(join(ROOT, 'data/sources', name), 'utf8')) as { licence: string; licences?: Licence[]; files: { id: string }[] };
    // An entry without the list is read as OGL only when its text is exactly the OGL's title (registry.ts).
    const names = ds.licences?.map((l) => l.name) ?? (ds.licence === 'Open Government Licence v3.0' ? ['OGL-UK-3.0'] : [`unstructured: ${ds.licence}`]);
    for (const f of ds.files) out.set(f.id, names);
  }
  const project = JSON.parse(readFileSync(join(ROOT, 'pipeline/package/project_sources.json'), 'utf8')).sources as { id: string; licences: Licence[]; built_from: string[] }[];
  for (const p of project) out.set(p.id, p.licences.map((l) => l.name));
  return out;
}

describe.skipIf(!haveMirror)(`data package (shared test build)${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  let resources: Resource[] = [];
  beforeAll(() => {
    requireFreshBuild();
    resources = JSON.parse(buildFile('datapackage.json')).resources;
  });

  it('the Frictionless validator (datapackage 1.1.10) finds it valid and reads every CSV resource with cast: true', async () => {
    const pkg = await Package.load(join(TEST_BUILD, 'datapackage.json'), { basePath: TEST_BUILD });
    expect(pkg.errors.map((e: Error) => e.message)).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(pkg.resources.length).toBe(resources.length);
    for (const r of pkg.resources) {
      expect(r.descriptor.dialect, `${r.name} states its dialect`).toMatchObject({ delimiter: ',', header: true });
      // cast: true checks every cell against the field's type and constraints; a failure throws with the cell.
      const rows = await r.read({ cast: true });
      expect(rows.length, r.name).toBe(r.descriptor.rows);
    }
  }, 300_000);

  it("every table's licences are exactly its sources' licences, and a source without one is flagged", () => {
    const bySource = licencesBySource();
    const project = new Map((JSON.parse(readFileSync(join(ROOT, 'pipeline/package/project_sources.json'), 'utf8')).sources as { id: string; built_from: string[] }[]).map((p) => [p.id, p.built_from]));
    for (const r of resources) {
      // The rows name their sources; the resource must list every one of them (and what a project file was built from).
      const rows = table<{ source_id?: string; denominator_source_id?: string | null }>(r.name === 'coverage' ? 'indicator_values' : r.name);
      const named = new Set(rows.flatMap((x) => [x.source_id, x.denominator_source_id]).filter((x): x is string => !!x));
      for (const id of [...named]) for (const b of project.get(id) ?? []) named.add(b);
      const listed = new Set(r.sources.map((s) => s.source_id));
      for (const id of named) expect(listed.has(id), `${r.name} lists source ${id}`).toBe(true);
      expect(r.sources.length, `${r.name} has sources`).toBeGreaterThan(0);
      const expected = new Set(r.sources.flatMap((s) => bySource.get(s.source_id) ?? [`unregistered ${s.source_id}`]));
      expect(r.licenses.map((l) => l.name).sort(), r.name).toEqual([...expected].sort());
      const unlicensed = r.sources.filter((s) => bySource.get(s.source_id)?.length === 0).map((s) => s.source_id);
      expect(r.rights.no_licence_stated.map((s) => s.source_id), r.name).toEqual(unlicensed);
      if (unlicensed.length) expect(r.rights.commercial_reuse, r.name).toBe('not stated');
    }
    const of = (n: string) => resources.find((r) => r.name === n)!;
    // The cases the issue names, as a reader would check them.
    for (const n of ['pcc_holder', 'pcc_votes']) {
      expect(of(n).licenses.map((l) => l.name).sort()).toEqual(['CC-BY-SA-4.0', 'MIT']);
      expect(of(n).rights.share_alike).toBe(true);
    }
    expect(of('prison_safety').licenses.map((l) => l.name)).toEqual(['CC-BY-4.0']);
    expect(of('prison_monthly').licenses.map((l) => l.name)).toContain('CC-BY-4.0');
    expect(of('prison').rights.no_licence_stated.map((s) => s.source_id)).toEqual(['robinl_prison_locations_2016']);
  });
});
