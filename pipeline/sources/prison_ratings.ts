/**
 * Annual prison performance ratings found quoted in published statements (table prison_rating), from
 * the compiled list prison_ratings_published_lists.csv (../shared/data/raw/prisons/PROVENANCE.md).
 *
 * The lists are PARTIAL. prison_ratings/list_coverage.csv says, for each year and rating, whether the
 * statements name every prison at that rating (complete) or only some, with the count the publisher
 * gave; a complete list must have exactly that many rows, a partial one no more. A prison absent from a
 * year gets no row: its rating is unknown, never inferred. Names go through the prison name bridge, and
 * every prison must be one of table prison (so the estate parser runs first).
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import type { Row } from '../../src/tables.ts';
import { PRISON_RATING } from '../../src/tables/prisons.ts';
import { prisonNames } from '../geography/prison_names.ts';
import { readCsv } from '../read/csv.ts';
import type { SourceModule } from './types.ts';

const COVERAGE_CSV = new URL('./prison_ratings/list_coverage.csv', import.meta.url).pathname;
const COLUMNS = ['performance_year', 'prison_as_published', 'rating', 'rating_label', 'region_as_published', 'function_as_published', 'score_as_published', 'source', 'source_kind'];

const source: SourceModule = {
  tables: [PRISON_RATING],
  after: ['prison_estate'],
  parse({ files, tables }) {
    const names = prisonNames();
    const prisons = new Set((tables.prison ?? []).map((p) => String(p.prison_code)));
    const coverage = new Map(
      readCsv(COVERAGE_CSV, readFileSync(COVERAGE_CSV, 'utf8'), { requiredColumns: ['performance_year', 'rating', 'coverage', 'published_count', 'evidence'] }).map((r) => [
        `${r.values.performance_year} ${r.values.rating}`,
        { coverage: r.values.coverage, count: Number(r.values.published_count), line: r.line },
      ]),
    );
    const rows: Row[] = [];
    for (const file of files) {
      const text = readFileSync(file.path, 'utf8');
      const header = text.split(/\r?\n/, 1)[0].split(',');
      if (header.join(',') !== COLUMNS.join(',')) throw new DataError({ file: file.label, row: 1 }, `the columns ${COLUMNS.join(', ')}`, `'${header.join(',')}'`);
      const lines = readCsv(file.label, text, { requiredColumns: COLUMNS });
      if (!lines.length) throw new DataError({ file: file.label }, 'at least one rating', 'an empty list');
      const counted = new Map<string, number>();
      for (const r of lines) {
        const at = (column: string) => ({ file: file.label, row: r.line, column });
        const v = r.values;
        if (!/^\d{4}-\d{2}$/.test(v.performance_year) || (Number(v.performance_year.slice(0, 4)) + 1) % 100 !== Number(v.performance_year.slice(5))) {
          throw new DataError(at('performance_year'), 'a performance year such as 2024-25', `'${v.performance_year}'`);
        }
        if (!/^[1-4]$/.test(v.rating)) throw new DataError(at('rating'), 'a rating 1, 2, 3 or 4', `'${v.rating}'`);
        if (!v.rating_label.trim()) throw new DataError(at('rating_label'), 'the rating wording as printed', 'an empty cell');
        const url = /^https?:\/\/\S+/.exec(v.source.trim())?.[0];
        if (!url) throw new DataError(at('source'), 'the address of the statement the rating was read from', `'${v.source.slice(0, 60)}'`);
        const code = names.code(v.prison_as_published, at('prison_as_published'));
        if (!prisons.has(code)) throw new DataError(at('prison_as_published'), 'an establishment of table prison', `'${v.prison_as_published}' (code ${code})`);
        const key = `${v.performance_year} ${v.rating}`;
        const cov = coverage.get(key);
        if (!cov) throw new DataError(at('rating'), `a row for ${v.performance_year}, rating ${v.rating} in pipeline/sources/prison_ratings/list_coverage.csv`, 'none', 'Say whether that list is complete and how many prisons the publisher counted.');
        counted.set(key, (counted.get(key) ?? 0) + 1);
        rows.push({
          prison_code: code,
          performance_year: v.performance_year,
          rating: Number(v.rating),
          rating_label: v.rating_label.trim(),
          list_coverage: cov.coverage === 'complete'
            ? `complete: every prison rated ${v.rating} in ${v.performance_year} is named (${cov.count})`
            : `partial: ${v.performance_year}'s list of prisons rated ${v.rating} names some of the ${cov.count}; others at this rating are not named`,
          source_url: url,
          source_id: file.entry.id,
          source_cell: `row ${r.line}`,
        });
      }
      const years = new Set(lines.map((r) => r.values.performance_year));
      for (const [key, cov] of coverage) {
        if (!years.has(key.split(' ')[0])) continue;
        const n = counted.get(key) ?? 0;
        if (cov.coverage === 'complete' ? n !== cov.count : n > cov.count) {
          throw new DataError(
            { file: file.label },
            `${cov.coverage === 'complete' ? 'exactly' : 'at most'} ${cov.count} prisons for ${key.replace(' ', ', rating ')} (pipeline/sources/prison_ratings/list_coverage.csv line ${cov.line})`,
            `${n}`,
          );
        }
      }
    }
    return { prison_rating: rows };
  },
};

export default source;
