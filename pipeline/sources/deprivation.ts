/**
 * Deprivation: the English Indices of Deprivation 2019 and 2025 council (district) summaries, the
 * ONS lookup of every English LSOA to its IMD 2019 rank, and the Welsh WIMD 2019 ranks. English and
 * Welsh ranks are different indices and are kept in separate tables: never compare them.
 *
 * Checks the files carry: the English LSOA ranks are exactly 1…32,844 once each; the Welsh ranks
 * 1…1,909; every district lies in a known PFA.
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound, type CellLocation } from '../../src/errors.ts';
import { GSS_LAD, GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import { readCsv } from '../read/csv.ts';
import { requireNumber, roundTo } from '../read/values.ts';
import type { SourceModule } from './types.ts';

/** England's LSOAs in IMD 2019; the most deprived decile is ranks 1…3,284 (MHCLG's decile cut). */
export const ENGLAND_LSOAS_2019 = 32844;
export const WALES_LSOAS_2019 = 1909;

export const DEPRIVATION_LAD: TableDef = {
  name: 'deprivation_lad',
  title: 'English Indices of Deprivation 2019 and 2025: local authority district summaries',
  description:
    "MHCLG council (lower-tier district) summaries of the English Indices of Deprivation, for the IMD and each domain, as published in File 10 (tidy copy by Trafford Data Lab). Ranks: 1 = most deprived district. proportion_bottom_decile = share of the district's LSOAs in England's most deprived 10%. 2019 uses 2019 districts, 2025 uses 2024 districts. England only. These summaries cannot be combined into a PFA figure without LSOA counts or populations, which the summaries do not give.",
  primaryKey: ['edition', 'lad_code', 'index_domain'],
  columns: [
    { name: 'edition', type: 'integer', description: 'IoD edition: 2019 or 2025.', min: 2019, max: 2025 },
    { name: 'lad_code', type: 'string', description: 'District GSS code (2019 or 2024 boundaries, as the edition).', pattern: GSS_LAD },
    { name: 'lad_name', type: 'string', description: 'District name as published.' },
    { name: 'pfa_code', type: 'string', description: 'Police force area the district lies in.', pattern: GSS_PFA },
    { name: 'index_domain', type: 'string', description: 'Index of Multiple Deprivation, or one of its domains / supplementary indices, as published.' },
    { name: 'average_rank', type: 'number', description: "Population-weighted average of the district's LSOA ranks (higher = more deprived).", min: 0 },
    { name: 'rank_average_rank', type: 'integer', description: 'Rank of average_rank among districts (1 = most deprived).', min: 1 },
    { name: 'average_score', type: 'number', description: "Population-weighted average of the district's LSOA scores." },
    { name: 'rank_average_score', type: 'integer', description: 'Rank of average_score (1 = most deprived).', min: 1 },
    { name: 'proportion_bottom_decile', type: 'number', description: "Share (0-1) of the district's LSOAs in England's most deprived 10%.", min: 0, max: 1 },
    { name: 'rank_proportion_bottom_decile', type: 'integer', description: 'Rank of proportion_bottom_decile (1 = most deprived).', min: 1 },
  ],
};

export const IMD2019_LSOA: TableDef = {
  name: 'imd2019_lsoa',
  title: 'English IMD 2019 rank of every LSOA (ONS lookup), with district and PFA',
  description: 'Each English 2011 LSOA with its district (December 2019), the PFA that district lies in, and its IMD 2019 rank among the 32,844 English LSOAs (1 = most deprived). English ranks only: not comparable with the Welsh WIMD.',
  primaryKey: ['lsoa_code'],
  columns: [
    { name: 'lsoa_code', type: 'string', description: 'LSOA 2011 GSS code.', pattern: '^E01\\d{6}$' },
    { name: 'lsoa_name', type: 'string', description: 'LSOA name.' },
    { name: 'lad_code', type: 'string', description: 'District (December 2019).', pattern: GSS_LAD },
    { name: 'pfa_code', type: 'string', description: 'Police force area of the district.', pattern: GSS_PFA },
    { name: 'imd_rank', type: 'integer', description: 'IMD 2019 rank, 1 = most deprived of 32,844.', min: 1, max: ENGLAND_LSOAS_2019 },
  ],
};

