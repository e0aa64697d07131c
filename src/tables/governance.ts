/**
 * Who answers for each police force area: the office holders by election round and the first-round
 * votes (a third party's table, pipeline/sources/governance.ts), and the legal arrangement of the
 * office in each area (compiled by this project from legislation, pipeline/sources/pcc_arrangements.ts).
 */
import { defineTable, GSS_PFA } from '../tables.ts';

export const ROUNDS = [2012, 2016, 2021, 2024] as const;
export const ARRANGEMENTS = [
  'PCC',
  'Combined authority mayor with PCC functions',
  "Mayor of London (Mayor's Office for Policing And Crime, MOPAC)",
  'City of London Corporation (Court of Common Council) is the police authority; no PCC',
] as const;

const CAVEATS =
  'Not an official file: compiled from Wikipedia election articles (checked against BBC, House of Commons Library, ITV and LabourList pages) by a third party, and arranged per round for this project. Mid-term changes (by-elections, resignations, appointments by police and crime panels, e.g. the 2014 South Yorkshire and West Midlands by-elections) are not held: each row is the result of that round only.';

export const PCC_HOLDER = defineTable({
  name: 'pcc_holder',
  title: 'Who holds police and crime commissioner functions, by police force area and election round',
  description: `One row per police force area per round (2012, 2016, 2021, 2024): the arrangement (an elected PCC; a combined-authority mayor with PCC functions; the Mayor of London through MOPAC; the City of London Corporation as police authority), the holder elected in that round and their party. ${CAVEATS} Greater Manchester's 2016 row is the first mayoral election (4 May 2017): there was no 2016 PCC election there. Wiltshire 2021 is the August 2021 re-run. Second preferences decided many contests under the supplementary vote (2012-2021).`,
  primaryKey: ['pfa_code', 'round'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'round', type: 'integer', description: 'Election round: 2012, 2016, 2021 or 2024.', min: 2012, max: 2024 },
    { name: 'arrangement', type: 'string', description: 'Who holds the functions in the area.', enum: ARRANGEMENTS },
    { name: 'holder_name', type: 'string', description: 'Person (or body) holding the functions after the round, as the source writes the name.' },
    { name: 'holder_party', type: 'string', description: "Party label (Conservative, Labour, Independent, Plaid, Other …); empty where there is no party (City of London). 'Other' in Surrey 2012 (Kevin Hurley) is counted as Independent by BBC and HoC Library.", nullable: true },
    { name: 'election', type: 'string', description: 'The election that produced the holder; empty where there was none.', nullable: true },
    { name: 'election_date', type: 'date', description: 'Date of that election.', nullable: true },
    { name: 'source_url', type: 'string', description: 'Page stating the result (Wikipedia article; read it for the wording).', pattern: '^https?://' },
    { name: 'note', type: 'string', description: "Compiler's note for this row.", nullable: true },
  ],
});

export const PCC_VOTES = defineTable({
  name: 'pcc_votes',
  title: 'First-round votes by party label, by police force area and round',
  description: `First-preference votes summed by party LABEL, not per candidate: several Independents or several minor parties collapse into one 'Independent' or 'Other' figure, so the largest figure is not always the winner (e.g. Devon and Cornwall 2012, Essex 2016). Under the supplementary vote (2012-2021) second preferences decided many contests; second-round figures, turnout, electorate and rejected ballots are not held. 2024 South Yorkshire and North Yorkshire are mayoral contests (contest = combined_authority_mayor), not PCC elections. Cambridgeshire 2024 Labour is 58,304 here, probably a typo in the source: ITV gives 58,394, the only figure consistent with ITV's total of 162,066. ${CAVEATS}`,
  primaryKey: ['pfa_code', 'round', 'party_label'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'round', type: 'integer', description: 'Election round.', min: 2012, max: 2024 },
    { name: 'contest', type: 'string', description: 'pcc (a PCC election) or combined_authority_mayor (the mayoral election of an area whose PCC functions passed to the mayor).', enum: ['pcc', 'combined_authority_mayor'] },
    { name: 'party_label', type: 'string', description: 'Party label as normalised by the compiler: Conservative, Labour, LibDem, Green, Plaid, Reform, Independent, Other.' },
    { name: 'votes', type: 'integer', description: 'First-round votes for all candidates with this label.', min: 0 },
    { name: 'winner_label', type: 'boolean', description: "True for the winner's label (the winner may not have the most first-round votes)." },
  ],
});


/** The kinds of office that hold police and crime commissioner functions. */
export const HOLDER_KINDS = ['pcc', 'mayor', 'police_authority'] as const;

export const PCC_ARRANGEMENT = defineTable({
  name: 'pcc_arrangement',
  title: 'The office holding police and crime commissioner functions in each police force area, and its legal basis',
  description:
    'One row per police force area: the office that holds the police and crime commissioner functions now (an elected PCC, a mayor with PCC functions, or the City of London Corporation as police authority), since when, and the legislation that makes it so, with its legislation.gov.uk address. Compiled for this project from the legislation; it names offices, never people (who was elected is in table pcc_holder). Where the statutory instrument number is still to be confirmed, the address is a legislation.gov.uk search and the note says so.',
  primaryKey: ['pfa_code'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'holder_kind', type: 'string', description: "pcc (an elected police and crime commissioner), mayor (a mayor holding the PCC functions) or police_authority (City of London: no PCC).", enum: HOLDER_KINDS },
    { name: 'office', type: 'string', description: 'The office, in words.' },
    { name: 'since', type: 'string', description: 'Month the arrangement took effect (YYYY-MM); empty for the City of London, whose arrangement predates PCCs.', pattern: '^\\d{4}-\\d{2}$', nullable: true },
    { name: 'legal_source', type: 'string', description: 'The Act or order that makes the arrangement.' },
    { name: 'legal_source_url', type: 'string', description: 'Its address on legislation.gov.uk (a search where the instrument number is to be confirmed).', pattern: '^https://www\\.legislation\\.gov\\.uk/' },
    { name: 'note', type: 'string', description: 'Compiler’s note for this row.', nullable: true },
  ],
});
