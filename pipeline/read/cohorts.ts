/**
 * Cohort periods for every reoffending table, written one way: 'YYYY-MM/YYYY-MM' (first and last
 * month of the cohort), e.g. '2019-04/2020-03' for offenders entering the cohort April 2019 to
 * March 2020. Publishers write the same cohort as "Apr 2019 to Mar 2020", "2019/20", "2020" (LAIT),
 * a start date, or a year-ending date; all of them come here.
 */
import { DataError, type CellLocation } from '../../src/errors.ts';

const MONTH = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A cohort of `months` months starting in the given month. */
export function cohortFrom(year: number, month: number, months: number): string {
  const endIndex = year * 12 + (month - 1) + months - 1;
  return `${ym(year, month)}/${ym(Math.floor(endIndex / 12), (endIndex % 12) + 1)}`;
}

/** '2002-04-01' or '2002-04' (start of cohort) → cohort period of `months` months. */
export function cohortFromStartDate(text: string, months: number, where: CellLocation): string {
  const m = /^(\d{4})-(\d{2})(-01)?$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new DataError(where, 'a cohort start date YYYY-MM-01 or YYYY-MM', `'${text}'`);
  return cohortFrom(Number(m[1]), Number(m[2]), months);
}

/** '2007-03-31' (year ending) → the 12 months ending then: '2006-04/2007-03'. */
export function cohortYearEnding(text: string, where: CellLocation): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) throw new DataError(where, 'a year-ending date YYYY-MM-DD', `'${text}'`);
  const endIndex = Number(m[1]) * 12 + Number(m[2]) - 1;
  const start = endIndex - 11;
  return cohortFrom(Math.floor(start / 12), (start % 12) + 1, 12);
}

/** 'Apr 2019 to Mar 2020' (MoJ data tools) → '2019-04/2020-03'. */
export function cohortFromWords(text: string, where: CellLocation): string {
  const m = /^([A-Za-z]{3})[a-z]* (\d{4}) to ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(text.trim());
  const a = m ? MONTH.indexOf(m[1].toLowerCase()) : -1;
  const b = m ? MONTH.indexOf(m[3].toLowerCase()) : -1;
  if (!m || a < 0 || b < 0) throw new DataError(where, "a cohort like 'Apr 2019 to Mar 2020'", `'${text}'`);
  return `${ym(Number(m[2]), a + 1)}/${ym(Number(m[4]), b + 1)}`;
}

/** LAIT 'Years' 2016 = the April 2015 to March 2016 cohort (financial year ending March of that year). */
export function cohortFinancialYearEnding(text: string, where: CellLocation): string {
  const m = /^(\d{4})$/.exec(text.trim());
  if (!m) throw new DataError(where, 'a four-digit year (cohort ending in March of that year)', `'${text}'`);
  return cohortFrom(Number(m[1]) - 1, 4, 12);
}

/** '2019/20' → '2019-04/2020-03'. */
export function cohortFromFinancialYear(text: string, where: CellLocation): string {
  const m = /^(\d{4})\/(\d{2})$/.exec(text.trim());
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) throw new DataError(where, "a financial year like '2019/20'", `'${text}'`);
  return cohortFrom(Number(m[1]), 4, 12);
}
