/**
 * Who answers for an area, since when, and what moved while they held the office. The wording lives
 * here, as pure functions over published rows (pcc_holder, pcc_votes, term_record), so that the exact
 * sentences a voter reads are unit-tested (tests/unit/accountability.test.ts) and the components only
 * lay them out.
 */
import type { PccHolder, TermRecord } from './governance.ts';
import { formatDate } from './format.ts';

export type OfficeKind = 'pcc' | 'combined_mayor' | 'london_mayor' | 'police_authority';

/**
 * The four arrangements pcc_holder publishes (ARRANGEMENTS in src/tables/governance.ts: the compiler
 * refuses a list here that misses one). An arrangement not listed stops the build: a new kind of
 * office needs its own sentence, not a guessed one.
 */
const ARRANGEMENT_KIND: Record<PccHolder['arrangement'], OfficeKind> = {
  PCC: 'pcc',
  'Combined authority mayor with PCC functions': 'combined_mayor',
  "Mayor of London (Mayor's Office for Policing And Crime, MOPAC)": 'london_mayor',
  'City of London Corporation (Court of Common Council) is the police authority; no PCC': 'police_authority',
};

export function officeKind(arrangement: string): OfficeKind {
  const kind = ARRANGEMENT_KIND[arrangement as PccHolder['arrangement']];
  if (!kind) throw new Error(`pcc_holder arrangement '${arrangement}' has no wording in site/lib/accountability.ts: add a sentence for it.`);
  return kind;
}

/**
 * The compiler's party labels in words. The labels are the compiler's normalisation, so 'Independent'
 * and 'Other' may stand for several candidates together.
 */
const PARTY_WORDS: Record<string, string> = {
  LibDem: 'Liberal Democrat',
  Plaid: 'Plaid Cymru',
  Reform: 'Reform UK',
};

export function partyWords(label: string | null): string {
  if (!label) return 'no party';
  return PARTY_WORDS[label] ?? label;
}

/** A label in the votes table, where a label can merge several candidates. */
export function voteLabelWords(label: string): string {
  if (label === 'Independent') return 'Independent (all independent candidates together)';
  if (label === 'Other') return 'Other (all other candidates together)';
  return partyWords(label);
}

/** "Greater Manchester mayoral election" → "Mayor of Greater Manchester"; null when the name does not say. */
export function mayorTitle(election: string | null): string | null {
  const m = /^(.+?) mayoral election$/i.exec(election?.trim() ?? '');
  return m ? `Mayor of ${m[1]}` : null;
}

/** The office-holder rows of one area, oldest round first. */
export function byRound(holders: readonly PccHolder[]): PccHolder[] {
  return [...holders].sort((a, b) => a.round - b.round);
}

export interface Tenure {
  holder: PccHolder;
  kind: OfficeKind;
  /** Election date from which the current holder has been returned at every later round held; null with no election (City of London). */
  since: string | null;
  /** Rounds in which the current holder was returned without a break, oldest first. */
  rounds: number[];
}

/**
 * The current holder (latest round) and the start of their unbroken run of rounds. A holder who left
 * and came back (Lancashire: 2012 and 2016, not 2021, again 2024) is dated from the return.
 */
export function currentTenure(holders: readonly PccHolder[]): Tenure | null {
  const rows = byRound(holders);
  const holder = rows.at(-1);
  if (!holder) return null;
  const kind = officeKind(holder.arrangement);
  if (kind === 'police_authority' || !holder.election_date) return { holder, kind, since: null, rounds: [] };
  const run: PccHolder[] = [];
  for (const r of [...rows].reverse()) {
    if (r.holder_name !== holder.holder_name || !r.election_date) break;
    run.unshift(r);
  }
  return { holder, kind, since: run[0].election_date, rounds: run.map((r) => r.round) };
}

/** The office in words, as held now. */
export function officeWords(t: Pick<Tenure, 'kind' | 'holder'>): string {
  switch (t.kind) {
    case 'pcc':
      return 'Police and Crime Commissioner';
    case 'combined_mayor':
      return `${mayorTitle(t.holder.election) ?? 'Mayor of the combined authority'}, holding the police and crime commissioner functions`;
    case 'london_mayor':
      return "Mayor of London, holding the police and crime commissioner functions through the Mayor's Office for Policing and Crime (MOPAC)";
    case 'police_authority':
      return 'City of London Corporation, the police authority';
  }
}

export interface WhoAnswers {
  /** The name (or body) that answers, as the source writes it. */
  name: string;
  /** Party in words, or null where there is none. */
  party: string | null;
  /** Everything after the name and party: the office and since when. */
  rest: string;
  /** The whole sentence as plain text (for tests and the page's description). */
  text: string;
}

/** "David Allen (Labour), Police and Crime Commissioner since the election of 2 May 2024." */
export function whoAnswers(t: Tenure): WhoAnswers {
  if (t.kind === 'police_authority') {
    const rest = 'is the police authority (through its Court of Common Council). There is no Police and Crime Commissioner and no election for the office.';
    return { name: 'The City of London Corporation', party: null, rest, text: `The City of London Corporation ${rest}` };
  }
  const name = t.holder.holder_name ?? 'Name not held';
  const party = t.holder.holder_party ? partyWords(t.holder.holder_party) : null;
  // A mayor's office reads as a clause ("…, holding the … functions, since …"), a PCC's as a title.
  const since = t.since ? `${t.kind === 'pcc' ? '' : ','} since the election of ${formatDate(t.since)}` : '';
  const rest = `${officeWords(t)}${since}.`;
  return { name, party, rest, text: `${name}${party ? ` (${party})` : ''}, ${rest}` };
}

