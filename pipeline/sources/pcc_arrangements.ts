/**
 * The office that holds police and crime commissioner functions in each police force area, and the
 * legislation behind it: a table this project compiled from legislation.gov.uk (committed at
 * data/compiled/governance/pcc_arrangements.csv). It names offices, never people.
 *
 * Checks: every row is one of the 43 PFAs, under the name the site uses for it, once; only the City
 * of London (no PCC) has no start month; and the office agrees with the arrangement of the latest
 * election round in pcc_holder (a third party's table), so the two sources cannot contradict each
 * other on an area page.
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import type { Row } from '../../src/tables.ts';
import { ARRANGEMENTS, PCC_ARRANGEMENT, type HOLDER_KINDS } from '../../src/tables/governance.ts';
import type { Geography } from '../geography/index.ts';
import { readCsv } from '../read/csv.ts';
import type { SourceModule } from './types.ts';

const COLUMNS = ['pfa_code', 'pfa_name', 'holder_kind', 'office', 'since', 'legal_source', 'legal_source_url', 'note'];

/** The kind of office each pcc_holder arrangement is. */
const KIND_OF_ARRANGEMENT: Record<(typeof ARRANGEMENTS)[number], (typeof HOLDER_KINDS)[number]> = {
  PCC: 'pcc',
  'Combined authority mayor with PCC functions': 'mayor',
  "Mayor of London (Mayor's Office for Policing And Crime, MOPAC)": 'mayor',
  'City of London Corporation (Court of Common Council) is the police authority; no PCC': 'police_authority',
};

export function parseArrangements(label: string, text: string, geography: Pick<Geography, 'pfaByCode'>, sourceId: string): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(label, text, { requiredColumns: COLUMNS })) {
    const v = Object.fromEntries(COLUMNS.map((c) => [c, (r.values[c] ?? '').trim()]));
    const at = (column: string) => ({ file: label, row: r.line, column });
    const pfa = geography.pfaByCode.get(v.pfa_code);
    if (!pfa) throw new DataError(at('pfa_code'), 'one of the 43 police force area codes (E23…/W15…)', quoteFound(v.pfa_code));
    if (v.pfa_name !== pfa.name) throw new DataError(at('pfa_name'), `the name of ${v.pfa_code} ('${pfa.name}')`, quoteFound(v.pfa_name), 'A code and a name that disagree mean the row is misaligned.');
    if (rows.some((x) => x.pfa_code === v.pfa_code)) throw new DataError(at('pfa_code'), `one row for ${v.pfa_code}`, 'a second');
    if (!v.since && v.holder_kind !== 'police_authority') throw new DataError(at('since'), 'the month the arrangement took effect (YYYY-MM)', 'an empty cell');
    rows.push({
      pfa_code: v.pfa_code,
      holder_kind: v.holder_kind,
      office: v.office,
      since: v.since || null,
      legal_source: v.legal_source,
      legal_source_url: v.legal_source_url,
      note: v.note || null,
      source_id: sourceId,
      source_cell: `row ${r.line}`,
    });
  }
  if (rows.length !== geography.pfaByCode.size) {
    const missing = [...geography.pfaByCode.keys()].filter((c) => !rows.some((x) => x.pfa_code === c));
    throw new DataError({ file: label, column: 'pfa_code' }, `a row for each of the ${geography.pfaByCode.size} police force areas`, `none for ${missing.join(', ')}`);
  }
  return rows;
}

/** The office of each area must be the kind the latest election round in pcc_holder says. */
export function checkAgainstHolders(label: string, arrangements: Row[], holders: readonly Row[]) {
  const latest = Math.max(...holders.map((h) => Number(h.round)));
  for (const a of arrangements) {
    const holder = holders.find((h) => h.pfa_code === a.pfa_code && h.round === latest);
    if (!holder) continue;
    const kind = KIND_OF_ARRANGEMENT[holder.arrangement as (typeof ARRANGEMENTS)[number]];
    if (kind !== a.holder_kind) {
      throw new DataError(
        { file: label, row: Number(String(a.source_cell).replace('row ', '')), column: 'holder_kind' },
        `'${kind}', as table pcc_holder has '${holder.arrangement}' for ${a.pfa_code} in round ${latest} (${holder.source_id}, ${holder.source_cell})`,
        quoteFound(a.holder_kind),
      );
    }
  }
}

const source: SourceModule = {
  tables: [PCC_ARRANGEMENT],
  after: ['governance'],
  parse({ files, geography, tables }) {
    if (files.length !== 1) throw new DataError({ file: 'data/sources/pcc_arrangements.json' }, 'one held file', `${files.length}`);
    const [file] = files;
    const rows = parseArrangements(file.label, readFileSync(file.path, 'utf8'), geography, file.entry.id);
    checkAgainstHolders(file.label, rows, tables.pcc_holder ?? []);
    return { pcc_arrangement: rows };
  },
};

export default source;
