/**
 * The geography every source is keyed to: the 43 police force areas (ONS codes and names), regions,
 * and which PFA each local authority district lies in. Built first, from the ONS files in the
 * registry; sources receive it to turn names and council codes into PFA codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, PipelineError, quoteFound, type CellLocation } from '../../src/errors.ts';
import { GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import { LAD_PFA, PFA, REGION } from '../../src/tables/geography.ts';
import { readCsv, type CsvRow } from '../read/csv.ts';
import type { Registry } from '../registry.ts';
import { loadAliasCsv, NameLookup } from './names.ts';
import { contains, interiorSample, type Feature } from './polygons.ts';

const HERE = new URL('.', import.meta.url).pathname;

export const GEOGRAPHY_FILES = {
  pfaBoundaries2023: 'ons_pfa_boundaries_2023_simplified',
  pfaBoundaries2020: 'ons_pfa_boundaries_2020_buc',
  ladBoundaries2023: 'ons_lad_boundaries_2023_buc',
  ladPfaLookup2019: 'ons_lad_csp_pfa_lookup_2019',
  ltlaUtlaLookup2019: 'ons_ltla_utla_lookup_2019',
  pfaNames2019: 'ons_pfa_names_codes_2019',
} as const;

export interface Pfa {
  code: string;
  name: string;
  country: 'England' | 'Wales';
  slug: string;
}

export interface Geography {
  pfas: Pfa[];
  pfaByCode: Map<string, Pfa>;
  pfaNames: NameLookup;
  regionNames: NameLookup;
  regionName: Map<string, string>;
  /** LAD (any vintage held: 2019 lookup, April 2022/2023 successors) → PFA. */
  ladToPfa: Map<string, string>;
  ladName: Map<string, string>;
  /** Upper-tier authority (2019) → PFA, for tables published by upper-tier council. */
  utlaToPfa: Map<string, string>;
  /** Upper-tier authority (2019) code → name as ONS writes it (UTLA19NM). */
  utlaName: Map<string, string>;
  /**
   * The PFA a point lies in, on the December 2023 boundaries the maps draw (one edition for placement
   * and maps: on the December 2020 BUC edition HMP Downview fell in the Metropolitan Police area, on the
   * maps in Surrey).
   */
  pfaOfPoint(lon: number, lat: number): string | null;
  /** The same on the December 2020 BUC boundaries, only to report where the two editions' edges differ. */
  pfaOfPoint2020(lon: number, lat: number): string | null;
  /** The simplified 2023 boundaries (GeoJSON text) for maps. */
  boundariesGeojson: string;
  tables: Record<string, Row[]>;
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Display names: ONS writes "London, City of"; people say "City of London". */
const DISPLAY_NAME: Record<string, string> = { E23000034: 'City of London' };

export const GEOGRAPHY_TABLES: TableDef[] = [PFA, LAD_PFA, REGION];

/** A district or unitary authority code as ONS writes it: English unitaries (E06), non-metropolitan
 * districts (E07), metropolitan districts (E08), London boroughs (E09) and Welsh principal areas (W06). */
export const GSS_DISTRICT = /^(E06|E07|E08|E09|W06)\d{6}$/;
/** An upper-tier authority: a unitary (E06, W06), metropolitan district (E08), London borough (E09) or county (E10). */
const GSS_UPPER_TIER = /^(E06|E08|E09|E10|W06)\d{6}$/;

/**
 * A geography file as people know it: the registry id and registry path, never the cache's or the
 * mirror's copy that is read. Without a registry (a test reading mirror files directly), the path read.
 */
interface GeoFile {
  id: string;
  /** Where the verified copy is read from. */
  copy: string;
  /** The registry path, shown in errors. */
  label: string;
}

const at = (f: GeoFile, where: Omit<CellLocation, 'file' | 'registryId'> = {}): CellLocation => ({ file: f.label, registryId: f.id, ...where });

/** Errors from the shared readers name the label already; this adds the registry id. */
function named<T>(f: GeoFile, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof DataError && e.location.file === f.label && !e.location.registryId) throw new DataError({ ...e.location, registryId: f.id }, e.expected, e.found, e.hint);
    throw e;
  }
}

