/**
 * The time span and the places a table covers, for its datapackage.json entry and the schema.org
 * Dataset description on /data/ (temporalCoverage, spatialCoverage), read from the rows themselves.
 */
import type { Row, TableDef } from '../../src/tables.ts';

/** Columns that hold a period or a date, by name. */
const TIME_COLUMN = /^(period|start_period|latest_period|date|report_date|month|year|year_ending|financial_year|election_date|performance_year|round)$/;
/** Columns whose values are never financial years, even when they read like one ("2011-12" is December 2011). */
const CALENDAR_COLUMN = /^(date|report_date|month|year_ending|election_date)$/;

/** A value as [first day-ish, last day-ish] in ISO 8601 (year, month or day precision), or null when it is not a period. */
export function periodSpan(value: string, calendar: boolean): [string, string] | null {
  const v = value.trim();
  let m = /^(\d{4}-\d{2}(?:-\d{2})?)\/(\d{4}-\d{2}(?:-\d{2})?)$/.exec(v);
  if (m) return [m[1], m[2]];
  m = /^(\d{4})-(\d{2})(?!\d|-)/.exec(v);
  if (m && !calendar && Number(m[2]) === (Number(m[1]) + 1) % 100) return [`${m[1]}-04`, `${Number(m[1]) + 1}-03`];
  m = /^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4})$/.exec(v);
  if (m && (m[1].length !== 7 || Number(m[1].slice(5)) <= 12)) return [m[1], m[1]];
  return null;
}

/** ISO 8601 interval "start/end" over every period cell of the table; null when it has none. */
export function temporalCoverage(def: TableDef, rows: Row[]): string | null {
  let lo: string | null = null;
  let hi: string | null = null;
  for (const c of def.columns.filter((c) => TIME_COLUMN.test(c.name))) {
    const calendar = CALENDAR_COLUMN.test(c.name);
    for (const r of rows) {
      const v = r[c.name];
      if (v === null || v === undefined) continue;
      const span = periodSpan(String(v), calendar);
      if (!span) continue;
      if (lo === null || span[0] < lo) lo = span[0];
      if (hi === null || span[1] > hi) hi = span[1];
    }
  }
  return lo && hi ? (lo === hi ? lo : `${lo}/${hi}`) : null;
}

/** England, Wales or both, from the GSS codes in the table's *_code columns (E… England, W… Wales, K04… England and Wales). */
export function spatialCoverage(def: TableDef, rows: Row[]): string {
  let england = false;
  let wales = false;
  for (const c of def.columns.filter((c) => c.name.endsWith('_code'))) {
    for (const r of rows) {
      const v = String(r[c.name] ?? '');
      if (!/^[EWK]\d{8}$/.test(v)) continue;
      if (v.startsWith('E')) england = true;
      else if (v.startsWith('W')) wales = true;
      else england = wales = true;
      if (england && wales) return 'England and Wales';
    }
  }
  return england && !wales ? 'England' : wales && !england ? 'Wales' : 'England and Wales';
}
