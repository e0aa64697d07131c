/**
 * The postcode search's static index, written during publish from the postcode_area table: one
 * small JSON file per outward code (data/build/postcodes/<OUTWARD>.json) and postcodes/index.json
 * listing the outward codes held. The browser fetches only the file of the outward code typed, so
 * the search needs no server and no script from elsewhere (the site's CSP allows 'self' only).
 *
 * A file names each council and police force area its postcodes lie in, with the site's area page
 * slug, and lists inward codes per area and status; a postcode listed under two areas is answered
 * with both, and an outward code alone with every area it covers. Nothing is written when the
 * directory is not held: the search then says it is not available in this build.
 */
import type { Row } from '../../src/tables.ts';
import { POSTCODE_DIR, type OutwardArea, type OutwardFile, type PostcodeIndexFile } from '../../src/postcodes.ts';
import { writeText } from '../publish.ts';

/** Files by path under the build folder; empty when no postcodes are held. */
export function postcodeIndexFiles(tables: Readonly<Record<string, Row[]>>): Map<string, string> {
  const out = new Map<string, string>();
  const rows = tables.postcode_area ?? [];
  if (rows.length === 0) return out;
  const lad = new Map((tables.lad_pfa ?? []).map((r) => [String(r.lad_code), String(r.lad_name)]));
  const pfa = new Map((tables.pfa ?? []).map((r) => [String(r.pfa_code), { name: String(r.pfa_name), slug: String(r.slug) }]));
  const byOutward = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r.outward_code);
    if (!byOutward.has(k)) byOutward.set(k, []);
    byOutward.get(k)!.push(r);
  }
  const outwards = [...byOutward.keys()].sort();
  let total = 0;
  for (const outward of outwards) {
    const group = byOutward.get(outward)!.sort((a, b) => `${a.lad_code} ${a.pfa_code} ${a.status}`.localeCompare(`${b.lad_code} ${b.pfa_code} ${b.status}`));
    const areas: OutwardArea[] = [];
    const file: OutwardFile = { outward, source_id: String(group[0].source_id), areas, groups: [] };
    for (const r of group) {
      let i = areas.findIndex((a) => a.lad_code === r.lad_code && a.pfa_code === r.pfa_code);
      if (i < 0) {
        const p = pfa.get(String(r.pfa_code));
        // The parser checked both codes against the geography, so a miss here is a programming error.
        if (!p || !lad.has(String(r.lad_code))) throw new Error(`postcode index: ${r.lad_code} or ${r.pfa_code} is not in lad_pfa / pfa`);
        areas.push({ lad_code: String(r.lad_code), lad_name: lad.get(String(r.lad_code))!, pfa_code: String(r.pfa_code), pfa_name: p.name, slug: p.slug });
        i = areas.length - 1;
      }
      file.groups.push({ area: i, status: r.status as 'live' | 'terminated', postcodes: Number(r.postcodes), inward: String(r.inward_codes) });
      total += Number(r.postcodes);
    }
    out.set(`${POSTCODE_DIR}/${outward}.json`, JSON.stringify(file));
  }
  const index: PostcodeIndexFile = { source_ids: [...new Set(rows.map((r) => String(r.source_id)))].sort(), outward_codes: outwards, postcodes: total };
  out.set(`${POSTCODE_DIR}/index.json`, JSON.stringify(index));
  return out;
}

export function writePostcodeIndex(dir: string, tables: Readonly<Record<string, Row[]>>): number {
  const files = postcodeIndexFiles(tables);
  for (const [rel, text] of files) writeText(dir, rel, text);
  return files.size;
}
