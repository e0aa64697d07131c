/** A table's licences are the union of its sources' (pipeline/package/licences.ts); a source without one is flagged, never given one. */
import { describe, expect, it } from 'vitest';
import { datasetLicences, tableRights } from '../../pipeline/package/licences.ts';
import { loadRegistry, type Dataset } from '../../pipeline/registry.ts';

const registry = loadRegistry(new URL('../../data/sources', import.meta.url).pathname);

describe('licences per table', () => {
  it('unions the licences of the sources the rows name, with each attribution', () => {
    const r = tableRights('pcc_votes', ['governance_pcc_history'], registry);
    expect(r.licenses.map((l) => l.name)).toEqual(['CC-BY-SA-4.0', 'MIT']);
    expect(r.rights).toMatchObject({ commercial_reuse: 'allowed', share_alike: true, no_licence_stated: [] });
    expect(r.rights.attribution).toHaveLength(1);
  });
  it('flags a source that states no licence, and the reuse is not stated', () => {
    const r = tableRights('prison', ['openregister_maps_prison_address'], registry);
    expect(r.sources.map((s) => s.source_id)).toContain('robinl_prison_locations_2016');
    expect(r.rights.no_licence_stated.map((s) => s.source_id)).toEqual(['robinl_prison_locations_2016']);
    expect(r.rights.commercial_reuse).toBe('not stated');
  });
  it("follows a project file to the registry files it was built from", () => {
    const r = tableRights('region', ['project_reference_regions'], registry);
    expect(r.licenses.map((l) => l.name)).toEqual(['OGL-UK-3.0']);
    expect(() => tableRights('x', ['no_such_source'], registry)).toThrow(/rows name source 'no_such_source', which is neither in the registry/);
  });
  it('reads an entry without `licences` as OGL only when its text is exactly the OGL title', () => {
    const ds = { id: 'x', licence: 'Open Government Licence v3.0' } as Dataset;
    expect(datasetLicences(ds).map((l) => l.name)).toEqual(['OGL-UK-3.0']);
    expect(() => datasetLicences({ ...ds, licence: 'OGL, mostly' })).toThrow(/data\/sources\/x\.json: licence 'OGL, mostly' has no structured `licences` list/);
  });
});
