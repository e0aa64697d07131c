import { describe, expect, it } from 'vitest';
import {
  arrangementWords, currentTenure, mayorTitle, officeKind, partyWords, periodEnd, sourcePageName, startGapWords, termRecordAgrees, termStatusWords, voteLabelWords, votesByRound, webUrl, whoAnswers,
} from '../../site/lib/accountability.ts';
import type { PccHolder } from '../../site/lib/governance.ts';

const PCC = 'PCC';
const MAYOR = 'Combined authority mayor with PCC functions';
const LONDON = "Mayor of London (Mayor's Office for Policing And Crime, MOPAC)";
const CITY = 'City of London Corporation (Court of Common Council) is the police authority; no PCC';

const row = (round: number, holder_name: string, extra: Partial<PccHolder> = {}): PccHolder => ({
  pfa_code: 'E23000099',
  round,
  arrangement: PCC,
  holder_name,
  holder_party: 'Labour',
  election: 'PCC election',
  election_date: { 2012: '2012-11-15', 2016: '2016-05-05', 2021: '2021-05-06', 2024: '2024-05-02' }[round] ?? null,
  source_url: `https://en.wikipedia.org/wiki/${round}_England_and_Wales_police_and_crime_commissioner_elections`,
  note: null,
  source_id: 'governance_pcc_holders_by_round',
  source_cell: `row ${round}`,
  ...extra,
});

describe('who answers for an area: the "since" sentence per arrangement', () => {
  it('an elected PCC re-elected every round is dated from the first election', () => {
    const t = currentTenure([row(2016, 'A Person'), row(2012, 'A Person'), row(2024, 'A Person'), row(2021, 'A Person')])!;
    expect(t.since).toBe('2012-11-15');
    expect(t.rounds).toEqual([2012, 2016, 2021, 2024]);
    expect(whoAnswers(t).text).toBe('A Person (Labour), Police and Crime Commissioner since the election of 15 November 2012.');
  });

  it('a holder who lost and came back is dated from the return, not the first win', () => {
    const t = currentTenure([row(2012, 'Clive'), row(2016, 'Clive'), row(2021, 'Andrew', { holder_party: 'Conservative' }), row(2024, 'Clive')])!;
    expect(t.since).toBe('2024-05-02');
    expect(t.rounds).toEqual([2024]);
  });

  it('a combined-authority mayor is named from the election and said to hold the PCC functions', () => {
    const t = currentTenure([
      row(2012, 'Tony', { arrangement: PCC }),
      row(2016, 'Andy', { arrangement: MAYOR, election: 'Greater Manchester mayoral election', election_date: '2017-05-04' }),
      row(2021, 'Andy', { arrangement: MAYOR, election: 'Greater Manchester mayoral election' }),
      row(2024, 'Andy', { arrangement: MAYOR, election: 'Greater Manchester mayoral election' }),
    ])!;
    expect(t.kind).toBe('combined_mayor');
    expect(whoAnswers(t).text).toBe('Andy (Labour), Mayor of Greater Manchester, holding the police and crime commissioner functions, since the election of 4 May 2017.');
  });

  it('the Mayor of London answers through MOPAC', () => {
    const t = currentTenure([row(2016, 'Sadiq', { arrangement: LONDON, election: 'London mayoral election' }), row(2024, 'Sadiq', { arrangement: LONDON, election: 'London mayoral election' })])!;
    expect(whoAnswers(t).text).toBe("Sadiq (Labour), Mayor of London, holding the police and crime commissioner functions through the Mayor's Office for Policing and Crime (MOPAC), since the election of 5 May 2016.");
  });

  it('the City of London Corporation is the police authority, with no election and no date', () => {
    const t = currentTenure([row(2024, 'Court of Common Council', { arrangement: CITY, holder_party: null, election: null, election_date: null })])!;
    expect(t.kind).toBe('police_authority');
    expect(t.since).toBeNull();
    const w = whoAnswers(t);
    expect(w.text).toBe('The City of London Corporation is the police authority (through its Court of Common Council). There is no Police and Crime Commissioner and no election for the office.');
    expect(w.party).toBeNull();
  });

  it('an arrangement without wording stops the build instead of guessing a sentence', () => {
    expect(() => officeKind('Police, fire and crime panel')).toThrow(/no wording/);
  });

  it('no rows, no tenure', () => {
    expect(currentTenure([])).toBeNull();
  });
});

