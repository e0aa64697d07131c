/**
 * National (England and Wales) proven reoffending series from three third-party tables of MoJ data.
 * They differ in method and coverage, so every row names its series and they are never joined:
 *  - consultation_2016_old / consultation_2016_new: the 2016 consultation tables (old = 12-month
 *    cohorts, new = 3-month cohorts and annual cohorts built from them), adult / juvenile / all;
 *  - by_offence_2017: annual averages of 3-month cohorts by index offence, proportions only;
 *  - derived_2024: annual cohorts 2012/13-2023/24, adults and children summed by the compiler.
 *
 * Checks the files carry: a published rate equals reoffenders ÷ offenders to the precision printed,
 * and (consultation) All = Adult + Juvenile, except the two cohorts listed in ALL_ROW_MISMATCH.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataError } from '../../src/errors.ts';
import type { Row, TableDef } from '../../src/tables.ts';
import { readCommittedCsv, readCsv } from '../read/csv.ts';
import { parseNumber, requireNumber } from '../read/values.ts';
import { cohortFromFinancialYear, cohortFromStartDate, cohortYearEnding } from '../read/cohorts.ts';
import type { SourceModule } from './types.ts';

export const SERIES = ['consultation_2016_old', 'consultation_2016_new', 'by_offence_2017', 'derived_2024'] as const;
export const MEASURES = [
  'offenders',
  'reoffenders',
  'reoffences',
  'percent_reoffending',
  'proportion_reoffending',
  'reoffences_per_reoffender',
  'adjusted_percent_reoffending',
  'ogrs4_predicted_percent',
] as const;

export const REOFFENDING_NATIONAL: TableDef = {
  name: 'reoffending_national',
  title: 'Proven reoffending, England and Wales (national series, kept apart by series)',
  description:
    "Proven reoffending in England and Wales from three third-party tables of Ministry of Justice figures, one row per series × cohort × offender group × index offence × measure, values as published. Series differ in method: never join or chain them. Rates are not adjusted for offender mix (except the consultation 'adjusted' measure, which MoJ adjusted with OGRS4).",
  primaryKey: ['series', 'cohort_type', 'period', 'offender_group', 'index_offence', 'measure'],
  columns: [
    { name: 'series', type: 'string', description: 'Which table and method: consultation_2016_old (12-month cohorts), consultation_2016_new (3-month cohort measure), by_offence_2017 (annual average of 3-month cohorts), derived_2024 (adults and children summed by a third party).', enum: SERIES },
    { name: 'cohort_type', type: 'string', description: "'3-monthly', 'annual' (a 12-month cohort), or 'annual_average' (average of the four 3-month cohorts in the year).", enum: ['3-monthly', 'annual', 'annual_average'] },
    { name: 'period', type: 'string', description: "Cohort: first and last month in which offenders entered it, 'YYYY-MM/YYYY-MM'.", pattern: '^\\d{4}-\\d{2}/\\d{4}-\\d{2}$' },
    { name: 'offender_group', type: 'string', description: "'adult', 'juvenile' (aged 10-17), or 'all' (adults and juveniles together).", enum: ['adult', 'juvenile', 'all'] },
    { name: 'index_offence', type: 'string', description: "Index offence group as published, or 'All offences' where the table has no offence breakdown." },
    { name: 'measure', type: 'string', description: 'offenders (cohort size), reoffenders, reoffences, percent_reoffending (0-100), proportion_reoffending (0-1), reoffences_per_reoffender, adjusted_percent_reoffending and ogrs4_predicted_percent (consultation, adults).', enum: MEASURES },
    { name: 'value', type: 'number', description: 'Value as published (unit in the measure name).', nullable: true, min: 0 },
    { name: 'null_reason', type: 'string', description: 'Why value is empty.', nullable: true },
    { name: 'note', type: 'string', description: 'A problem found in the source for this row.', nullable: true },
  ],
};

/** measure column of the consultation CSV → our measure. */
const CONSULTATION_MEASURE: Record<string, (typeof MEASURES)[number]> = {
  cohort: 'offenders',
  reoffenders: 'reoffenders',
  reoffences: 'reoffences',
  binary: 'percent_reoffending',
  frequency: 'reoffences_per_reoffender',
  adjusted: 'adjusted_percent_reoffending',
  OGRS4: 'ogrs4_predicted_percent',
};

