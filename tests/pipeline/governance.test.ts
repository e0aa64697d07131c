import { describe, expect, it } from 'vitest';
import { buildFile, haveMirror, skipReason, table } from './build.ts';

type Holder = { pfa_code: string; round: number; arrangement: string; holder_name: string; holder_party: string | null; election_date: string | null; source_id: string; source_cell: string };
type Vote = { pfa_code: string; round: number; contest: string; party_label: string; votes: number; winner_label: boolean };

describe.skipIf(!haveMirror)(`PCC governance on the real files${haveMirror ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('has 43 areas in every round and 41, 40, 39, 37 elected PCCs', () => {
    const rows = table<Holder>('pcc_holder');
    const expected: Record<number, number> = { 2012: 41, 2016: 40, 2021: 39, 2024: 37 };
    for (const [round, pccs] of Object.entries(expected)) {
      const r = rows.filter((x) => x.round === Number(round));
      expect(new Set(r.map((x) => x.pfa_code)).size).toBe(43);
      expect(r.filter((x) => x.arrangement === 'PCC')).toHaveLength(pccs);
    }
  });

  it('party totals of the winners per round match the second sources in PROVENANCE (2016: Con 20, Lab 15, Plaid 2, Ind 3)', () => {
    const pcc2016 = table<Holder>('pcc_holder').filter((x) => x.round === 2016 && x.arrangement === 'PCC');
    const count = (party: string) => pcc2016.filter((x) => x.holder_party === party).length;
    expect([count('Conservative'), count('Labour'), count('Plaid'), count('Independent')]).toEqual([20, 15, 2, 3]);
  });

  it('City of London has no party and no election; Wiltshire 2021 carries the re-run date', () => {
    const rows = table<Holder>('pcc_holder');
    const city = rows.filter((x) => x.pfa_code === 'E23000034');
    expect(city.every((x) => x.holder_party === null && x.election_date === null)).toBe(true);
    expect(rows.find((x) => x.pfa_code === 'E23000038' && x.round === 2021)!.election_date).toBe('2021-08-19');
  });

  it('keeps votes as published, by party label: Cambridgeshire 2024 Labour 58,304 (ITV: 58,394) and 2024 Yorkshire mayoral contests marked', () => {
    const votes = table<Vote>('pcc_votes');
    expect(votes.find((v) => v.pfa_code === 'E23000023' && v.round === 2024 && v.party_label === 'Labour')!.votes).toBe(58304);
    const mayoral = votes.filter((v) => v.contest === 'combined_authority_mayor');
    expect(new Set(mayoral.map((v) => `${v.pfa_code} ${v.round}`))).toEqual(new Set(['E23000011 2024', 'E23000009 2024']));
    // Devon and Cornwall 2012: the Independent label polled more than the winner's.
    const dc = votes.filter((v) => v.pfa_code === 'E23000035' && v.round === 2012);
    expect(dc.find((v) => v.winner_label)!.party_label).toBe('Conservative');
    expect(dc.find((v) => v.party_label === 'Independent')!.votes).toBeGreaterThan(dc.find((v) => v.winner_label)!.votes);
  });

  it('is registered as a third-party table and its descriptions carry the caveats', () => {
    const ds = (JSON.parse(buildFile('sources.json')) as { id: string; kind: string }[]).find((d) => d.id === 'governance_pcc')!;
    expect(ds.kind).toBe('third_party_table');
    const dict = buildFile('dictionary.md');
    for (const phrase of ['Mid-term changes', 'second preferences', 'by party LABEL', '58,394']) expect(dict).toContain(phrase);
  });

  it('the office in every area is published from the compiled legislation table, as committed, and named a compilation', () => {
    const rows = table<{ pfa_code: string; holder_kind: string; since: string | null; legal_source_url: string; source_id: string }>('pcc_arrangement');
    expect(rows).toHaveLength(43);
    expect(rows.filter((r) => r.holder_kind === 'mayor').map((r) => r.pfa_code).sort()).toEqual(['E23000001', 'E23000005', 'E23000009', 'E23000010', 'E23000011']);
    expect(rows.find((r) => r.pfa_code === 'E23000034')).toMatchObject({ holder_kind: 'police_authority', since: null });
    expect(new Set(rows.map((r) => r.source_id))).toEqual(new Set(['pcc_arrangements_2024']));
    const ds = (JSON.parse(buildFile('sources.json')) as { id: string; kind: string }[]).find((d) => d.id === 'pcc_arrangements')!;
    expect(ds.kind).toBe('compiled_from_statements');
  });
});