/** An arrangement in a round, in words (the table of earlier holders). */
export function arrangementWords(h: PccHolder): string {
  const kind = officeKind(h.arrangement);
  if (kind === 'combined_mayor') return `${mayorTitle(h.election) ?? 'Combined authority mayor'} (mayor with PCC functions)`;
  if (kind === 'london_mayor') return 'Mayor of London, through MOPAC';
  if (kind === 'police_authority') return 'City of London Corporation (police authority; no PCC)';
  return 'Elected Police and Crime Commissioner';
}

export interface VoteRow {
  pfa_code: string;
  round: number;
  contest: string;
  party_label: string;
  votes: number;
  winner_label: boolean;
}

export interface RoundVotes {
  round: number;
  contest: string;
  labels: VoteRow[];
  /** True when the winner's label did not have the most first-round votes (second preferences, or several candidates merged under one label). */
  winnerNotLargest: boolean;
}

/** First-round votes per round, labels by votes (largest first). */
export function votesByRound(rows: readonly VoteRow[]): RoundVotes[] {
  const rounds = [...new Set(rows.map((r) => r.round))].sort((a, b) => a - b);
  return rounds.map((round) => {
    const labels = rows.filter((r) => r.round === round).sort((a, b) => b.votes - a.votes || a.party_label.localeCompare(b.party_label, 'en-GB'));
    const top = labels[0]?.votes ?? 0;
    const winner = labels.find((l) => l.winner_label);
    return { round, contest: labels[0]?.contest ?? '', labels, winnerNotLargest: !!winner && winner.votes < top };
  });
}

export type TermStatus = 'compared' | 'no_figures_in_term' | 'single_period' | 'no_holder';

/** What a term record row can say, in words, when it has no change to show. */
export function termStatusWords(status: string, latestPeriodWords: string): string | null {
  if (status === 'no_figures_in_term') return `No figures published for this term are held yet (the latest held is for ${latestPeriodWords}).`;
  if (status === 'single_period') return `Only one period is held (${latestPeriodWords}), so no change can be shown.`;
  if (status === 'no_holder') return 'No elected office holder, so no term to compare.';
  return null;
}

/**
 * term_record dates the tenure itself (pipeline/derived/term_record.ts). When its holder or date
 * disagrees with the one read here from pcc_holder, its start periods were chosen for the wrong span:
 * such rows are held back rather than shown as the holder's record.
 */
export function termRecordAgrees(rows: readonly Pick<TermRecord, 'tenure_start' | 'holder_name'>[], tenure: Tenure | null): boolean {
  const since = tenure?.since ?? null;
  return rows.every((r) => (r.tenure_start ?? null) === since && r.holder_name === (tenure?.holder.holder_name ?? r.holder_name));
}

/** A source page named for a link: "Wikipedia: 2024 Cumbria police and crime commissioner election"; else the site's host name. */
export function sourcePageName(url: string): string {
  try {
    const u = new URL(url);
    const m = /^\/wiki\/(.+)$/.exec(u.pathname);
    if (/(^|\.)wikipedia\.org$/.test(u.hostname) && m) return `Wikipedia: ${decodeURIComponent(m[1]).replace(/_/g, ' ')}`;
    return u.hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

export { webUrl } from './urls.ts';

/**
 * The date a published period ends, as the pipeline's SQL macro period_end reads it (src/sql.ts):
 * a date is itself; '2019-04/2020-03' → 2020-03-31; financial year '2022-23' → 2023-03-31;
 * a year → 31 December. Null for any other form.
 */
export function periodEnd(period: string): string | null {
  const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  let m = /^\d{4}-\d{2}\/(\d{4})-(\d{2})$/.exec(period);
  if (m) return iso(Number(m[1]), Number(m[2]), lastDay(Number(m[1]), Number(m[2])));
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m && Number(m[2]) === (Number(m[1]) + 1) % 100) return iso(Number(m[1]) + 1, 3, 31);
  if (/^\d{4}$/.test(period)) return iso(Number(period), 12, 31);
  return null;
}

/**
 * When the figure "nearest the start" of a tenure is in fact far from it (the series begins years
 * later, or stops years before), say so: the change then covers only part of the tenure. Null when the
 * period ends within a year of the start.
 */
export function startGapWords(startPeriod: string, tenureStart: string): string | null {
  const end = periodEnd(startPeriod);
  if (!end) return null;
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${tenureStart}T00:00:00Z`)) / 86_400_000;
  if (Math.abs(days) <= 366) return null;
  const months = Math.round(Math.abs(days) / 30.4375);
  const span = months < 24 ? `${months} months` : `about ${Math.round(months / 12)} years`;
  return days > 0 ? `the first figure held, ${span} after the tenure began` : `the latest figure before the tenure, ${span} before it began`;
}