const GROUP: Record<string, 'adult' | 'juvenile' | 'all'> = { Adult: 'adult', Juvenile: 'juvenile', All: 'all' };

/**
 * Cohorts whose All rows do not equal Adult + Juvenile in the held copy, each with its evidence
 * (reoffending_national/all_row_mismatch.csv): their All rows carry a note and the published series
 * use Adult and Juvenile only. Any other disagreement stops the pipeline.
 */
export const ALL_ROW_MISMATCH = new Set(
  readCommittedCsv(new URL('./reoffending_national/all_row_mismatch.csv', import.meta.url), ['series', 'cohort_type', 'period']).map((r) => `${r.series}|${r.cohort_type}|${r.period}`),
);
const ALL_ROW_NOTE =
  'All does not equal Adult + Juvenile for this cohort in the source (it equals the sum for the other 2005 cohort of the old measure); not used in published indicators.';

function key(r: Row, ...cols: string[]) {
  return cols.map((c) => String(r[c])).join('|');
}

export function parseConsultationCsv(label: string, sourceId: string, text: string): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(label, text, { requiredColumns: ['measure', 'temporal_unit', 'date', 'group', 'rate', 'value'] })) {
    const v = r.values;
    const at = (column: string) => ({ file: label, row: r.line, column });
    if (v.measure !== 'old' && v.measure !== 'new') throw new DataError(at('measure'), "'old' or 'new'", `'${v.measure}'`);
    if (v.temporal_unit !== 'annual' && v.temporal_unit !== '3-monthly') throw new DataError(at('temporal_unit'), "'annual' or '3-monthly'", `'${v.temporal_unit}'`);
    const group = GROUP[v.group];
    if (!group) throw new DataError(at('group'), 'Adult, Juvenile or All', `'${v.group}'`);
    const measure = CONSULTATION_MEASURE[v.rate];
    if (!measure) throw new DataError(at('rate'), Object.keys(CONSULTATION_MEASURE).join(', '), `'${v.rate}'`);
    const parsed = parseNumber(v.value, at('value'), 'a number or an empty cell');
    rows.push({
      series: `consultation_2016_${v.measure}`,
      cohort_type: v.temporal_unit,
      period: cohortFromStartDate(v.date, v.temporal_unit === 'annual' ? 12 : 3, at('date')),
      offender_group: group,
      index_offence: 'All offences',
      measure,
      value: parsed.value,
      null_reason: parsed.reason,
      note: null,
      source_id: sourceId,
      source_cell: `row ${r.line}`,
    });
  }
  checkCounts(label, rows, { percentTolerance: (series) => (series === 'consultation_2016_old' ? 0.05 : 0.0005) });
  // All = Adult + Juvenile for every count, except the known swap.
  const byKey = new Map(rows.map((r) => [key(r, 'series', 'cohort_type', 'period', 'offender_group', 'measure'), r]));
  for (const all of rows) {
    if (all.offender_group !== 'all' || !['offenders', 'reoffenders', 'reoffences'].includes(String(all.measure)) || all.value === null) continue;
    const part = (g: string) => byKey.get(key({ ...all, offender_group: g }, 'series', 'cohort_type', 'period', 'offender_group', 'measure'))?.value;
    const a = part('adult');
    const j = part('juvenile');
    if (typeof a !== 'number' || typeof j !== 'number' || a + j === all.value) continue;
    const cohort = key(all, 'series', 'cohort_type', 'period');
    if (ALL_ROW_MISMATCH.has(cohort)) {
      // every All figure of the cohort (rates too) rests on the same doubtful counts
      for (const r of rows) if (r.offender_group === 'all' && key(r, 'series', 'cohort_type', 'period') === cohort) r.note = ALL_ROW_NOTE;
      continue;
    }
    throw new DataError({ file: label, row: Number(String(all.source_cell).slice(4)), column: 'value' }, `Adult + Juvenile = ${a + j} (${all.measure}, ${cohort})`, `${all.value}`);
  }
  return rows;
}

