/**
 * Who answered for policing in each police force area after each round of elections (2012, 2016,
 * 2021, 2024), and first-round votes by party label. Not an official file: a compiler's dataset
 * parsed from Wikipedia (pcc_history.json, MIT) and a per-round table derived from it and the mayoral
 * files (pcc_holders_by_round_2012_2024.csv), published as a third-party table with its caveats.
 *
 * What the rows can carry: one holder per area per round, so a mid-term change (by-election,
 * resignation) is not held. The area page reads the latest round's holder as who answers now, and
 * dates their tenure from the first of the unbroken run of rounds they won (decision 11, and
 * pipeline/derived/term_record.ts); the office itself and its legal basis come from the project's
 * own table pcc_arrangement (pipeline/sources/pcc_arrangements.ts), checked against this one.
 *
 * Checks: every area code is one of the 43 PFAs; 43 areas in every round; the number of elected PCCs
 * per round is 41, 40, 39, 37 (the official number of PCC elections); the winner's party in the
 * votes file agrees with the holder table.
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import type { Row } from '../../src/tables.ts';
import { ARRANGEMENTS, PCC_HOLDER, PCC_VOTES, ROUNDS } from '../../src/tables/governance.ts';
import { readCsv } from '../read/csv.ts';
import type { Geography } from '../geography/index.ts';
import type { SourceModule } from './types.ts';

/** Official number of PCC elections in each round (HoC Library). */
export const PCC_ELECTIONS_PER_ROUND: Record<number, number> = { 2012: 41, 2016: 40, 2021: 39, 2024: 37 };

const REQUIRED = ['pfa_code', 'round', 'arrangement', 'holder_name', 'holder_party', 'election', 'election_date', 'source_url', 'note'];

export function parseHolders(label: string, text: string, geography: Pick<Geography, 'pfaByCode'>, sourceId: string): Row[] {
  const rows: Row[] = [];
  const perRound = new Map<number, Set<string>>();
  for (const r of readCsv(label, text, { requiredColumns: REQUIRED })) {
    const v = r.values;
    const code = (v.pfa_code ?? '').trim();
    if (!geography.pfaByCode.has(code)) {
      throw new DataError({ file: label, row: r.line, column: 'pfa_code' }, 'one of the 43 police force area codes (E23…/W15…)', quoteFound(code));
    }
    const round = Number(v.round);
    if (!ROUNDS.includes(round as (typeof ROUNDS)[number])) throw new DataError({ file: label, row: r.line, column: 'round' }, `a round (${ROUNDS.join(', ')})`, quoteFound(v.round));
    const arrangement = v.arrangement.trim();
    if (!(ARRANGEMENTS as readonly string[]).includes(arrangement)) {
      throw new DataError({ file: label, row: r.line, column: 'arrangement' }, `one of ${ARRANGEMENTS.map((a) => `'${a}'`).join(', ')}`, quoteFound(arrangement));
    }
    const date = v.election_date.trim();
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DataError({ file: label, row: r.line, column: 'election_date' }, 'a date YYYY-MM-DD or an empty cell', quoteFound(date));
    const seen = perRound.get(round) ?? new Set<string>();
    if (seen.has(code)) throw new DataError({ file: label, row: r.line, column: 'pfa_code' }, `one row for ${code} in round ${round}`, 'a second');
    seen.add(code);
    perRound.set(round, seen);
    const party = v.holder_party.trim();
    const election = v.election.trim();
    rows.push({
      pfa_code: code,
      round,
      arrangement,
      holder_name: v.holder_name.trim(),
      holder_party: party === '' || party.toLowerCase() === 'n/a' ? null : party,
      election: election === '' || election.toLowerCase() === 'none' ? null : election,
      election_date: date || null,
      source_url: v.source_url.trim(),
      note: v.note.trim() || null,
      source_id: sourceId,
      source_cell: `row ${r.line}`,
    });
  }
  for (const round of ROUNDS) {
    const n = perRound.get(round)?.size ?? 0;
    if (n !== 43) throw new DataError({ file: label, column: 'round' }, `43 police force areas in round ${round}`, `${n}`);
    const pccs = rows.filter((x) => x.round === round && x.arrangement === 'PCC').length;
    if (pccs !== PCC_ELECTIONS_PER_ROUND[round]) {
      throw new DataError({ file: label, column: 'arrangement' }, `${PCC_ELECTIONS_PER_ROUND[round]} areas with an elected PCC in round ${round} (the official number of PCC elections)`, `${pccs}`);
    }
  }
  return rows;
}

