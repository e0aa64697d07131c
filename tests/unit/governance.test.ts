import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of.ts';
import { parseHolders, parseVotes, PCC_ELECTIONS_PER_ROUND } from '../../pipeline/sources/governance.ts';
import { ROUNDS } from '../../src/tables/governance.ts';

const CODES = [...Array.from({ length: 39 }, (_, i) => `E23${String(i + 1).padStart(6, '0')}`), ...Array.from({ length: 4 }, (_, i) => `W15${String(i + 1).padStart(6, '0')}`)];
const geography = { pfaByCode: new Map(CODES.map((c) => [c, {} as never])) };
const HEADER = 'pfa_code,pfa_name,country,round,arrangement,holder_name,holder_party,election,election_date,source_file,source_url,note';
const MAYOR = 'Combined authority mayor with PCC functions';

/** 43 areas × 4 rounds with the official number of PCCs; the remaining areas have mayors. */
function holdersCsv(edit?: (lines: string[]) => void): string {
  const lines = [HEADER];
  for (const round of ROUNDS) {
    CODES.forEach((code, i) => {
      const pcc = i < PCC_ELECTIONS_PER_ROUND[round];
      const arrangement = pcc ? 'PCC' : MAYOR;
      lines.push(`${code},Area ${i},England,${round},${arrangement},Holder ${i},${i % 2 ? 'Labour' : 'Conservative'},${pcc ? 'PCC election' : 'mayoral election'},${round}-05-05,x.json,https://example.org/${round},`);
    });
  }
  edit?.(lines);
  return lines.join('\n') + '\n';
}

describe('governance holders table', () => {
  it('reads 43 areas per round and turns n/a and none into empty cells', () => {
    const rows = parseHolders('holders.csv', holdersCsv((l) => (l[1] = l[1].replace('Conservative,PCC election', 'n/a,none'))), geography, 'gov');
    expect(rows).toHaveLength(172);
    expect(rows[0]).toMatchObject({ pfa_code: 'E23000001', round: 2012, holder_party: null, election: null, source_cell: 'row 2' });
  });

  it('names file, row and column for an unknown area code', () => {
    const e = errorOf(() => parseHolders('holders.csv', holdersCsv((l) => (l[5] = l[5].replace(/^E23000005/, 'E23000099'))), geography, 'gov'));
    expect(e.location).toEqual({ file: 'holders.csv', row: 6, column: 'pfa_code' });
    expect(e.message).toContain("'E23000099'");
  });

  it('fails when a round does not have the official number of elected PCCs', () => {
    const e = errorOf(() => parseHolders('holders.csv', holdersCsv((l) => (l[2] = l[2].replace(',PCC,', `,${MAYOR},`))), geography, 'gov'));
    expect(e.message).toMatch(/41 areas with an elected PCC in round 2012/);
    expect(e.message).toMatch(/found 40/);
  });

  it('fails on an arrangement it does not know, naming the row', () => {
    const e = errorOf(() => parseHolders('holders.csv', holdersCsv((l) => (l[3] = l[3].replace(',PCC,', ',Police authority,'))), geography, 'gov'));
    expect(e.location).toMatchObject({ row: 4, column: 'arrangement' });
  });
});

describe('governance votes file', () => {
  const holders = parseHolders('holders.csv', holdersCsv(), geography, 'gov');

  it('keeps votes by party label and marks the winner, telling PCC from mayoral contests', () => {
    const json = JSON.stringify({ years: [2012], forces: { E23000001: { name: 'A', history: [{ y: 2012, w: 'Conservative', candidate: 'X', url: 'u', votes: { Conservative: 10, Independent: 20 } }] }, E23000042: { name: 'M', history: [] } } });
    const e = errorOf(() => parseVotes('h.json', json, geography, 'hist', holders));
    expect(e.message).toContain("'E23000042'");
    const ok = JSON.stringify({ years: [2024], forces: { E23000001: { name: 'A', history: [{ y: 2012, w: 'Conservative', candidate: 'X', url: 'u', votes: { Conservative: 10, Independent: 20 } }] }, E23000039: { name: 'B', history: [{ y: 2024, w: 'Conservative', candidate: 'Y', url: 'u', votes: { Conservative: 5 } }] } } });
    const rows = parseVotes('h.json', ok, geography, 'hist', holders);
    expect(rows).toContainEqual(expect.objectContaining({ pfa_code: 'E23000001', party_label: 'Independent', votes: 20, winner_label: false, contest: 'pcc' }));
    expect(rows).toContainEqual(expect.objectContaining({ pfa_code: 'E23000039', round: 2024, contest: 'combined_authority_mayor', winner_label: true }));
  });

  it("fails when the votes file's winner disagrees with the holders table", () => {
    const json = JSON.stringify({ years: [2012], forces: { E23000001: { name: 'A', history: [{ y: 2012, w: 'Labour', candidate: 'X', url: 'u', votes: { Labour: 10 } }] } } });
    const e = errorOf(() => parseVotes('h.json', json, geography, 'hist', holders));
    expect(e.location).toMatchObject({ file: 'h.json', column: 'forces.E23000001.history[0].w' });
  });
});