function readJson(f: GeoFile): any {
  try {
    return JSON.parse(readFileSync(f.copy, 'utf8'));
  } catch (e) {
    throw new DataError(at(f), 'GeoJSON', `text that is not JSON (${(e as Error).message})`);
  }
}

function readGeoCsv(f: GeoFile, requiredColumns: string[]): CsvRow[] {
  return named(f, () => readCsv(f.label, readFileSync(f.copy, 'utf8'), { requiredColumns }));
}

function features(f: GeoFile, json: any): Feature[] {
  if (!Array.isArray(json?.features)) throw new DataError(at(f, { column: 'features' }), 'a GeoJSON FeatureCollection (an array of features)', quoteFound(typeof json?.features));
  return json.features;
}

/** The project's own CSVs beside this module, named by their path in the repository. */
const projectFile = (name: string) => ({ copy: join(HERE, name), label: `pipeline/geography/${name}` });

export function buildGeography(paths: Map<string, string>, registry?: Pick<Registry, 'files'>): Geography {
  const file = (id: string): GeoFile => {
    const copy = paths.get(id);
    if (!copy) throw new PipelineError(`Geography file '${id}' was not acquired.`);
    return { id, copy, label: registry?.files.get(id)?.path ?? copy };
  };
  const sourceId = GEOGRAPHY_FILES;

  // PFAs: codes and names from the December 2023 boundaries.
  const pfaFile = file(sourceId.pfaBoundaries2023);
  const features2023 = features(pfaFile, readJson(pfaFile));
  const pfas: Pfa[] = features2023
    .map((f, i) => {
      const code = String(f.properties?.PFA23CD ?? '');
      const ons = String(f.properties?.PFA23NM ?? '');
      if (!new RegExp(GSS_PFA).test(code)) {
        throw new DataError(at(pfaFile, { row: i + 1, column: 'PFA23CD' }), 'a PFA code E23…/W15…', quoteFound(code));
      }
      const name = DISPLAY_NAME[code] ?? ons;
      return { code, name, ons, country: code.startsWith('W') ? ('Wales' as const) : ('England' as const), slug: slugify(name) };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  if (pfas.length !== 43) {
    throw new DataError(at(pfaFile), '43 police force areas', `${pfas.length}`);
  }
  const pfaByCode = new Map(pfas.map((p) => [p.code, p]));

  const pfaNames = new NameLookup('police force area');
  for (const p of pfas) {
    pfaNames.add(p.name, p.code, 'ONS 2023');
    pfaNames.add((p as Pfa & { ons: string }).ons, p.code, 'ONS 2023');
  }
  const namesFile = file(sourceId.pfaNames2019);
  for (const r of readGeoCsv(namesFile, ['PFA19CD', 'PFA19NM'])) if (pfaByCode.has(r.values.PFA19CD)) pfaNames.add(r.values.PFA19NM, r.values.PFA19CD, 'ONS 2019');
  const pfaAliases = projectFile('pfa_aliases.csv');
  loadAliasCsv(pfaNames, pfaAliases.copy, 'pfa_code', pfaAliases.label);

  const regionNames = new NameLookup('region');
  const regionName = new Map<string, string>();
  const regions = projectFile('regions.csv');
  for (const r of readCsv(regions.label, readFileSync(regions.copy, 'utf8'), { requiredColumns: ['alias', 'region_code', 'region_name'] })) {
    regionNames.add(r.values.alias, r.values.region_code, `${regions.label} line ${r.line}`);
    regionNames.add(r.values.region_name, r.values.region_code, `${regions.label} line ${r.line}`);
    regionName.set(r.values.region_code, r.values.region_name);
  }

  // Point in polygon on the December 2023 boundaries the maps draw, so that a prison is shown inside
  // the area it is counted in. They are generalised to about 100 m; the unaltered December 2020 BUC
  // export is kept to report where the two editions disagree (prison_estate records it per prison).
  const pfaOfPoint = (lon: number, lat: number): string | null => {
    const hits = features2023.filter((f) => contains(f.geometry, lon, lat));
    return hits.length === 1 ? String(hits[0].properties.PFA23CD) : null;
  };
  const pfa2020File = file(sourceId.pfaBoundaries2020);
  const features2020 = features(pfa2020File, readJson(pfa2020File));
  const pfaOfPoint2020 = (lon: number, lat: number): string | null => {
    const hits = features2020.filter((f) => contains(f.geometry, lon, lat));
    return hits.length === 1 ? String(hits[0].properties.PFA20CD) : null;
  };

  // A district code is refused unless another ONS file held lists it too: the April 2019 lower-tier →
  // upper-tier lookup (the same districts as the December 2019 LAD → PFA lookup) or the December 2023
  // district boundaries. A well-formed code no other file holds is no district.
  const utlaFile = file(sourceId.ltlaUtlaLookup2019);
  const utlaRows = readGeoCsv(utlaFile, ['LTLA19CD', 'UTLA19CD']);
  const utlaDistricts = new Map(utlaRows.map((r) => [r.values.LTLA19CD, r]));
  const ladFile = file(sourceId.ladBoundaries2023);
  const lads2023 = features(ladFile, readJson(ladFile));
  const districts2023 = new Set(lads2023.map((f) => String(f.properties?.LAD23CD ?? '')));

  // LAD → PFA: the ONS December 2019 lookup, then districts created since by spatial join.
  const ladToPfa = new Map<string, string>();
  const ladName = new Map<string, string>();
  const ladRows: Row[] = [];
  const lookupFile = file(sourceId.ladPfaLookup2019);
  const lookupRows = readGeoCsv(lookupFile, ['LAD19CD', 'LAD19NM', 'PFA19CD']);
  const lookupCodes = new Set(lookupRows.map((r) => r.values.LAD19CD));
  for (const r of lookupRows) {
    const { LAD19CD: lad, LAD19NM: name, PFA19CD: pfa } = r.values;
    const cell = (column: string) => at(lookupFile, { row: r.line, column });
    if (!GSS_DISTRICT.test(lad)) {
      throw new DataError(cell('LAD19CD'), 'a district or unitary authority code (E06, E07, E08, E09 or W06 and six digits)', quoteFound(lad));
    }
    if (!utlaDistricts.has(lad) && !districts2023.has(lad)) {
      // Where the other lookup gives this name another code that this file lacks, one of the two is damaged.
      const other = utlaRows.find((u) => u.values.LTLA19NM === name && !lookupCodes.has(u.values.LTLA19CD));
      throw new DataError(
        cell('LAD19CD'),
        `a district that another ONS geography file lists (${utlaFile.label} or ${ladFile.label})`,
        `${quoteFound(lad)} (${name})`,
        other ? `${utlaFile.label} row ${other.line} gives ${name} the code ${other.values.LTLA19CD}; check both downloads` : 'Check the download.',
      );
    }
    if (!new RegExp(GSS_PFA).test(pfa)) {
      throw new DataError(cell('PFA19CD'), 'a police force area code (E23 or W15 and six digits)', quoteFound(pfa));
    }
    if (!pfaByCode.has(pfa)) {
      throw new DataError(cell('PFA19CD'), 'one of the 43 PFA codes', quoteFound(pfa));
    }
    const prior = ladToPfa.get(lad);
    if (prior && prior !== pfa) {
      throw new DataError(cell('PFA19CD'), `${prior} (as on an earlier row for ${lad})`, quoteFound(pfa));
    }
    if (!prior) {
      ladToPfa.set(lad, pfa);
      ladName.set(lad, name);
      ladRows.push({ lad_code: lad, lad_name: name, pfa_code: pfa, method: 'ONS lookup 2019', current_2023: false, source_id: sourceId.ladPfaLookup2019, source_cell: `row ${r.line}` });
    }
  }
  const current = new Set<string>();
  lads2023.forEach((f, i) => {
    const code = String(f.properties?.LAD23CD ?? '');
    if (!GSS_DISTRICT.test(code)) {
      throw new DataError(at(ladFile, { row: i + 1, column: 'LAD23CD' }), 'a district or unitary authority code (E06, E07, E08, E09 or W06 and six digits)', quoteFound(code));
    }
    current.add(code);
    if (ladToPfa.has(code)) return;
    // A district lies wholly in one PFA: sample points inside it; (nearly) all must share one PFA.
    // The two boundary sets are generalised differently, so a few points near the edge may disagree.
    const votes = new Map<string, number>();
    for (const [lon, lat] of interiorSample(f.geometry)) {
      const pfa = pfaOfPoint(lon, lat);
      if (pfa) votes.set(pfa, (votes.get(pfa) ?? 0) + 1);
    }
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
    const total = ranked.reduce((s, [, n]) => s + n, 0);
    if (!ranked.length || ranked[0][1] / total < 0.9) {
      throw new DataError(
        at(ladFile, { row: i + 1, column: 'geometry' }),
        `district ${code} to lie within one police force area`,
        ranked.map(([c, n]) => `${c}: ${n} sample points`).join(', ') || 'no sample point inside any PFA',
      );
    }
    const pfa = ranked[0][0];
    ladToPfa.set(code, pfa);
    ladName.set(code, String(f.properties.LAD23NM));
    ladRows.push({ lad_code: code, lad_name: String(f.properties.LAD23NM), pfa_code: pfa, method: 'boundaries 2023', current_2023: true, source_id: sourceId.ladBoundaries2023, source_cell: `feature ${i + 1}` });
  });
  for (const r of ladRows) if (current.has(String(r.lad_code))) r.current_2023 = true;

  const utlaToPfa = new Map<string, string>();
  const utlaName = new Map<string, string>();
  for (const r of utlaRows) {
    const cell = (column: string) => at(utlaFile, { row: r.line, column });
    if (!GSS_DISTRICT.test(r.values.LTLA19CD)) {
      throw new DataError(cell('LTLA19CD'), 'a district or unitary authority code (E06, E07, E08, E09 or W06 and six digits)', quoteFound(r.values.LTLA19CD));
    }
    const pfa = ladToPfa.get(r.values.LTLA19CD);
    if (!pfa) throw new DataError(cell('LTLA19CD'), `a district in the LAD→PFA lookup (${lookupFile.label})`, quoteFound(r.values.LTLA19CD));
    if (!GSS_UPPER_TIER.test(r.values.UTLA19CD)) {
      throw new DataError(cell('UTLA19CD'), 'an upper-tier authority code (E06, E08, E09, E10 or W06 and six digits)', quoteFound(r.values.UTLA19CD));
    }
    const prior = utlaToPfa.get(r.values.UTLA19CD);
    if (prior && prior !== pfa) {
      throw new DataError(cell('UTLA19CD'), `upper-tier ${r.values.UTLA19CD} within one PFA (${prior})`, pfa);
    }
    utlaToPfa.set(r.values.UTLA19CD, pfa);
    if (r.values.UTLA19NM) utlaName.set(r.values.UTLA19CD, r.values.UTLA19NM);
  }

  return {
    pfas,
    pfaByCode,
    pfaNames,
    regionNames,
    regionName,
    ladToPfa,
    ladName,
    utlaToPfa,
    utlaName,
    pfaOfPoint,
    pfaOfPoint2020,
    boundariesGeojson: readFileSync(pfaFile.copy, 'utf8'),
    tables: {
      pfa: pfas.map((p) => ({
        pfa_code: p.code,
        pfa_name: p.name,
        ons_name: (p as Pfa & { ons: string }).ons,
        country: p.country,
        slug: p.slug,
        source_id: sourceId.pfaBoundaries2023,
        source_cell: `feature PFA23CD=${p.code}`,
      })),
      lad_pfa: ladRows,
      region: [...regionName.entries()].map(([code, name]) => ({ region_code: code, region_name: name, source_id: 'project_reference_regions', source_cell: 'pipeline/geography/regions.csv' })),
    },
  };
}
