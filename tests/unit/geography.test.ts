/**
 * The geography module's errors, on a small world the test writes: 43 square police force areas side
 * by side, one district in each, and the ONS lookups over them. Every error names the registry path
 * and registry id of the file (never the copy read) and the row and column, with what was found.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGeography, GEOGRAPHY_FILES } from '../../pipeline/geography/index.ts';
import type { Registry } from '../../pipeline/registry.ts';
import { errorOf } from './error-of.ts';

const PFAS = [...Array.from({ length: 39 }, (_, i) => `E23${String(i + 1).padStart(6, '0')}`), ...Array.from({ length: 4 }, (_, i) => `W15${String(i + 1).padStart(6, '0')}`)];
const districtOf = (pfa: string, i: number) => `${pfa.startsWith('W') ? 'W06' : 'E06'}${String(i + 1).padStart(6, '0')}`;
/** Names of letters only: the name matcher drops digits at the end of a name ("Wiltshire2"). */
const letters = (i: number) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
const square = (x0: number, x1: number) => ({ type: 'Polygon', coordinates: [[[x0, 50], [x1, 50], [x1, 51], [x0, 51], [x0, 50]]] });
const collection = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });

/** Registry paths as data/sources/ons_geography.json would give them. */
const REGISTRY_PATH: Record<string, string> = {
  [GEOGRAPHY_FILES.pfaBoundaries2023]: 'geography/pfa_2023/police-forces.geojson',
  [GEOGRAPHY_FILES.pfaBoundaries2020]: 'geography/pfa_2020/police_force_areas.geojson',
  [GEOGRAPHY_FILES.ladBoundaries2023]: 'geography/lad_2023/local-authorities.geojson',
  [GEOGRAPHY_FILES.ladPfaLookup2019]: 'geography/lookups/194.csv',
  [GEOGRAPHY_FILES.ltlaUtlaLookup2019]: 'geography/lookups/177.csv',
  [GEOGRAPHY_FILES.pfaNames2019]: 'geography/names/244.csv',
};
const registry = { files: new Map(Object.entries(REGISTRY_PATH).map(([id, path]) => [id, { id, path }])) } as unknown as Pick<Registry, 'files'>;

function goodFiles(): Record<string, string> {
  const lookup = ['FID,LAD19CD,LAD19NM,CSP19CD,CSP19NM,PFA19CD,PFA19NM', ...PFAS.map((p, i) => `${i + 1},${districtOf(p, i)},District ${letters(i)},E22000001,CSP,${p},Force ${letters(i)}`)];
  const utla = ['FID,LTLA19CD,LTLA19NM,UTLA19CD,UTLA19NM', ...PFAS.map((p, i) => `${i + 1},${districtOf(p, i)},District ${letters(i)},${districtOf(p, i)},District ${letters(i)}`)];
  return {
    [GEOGRAPHY_FILES.pfaBoundaries2023]: collection(PFAS.map((p, i) => ({ type: 'Feature', properties: { PFA23CD: p, PFA23NM: `Force ${letters(i)}` }, geometry: square(i, i + 1) }))),
    [GEOGRAPHY_FILES.pfaBoundaries2020]: collection(PFAS.map((p, i) => ({ type: 'Feature', properties: { PFA20CD: p, PFA20NM: `Force ${letters(i)}` }, geometry: square(i, i + 1) }))),
    [GEOGRAPHY_FILES.ladBoundaries2023]: collection(PFAS.map((p, i) => ({ type: 'Feature', properties: { LAD23CD: districtOf(p, i), LAD23NM: `District ${letters(i)}` }, geometry: square(i + 0.1, i + 0.9) }))),
    [GEOGRAPHY_FILES.ladPfaLookup2019]: lookup.join('\n') + '\n',
    [GEOGRAPHY_FILES.ltlaUtlaLookup2019]: utla.join('\n') + '\n',
    [GEOGRAPHY_FILES.pfaNames2019]: ['FID,PFA19CD,PFA19NM', ...PFAS.map((p, i) => `${i + 1},${p},Force ${letters(i)}`)].join('\n') + '\n',
  };
}

/** Writes the world (with `damage` applied to one file) under a fresh temporary folder; returns the copies' paths. */
function world(damage: Record<string, (text: string) => string> = {}): { dir: string; paths: Map<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'jba-geo-'));
  const paths = new Map<string, string>();
  for (const [id, text] of Object.entries(goodFiles())) {
    const copy = join(dir, `${id}.copy`);
    writeFileSync(copy, (damage[id] ?? ((t) => t))(text));
    paths.set(id, copy);
  }
  return { dir, paths };
}

/** The message of the error building the damaged world throws; it must not name the copy read. */
function refusal(damage: Record<string, (text: string) => string>): string {
  const { dir, paths } = world(damage);
  const message = errorOf(() => buildGeography(paths, registry)).message;
  expect(message).not.toContain(dir);
  return message;
}

const LOOKUP = GEOGRAPHY_FILES.ladPfaLookup2019;
/** Replaces one field of one data row (1-based line as the file shows it, the header being line 1). */
const field = (line: number, column: string, value: string) => (text: string) => {
  const rows = text.trimEnd().split('\n').map((r) => r.split(','));
  rows[line - 1][rows[0].indexOf(column)] = value;
  return rows.map((r) => r.join(',')).join('\n') + '\n';
};