describe('words for parties, offices and sources', () => {
  it('party labels in words; merged labels say they are merged', () => {
    expect(partyWords('LibDem')).toBe('Liberal Democrat');
    expect(partyWords('Plaid')).toBe('Plaid Cymru');
    expect(partyWords(null)).toBe('no party');
    expect(voteLabelWords('Independent')).toMatch(/all independent candidates together/);
    expect(voteLabelWords('Other')).toMatch(/all other candidates together/);
  });

  it('mayor titles come from the election name', () => {
    expect(mayorTitle('York and North Yorkshire mayoral election')).toBe('Mayor of York and North Yorkshire');
    expect(mayorTitle('PCC election')).toBeNull();
    expect(mayorTitle(null)).toBeNull();
    expect(arrangementWords(row(2024, 'X', { arrangement: MAYOR, election: 'South Yorkshire mayoral election' }))).toBe('Mayor of South Yorkshire (mayor with PCC functions)');
  });

  it('source pages are named by their Wikipedia title', () => {
    expect(sourcePageName('https://en.wikipedia.org/wiki/2017_Greater_Manchester_mayoral_election')).toBe('Wikipedia: 2017 Greater Manchester mayoral election');
    expect(sourcePageName('https://www.bbc.co.uk/news/x')).toBe('bbc.co.uk');
  });

  it('a source address from data becomes a link only when it is a web address', () => {
    expect(webUrl('https://en.wikipedia.org/wiki/X')).toBe('https://en.wikipedia.org/wiki/X');
    expect(webUrl('javascript:alert(1)')).toBeNull();
    expect(webUrl(' JAVASCRIPT:alert(1)')).toBeNull();
    expect(webUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(webUrl('not a url')).toBeNull();
    expect(webUrl(null)).toBeNull();
  });
});

describe('first-round votes by round', () => {
  const v = (round: number, party_label: string, votes: number, winner_label = false) => ({ pfa_code: 'E23000099', round, contest: 'pcc', party_label, votes, winner_label });

  it('orders labels by votes and flags a winner whose label was not the largest', () => {
    const rounds = votesByRound([v(2012, 'Labour', 100), v(2012, 'Independent', 150, true), v(2016, 'Labour', 200, true), v(2016, 'Conservative', 120)]);
    expect(rounds.map((r) => r.round)).toEqual([2012, 2016]);
    expect(rounds[0].labels.map((l) => l.party_label)).toEqual(['Independent', 'Labour']);
    expect(rounds[0].winnerNotLargest).toBe(false);
    const second = votesByRound([v(2012, 'Independent', 150), v(2012, 'Labour', 140, true)]);
    expect(second[0].winnerNotLargest).toBe(true);
  });
});

describe('term record wording', () => {
  it('says plainly when no figure for the term is held, or only one period', () => {
    expect(termStatusWords('no_figures_in_term', '2022')).toBe('No figures published for this term are held yet (the latest held is for 2022).');
    expect(termStatusWords('single_period', '2019')).toMatch(/^Only one period is held \(2019\)/);
    expect(termStatusWords('compared', '2022')).toBeNull();
  });

  it('holds back a term record dated from a different tenure start than the holders table', () => {
    const t = currentTenure([row(2012, 'Clive'), row(2016, 'Clive'), row(2021, 'Andrew'), row(2024, 'Clive')]);
    expect(termRecordAgrees([{ tenure_start: '2024-05-02', holder_name: 'Clive' }], t)).toBe(true);
    expect(termRecordAgrees([{ tenure_start: '2012-11-15', holder_name: 'Clive' }], t)).toBe(false);
    expect(termRecordAgrees([{ tenure_start: '2024-05-02', holder_name: 'Andrew' }], t)).toBe(false);
  });
});

describe('how far the "start" figure is from the start of the tenure', () => {
  it('reads period ends as the SQL macro period_end does', () => {
    expect(periodEnd('2018-09-30')).toBe('2018-09-30');
    expect(periodEnd('2019-04/2020-03')).toBe('2020-03-31');
    expect(periodEnd('2024-01/2024-02')).toBe('2024-02-29');
    expect(periodEnd('2022-23')).toBe('2023-03-31');
    expect(periodEnd('1999-00')).toBe('2000-03-31');
    expect(periodEnd('2022')).toBe('2022-12-31');
    expect(periodEnd('2026-07-01 places at 2016-17 cost')).toBeNull();
  });

  it('says nothing within a year, and says how far otherwise', () => {
    expect(startGapWords('2024-05-01', '2024-05-02')).toBeNull();
    expect(startGapWords('2012', '2012-11-15')).toBeNull();
    expect(startGapWords('2017-04/2018-03', '2012-11-15')).toBe('the first figure held, about 5 years after the tenure began');
    expect(startGapWords('2014', '2012-11-15')).toBe('the first figure held, about 2 years after the tenure began');
    expect(startGapWords('2014-03-31', '2012-11-15')).toBe('the first figure held, 16 months after the tenure began');
    expect(startGapWords('2019', '2024-05-02')).toBe('the latest figure before the tenure, about 4 years before it began');
  });
});