/** A published percentage must equal 100 × reoffenders ÷ offenders to the precision printed. */
function checkCounts(label: string, rows: Row[], opts: { percentTolerance: (series: string) => number }) {
  const byKey = new Map(rows.map((r) => [key(r, 'series', 'cohort_type', 'period', 'offender_group', 'index_offence', 'measure'), r]));
  for (const r of rows) {
    if (r.measure !== 'percent_reoffending' || r.value === null) continue;
    const get = (m: string) => byKey.get(key({ ...r, measure: m }, 'series', 'cohort_type', 'period', 'offender_group', 'index_offence', 'measure'))?.value;
    const offenders = get('offenders');
    const reoffenders = get('reoffenders');
    if (typeof offenders !== 'number' || typeof reoffenders !== 'number' || offenders === 0) continue;
    const computed = (100 * reoffenders) / offenders;
    if (Math.abs(computed - Number(r.value)) > opts.percentTolerance(String(r.series)) + 1e-9) {
      throw new DataError(
        { file: label, row: /^row \d+$/.test(String(r.source_cell)) ? Number(String(r.source_cell).slice(4)) : undefined, column: String(r.source_cell) },
        `a rate equal to 100 × reoffenders ÷ offenders = ${computed.toFixed(4)}`,
        `${r.value}`,
      );
    }
  }
}

export function parseByOffenceCsv(label: string, sourceId: string, text: string): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(label, text, { requiredColumns: ['year_ending', 'age', 'index_offence', 'proportion'] })) {
    const v = r.values;
    const at = (column: string) => ({ file: label, row: r.line, column });
    if (v.age !== 'adult' && v.age !== 'juvenile') throw new DataError(at('age'), "'adult' or 'juvenile'", `'${v.age}'`);
    // The compiler wrote the table from R, where a cell that was not a number in the MoJ sheet became 'NA'.
    const p = v.proportion === 'NA' ? { value: null, reason: "not available: 'NA' in the third-party table (no figure in the MoJ sheet)" } : parseNumber(v.proportion, at('proportion'), 'a proportion between 0 and 1');
    if (p.value !== null && (p.value < 0 || p.value > 1)) throw new DataError(at('proportion'), 'a proportion between 0 and 1', `'${v.proportion}'`);
    if (!v.index_offence.trim()) throw new DataError(at('index_offence'), 'an index offence group', 'an empty cell');
    rows.push({
      series: 'by_offence_2017',
      cohort_type: 'annual_average',
      period: cohortYearEnding(v.year_ending, at('year_ending')),
      offender_group: v.age,
      index_offence: v.index_offence.trim(),
      measure: 'proportion_reoffending',
      value: p.value,
      null_reason: p.reason,
      note: null,
      source_id: sourceId,
      source_cell: `row ${r.line}`,
    });
  }
  return rows;
}

