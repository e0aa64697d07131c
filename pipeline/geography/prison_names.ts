/**
 * Prison names → NOMIS codes, through the one committed alias table pipeline/geography/prison_aliases.csv
 * and the shared normaliser in pipeline/geography/names.ts. Bulletins print one row for some sites
 * the register splits (Usk / Prescoed, Grendon / Springhill, Peterborough male and female): such a
 * COMBINED row maps to the principal site's code, as the alias table's seen_in says.
 */
import { loadAliasCsv, NameLookup } from './names.ts';

export const PRISON_ALIASES = new URL('./prison_aliases.csv', import.meta.url).pathname;

export function prisonNames(): NameLookup {
  const lookup = new NameLookup('prison');
  loadAliasCsv(lookup, PRISON_ALIASES, 'prison_code');
  return lookup;
}
