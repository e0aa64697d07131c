/**
 * Home Office "Police workforce, England and Wales", Table 1: police officers (full-time equivalent)
 * by police force area at three dates per edition. Also gives the Home Office's grouping of forces
 * into English regions and Wales (table pfa_region).
 *
 * Checks the file carries: "Total 43 forces" equals our sum for each date; where two editions give
 * the same date, they agree (else the later edition is used and a warning says so).
 *
 * From 2019 the Home Office publishes the "open data tables" (one row per force, year, sex, rank and
 * worker type, officers at 31 March back to 2007): a file with a sheet "Data" is read by
 * police_workforce/open_data.ts into the same table, so the series continues with one definition.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import { GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import { PFA_REGION } from '../../src/tables/geography.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { cellAt, cleanText, denseRows, getSheet, locate } from '../read/sheet.ts';
import { requireNumber, roundTo } from '../read/values.ts';
import { isOpenDataWorkbook, readOpenDataOfficers } from './police_workforce/open_data.ts';
import type { SourceModule } from './types.ts';

export const POLICE_OFFICERS: TableDef = {
  name: 'police_officers',
  title: 'Police officers (FTE) by police force area',
  description:
    'Police officers, full-time equivalent, by police force area at each reference date published in Home Office police workforce Table 1. Where editions overlap, the latest edition is kept (they agree in every held file).',
  primaryKey: ['pfa_code', 'date'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'date', type: 'date', description: 'Reference date (e.g. 2018-09-30).' },
    { name: 'officers_fte', type: 'number', description: 'Police officers, full-time equivalent.', unit: 'FTE', min: 0 },
  ],
};


const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "30 September 2017, 31 March 2018 and 30 September 2018" → ISO dates, in order. */
function datesFromTitle(title: string): string[] {
  const re = /(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})/gi;
  return [...title.matchAll(re)].map((m) => {
    const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    return `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  });
}

const source: SourceModule = {
  tables: [POLICE_OFFICERS, PFA_REGION],
  parse({ files, geography, warn }) {
    const byKey = new Map<string, Row & { edition: string }>();
    const regionRows = new Map<string, Row>();
    // Oldest edition first, so a later edition's figure for the same date replaces an earlier one.
    const ordered = [...files].sort((a, b) => a.entry.period.localeCompare(b.entry.period));
    for (const file of ordered) {
      const book = readWorkbook(file.label, readFileSync(file.path));
      if (isOpenDataWorkbook(book)) {
        const revised: string[] = [];
        for (const o of readOpenDataOfficers(book, geography)) {
          const key = `${o.pfa}|${o.date}`;
          const prior = byKey.get(key);
          if (prior && Math.abs(Number(prior.officers_fte) - o.fte) > 0.005) revised.push(`${o.pfa} at ${o.date}: ${prior.officers_fte} (${prior.source_id}) → ${o.fte}`);
          byKey.set(key, { pfa_code: o.pfa, date: o.date, officers_fte: o.fte, source_id: file.entry.id, source_cell: o.rows > 1 ? `${o.cell} + ${o.rows - 1} other rows (worker type Police Officer, same force and year)` : o.cell, edition: file.entry.id });
        }
        // One warning per file: the open data table restates every 31 March, so differences come in runs.
        if (revised.length) warn(`${file.label}: the figures for ${revised.length} force-date(s) differ from an earlier edition; this later one is used (first: ${revised.slice(0, 3).join('; ')}).`);
        continue;
      }
      const sheet = getSheet(book, 'Table_1');
      const title = cleanText(String(cellAt(sheet, 1, 1).value ?? ''));
      const dates = datesFromTitle(title);
      if (dates.length !== 3) {
        throw new DataError(locate(sheet, { row: 1, col: 1 }), 'a title naming three dates ("… 30 September 2017, 31 March 2018 and 30 September 2018")', `'${title}'`);
      }
      let region: { code: string | null; name: string } | null = null;
      const sums = [0, 0, 0];
      let forces = 0;
      let totalChecked = false;
      // A force listed twice would replace the first row's figures and leave another force out.
      const seenInFile = new Map<string, number>();
      for (const { row, cells } of denseRows(sheet)) {
        const first = cells[0];
        if (!first || typeof first.value !== 'string' || row < 6) continue;
        const raw = first.value;
        const name = cleanText(raw);
        if (/^total 43 forces/i.test(name)) {
          dates.forEach((_, i) => {
            const cell = cells[i + 1];
            const published = requireNumber(cell?.value ?? null, locate(sheet, { row, col: i + 2 }), 'the Total 43 forces figure');
            if (Math.abs(published - sums[i]) > 0.05) {
              throw new DataError(locate(sheet, { row, col: i + 2 }), `the sum of the 43 force rows (${sums[i].toFixed(2)})`, `${published}`, 'A force row may be missing or misread.');
            }
          });
          totalChecked = true;
          break; // rows below are not police force areas (secondments, BTP, totals)
        }
        // Region subtotal rows carry a trailing space ("West Midlands ") or are Wales; force rows do not.
        const isRegion = (raw !== raw.trimEnd() && geography.regionNames.has(name)) || name === 'Wales' || (geography.regionNames.has(name) && !geography.pfaNames.has(name));
        if (isRegion) {
          region = name === 'Wales' ? { code: null, name: 'Wales' } : { code: geography.regionNames.code(name, locate(sheet, first)), name: geography.regionName.get(geography.regionNames.code(name, locate(sheet, first)))! };
          continue;
        }
        if (!cells.slice(1, 4).some((c) => c.value !== null)) continue; // notes
        const pfa = geography.pfaNames.code(name, locate(sheet, first));
        if (seenInFile.has(pfa)) {
          throw new DataError(locate(sheet, first), `one row per police force (${name} is already on row ${seenInFile.get(pfa)})`, `a second row for '${name}'`);
        }
        seenInFile.set(pfa, row);
        forces++;
        if (!region) throw new DataError(locate(sheet, first), 'a region heading before the first force', `'${name}'`);
        regionRows.set(pfa, { pfa_code: pfa, region_code: region.code, region_name: region.name, source_id: file.entry.id, source_cell: `${sheet.name}!A${row}` });
        dates.forEach((date, i) => {
          const cell = cells[i + 1];
          const where = locate(sheet, { row, col: i + 2 });
          const fte = roundTo(requireNumber(cell?.value ?? null, where, 'a number of officers (FTE)'), 4);
          sums[i] += fte;
          const key = `${pfa}|${date}`;
          const prior = byKey.get(key);
          if (prior && Math.abs(Number(prior.officers_fte) - fte) > 0.005) {
            warn(`${file.label}, ${sheet.name}!${where.column}${row}: ${name} at ${date} is ${fte} FTE; the earlier edition (${prior.source_id}) said ${prior.officers_fte}. Using this later edition.`);
          }
          byKey.set(key, { pfa_code: pfa, date, officers_fte: fte, source_id: file.entry.id, source_cell: `${sheet.name}!${where.column}${row}`, edition: file.entry.id });
        });
      }
      if (!totalChecked) throw new DataError({ file: file.label, sheet: sheet.name }, "a 'Total 43 forces' row", 'none', 'The table layout may have changed.');
      if (forces !== 43) throw new DataError({ file: file.label, sheet: sheet.name }, '43 force rows', `${forces}`);
    }
    return {
      police_officers: [...byKey.values()].map(({ edition: _e, ...r }) => r),
      pfa_region: [...regionRows.values()],
    };
  },
};

export default source;
