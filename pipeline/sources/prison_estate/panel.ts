/**
 * Walk Forward Research's parse of the HMPPS monthly bulletins (March 2018 to July 2026), used ONLY for
 * the months after the last bulletin held (January 2025 onwards). Before that, every row must agree
 * with the bulletin we read ourselves: a disagreement is a DataError naming both cells, so a parsing
 * slip on either side cannot pass unseen. The months taken are checked against the same repository's
 * estate totals file, and useable operational capacity against sum − margin (the margin is derived,
 * not stated: the footnote is not in a CSV).
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../../src/errors.ts';
import type { Row } from '../../../src/tables.ts';
import type { NameLookup } from '../../geography/names.ts';
import { readCsv } from '../../read/csv.ts';
import { parseNumber } from '../../read/values.ts';
import type { HeldFile } from '../types.ts';

export const PANEL_FILE = 'prisoncap_monthly_establishments';
export const PANEL_TOTALS_FILE = 'prisoncap_monthly_estate_totals';
export const PANEL_FORMAT = 'csv (third-party parse)';

const MEASURES = [
  ['baseline_cna', 'baseline_cna'],
  ['in_use_cna', 'in_use_cna'],
  ['op_cap', 'operational_capacity'],
  ['population', 'population'],
] as const;

/** "794.0" → 794; a blank → null with its reason; a fraction is an error (places and people are whole). */
function wholeNumber(text: string, where: { file: string; row: number; column: string }): { value: number | null; reason: string | null } {
  const p = parseNumber(text, where, 'a whole number written as a float (e.g. 794.0)');
  if (p.value !== null && !Number.isInteger(p.value)) throw new DataError(where, 'a whole number', `'${text}'`);
  return p.value === null ? { value: null, reason: 'blank in the third-party parse' } : p;
}

export function readPanel(opts: {
  files: HeldFile[];
  names: NameLookup;
  /** prison_monthly rows from the bulletins, keyed `${month}|${code}`. */
  bulletinRows: Map<string, Row>;
  lastBulletinMonth: string;
}): { monthly: Row[]; bulletins: Row[]; compared: number } {
  const panel = opts.files.find((f) => f.entry.id === PANEL_FILE);
  const totalsFile = opts.files.find((f) => f.entry.id === PANEL_TOTALS_FILE);
  if (!panel) return { monthly: [], bulletins: [], compared: 0 };
  const rows = readCsv(panel.label, readFileSync(panel.path, 'utf8'), {
    requiredColumns: ['month', 'report_date', 'prison', 'section', 'published_uoc', 'baseline_cna', 'in_use_cna', 'op_cap', 'population'],
  });
  const monthly: Row[] = [];
  const byMonth = new Map<string, { rows: Row[]; uoc: number; line: number; reportDate: string }>();
  const bulletinMonths = new Set([...opts.bulletinRows.values()].map((r) => String(r.month)));
  let compared = 0;
  for (const r of rows) {
    const at = (column: string) => ({ file: panel.label, row: r.line, column });
    const month = r.values.month.trim();
    if (!/^\d{4}-\d{2}-01$/.test(month)) throw new DataError(at('month'), 'the first day of a month (YYYY-MM-01)', `'${month}'`);
    const code = opts.names.code(r.values.prison.trim(), at('prison'));
    const values = Object.fromEntries(MEASURES.map(([col, name]) => [name, wholeNumber(r.values[col], at(col))]));
    if (month <= opts.lastBulletinMonth) {
      if (!bulletinMonths.has(month)) continue; // only months after the held bulletins are taken
      const ours = opts.bulletinRows.get(`${month}|${code}`);
      if (!ours) throw new DataError(at('prison'), `an establishment in our reading of the ${month.slice(0, 7)} bulletin`, `'${r.values.prison}' (${code}), which it does not list`);
      for (const [col, name] of MEASURES) {
        if (values[name].value !== ours[name]) {
          throw new DataError(at(col), `${ours[name]} as in the bulletin (${ours.source_id}, ${ours.source_cell})`, `'${r.values[col]}'`, 'The third-party parse disagrees with the publisher file.');
        }
      }
      compared++;
      continue;
    }
    const uoc = wholeNumber(r.values.published_uoc, at('published_uoc')).value;
    if (uoc === null) throw new DataError(at('published_uoc'), 'the useable operational capacity of the month', 'an empty cell');
    let m = byMonth.get(month);
    if (!m) byMonth.set(month, (m = { rows: [], uoc, line: r.line, reportDate: r.values.report_date.trim() }));
    if (m.uoc !== uoc) throw new DataError(at('published_uoc'), `${m.uoc} as on row ${m.line} (one Total per month)`, `${uoc}`);
    const reasons = MEASURES.filter(([, name]) => values[name].value === null).map(([, name]) => `${name}: ${values[name].reason}`);
    const row: Row = {
      prison_code: code,
      month,
      report_date: m.reportDate || null,
      bulletin_name: r.values.prison.trim(),
      section: r.values.section.trim() === 'irc' ? 'irc' : 'prison',
      baseline_cna: values.baseline_cna.value,
      in_use_cna: values.in_use_cna.value,
      operational_capacity: values.operational_capacity.value,
      population: values.population.value,
      null_reason: reasons.length ? reasons.join('; ') : null,
      source_id: panel.entry.id,
      source_cell: `row ${r.line}`,
    };
    if (m.rows.some((x) => x.prison_code === code)) throw new DataError(at('prison'), `one row per establishment (${code}) in ${month.slice(0, 7)}`, 'two');
    m.rows.push(row);
    monthly.push(row);
  }

  // The repository's own estate totals must match our sums of its rows, month by month.
  const totals = totalsFile
    ? new Map(
        readCsv(totalsFile.label, readFileSync(totalsFile.path, 'utf8'), { requiredColumns: ['month', 'n_prisons', 'sum_op_cap', 'sum_pop', 'sum_baseline_cna', 'sum_in_use_cna', 'published_uoc'] }).map((r) => [r.values.month, r]),
      )
    : new Map();
  const bulletins: Row[] = [];
  for (const [month, m] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    const sum = (k: string) => m.rows.reduce((s, r) => s + (Number(r[k]) || 0), 0);
    const t = totals.get(month);
    if (totalsFile && !t) throw new DataError({ file: totalsFile.label }, `a row for ${month}`, 'none');
    if (t) {
      for (const [col, ours] of [
        ['n_prisons', m.rows.length],
        ['sum_op_cap', sum('operational_capacity')],
        ['sum_pop', sum('population')],
        ['sum_baseline_cna', sum('baseline_cna')],
        ['sum_in_use_cna', sum('in_use_cna')],
        ['published_uoc', m.uoc],
      ] as const) {
        if (Number(t.values[col]) !== ours) throw new DataError({ file: totalsFile!.label, row: t.line, column: col }, `${ours} (sum of ${panel.label} for ${month})`, `'${t.values[col]}'`);
      }
    }
    bulletins.push({
      month,
      report_date: m.reportDate || null,
      format: PANEL_FORMAT,
      establishments: m.rows.length,
      baseline_cna: null,
      in_use_cna: null,
      operational_capacity_sum: sum('operational_capacity'),
      operating_margin: null,
      useable_operational_capacity: m.uoc,
      population: null,
      source_id: panel.entry.id,
      source_cell: `row ${m.line} (published_uoc)`,
    });
  }
  return { monthly, bulletins, compared };
}
