/**
 * Prison figures from the published tables prison and prison_monthly, when the pipeline has them.
 * Occupancy is population ÷ in-use CNA and population ÷ operational capacity, as HMPPS defines
 * them; computed here only from the two published columns of the same row.
 */
import { optionalTable } from './data.ts';

export interface Prison {
  prison_code: string;
  prison_name: string;
  slug: string;
  pfa_code: string;
  postcode: string | null;
  operator: string | null;
  function: string | null;
  gender: string | null;
  status: 'open' | 'closed';
  /** TEAM contract 7: 'prison', 'immigration removal centre', 'secure training centre' …; absent in older builds. */
  establishment_kind?: string | null;
  location_method: string;
  source_id?: string;
  source_cell?: string;
}

export interface PrisonMonth {
  prison_code: string;
  month: string;
  report_date: string | null;
  bulletin_name: string;
  section: 'prison' | 'irc';
  baseline_cna: number | null;
  in_use_cna: number | null;
  operational_capacity: number | null;
  population: number | null;
  null_reason: string | null;
  source_id: string;
  source_cell?: string;
}

export interface PrisonMonthDerived extends PrisonMonth {
  occupancy_cna: number | null;
  occupancy_opcap: number | null;
  places_out_of_use: number | null;
}

export function prisons(): Prison[] | null {
  const rows = optionalTable<Prison>('prison');
  return rows ? [...rows].sort((a, b) => a.prison_name.localeCompare(b.prison_name, 'en-GB')) : null;
}

/**
 * What the establishment is: the table's establishment_kind (contract 7), or in older builds the
 * register's own function text where it says "Immigration Removal Centre"; otherwise a prison.
 */
export function establishmentKind(p: Pick<Prison, 'establishment_kind' | 'function'>): string {
  if (p.establishment_kind) return p.establishment_kind;
  return /Immigration Removal Centre/i.test(p.function ?? '') ? 'immigration removal centre' : 'prison';
}

/**
 * The establishments split by whether they stand in one police force area. A bulletin row of two
 * sites (Shepton Mallet / Erlestoke, 2012) is in none: a list by area leaves it out, and a count
 * beside such a list must say so (the home page said 150 beside the prisons page's 151 rows).
 */
export function prisonsByPlacement(pfaCodes: ReadonlySet<string>): { placed: Prison[]; unplaced: Prison[] } | null {
  const all = prisons();
  if (!all) return null;
  return { placed: all.filter((p) => pfaCodes.has(p.pfa_code)), unplaced: all.filter((p) => !pfaCodes.has(p.pfa_code)) };
}

export function prisonsIn(pfaCode: string): Prison[] | null {
  return prisons()?.filter((p) => p.pfa_code === pfaCode) ?? null;
}

export function derive(m: PrisonMonth): PrisonMonthDerived {
  return {
    ...m,
    occupancy_cna: m.population !== null && m.in_use_cna ? m.population / m.in_use_cna : null,
    occupancy_opcap: m.population !== null && m.operational_capacity ? m.population / m.operational_capacity : null,
    places_out_of_use: m.baseline_cna !== null && m.in_use_cna !== null ? m.baseline_cna - m.in_use_cna : null,
  };
}

let byPrison: Map<string, PrisonMonthDerived[]> | undefined;

export function monthly(prisonCode: string): PrisonMonthDerived[] {
  if (!byPrison) {
    byPrison = new Map();
    for (const m of optionalTable<PrisonMonth>('prison_monthly') ?? []) {
      const list = byPrison.get(m.prison_code) ?? [];
      list.push(derive(m));
      byPrison.set(m.prison_code, list);
    }
    for (const list of byPrison.values()) list.sort((a, b) => (a.month < b.month ? -1 : 1));
  }
  return byPrison.get(prisonCode) ?? [];
}

/** The latest month with a population figure. */
export function latestMonthly(prisonCode: string): PrisonMonthDerived | undefined {
  return monthly(prisonCode).filter((m) => m.population !== null).at(-1);
}

/** The short category from the register's function text ("Cat C Trainer (NOMS 2017); …" → "Cat C Trainer"). */
export function category(p: Prison): string {
  if (!p.function) return 'Not held';
  return p.function.split(/\s*[(;]/)[0].trim() || 'Not held';
}

/** Population in each of the last `months` bulletin months (oldest first), for the trend column. */
export function recentPopulation(prisonCode: string, months = 24): { month: string; population: number | null }[] {
  return monthly(prisonCode).slice(-months).map((m) => ({ month: m.month, population: m.population }));
}
