/**
 * The period a listed release covers, read from its titles and file name, written the way the
 * registry already writes that series' periods (so a proposed entry sorts beside the held ones):
 *   date            "31 March 2025"                  → 2025-03-31       (police workforce)
 *   month           "monthly bulletin January 2025"  → 2025-01          (prison population bulletins)
 *   months_range    "January to March 2024"          → 2024-01/2024-03  (reoffending cohorts)
 *   financial_year  "2024 to 2025", "2024-25"        → 2024-25          (council tax)
 *   year_ending     "year ending March 2020"         → 2019-04-01/2020-03-31 (ONS crime tables)
 *   mid_year        "mid-2023", "mid2023"            → 2023-06-30       (population estimates)
 *   year            "2029"                           → 2029
 * A proposal whose period cannot be read says so and cannot be accepted until a person writes it in.
 */
import type { PERIOD_KINDS } from '../registry.ts';

export type PeriodKind = (typeof PERIOD_KINDS)[number];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const monthNumber = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** File names run words together ("yearendingmarch2020", "prison-pop-january-2025"): read them spaced. */
function spaced(text: string): string {
  return text
    .replace(/[_\-.+]+/g, ' ')
    .replace(/([a-z])(\d)/gi, '$1 $2')
    .replace(/(\d)([a-z])/gi, '$1 $2')
    .replace(/(year)(ending)/gi, '$1 $2')
    .replace(/(ending)([a-z]+)/gi, '$1 $2');
}

const READERS: Record<PeriodKind, (t: string) => string | null> = {
  date(t) {
    const m = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i').exec(t);
    return m ? `${m[3]}-${pad(monthNumber(m[2]))}-${pad(Number(m[1]))}` : null;
  },
  month(t) {
    const m = new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'i').exec(t);
    return m ? `${m[2]}-${pad(monthNumber(m[1]))}` : null;
  },
  months_range(t) {
    const m = new RegExp(`\\b${MONTH}(?:\\s+(\\d{4}))?\\s+to\\s+${MONTH}\\s+(\\d{4})\\b`, 'i').exec(t);
    if (!m) return null;
    const [from, to, endYear] = [monthNumber(m[1]), monthNumber(m[3]), Number(m[4])];
    const startYear = m[2] ? Number(m[2]) : from > to ? endYear - 1 : endYear;
    return `${startYear}-${pad(from)}/${endYear}-${pad(to)}`;
  },
  financial_year(t) {
    const m = /\b((?:19|20)\d{2})(?:\s*(?:to|-|–|\/)\s*|\s+)((?:19|20)?\d{2})\b/i.exec(t);
    if (!m) return null;
    const start = Number(m[1]);
    const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
    return end === start + 1 ? `${start}-${pad(end % 100)}` : null;
  },
  year_ending(t) {
    const m = new RegExp(`year\\s*ending\\s*${MONTH}\\s*(\\d{4})\\b`, 'i').exec(t);
    if (!m) return null;
    const [month, year] = [monthNumber(m[1]), Number(m[2])];
    const startMonth = (month % 12) + 1;
    const startYear = startMonth === 1 ? year : year - 1;
    return `${startYear}-${pad(startMonth)}-01/${year}-${pad(month)}-${pad(lastDay(year, month))}`;
  },
  mid_year(t) {
    const m = /\bmid\s*-?\s*((?:19|20)\d{2})\b/i.exec(t);
    return m ? `${m[1]}-06-30` : null;
  },
  year(t) {
    const m = /\b((?:19|20)\d{2})\b/.exec(t);
    return m ? m[1] : null;
  },
};

/** The first text (in the order given: file title, file name, release title, page) that names a period. */
export function readPeriod(kind: PeriodKind, texts: string[]): string | null {
  for (const text of texts) {
    for (const t of [text, spaced(text)]) {
      const p = READERS[kind](t);
      if (p) return p;
    }
  }
  return null;
}

/** The period as it goes into a file id: 2025-03-31 → 2025_03_31, 2019-04-01/2020-03-31 → ye_mar2020. */
export function periodSlug(kind: PeriodKind, period: string): string {
  if (kind === 'year_ending') {
    const end = period.split('/')[1];
    return `ye_${MONTHS[Number(end.slice(5, 7)) - 1].slice(0, 3)}${end.slice(0, 4)}`;
  }
  if (kind === 'mid_year') return `mid${period.slice(0, 4)}`;
  return period.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}
