/**
 * National prison costs (England and Wales) compiled figure by figure from published statements
 * (written answers, press releases, blogs quoting the HMPPS/NOMS "costs per place and costs per
 * prisoner" addenda). Not a publisher's file: every row keeps the page that states it.
 *
 * Figures are restated between editions (2015-16 overall cost per place: £35,182 as first published,
 * £36,720 in the 2016-17 release). Both are kept, told apart by `release`; nothing picks one.
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import type { Row } from '../../src/tables.ts';
import { PRISON_COST_MEASURES, PRISON_COST_NATIONAL } from '../../src/tables/prisons.ts';
import { readCommittedCsv, readCsv } from '../read/csv.ts';
import type { SourceModule } from './types.ts';

/**
 * Which publication each source page quotes, from the compiler's notes (PROVENANCE.md), kept in
 * prison_costs/release_of_source.csv. A new page must be added there so that every figure says which
 * release it belongs to.
 */
export const RELEASE_OF_SOURCE: Record<string, string> = Object.fromEntries(
  readCommittedCsv(new URL('./prison_costs/release_of_source.csv', import.meta.url), ['source_url', 'release']).map((r) => [r.source_url, r.release]),
);

function split(measure: (typeof PRISON_COST_MEASURES)[number]): { basis: 'overall' | 'direct'; per: 'place' | 'prisoner' | 'total' } {
  return {
    basis: measure.startsWith('overall') ? 'overall' : 'direct',
    per: measure.endsWith('per_place') ? 'place' : measure.endsWith('per_prisoner') ? 'prisoner' : 'total',
  };
}

export function parsePrisonCosts(label: string, text: string, sourceId: string): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(label, text, { requiredColumns: ['year', 'measure', 'value_gbp', 'source_url', 'note'] })) {
    const v = r.values;
    const at = (column: string) => ({ file: label, row: r.line, column });
    const year = v.year.trim();
    const m = /^(\d{4})-(\d{2})$/.exec(year);
    if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) throw new DataError(at('year'), 'a financial year like 2016-17', quoteFound(year));
    const measure = v.measure.trim() as (typeof PRISON_COST_MEASURES)[number];
    if (!PRISON_COST_MEASURES.includes(measure)) throw new DataError(at('measure'), `one of ${PRISON_COST_MEASURES.join(', ')}`, quoteFound(v.measure));
    const raw = v.value_gbp.trim();
    if (!/^\d+(\.\d+)?$/.test(raw)) throw new DataError(at('value_gbp'), 'an amount in pounds (digits only)', quoteFound(raw));
    const url = v.source_url.trim();
    const release = RELEASE_OF_SOURCE[url];
    if (!release) throw new DataError(at('source_url'), 'a source page whose release is named in pipeline/sources/prison_costs/release_of_source.csv', quoteFound(url), 'Say which publication the page quotes before using its figure.');
    rows.push({ financial_year: year, measure, ...split(measure), release, value_gbp: Number(raw), restated: false, source_url: url, note: v.note.trim() || null, source_id: sourceId, source_cell: `row ${r.line}` });
  }
  const byKey = new Map<string, Row[]>();
  for (const row of rows) byKey.set(`${row.financial_year}|${row.measure}`, [...(byKey.get(`${row.financial_year}|${row.measure}`) ?? []), row]);
  for (const group of byKey.values()) {
    if (new Set(group.map((g) => g.value_gbp)).size > 1) for (const g of group) g.restated = true;
  }
  checkSamePopulation(label, rows);
  return rows;
}

/**
 * Within one release and year, total ÷ cost per prisoner is the average population and total ÷ cost
 * per place the places; overall and direct must give the same (PROVENANCE: 84,750 vs 84,748). A
 * figure filed under the wrong year or measure shows up here.
 */
function checkSamePopulation(label: string, rows: Row[]) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(`${r.release}|${r.financial_year}`, [...(groups.get(`${r.release}|${r.financial_year}`) ?? []), r]);
  for (const group of groups.values()) {
    const get = (m: string) => group.find((g) => g.measure === m);
    for (const per of ['prisoner', 'place'] as const) {
      const implied = (['overall', 'direct'] as const).flatMap((basis) => {
        const total = get(`${basis}_resource_expenditure_total`);
        const unit = get(`${basis}_cost_per_${per}`);
        return total && unit ? [{ n: Number(total.value_gbp) / Number(unit.value_gbp), unit }] : [];
      });
      if (implied.length === 2 && Math.abs(implied[0].n - implied[1].n) / implied[0].n > 0.001) {
        throw new DataError(
          { file: label, row: Number(String(implied[1].unit.source_cell).replace('row ', '')), column: 'value_gbp' },
          `direct and overall figures implying the same number of ${per === 'place' ? 'places' : 'prisoners'} (${Math.round(implied[0].n)})`,
          `${Math.round(implied[1].n)}`,
          'A figure may be filed under the wrong year or measure.',
        );
      }
    }
  }
}

const source: SourceModule = {
  tables: [PRISON_COST_NATIONAL],
  parse({ files }) {
    return { prison_cost_national: files.flatMap((f) => parsePrisonCosts(f.label, readFileSync(f.path, 'utf8'), f.entry.id)) };
  },
};

export default source;
