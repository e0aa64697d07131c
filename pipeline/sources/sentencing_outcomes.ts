/**
 * MoJ criminal justice statistics, outcomes by offence (the data tool's CSV, e.g.
 * sentence_outcomes_2017_2024.csv inside the release's "outcomes by offence" zip obo_2017_2024.zip,
 * unpacked by acquire as the registry's "member", pipeline/read/zip_member.ts): people sentenced,
 * and sent to immediate custody, by police force area of the COURT, sex and calendar year. NOT HELD:
 * this parser has met only fixture files written by its tests in the documented layout;
 * docs/sources.md says what to check on the first real file.
 *
 * Layout: one row per combination of the tool's fields, with the count in 'Sentenced'. Read here:
 * 'Year' (2023), 'Sex' ('01: Female', '02: Male', …), 'Police Force Area' (force name, or 'Not
 * known'), 'Sentence Outcome' ('NN: …'; immediate custody is '06: Total Immediate Custody' in the
 * 2022 pivot and 'NN: Immediate Custody' in the December 2024 files), 'Sentenced' (a whole number).
 * Other columns (Age Group, Offence Group, Offence, Custodial Sentence Length, …) are summed over.
 * Sources for the layout:
 *   - Publisher: "Criminal Justice System statistics quarterly: December 2024"
 *     (https://www.gov.uk/government/statistics/criminal-justice-system-statistics-quarterly-december-2024),
 *     the zip attachment titled "Outcomes by offence" (data tool CSVs); the technical appendix
 *     (criminal-justice-statistics-technical-appendix-june-2023.pdf) on the 2023 court-to-PFA mapping.
 *   - Public code: Prison-Reform-Trust/womens-imprisonment-PFA src/data/processing/filter_sentence_type.py
 *     (reads sentence_outcomes_2017_2024.csv and sentence_outcomes_2010_2016.csv with columns
 *     'Police Force Area', 'Year', 'Sex', 'Age Group', 'Offence Group', 'Offence', 'Sentence Outcome',
 *     'Custodial Sentence Length', 'Sentenced'; strips the 'NN: ' prefixes; excludes PFA 'Not known';
 *     notebooks/processing_data/1.1-ah-cjs-data-exploration.ipynb prints the header), and an earlier
 *     script of the same repository on obo_sent_pivot_2016_2022 (Sex == '01: Female', outcomes
 *     '06: Total Immediate Custody', '04: Total Community sentence', '05: Suspended Sentence').
 *
 * The file is large (millions of rows), so DuckDB reads and sums it without loading it whole; each
 * distinct value is then checked, and a bad one is reported at the first line it appears on.
 * Checks: header strictly (the five columns, exactly as written); 'NN: ' codes on Sex and Sentence
 * Outcome; a known PFA name or 'Not known'; a whole number in Sentenced; at least one immediate
 * custody outcome in the file.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../../src/errors.ts';
import { GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import type { NameLookup } from '../geography/names.ts';
import type { SourceModule } from './types.ts';

export const OUTCOME_COLUMNS = ['Year', 'Sex', 'Police Force Area', 'Sentence Outcome', 'Sentenced'] as const;
export const IMMEDIATE_CUSTODY = /^\d{2}: (Total )?Immediate Custody$/i;
const CODED = /^\d{2}: \S.*$/;
export const SEX: Record<string, 'female' | 'male' | 'not_known'> = { female: 'female', male: 'male', 'not known': 'not_known', unknown: 'not_known' };
export const NOT_KNOWN_PFA = 'Not known';

export const SENTENCING_OUTCOMES: TableDef = {
  name: 'sentencing_outcomes',
  title: 'People sentenced and sent to immediate custody, by police force area of the court, sex and year (MoJ outcomes by offence)',
  description:
    "Sums of the 'Sentenced' column of the MoJ criminal justice statistics outcomes by offence data tool, by police force area as the tool names it (the area of the court that sentenced, not the person's home), sex and calendar year: all sentence outcomes, and immediate custody. Rows of every age group and offence are summed. 'Not known' areas count in England and Wales only. MoJ re-mapped courts to police force areas in 2023 and revised earlier years: compare only figures of one edition.",
  primaryKey: ['pfa_name', 'year', 'sex'],
  columns: [
    { name: 'pfa_code', type: 'string', description: "Police force area of the court; empty for 'Not known'.", nullable: true, pattern: GSS_PFA },
    { name: 'pfa_name', type: 'string', description: 'Police Force Area as printed in the file.' },
    { name: 'year', type: 'integer', description: 'Calendar year of sentence.', min: 2000, max: 2100 },
    { name: 'sex', type: 'string', description: "'female', 'male' or 'not_known' (the file's 'NN: ' code dropped).", enum: ['female', 'male', 'not_known'] },
    { name: 'sentenced', type: 'integer', description: 'People sentenced (all outcomes).', min: 0 },
    { name: 'immediate_custody', type: 'integer', description: 'Of them, sentenced to immediate custody.', min: 0 },
    { name: 'rows_summed', type: 'integer', description: 'Rows of the file summed into this one.', min: 1 },
  ],
};

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function rowsOf(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

export async function readOutcomes(label: string, path: string, pfaNames: NameLookup, sourceId: string): Promise<Row[]> {
  if (!/\.csv$/i.test(path)) {
    throw new DataError({ file: label }, "the outcomes by offence data tool as a CSV file (e.g. 'sentence_outcomes_2017_2024.csv')", 'another kind of file', 'The release publishes a .zip of CSVs: register the zip with the CSV as its "member" (data/sources/moj_cjs_outcomes_by_offence.json), or add the unzipped CSV.');
  }
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  const csv = `read_csv(${sqlText(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
  try {
    let header: string[];
    try {
      header = (await rowsOf(con, `DESCRIBE SELECT * FROM ${csv}`)).map((r) => String(r.column_name));
    } catch (e) {
      throw new DataError({ file: label }, 'a UTF-8 CSV file with a header row', `a file DuckDB cannot read (${(e as Error).message.split('\n')[0]})`, 'Re-save the file as UTF-8 CSV if it came in another encoding.');
    }
    for (const c of OUTCOME_COLUMNS) {
      if (header.filter((h) => h === c).length !== 1) {
        throw new DataError({ file: label, row: 1 }, `a header with one column '${c}' (columns read: ${OUTCOME_COLUMNS.map((x) => `'${x}'`).join(', ')})`, `columns ${header.map((h) => `'${h}'`).join(', ')}`, 'The publisher may have renamed the column; check the release guidance before changing the parser.');
      }
    }
    const groups = await rowsOf(
      con,
      `SELECT "Year" AS year, "Sex" AS sex, "Police Force Area" AS pfa, "Sentence Outcome" AS outcome, count(*) AS n,
         sum(TRY_CAST("Sentenced" AS BIGINT)) AS sentenced,
         count(*) FILTER (WHERE NOT regexp_full_match(coalesce("Sentenced", ''), '\\d+')) AS bad
       FROM ${csv} GROUP BY ALL`,
    );
    if (!groups.length) throw new DataError({ file: label, row: 2 }, 'data rows under the header', 'none');
    /** The first line where a column holds a bad value (the file's own order: one thread reads it). */
    const fail = async (column: string, expected: string, test: string): Promise<never> => {
      const hit = await rowsOf(con, `SELECT rn, v FROM (SELECT row_number() OVER () AS rn, ${ident(column)} AS v FROM ${csv}) WHERE ${test} ORDER BY rn LIMIT 1`);
      const v = hit[0]?.v;
      throw new DataError({ file: label, row: Number(hit[0]?.rn ?? 0) + 1, column }, expected, v === null || v === undefined || v === '' ? 'an empty cell' : `'${v}'`);
    };
    const is = (value: string) => (value === '' ? `(v IS NULL OR v = '')` : `v = ${sqlText(value)}`);
    const out = new Map<string, Row>();
    let custodyRows = 0;
    for (const g of groups) {
      const [year, sex, pfa, outcome] = [g.year, g.sex, g.pfa, g.outcome].map((v) => (v === null ? '' : String(v)));
      if (Number(g.bad) > 0) await fail('Sentenced', 'a whole number of people sentenced', `NOT regexp_full_match(coalesce(v, ''), '\\d+')`);
      if (!/^\d{4}$/.test(year)) await fail('Year', 'a calendar year (four digits)', is(year));
      if (!CODED.test(sex) || !SEX[sex.slice(4).toLowerCase()]) await fail('Sex', "a coded sex ('01: Female', '02: Male', 'NN: Not known')", is(sex));
      if (!CODED.test(outcome)) await fail('Sentence Outcome', "a coded outcome ('NN: …')", is(outcome));
      let code: string | null = null;
      if (pfa !== NOT_KNOWN_PFA) {
        code = pfaNames.find(pfa) ?? null;
        if (!code) await fail('Police Force Area', `a known police force area name or '${NOT_KNOWN_PFA}'`, is(pfa));
      }
      const custody = IMMEDIATE_CUSTODY.test(outcome);
      if (custody) custodyRows++;
      const key = `${pfa}|${year}|${sex}`;
      const row =
        out.get(key) ??
        ({ pfa_code: code, pfa_name: pfa, year: Number(year), sex: SEX[sex.slice(4).toLowerCase()], sentenced: 0, immediate_custody: 0, rows_summed: 0, source_id: sourceId, source_cell: `rows with Year ${year}, Sex '${sex}', Police Force Area '${pfa}'` } as Row);
      row.sentenced = Number(row.sentenced) + Number(g.sentenced);
      if (custody) row.immediate_custody = Number(row.immediate_custody) + Number(g.sentenced);
      row.rows_summed = Number(row.rows_summed) + Number(g.n);
      out.set(key, row);
    }
    if (!custodyRows) throw new DataError({ file: label, column: 'Sentence Outcome' }, "an immediate custody outcome ('NN: Immediate Custody' or 'NN: Total Immediate Custody')", `outcomes ${[...new Set(groups.map((g) => `'${g.outcome}'`))].slice(0, 10).join(', ')}`);
    // Two spellings of one sex code would make two rows for one key; the table's key refuses that.
    return [...out.values()];
  } finally {
    con.closeSync();
  }
}

const source: SourceModule = {
  tables: [SENTENCING_OUTCOMES],
  async parse({ files, geography }) {
    const rows: Row[] = [];
    for (const f of files) rows.push(...(await readOutcomes(f.label, f.path, geography.pfaNames, f.entry.id)));
    return { sentencing_outcomes: rows };
  },
};

export default source;