export function parseDerivedJson(label: string, sourceId: string, text: string): Row[] {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file: label }, 'JSON', `a syntax error (${(e as Error).message})`);
  }
  if (!Array.isArray(json?.timeSeries)) throw new DataError({ file: label, column: 'timeSeries' }, 'an array of annual cohorts', JSON.stringify(json?.timeSeries ?? null).slice(0, 60));
  const rows: Row[] = [];
  const push = (period: string, offence: string, measure: string, value: unknown, cell: string) => {
    const where = { file: label, column: cell };
    const n = requireNumber(typeof value === 'number' ? value : (value as string | null) ?? null, where, `a number at ${cell}`);
    rows.push({ series: 'derived_2024', cohort_type: 'annual', period, offender_group: 'all', index_offence: offence, measure, value: n, null_reason: null, note: null, source_id: sourceId, source_cell: cell });
  };
  json.timeSeries.forEach((c: any, i: number) => {
    const at = `timeSeries[${i}]`;
    const period = cohortFromFinancialYear(String(c.cohort ?? ''), { file: label, column: `${at}.cohort` });
    if (c.date !== period.slice(0, 7)) throw new DataError({ file: label, column: `${at}.date` }, `'${period.slice(0, 7)}' (start of cohort ${c.cohort})`, `'${c.date}'`);
    push(period, 'All offences', 'offenders', c.offenders, `${at}.offenders`);
    push(period, 'All offences', 'reoffenders', c.reoffenders, `${at}.reoffenders`);
    push(period, 'All offences', 'reoffences', c.reoffences, `${at}.reoffences`);
    push(period, 'All offences', 'percent_reoffending', c.reoffendingRate, `${at}.reoffendingRate`);
    push(period, 'All offences', 'reoffences_per_reoffender', c.avgReoffences, `${at}.avgReoffences`);
    const avg = c.reoffences / c.reoffenders;
    if (Math.abs(avg - c.avgReoffences) > 0.005 + 1e-9) {
      throw new DataError({ file: label, column: `${at}.avgReoffences` }, `reoffences ÷ reoffenders = ${avg.toFixed(4)} to 2 dp`, `${c.avgReoffences}`);
    }
  });
  const latest = json.latestCohort ? cohortFromFinancialYear(String(json.latestCohort), { file: label, column: 'latestCohort' }) : null;
  if (Array.isArray(json.byOffenceGroup)) {
    if (!latest) throw new DataError({ file: label, column: 'latestCohort' }, 'the cohort the offence breakdown describes', 'none');
    json.byOffenceGroup.forEach((g: any, i: number) => {
      const at = `byOffenceGroup[${i}]`;
      const offence = String(g.group ?? '').trim();
      if (!offence) throw new DataError({ file: label, column: `${at}.group` }, 'an offence group name', 'an empty value');
      push(latest, offence, 'offenders', g.offenders, `${at}.offenders`);
      push(latest, offence, 'reoffenders', g.reoffenders, `${at}.reoffenders`);
      push(latest, offence, 'percent_reoffending', g.reoffendingRate, `${at}.reoffendingRate`);
    });
    // The offence groups partition the cohort: their counts must add up to the cohort's total.
    for (const measure of ['offenders', 'reoffenders'] as const) {
      const total = rows.find((r) => r.period === latest && r.index_offence === 'All offences' && r.measure === measure)?.value;
      const sum = rows.filter((r) => r.period === latest && r.index_offence !== 'All offences' && r.measure === measure).reduce((s, r) => s + Number(r.value), 0);
      if (total !== sum) throw new DataError({ file: label, column: `byOffenceGroup[*].${measure}` }, `offence groups summing to the ${latest} total (${total})`, `${sum}`);
    }
  }
  checkCounts(label, rows, { percentTolerance: () => 0.05 });
  return rows;
}

const source: SourceModule = {
  tables: [REOFFENDING_NATIONAL],
  parse({ files }) {
    const rows: Row[] = [];
    for (const file of files) {
      const bytes = readFileSync(file.path);
      switch (file.entry.dataset.id) {
        case 'moj_reoffending_consultation_2016':
          rows.push(...parseConsultationCsv(file.label, file.entry.id, bytes.toString('utf8')));
          break;
        case 'moj_reoffending_by_offence_2007_2017':
          rows.push(...parseByOffenceCsv(file.label, file.entry.id, gunzipSync(bytes).toString('utf8')));
          break;
        case 'moj_reoffending_derived_2012_2024':
          rows.push(...parseDerivedJson(file.label, file.entry.id, bytes.toString('utf8')));
          break;
        default:
          throw new DataError({ file: file.label }, 'a national reoffending file this parser knows', `dataset ${file.entry.dataset.id}`);
      }
    }
    return { reoffending_national: rows };
  },
};

export default source;