export const WIMD2019_LSOA: TableDef = {
  name: 'wimd2019_lsoa',
  title: 'Welsh WIMD 2019 rank of every Welsh LSOA (ONS lookup), with PFA',
  description: 'Each Welsh 2011 LSOA with its local authority, PFA and WIMD 2019 rank among the 1,909 Welsh LSOAs (1 = most deprived). A different index from the English IMD: the ranks are not comparable.',
  primaryKey: ['lsoa_code'],
  columns: [
    { name: 'lsoa_code', type: 'string', description: 'LSOA 2011 GSS code.', pattern: '^W01\\d{6}$' },
    { name: 'lad_code', type: 'string', description: 'Local authority.', pattern: GSS_LAD },
    { name: 'pfa_code', type: 'string', description: 'Police force area of the local authority.', pattern: GSS_PFA },
    { name: 'wimd_rank', type: 'integer', description: 'WIMD 2019 rank, 1 = most deprived of 1,909.', min: 1, max: WALES_LSOAS_2019 },
  ],
};

const NUMERIC = ['average_rank', 'rank_average_rank', 'average_score', 'rank_average_score', 'proportion_bottom_decile', 'rank_proportion_bottom_decile'] as const;
/**
 * The tidy CSVs store binary float artefacts ("35.036999999999999", "7.8700000000000006E-2"); the
 * publisher printed at most 4 dp, so read the decimal (scientific notation allowed) and round to 4.
 */
export function iodNumber(raw: string, where: CellLocation, what: string): number {
  const text = raw.trim();
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) throw new DataError(where, `a number (${what})`, quoteFound(raw));
  return roundTo(Number(text), 4);
}

export function parseIodLad(label: string, sourceId: string, text: string, edition: 2019 | 2025, ladToPfa: Map<string, string>): Row[] {
  const codeCol = edition === 2019 ? 'lad19cd' : 'area_code';
  const nameCol = edition === 2019 ? 'lad19nm' : 'area_name';
  const rows: Row[] = [];
  for (const r of readCsv(label, text, { requiredColumns: [codeCol, nameCol, 'index_domain', ...NUMERIC] })) {
    const v = r.values;
    const at = (column: string) => ({ file: label, row: r.line, column });
    const pfa = ladToPfa.get(v[codeCol]);
    if (!pfa) throw new DataError(at(codeCol), 'a district in the LAD→PFA lookup', `'${v[codeCol]}'`);
    const row: Row = { edition, lad_code: v[codeCol], lad_name: v[nameCol], pfa_code: pfa, index_domain: v.index_domain, source_id: sourceId, source_cell: `row ${r.line}` };
    for (const c of NUMERIC) row[c] = iodNumber(v[c], at(c), c);
    rows.push(row);
  }
  return rows;
}

export function parseImdLsoa(label: string, sourceId: string, text: string, ladToPfa: Map<string, string>): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(label, text, { requiredColumns: ['LSOA11CD', 'LSOA11NM', 'LAD19CD', 'IMD19'] })) {
    const v = r.values;
    const at = (column: string) => ({ file: label, row: r.line, column });
    const pfa = ladToPfa.get(v.LAD19CD);
    if (!pfa) throw new DataError(at('LAD19CD'), 'a district in the LAD→PFA lookup', `'${v.LAD19CD}'`);
    const rank = requireNumber(v.IMD19, at('IMD19'), 'an IMD rank');
    if (!Number.isInteger(rank) || rank < 1 || rank > ENGLAND_LSOAS_2019) {
      throw new DataError(at('IMD19'), `a whole-number rank 1…${ENGLAND_LSOAS_2019}`, `'${v.IMD19}'`);
    }
    rows.push({ lsoa_code: v.LSOA11CD, lsoa_name: v.LSOA11NM, lad_code: v.LAD19CD, pfa_code: pfa, imd_rank: rank, source_id: sourceId, source_cell: `row ${r.line}` });
  }
  if (rows.length !== ENGLAND_LSOAS_2019) throw new DataError({ file: label }, `${ENGLAND_LSOAS_2019} LSOAs (ranks 1…${ENGLAND_LSOAS_2019})`, `${rows.length} rows`);
  checkCompetitionRanking(label, rows);
  return rows;
}

