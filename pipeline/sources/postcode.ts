/**
 * ONS Postcode Directory (ONSPD): every UK postcode, live and terminated, with the council (local
 * authority district) and police force area ONS assigns it. Reduced here to the postcodes of England
 * and Wales grouped by outward code, council, police force area and status, which is all the
 * postcode search needs (pipeline/outputs/postcode_index.ts writes one small file per outward code).
 *
 * NOT HELD: this parser has met only fixture files its tests write (tests/unit/postcode.test.ts).
 * The layout is the publisher's, as documented and as public code reads it:
 * - ONS, "ONS Postcode Directory (<month> <year>) User Guide" (Open Geography portal, with each
 *   release; the CSV is Data/ONSPD_<MON>_<YEAR>_UK.csv inside the release zip), and the publisher's
 *   own ArcGIS service of the directory (services1.arcgis.com/ESMARspQHYMw9BZ9, layer ONSPD_LATEST_UK:
 *   fields PCD, PCD2, PCDS, DOINTR, DOTERM, …). Until 2024 the district column is `oslaua` and the
 *   force area `pfa` (header of the February 2023 release: pcd,pcd2,pcds,dointr,doterm,oscty,ced,
 *   oslaua,osward,parish,usertype,…,pfa,imd,calncv,icb,oa21,lsoa21,msoa21); from 2025 ONS names
 *   columns with their vintage (pcd7,pcd8,pcds,dointr,doterm,usrtypind,…,lad25cd,…,pfa23cd,…).
 *   The National Statistics Postcode Lookup (NSPL), the same postcodes by best fit, names the district
 *   `laua` and is read the same way.
 * - Public code reading it: the-scouts/incognita, src/incognita/data/ons_pd.py (ONSPD May 2019/2020:
 *   pcd, oslaua, ctry, doterm); danbri/londat (queries ONSPD_LATEST_UK by pcds with the 2025+ field
 *   names doterm, lad26cd).
 *
 * Checks (strict, because a wrong postcode answer sends a voter to the wrong area): the header must
 * have pcds, doterm, exactly one district column and exactly one force-area column; every postcode
 * must be a well-formed unit postcode; doterm empty or YYYYMM; every England or Wales district code
 * must be one the geography places in a police force area, and the force area ONSPD gives must be
 * that one (police force areas are built from whole districts, so a disagreement means one of the
 * two lookups is out of date). Postcodes outside England and Wales (Scotland, Northern Ireland,
 * Channel Islands, Isle of Man) and those ONS gives no district (pseudo code E99999999/W99999999)
 * are left out and counted in a warning.
 *
 * Terminated postcodes (doterm set) are kept, marked 'terminated': a voter may type the postcode of
 * an old letter, and ONSPD still places it. A postcode listed twice with different areas is kept in
 * both (the search names both); listed twice with the same area it is an error (a damaged file).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DataError, quoteFound } from '../../src/errors.ts';
import { GSS_LAD, GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import type { SourceModule } from './types.ts';

export const POSTCODE_AREA: TableDef = {
  name: 'postcode_area',
  title: 'Postcodes of England and Wales by council and police force area (from the ONS Postcode Directory)',
  description:
    'One row per outward code (the part of a postcode before the space), council, police force area and status (live or terminated), listing the inward codes of its postcodes. Council and police force area are those the ONS Postcode Directory assigns each postcode. Empty when the directory is not held in this edition.',
  primaryKey: ['outward_code', 'lad_code', 'pfa_code', 'status'],
  columns: [
    { name: 'outward_code', type: 'string', description: 'Outward code (postcode district), e.g. SW1A.', pattern: '^[A-Z]{1,2}[0-9][A-Z0-9]?$' },
    { name: 'lad_code', type: 'string', description: 'Local authority district (council) the postcodes lie in, as ONSPD assigns them.', pattern: GSS_LAD },
    { name: 'pfa_code', type: 'string', description: 'Police force area, as ONSPD assigns them.', pattern: GSS_PFA },
    { name: 'status', type: 'string', description: "'live', or 'terminated' (withdrawn by Royal Mail; ONSPD date of termination set).", enum: ['live', 'terminated'] },
    { name: 'postcodes', type: 'integer', description: 'Number of postcodes in the row.', min: 1 },
    { name: 'inward_codes', type: 'string', description: 'Inward codes (the part after the space), sorted, separated by single spaces.', pattern: '^[0-9][A-Z]{2}( [0-9][A-Z]{2})*$' },
  ],
};

/** A unit postcode in the variable-length (pcds) form: outward code, one space, inward code. */
const UNIT_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9][A-Z]{2})$/;
const EW_DISTRICT = new RegExp(GSS_LAD);
const PSEUDO = /^[EW]99999999$/;