interface HistoryFile {
  years: number[];
  forces: Record<string, { name: string; history: { y: number; w: string; candidate: string; url: string; votes: Record<string, number> }[] }>;
}

export function parseVotes(label: string, text: string, geography: Pick<Geography, 'pfaByCode'>, sourceId: string, holders: Row[]): Row[] {
  let json: HistoryFile;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file: label }, 'JSON', `text that is not JSON (${(e as Error).message})`);
  }
  if (!json || typeof json.forces !== 'object') throw new DataError({ file: label, column: 'forces' }, "an object 'forces' keyed by PFA code", quoteFound(JSON.stringify(json).slice(0, 40)));
  const holderOf = new Map(holders.map((h) => [`${h.pfa_code}|${h.round}`, h]));
  const rows: Row[] = [];
  for (const [code, force] of Object.entries(json.forces)) {
    if (!geography.pfaByCode.has(code)) throw new DataError({ file: label, column: `forces.${code}` }, 'a key that is one of the 43 PFA codes', quoteFound(code));
    force.history.forEach((h, i) => {
      const where = `forces.${code}.history[${i}]`;
      const holder = holderOf.get(`${code}|${h.y}`);
      if (!holder) throw new DataError({ file: label, column: `${where}.y` }, `a round with a holder row for ${code}`, quoteFound(h.y));
      const contest = holder.arrangement === 'PCC' ? 'pcc' : holder.arrangement === 'Combined authority mayor with PCC functions' ? 'combined_authority_mayor' : null;
      if (!contest) throw new DataError({ file: label, column: where }, `votes only for PCC or combined-authority mayoral contests (${code} ${h.y} is '${holder.arrangement}')`, 'votes');
      if (holder.holder_party !== h.w) {
        throw new DataError({ file: label, column: `${where}.w` }, `the winner's party in the holder table (${holder.holder_party}, ${holder.source_cell})`, quoteFound(h.w));
      }
      if (!(h.w in h.votes)) throw new DataError({ file: label, column: `${where}.votes` }, `votes for the winner's label '${h.w}'`, 'none');
      for (const [party, votes] of Object.entries(h.votes)) {
        if (!Number.isInteger(votes) || votes < 0) throw new DataError({ file: label, column: `${where}.votes.${party}` }, 'a whole number of votes', quoteFound(votes));
        rows.push({ pfa_code: code, round: h.y, contest, party_label: party, votes, winner_label: party === h.w, source_id: sourceId, source_cell: `${where}.votes.${party}` });
      }
    });
  }
  return rows;
}

export const HOLDERS_FILE = 'governance_pcc_holders_by_round';
export const HISTORY_FILE = 'governance_pcc_history';

const source: SourceModule = {
  tables: [PCC_HOLDER, PCC_VOTES],
  parse({ files, geography }) {
    const holdersFile = files.find((f) => f.entry.id === HOLDERS_FILE);
    const historyFile = files.find((f) => f.entry.id === HISTORY_FILE);
    if (!holdersFile || !historyFile) {
      throw new DataError({ file: 'data/sources/governance_pcc.json' }, `held files '${HOLDERS_FILE}' and '${HISTORY_FILE}'`, files.map((f) => f.entry.id).join(', ') || 'none');
    }
    const holders = parseHolders(holdersFile.label, readFileSync(holdersFile.path, 'utf8'), geography, holdersFile.entry.id);
    const votes = parseVotes(historyFile.label, readFileSync(historyFile.path, 'utf8'), geography, historyFile.entry.id, holders);
    return { pcc_holder: holders, pcc_votes: votes };
  },
};

export default source;