/**
 * The file has 26 tied ranks (equal scores share the lower rank and the next rank is skipped), so
 * ranks must form a competition ranking: sorted, the i-th rank is i or equals the one before. The
 * decile cut (rank <= 3,284) is exact only if no tie straddles it.
 */
export function checkCompetitionRanking(label: string, rows: Row[]) {
  const sorted = rows.map((r) => Number(r.imd_rank)).sort((a, b) => a - b);
  sorted.forEach((rank, i) => {
    if (rank !== i + 1 && rank !== sorted[i - 1]) {
      const bad = rows.find((r) => r.imd_rank === rank)!;
      throw new DataError({ file: label, row: Number(String(bad.source_cell).slice(4)), column: 'IMD19' }, `rank ${i + 1} (ranks 1…${ENGLAND_LSOAS_2019}, ties sharing the lower rank)`, `${rank}`);
    }
  });
  const cut = Math.floor(ENGLAND_LSOAS_2019 / 10);
  if (sorted[cut - 1] === sorted[cut]) throw new DataError({ file: label, column: 'IMD19' }, `no tie across the most-deprived-decile cut (rank ${cut})`, `a tie at rank ${sorted[cut]}`);
}

export function parseWimdLsoa(label: string, sourceId: string, text: string, ladToPfa: Map<string, string>): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(label, text, { requiredColumns: ['lsoa11cd', 'ladcd', 'wimd_2019'] })) {
    const v = r.values;
    const at = (column: string) => ({ file: label, row: r.line, column });
    const pfa = ladToPfa.get(v.ladcd);
    if (!pfa) throw new DataError(at('ladcd'), 'a Welsh local authority in the LAD→PFA lookup', `'${v.ladcd}'`);
    const rank = requireNumber(v.wimd_2019, at('wimd_2019'), 'a WIMD rank');
    rows.push({ lsoa_code: v.lsoa11cd, lad_code: v.ladcd, pfa_code: pfa, wimd_rank: rank, source_id: sourceId, source_cell: `row ${r.line}` });
  }
  if (rows.length !== WALES_LSOAS_2019) throw new DataError({ file: label }, `${WALES_LSOAS_2019} Welsh LSOAs`, `${rows.length} rows`);
  return rows;
}

const source: SourceModule = {
  tables: [DEPRIVATION_LAD, IMD2019_LSOA, WIMD2019_LSOA],
  parse({ files, geography }) {
    const out: Record<string, Row[]> = { deprivation_lad: [], imd2019_lsoa: [], wimd2019_lsoa: [] };
    for (const f of files) {
      const text = readFileSync(f.path, 'utf8');
      switch (f.entry.id) {
        case 'mhclg_iod2019_lad_summaries':
          out.deprivation_lad.push(...parseIodLad(f.label, f.entry.id, text, 2019, geography.ladToPfa));
          break;
        case 'mhclg_iod2025_lad_summaries':
          out.deprivation_lad.push(...parseIodLad(f.label, f.entry.id, text, 2025, geography.ladToPfa));
          break;
        case 'ons_imd2019_lsoa_lookup_england':
          out.imd2019_lsoa.push(...parseImdLsoa(f.label, f.entry.id, text, geography.ladToPfa));
          break;
        case 'ons_wimd2019_lsoa_lookup_wales':
          out.wimd2019_lsoa.push(...parseWimdLsoa(f.label, f.entry.id, text, geography.ladToPfa));
          break;
        default:
          throw new DataError({ file: f.label }, 'a deprivation file this parser knows', `registry id ${f.entry.id}`);
      }
    }
    return out;
  },
};

export default source;