/** Which header names mean what, in each layout ONS has used. */
export const ONSPD_COLUMNS = {
  postcode: { re: /^pcds$/, names: 'pcds' },
  terminated: { re: /^doterm$/, names: 'doterm' },
  district: { re: /^(oslaua|laua|lad\d{2}cd)$/, names: 'oslaua, laua or ladYYcd' },
  pfa: { re: /^(pfa|pfa\d{2}cd)$/, names: 'pfa or pfaYYcd' },
};

/** One CSV line into fields (RFC 4180 quoting; ONSPD has no line breaks inside fields). Null when a quote is left open. */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i >= line.length) return out;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

interface Columns { postcode: number; terminated: number; district: number; pfa: number; names: string[] }

function headerColumns(file: string, header: string[]): Columns {
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const pick = (key: keyof typeof ONSPD_COLUMNS, what: string): number => {
    const hits = names.flatMap((n, i) => (ONSPD_COLUMNS[key].re.test(n) ? [i] : []));
    if (hits.length !== 1) {
      throw new DataError(
        { file, row: 1 },
        `one ${what} column (${ONSPD_COLUMNS[key].names}) in the ONS Postcode Directory header`,
        hits.length ? `${hits.length}: ${hits.map((i) => names[i]).join(', ')}` : `none among ${quoteFound(names.slice(0, 12).join(','))}`,
        'This is not the ONSPD CSV (Data/ONSPD_<MON>_<YEAR>_UK.csv inside the release zip), or ONS renamed a column: check the release user guide and ONSPD_COLUMNS in pipeline/sources/postcode.ts.',
      );
    }
    return hits[0];
  };
  return { postcode: pick('postcode', 'postcode'), terminated: pick('terminated', 'date of termination'), district: pick('district', 'local authority district'), pfa: pick('pfa', 'police force area'), names };
}

export interface PlacedPostcodes {
  rows: Row[];
  /** Postcodes read, and those left out (outside England and Wales, or with no district). */
  counts: { read: number; kept: number; outside: number; noDistrict: number };
}

