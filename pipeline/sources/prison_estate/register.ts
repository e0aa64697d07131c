/**
 * What the registers say about each establishment, keyed on the NOMIS code: the MoJ prison-register
 * seed data (2021–22: standard name, operator, gender, type, category, postcode), the GOV.UK
 * openregister prison lists of 2016–17 (predominant function, postcode, coordinates) and the Prison
 * Reform Trust's list of contracted-out prisons (2025: operator, postcode centroid coordinates).
 *
 * Trap: openregister maps/prison-address.tsv has its `long` and `lat` columns swapped (`long` holds
 * the latitude). readOpenregisterAddresses detects the swap from the values and refuses a file where
 * the columns are neither clearly right nor clearly swapped.
 */
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { DataError } from '../../../src/errors.ts';
import { readCsv } from '../../read/csv.ts';
import { applyMigrations, type SqlDatabase } from './register_sql.ts';
import type { HeldFile } from '../types.ts';

export interface Coordinates {
  lon: number;
  lat: number;
  /** Registry file id and row the coordinates come from. */
  sourceId: string;
  sourceCell: string;
  what: string;
}

export interface RegisterEntry {
  code: string;
  name: string | null;
  operator: string | null;
  functionText: string | null;
  gender: 'Male' | 'Female' | 'Mixed' | null;
  postcode: string | null;
  /** Registry file id and row the postcode comes from. */
  postcodeSource: string | null;
  /** Every postcode the registers give (they differ between editions, e.g. Chelmsford CM2 6JT / CM2 6LQ). */
  postcodes: string[];
}

// England and Wales lie within these bounds: enough to tell latitude from longitude.
const LAT = [49.8, 55.9];
const LON = [-6.5, 2.0];
const inRange = (v: number, [lo, hi]: number[]) => v >= lo && v <= hi;

export function normalisePostcode(pc: string): string {
  const s = pc.toUpperCase().replace(/\s+/g, '');
  return s.length > 3 ? `${s.slice(0, -3)} ${s.slice(-3)}` : s;
}

/**
 * prison-address.tsv rows → coordinates by postcode. Each row's `long`/`lat` pair must be either the
 * right way round or swapped (checked row by row against the bounds of England and Wales).
 */
export function readOpenregisterAddresses(label: string, text: string, sourceId: string): Map<string, Coordinates> {
  const out = new Map<string, Coordinates>();
  for (const r of readCsv(label, text, { delimiter: '\t', requiredColumns: ['postcode', 'long', 'lat'] })) {
    const a = Number(r.values.long);
    const b = Number(r.values.lat);
    let lon: number;
    let lat: number;
    if (inRange(a, LAT) && inRange(b, LON)) [lat, lon] = [a, b];
    else if (inRange(a, LON) && inRange(b, LAT)) [lon, lat] = [a, b];
    else {
      throw new DataError({ file: label, row: r.line, column: 'long' }, 'a longitude and a latitude in England and Wales (in either column order)', `long='${r.values.long}', lat='${r.values.lat}'`);
    }
    const pc = normalisePostcode(r.values.postcode ?? '');
    if (!pc) continue;
    out.set(pc, { lon, lat, sourceId, sourceCell: `row ${r.line}`, what: `openregister 2017 address coordinates for ${pc}` });
  }
  return out;
}

function tsv(file: HeldFile, required: string[]) {
  return readCsv(file.label, readFileSync(file.path, 'utf8'), { delimiter: '\t', requiredColumns: required });
}

const OPERATOR_NAME: Record<string, string> = { PSP: 'Public sector (HMPPS)', MTCNovo: 'MTCnovo' };