describe('buildGeography on a written world', () => {
  it('builds the good world: 43 areas, each district placed by the lookup', () => {
    const g = buildGeography(world().paths, registry);
    expect(g.pfas.map((p) => p.code)).toEqual(PFAS);
    expect(g.ladToPfa.get('E06000005')).toBe('E23000005');
    expect(g.tables.lad_pfa.filter((r) => r.method === 'ONS lookup 2019')).toHaveLength(43);
  });

  it('a district code of the wrong type in the LAD→PFA lookup names file, row, column, value and what was expected', () => {
    expect(refusal({ [LOOKUP]: field(4, 'LAD19CD', 'E10000003') })).toBe(
      "geography/lookups/194.csv, row 4, column LAD19CD: expected a district or unitary authority code (E06, E07, E08, E09 or W06 and six digits), found 'E10000003' (registry file ons_lad_csp_pfa_lookup_2019)",
    );
    expect(refusal({ [LOOKUP]: field(2, 'LAD19CD', 'Hartlepool') })).toMatch(/^geography\/lookups\/194\.csv, row 2, column LAD19CD: expected a district .* found 'Hartlepool'/);
  });

  it('a well-formed district code that no other geography file lists is refused in the lookup that holds it', () => {
    expect(refusal({ [LOOKUP]: field(6, 'LAD19CD', 'E06999999') })).toBe(
      "geography/lookups/194.csv, row 6, column LAD19CD: expected a district that another ONS geography file lists (geography/lookups/177.csv or geography/lad_2023/local-authorities.geojson), found 'E06999999' (District AE). geography/lookups/177.csv row 6 gives District AE the code E06000005; check both downloads (registry file ons_lad_csp_pfa_lookup_2019)",
    );
  });

  it('a malformed PFA code and an unknown one are told apart', () => {
    expect(refusal({ [LOOKUP]: field(3, 'PFA19CD', 'E2300002') })).toBe(
      "geography/lookups/194.csv, row 3, column PFA19CD: expected a police force area code (E23 or W15 and six digits), found 'E2300002' (registry file ons_lad_csp_pfa_lookup_2019)",
    );
    expect(refusal({ [LOOKUP]: field(3, 'PFA19CD', 'E23000099') })).toMatch(/^geography\/lookups\/194\.csv, row 3, column PFA19CD: expected one of the 43 PFA codes, found 'E23000099'/);
  });

  it('an unknown district in the lower-tier lookup is refused there, not in the LAD→PFA lookup', () => {
    expect(refusal({ [GEOGRAPHY_FILES.ltlaUtlaLookup2019]: field(10, 'LTLA19CD', 'E06999999') })).toMatch(
      /^geography\/lookups\/177\.csv, row 10, column LTLA19CD: expected a district in the LAD→PFA lookup \(geography\/lookups\/194\.csv\), found 'E06999999' \(registry file ons_ltla_utla_lookup_2019\)$/,
    );
    expect(refusal({ [GEOGRAPHY_FILES.ltlaUtlaLookup2019]: field(10, 'UTLA19CD', 'E07000009') })).toMatch(/^geography\/lookups\/177\.csv, row 10, column UTLA19CD: expected an upper-tier authority code/);
  });

  it('boundary files: not JSON, a bad code, a bad district code', () => {
    expect(refusal({ [GEOGRAPHY_FILES.pfaBoundaries2023]: (t) => t.slice(0, 100) })).toMatch(
      /^geography\/pfa_2023\/police-forces\.geojson: expected GeoJSON, found text that is not JSON .*\(registry file ons_pfa_boundaries_2023_simplified\)$/,
    );
    expect(refusal({ [GEOGRAPHY_FILES.pfaBoundaries2023]: (t) => t.replace('"E23000007"', '"E2300007"') })).toBe(
      "geography/pfa_2023/police-forces.geojson, row 7, column PFA23CD: expected a PFA code E23…/W15…, found 'E2300007' (registry file ons_pfa_boundaries_2023_simplified)",
    );
    expect(refusal({ [GEOGRAPHY_FILES.ladBoundaries2023]: (t) => t.replace('"E06000002"', '"E6000002"') })).toMatch(
      /^geography\/lad_2023\/local-authorities\.geojson, row 2, column LAD23CD: expected a district or unitary authority code .* found 'E6000002' \(registry file ons_lad_boundaries_2023_buc\)$/,
    );
    expect(refusal({ [GEOGRAPHY_FILES.pfaBoundaries2020]: () => '{"type":"FeatureCollection"}' })).toMatch(/^geography\/pfa_2020\/police_force_areas\.geojson, column features: expected a GeoJSON FeatureCollection/);
  });

  it("the CSV reader's own errors gain the registry path and id", () => {
    expect(refusal({ [GEOGRAPHY_FILES.pfaNames2019]: () => '' })).toBe('geography/names/244.csv: expected a CSV file with a header row, found an empty file (registry file ons_pfa_names_codes_2019)');
    expect(refusal({ [LOOKUP]: (t) => t.replace('LAD19NM', 'LADNAME') })).toMatch(/^geography\/lookups\/194\.csv, row 1, column LAD19NM: expected a column headed 'LAD19NM'.*\(registry file ons_lad_csp_pfa_lookup_2019\)$/);
  });
});