/** Reads one ONSPD CSV, line by line (the real file is over a gigabyte), into postcode_area rows. */
export async function readOnspd(path: string, label: string, sourceId: string, ladToPfa: ReadonlyMap<string, string>): Promise<PlacedPostcodes> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let cols: Columns | null = null;
  let line = 0;
  const counts = { read: 0, kept: 0, outside: 0, noDistrict: 0 };
  // group key → inward codes, first and last line
  const groups = new Map<string, { inward: string[]; first: number; last: number }>();
  const seen = new Map<string, string>();
  for await (const text of lines) {
    line++;
    if (text.includes('\uFFFD')) throw new DataError({ file: label, row: line }, 'UTF-8 text', 'bytes that are not valid UTF-8', 'The file may be damaged: download it again.');
    if (line === 1) {
      const header = splitCsvLine(text);
      if (!header) throw new DataError({ file: label, row: 1 }, 'a CSV header row', quoteFound(text));
      cols = headerColumns(label, header);
      continue;
    }
    if (text.trim() === '') continue;
    const c = cols!;
    const f = splitCsvLine(text);
    if (!f || f.length !== c.names.length) {
      throw new DataError({ file: label, row: line }, `${c.names.length} comma-separated fields, as in the header`, f ? `${f.length}` : `an unclosed quote in ${quoteFound(text)}`, 'The file may be truncated or damaged: download it again.');
    }
    counts.read++;
    const where = (col: number) => ({ file: label, row: line, column: c.names[col] });
    const postcode = f[c.postcode].trim().toUpperCase().replace(/\s+/g, ' ');
    const m = UNIT_POSTCODE.exec(postcode);
    if (!m) throw new DataError(where(c.postcode), 'a unit postcode such as SW1A 1AA', quoteFound(f[c.postcode]));
    const doterm = f[c.terminated].trim();
    if (doterm !== '' && !/^(19|20)\d{2}(0[1-9]|1[0-2])$/.test(doterm)) throw new DataError(where(c.terminated), 'an empty cell (a live postcode) or a month YYYYMM', quoteFound(doterm));
    const lad = f[c.district].trim();
    if (PSEUDO.test(lad)) {
      counts.noDistrict++;
      continue;
    }
    if (!EW_DISTRICT.test(lad)) {
      if (/^[EW]/.test(lad)) throw new DataError(where(c.district), 'a local authority district code of England or Wales (E06, E07, E08, E09, W06)', quoteFound(lad));
      counts.outside++;
      continue;
    }
    const pfa = f[c.pfa].trim();
    const expectedPfa = ladToPfa.get(lad);
    if (!expectedPfa) {
      throw new DataError(where(c.district), 'a local authority district code that the geography places in a police force area', `'${lad}' (postcode ${postcode})`, 'A new or changed district code needs a row in the LAD → PFA lookup (pipeline/geography/) before its postcodes can be searched.');
    }
    if (pfa !== expectedPfa) {
      throw new DataError(where(c.pfa), `${expectedPfa}, the police force area of district ${lad} in the LAD → PFA lookup`, `${quoteFound(pfa)} (postcode ${postcode})`, 'Police force areas are made of whole districts: one of the two lookups is out of date. Compare the release with the ONS LAD to CSP to PFA lookup before building.');
    }
    const status = doterm === '' ? 'live' : 'terminated';
    const place = `${lad} ${pfa} ${status}`;
    const before = seen.get(postcode);
    if (before !== undefined && before.split('|').includes(place)) {
      throw new DataError(where(c.postcode), 'each postcode once per area', `${postcode} a second time in ${lad}`, 'The file may be damaged: download it again.');
    }
    seen.set(postcode, before === undefined ? place : `${before}|${place}`);
    const key = `${m[1]} ${place}`;
    const g = groups.get(key);
    if (g) {
      g.inward.push(m[2]);
      g.last = line;
    } else groups.set(key, { inward: [m[2]], first: line, last: line });
    counts.kept++;
  }
  if (!cols) throw new DataError({ file: label }, 'a CSV file with a header row', 'an empty file');
  if (counts.read === 0) throw new DataError({ file: label }, 'postcode rows under the header', 'none');
  const rows: Row[] = [];
  for (const [key, g] of groups) {
    const [outward_code, lad_code, pfa_code, status] = key.split(' ');
    const inward = [...g.inward].sort();
    rows.push({
      outward_code, lad_code, pfa_code, status,
      postcodes: inward.length,
      inward_codes: inward.join(' '),
      source_id: sourceId,
      source_cell: g.first === g.last ? `row ${g.first}` : `rows ${g.first}–${g.last} (${inward.length} rows)`,
    });
  }
  return { rows, counts };
}

const source: SourceModule = {
  tables: [POSTCODE_AREA],
  async parse({ files, geography, warn }) {
    // One directory is a complete list of postcodes: two held would give two answers for one postcode.
    if (files.length > 1) {
      throw new DataError({ file: files.map((f) => f.label).join(', ') }, 'one held ONS Postcode Directory (the newest)', `${files.length} held`, 'Mark the older release held: false in data/sources/ons_postcode_directory.json.');
    }
    const rows: Row[] = [];
    for (const file of files) {
      const placed = await readOnspd(file.path, file.label, file.entry.id, geography.ladToPfa);
      const { read, kept, outside, noDistrict } = placed.counts;
      if (outside + noDistrict > 0) {
        warn(`${file.label}: ${kept} of ${read} postcodes kept (England and Wales); ${outside} outside England and Wales and ${noDistrict} with no district (pseudo code) left out of the postcode search.`);
      }
      rows.push(...placed.rows);
    }
    return { postcode_area: rows };
  },
};

export default source;