/** Build the register from the held files of the register datasets (any order); names without a code go through `nameToCode`. */
export function buildRegister(
  files: HeldFile[],
  nameToCode: (name: string) => string | undefined = () => undefined,
): { entries: Map<string, RegisterEntry>; coordinates: Map<string, Coordinates>; notes: string[] } {
  const byName = (suffix: string) => files.find((f) => f.label.endsWith(suffix));
  const entries = new Map<string, RegisterEntry>();
  const entry = (code: string): RegisterEntry => {
    let e = entries.get(code);
    if (!e) entries.set(code, (e = { code, name: null, operator: null, functionText: null, gender: null, postcode: null, postcodeSource: null, postcodes: [] }));
    return e;
  };
  const notes: string[] = [];

  // 1. MoJ prison register (SQL seed migrations).
  const sqlFiles = files.filter((f) => f.label.endsWith('.sql'));
  if (sqlFiles.length) {
    const db: SqlDatabase = applyMigrations(sqlFiles.map((f) => ({ label: f.label, name: basename(f.label), text: readFileSync(f.path, 'utf8') })));
    notes.push(...(db.notes ?? []));
    const idOf = (label: string) => sqlFiles.find((f) => f.label.endsWith(label))?.entry.id ?? sqlFiles[0].entry.id;
    const operators = new Map(db.get('operator')?.rows.map((r) => [r.id, String(r.name)]) ?? []);
    const opOf = new Map<string, string[]>();
    for (const r of db.get('prison_operator')?.rows ?? []) opOf.set(String(r.prison_id), [...(opOf.get(String(r.prison_id)) ?? []), operators.get(r.operator_id) ?? String(r.operator_id)]);
    const types = new Map<string, string[]>();
    for (const r of db.get('prison_type')!.rows) types.set(String(r.prison_id), [...(types.get(String(r.prison_id)) ?? []), String(r.type)]);
    const cats = new Map<string, string[]>();
    for (const r of db.get('prison_category')!.rows) cats.set(String(r.prison_id), [...(cats.get(String(r.prison_id)) ?? []), String(r.category)]);
    for (const r of db.get('prison')!.rows) {
      const code = String(r.prison_id);
      const e = entry(code);
      e.name = String(r.name);
      const ops = opOf.get(code);
      if (ops) e.operator = ops.map((o) => OPERATOR_NAME[o] ?? o).join(', ');
      e.gender = r.male === true && r.female === true ? 'Mixed' : r.male === true ? 'Male' : r.female === true ? 'Female' : null;
      const t = types.get(code);
      const c = cats.get(code);
      const parts = [t ? `type ${[...new Set(t)].sort().join('/')}` : null, c ? `category ${[...new Set(c)].sort().join('/')}` : null].filter(Boolean);
      if (parts.length) e.functionText = `${parts.join(', ')} (MoJ register 2022)`;
    }
    for (const r of db.get('address')!.rows) {
      if (!r.postcode) continue;
      const e = entry(String(r.prison_id));
      e.postcode = normalisePostcode(String(r.postcode));
      e.postcodeSource = idOf('V1_11__insert_prison_address.sql');
      e.postcodes.push(e.postcode);
    }
  }

  // 2. openregister 2017: register code ↔ NOMIS, resettlement list (function, operator, postcode), former prisons.
  const nomisMap = byName('maps/nomis-code.tsv');
  const estateMap = byName('maps/prison-estate.tsv');
  const estateList = byName('lists/prison-estate/prison_estate.tsv');
  const former = byName('lists/former-prisons/prisons.tsv');
  const addresses = byName('maps/prison-address.tsv');
  const coordinates = addresses ? readOpenregisterAddresses(addresses.label, readFileSync(addresses.path, 'utf8'), addresses.entry.id) : new Map<string, Coordinates>();
  if (nomisMap && estateMap && estateList) {
    const nomisOf = new Map(tsv(nomisMap, ['nomis', 'prison']).map((r) => [r.values.prison, r.values.nomis]));
    const registerOf = new Map(tsv(estateMap, ['name', 'prison']).map((r) => [r.values.name, r.values.prison]));
    for (const r of tsv(estateList, ['name', 'operator', 'predominant_function', 'postcode'])) {
      const reg = registerOf.get(r.values.name);
      // Combined entries ('Usk / Prescoed') have no NOMIS code in the map: the alias table's rule applies.
      const code = (reg ? nomisOf.get(reg) : undefined) ?? nameToCode(r.values.name);
      if (!code) {
        notes.push(`${estateList.label}, row ${r.line}: '${r.values.name}' has no NOMIS code in maps/nomis-code.tsv; not used.`);
        continue;
      }
      const e = entry(code);
      const fn = r.values.predominant_function?.trim();
      if (fn) e.functionText = e.functionText ? `${fn} (NOMS 2017); ${e.functionText}` : `${fn} (NOMS 2017)`;
      const pc = normalisePostcode(r.values.postcode ?? '');
      if (pc) e.postcodes.push(pc);
      if (pc && !e.postcode) {
        e.postcode = pc;
        e.postcodeSource = estateList.entry.id;
      }
      if (!e.operator && r.values.operator) e.operator = OPERATOR_NAME[r.values.operator] ?? r.values.operator;
    }
  }
  if (former) {
    for (const r of tsv(former, ['nomis', 'postcode'])) {
      const code = r.values.nomis?.trim();
      if (!code) continue;
      const e = entry(code);
      if (r.values.postcode) e.postcodes.push(normalisePostcode(r.values.postcode));
      if (!e.postcode && r.values.postcode) {
        e.postcode = normalisePostcode(r.values.postcode);
        e.postcodeSource = former.entry.id;
      }
    }
  }
  return { entries, coordinates, notes };
}

/** PRT contracted-out prisons (2025): name → operator, postcode and postcode-centroid coordinates. */
export interface PrivatePrison {
  name: string;
  provider: string;
  postcode: string;
  coordinates: Coordinates;
  line: number;
}

export function readPrivatePrisons(file: HeldFile): PrivatePrison[] {
  const rows = readCsv(file.label, readFileSync(file.path, 'utf8'), { requiredColumns: ['prison_name', 'provider', 'postal_code', 'latitude', 'longitude'] });
  return rows.map((r) => {
    const lat = Number(r.values.latitude);
    const lon = Number(r.values.longitude);
    if (!inRange(lat, LAT) || !inRange(lon, LON)) {
      throw new DataError({ file: file.label, row: r.line, column: 'latitude' }, 'a latitude and longitude in England and Wales', `'${r.values.latitude}', '${r.values.longitude}'`);
    }
    const postcode = normalisePostcode(r.values.postal_code);
    return {
      name: r.values.prison_name.trim(),
      provider: r.values.provider.trim(),
      postcode,
      line: r.line,
      coordinates: { lon, lat, sourceId: file.entry.id, sourceCell: `row ${r.line}`, what: `PRT postcode centroid for ${postcode}` },
    };
  });
}

/** robinl's 2016 bridge: bulletin name → coordinates, used only to CHECK placements (not published). */
export function readBridgeCoordinates(file: HeldFile): { name: string; code: string | null; lon: number; lat: number; line: number }[] {
  const rows = readCsv(file.label, readFileSync(file.path, 'utf8'), { requiredColumns: ['moj_prison_name', 'lat', 'lng', 'nomis_id'] });
  return rows
    .filter((r) => r.values.lat && r.values.lng)
    .map((r) => ({ name: r.values.moj_prison_name.trim(), code: r.values.nomis_id?.trim() || null, lat: Number(r.values.lat), lon: Number(r.values.lng), line: r.line }));
}
