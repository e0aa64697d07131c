/**
 * How figures are written on the pages. Pure functions (unit-tested): the indicator's own display
 * rule (scale, decimals, prefix, suffix) is the only rounding a published figure ever gets.
 */
import type { IndicatorDef } from '../../src/indicator.ts';

type Display = IndicatorDef['display'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Round half away from zero, as published tables do. Binary floating point stores 0.0255 × 100 as
 * 2.5499999…, which toFixed would round down; reading the number at 12 significant digits first
 * removes that noise without touching any real digit of a published figure.
 */
export function roundHalfAway(n: number, decimals: number): number {
  const clean = Number(n.toPrecision(12));
  // Shift the decimal point in the number's text, not by multiplying, so 1.005 stays 100.5 hundredths.
  const [mantissa, exp] = Math.abs(clean).toExponential().split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exp) + decimals}`));
  return Math.sign(clean) * Number(`${shifted}e-${decimals}`);
}

export function formatNumber(n: number, decimals: number): string {
  // en-GB grouping, fixed decimals; -0 shown as 0 so a rounded tiny fall does not read "-0.0".
  const fixed = roundHalfAway(n, decimals);
  return (Object.is(fixed, -0) ? 0 : fixed).toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A value as the indicator says to show it; null means "not published or suppressed". */
export function formatValue(display: Display, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no value';
  const shown = formatNumber(value * display.scale, display.decimals);
  const sign = shown.startsWith('-') ? '−' : '';
  const digits = sign ? shown.slice(1) : shown;
  return `${sign}${display.prefix ?? ''}${digits}${display.suffix ?? ''}`;
}

/** The number alone (no prefix or suffix), for table cells and CSV-like contexts. */
export function formatBare(display: Display, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return formatNumber(value * display.scale, display.decimals);
}

/** A change between two values of the indicator: percentages change in percentage points. */
export function formatChange(display: Display, unit: string, change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return 'no value';
  const shown = formatNumber(change * display.scale, display.decimals);
  const sign = shown.startsWith('-') ? '−' : Number(shown.replace(/,/g, '')) === 0 ? '' : '+';
  const digits = shown.replace(/^-/, '');
  if (unit === 'percent') return `${sign}${digits} percentage points`;
  return `${sign}${display.prefix ?? ''}${digits}${display.suffix ?? ''}`;
}

export function formatInterval(display: Display, lower: number | null | undefined, upper: number | null | undefined): string | null {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return null;
  return `${formatValue(display, lower)} to ${formatValue(display, upper)}`;
}

const RANGE = /^(\d{4})-(\d{2})\/(\d{4})-(\d{2})$/;
const YEAR_PART = /^(\d{4})-(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const month = (m: string) => MONTHS[Number(m) - 1];

/**
 * What a series' periods are, where their text alone can be read two ways: "2011-12" is December
 * 2011 in a monthly bulletin and April 2011 to March 2012 in a finance table, and an older build
 * wrote a month as its first day ("2026-07-01"). 'month' and 'financial_year' settle it; 'as_written'
 * reads each period by its shape alone.
 */
export type PeriodKind = 'month' | 'financial_year' | 'as_written';

export interface PeriodContext {
  kind?: PeriodKind;
  /** The day the count was taken (indicator_values.reference_date), shown after a month. */
  referenceDate?: string | null;
}

const isFinancialYear = (y: string, yy: string) => (Number(y) + 1) % 100 === Number(yy);

/**
 * The kind of one series' periods, from all of them: monthly when any 'YYYY-MM' cannot be a financial
 * year (2026-07), or, in builds from before months were written as months, when every period is the
 * first of a month and two of them are a month apart; a financial year when every period reads as one.
 */
export function periodKindOf(periods: readonly string[]): PeriodKind {
  if (!periods.length) return 'as_written';
  const parts = periods.map((p) => YEAR_PART.exec(p));
  if (parts.every((m) => m !== null)) {
    if (parts.some((m) => !isFinancialYear(m![1], m![2]))) return parts.every((m) => month(m![2])) ? 'month' : 'as_written';
    return 'financial_year';
  }
  const firsts = periods.map((p) => ISO_DATE.exec(p));
  if (firsts.every((m) => m !== null && m[3] === '01')) {
    const months = new Set(firsts.map((m) => Number(m![1]) * 12 + Number(m![2])));
    if ([...months].some((n) => months.has(n + 1))) return 'month';
  }
  return 'as_written';
}

/** How one 'YYYY-MM' or 'YYYY-MM-01' period reads in its context: as a month, or not. */
function monthOf(period: string, ctx: PeriodContext): [string, string] | null {
  const ym = YEAR_PART.exec(period);
  if (ym && month(ym[2])) {
    if (ctx.kind === 'month' || ctx.referenceDate) return [ym[1], ym[2]];
    if (ctx.kind === 'financial_year') return null;
    return isFinancialYear(ym[1], ym[2]) ? null : [ym[1], ym[2]];
  }
  const d = ISO_DATE.exec(period);
  if (d && d[3] === '01' && ctx.kind === 'month' && month(d[2])) return [d[1], d[2]];
  return null;
}

/**
 * Periods as published, in words: a month "2026-07" → "July 2026", with the count's day where the
 * publisher gives it ("July 2026 (count on 27 July 2026)"); "2018-09-30" → "30 September 2018";
 * "2017-04/2018-03" → "April 2017 to March 2018"; a financial year "2015-16" → "2015-16 (April to
 * March)"; anything else exactly as published.
 */
export function formatPeriod(period: string, ctx: PeriodContext = {}): string {
  const mo = monthOf(period, ctx);
  if (mo) {
    const name = `${month(mo[1])} ${mo[0]}`;
    const ref = ctx.referenceDate ? ISO_DATE.exec(ctx.referenceDate) : null;
    return ref && month(ref[2]) ? `${name} (count on ${Number(ref[3])} ${month(ref[2])} ${ref[1]})` : name;
  }
  let m = ISO_DATE.exec(period);
  if (m && month(m[2])) return `${Number(m[3])} ${month(m[2])} ${m[1]}`;
  m = RANGE.exec(period);
  if (m && month(m[2]) && month(m[4])) return `${month(m[2])} ${m[1]} to ${month(m[4])} ${m[3]}`;
  m = YEAR_PART.exec(period);
  if (m && isFinancialYear(m[1], m[2])) return `${period} (April to March)`;
  // The notional cost's period in older builds (pipeline/indicators/notional_prison_place_cost.ts): places of a month at a year's cost.
  m = /^(\d{4})-(\d{2})-\d{2} places at (\d{4}-\d{2}) cost$/.exec(period);
  if (m && month(m[2])) return `places of ${month(m[2])} ${m[1]} at the ${m[3]} cost per place`;
  return period;
}

/** Short period for chart axes: "Jul 2026" (a month), "Sep 2018", "2017/18", "Jan–Mar 2000", "2015-16". */
export function formatPeriodShort(period: string, ctx: PeriodContext = {}): string {
  const mo = monthOf(period, { kind: ctx.kind });
  if (mo) return `${month(mo[1]).slice(0, 3)} ${mo[0]}`;
  let m = ISO_DATE.exec(period);
  if (m && month(m[2])) return `${month(m[2]).slice(0, 3)} ${m[1]}`;
  m = RANGE.exec(period);
  if (m && month(m[2]) && month(m[4])) {
    const [y1, m1, y2, m2] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const months = (y2 - y1) * 12 + (m2 - m1) + 1;
    if (months === 12 && m1 === 1) return String(y1);
    if (months === 12) return `${y1}/${String(y2 % 100).padStart(2, '0')}`;
    if (y1 === y2) return `${month(m[2]).slice(0, 3)}–${month(m[4]).slice(0, 3)} ${y1}`;
    return `${month(m[2]).slice(0, 3)} ${y1}–${month(m[4]).slice(0, 3)} ${y2}`;
  }
  return period;
}

/**
 * A date that stands for the period on a time axis (a range's midpoint; a month's first day, as older
 * builds dated it, so charts of old and new builds match), or null when the period is free text.
 */
export function periodDate(period: string, ctx: PeriodContext = {}): Date | null {
  const mo = monthOf(period, { kind: ctx.kind });
  if (mo) return new Date(Date.UTC(Number(mo[0]), Number(mo[1]) - 1, 1));
  let m = ISO_DATE.exec(period);
  if (m && month(m[2])) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  m = RANGE.exec(period);
  if (m && month(m[2]) && month(m[4])) {
    const a = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
    const b = Date.UTC(Number(m[3]), Number(m[4]), 1);
    return new Date((a + b) / 2);
  }
  m = YEAR_PART.exec(period);
  if (m && isFinancialYear(m[1], m[2])) return new Date(Date.UTC(Number(m[1]), 9, 1));
  if (/^\d{4}$/.test(period)) return new Date(Date.UTC(Number(period), 6, 1));
  return null;
}

/** "2012-11" → "November 2012" (a month written without a day, as in the governance reference). */
export function formatYearMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return m && month(m[2]) ? `${month(m[2])} ${m[1]}` : ym;
}

/** "2022-06" or, from older builds, "2022-06-01" → "June 2022" (prison bulletin months). */
export function formatMonth(period: string): string {
  const m = ISO_DATE.exec(period) ?? YEAR_PART.exec(period);
  return m && month(m[2]) ? `${month(m[2])} ${m[1]}` : period;
}

export function formatDate(iso: string): string {
  return formatPeriod(iso);
}

export const COMPARISON_WORDS: Record<string, string> = {
  better: 'Better than England and Wales',
  similar: 'Similar to England and Wales',
  worse: 'Worse than England and Wales',
  not_compared: 'Not compared',
};

/** Why a value is not compared, in words, so "not compared" never looks like a verdict. */
export function notComparedReason(ind: Pick<IndicatorDef, 'polarity' | 'ciMethod'>, hasInterval: boolean): string {
  if (ind.polarity === 'neither') return 'Higher is neither better nor worse for this indicator.';
  if (ind.ciMethod === 'none' || !hasInterval) return 'No confidence interval is published, so a difference cannot be tested.';
  return 'No England and Wales figure for this period.';
}

export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** What rank 1 means for this indicator, said plainly. */
export function rankMeaning(polarity: IndicatorDef['polarity']): string {
  if (polarity === 'higher_is_better') return 'rank 1 is the highest (best) value';
  if (polarity === 'lower_is_better') return 'rank 1 is the lowest (best) value';
  return 'rank 1 is the highest value; higher is neither better nor worse';
}

export const UNIT_WORDS: Record<IndicatorDef['unit'], string> = {
  percent: 'per cent',
  rate_per_100k: 'per 100,000 residents',
  rate_per_1000: 'per 1,000 residents',
  count: 'count',
  ratio: 'ratio',
  gbp: 'pounds (£)',
  score: 'score',
};

export const SOURCE_KIND_WORDS: Record<string, string> = {
  publisher_file: 'publisher file',
  third_party_table: 'third-party table built from publisher data',
  compiled_statements: 'compiled from published statements',
  compiled_from_statements: 'compiled from published statements',
};

/** A CSV cell: quoted only when it must be. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'size unknown';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 0)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
}
