/**
 * ONS resident population by local authority district.
 *
 * Table `population` (read by the per-resident indicators): Census 2011 and 2021 (usual residents, from
 * "How the population changed where you live", 2021 figures rounded to the nearest hundred) and the
 * mid-2022 estimates (MYE2, all ages, unrounded). England and Wales totals as published.
 *
 * Table `population_mid_year` (pipeline/sources/population/mid_year.ts): the ONS mid-year estimate for
 * every year any held file gives, by council, rolled up to police force area, and England and Wales:
 * one basis (ONS mid-year estimates, 30 June) for a denominator in every year.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import { GSS_LAD, type Row, type TableDef } from '../../src/tables.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { denseRows, findHeader, getSheet, locate, columnLetter } from '../read/sheet.ts';
import { requireNumber } from '../read/values.ts';
import { midYearRows, POPULATION_MID_YEAR, readMidYearFile, type MidYearFile } from './population/mid_year.ts';
import type { SourceModule } from './types.ts';

export const POPULATION: TableDef = {
  name: 'population',
  title: 'Resident population by local authority district (and England and Wales)',
  description:
    'Usual resident population at Census 2011 and Census 2021, and the ONS mid-2022 estimate, by local authority district as published; plus the published England and Wales total (area_code K04000001). Census 2021 district figures are rounded by ONS to the nearest hundred, so their sum differs slightly from the published total.',
  primaryKey: ['basis', 'area_code'],
  columns: [
    { name: 'area_code', type: 'string', description: 'Local authority district GSS code, or K04000001 for England and Wales.', pattern: `${GSS_LAD}|^K04000001$` },
    { name: 'area_name', type: 'string', description: 'Name as published.' },
    { name: 'basis', type: 'string', description: 'census_2011, census_2021 or mid_2022_estimate.', enum: ['census_2011', 'census_2021', 'mid_2022_estimate'] },
    { name: 'year', type: 'integer', description: 'Year of the population figure.' },
    { name: 'population', type: 'integer', description: 'Residents (all ages).', min: 0 },
    { name: 'rounding', type: 'string', description: 'How the publisher rounded the figure.' },
  ],
};

const LAD = new RegExp(GSS_LAD);

const source: SourceModule = {
  tables: [POPULATION, POPULATION_MID_YEAR],
  parse({ files, geography }) {
    const rows: Row[] = [];
    const midYear: MidYearFile[] = [];
    // A district the geography cannot place would drop out of every PFA sum without a word.
    const placeable = (code: string, name: string, where: ReturnType<typeof locate>) => {
      if (code !== 'K04000001' && !geography.ladToPfa.has(code)) {
        throw new DataError(
          where,
          'a local authority district code that the geography places in a police force area',
          `'${code}' (${name})`,
          'A new or changed district code needs a row in the LAD → PFA lookup before its residents can be counted.',
        );
      }
    };
    for (const file of files) {
      if (file.entry.id === 'ons_census2021_population_change') {
        const sheet = getSheet(readWorkbook(file.label, readFileSync(file.path)), 'Population change');
        const h = findHeader(sheet, { code: /^Area code/i, name: /^Area name$/i, y2011: /^All persons, 2011$/i, y2021: /^All persons, 2021$/i });
        for (const { row, cells } of denseRows(sheet)) {
          if (row <= h.row) continue;
          const code = String(cells[h.columns.code - 1]?.value ?? '').trim();
          if (!(LAD.test(code) || code === 'K04000001')) continue;
          const name = String(cells[h.columns.name - 1]?.value ?? '').trim();
          placeable(code, name, locate(sheet, { row, col: h.columns.code }));
          for (const [basis, year, col, rounding] of [
            ['census_2011', 2011, h.columns.y2011, 'unrounded'],
            ['census_2021', 2021, h.columns.y2021, 'rounded to the nearest 100'],
          ] as const) {
            const where = locate(sheet, { row, col });
            rows.push({ area_code: code, area_name: name, basis, year, population: requireNumber(cells[col - 1]?.value ?? null, where, 'a population count'), rounding, source_id: file.entry.id, source_cell: `${sheet.name}!${columnLetter(col)}${row}` });
          }
        }
      } else if (file.entry.id === 'ons_mid2022_population_estimates') {
        midYear.push(readMidYearFile(file, readFileSync(file.path), geography));
        const sheet = getSheet(readWorkbook(file.label, readFileSync(file.path), ['MYE2 - Persons']), 'MYE2 - Persons');
        const h = findHeader(sheet, { code: /^Code$/i, name: /^Name$/i, geography: /^Geography$/i, all: /^All ages$/i });
        for (const { row, cells } of denseRows(sheet)) {
          if (row <= h.row) continue;
          const code = String(cells[h.columns.code - 1]?.value ?? '').trim();
          if (!(LAD.test(code) || code === 'K04000001')) continue;
          const col = h.columns.all;
          placeable(code, String(cells[h.columns.name - 1]?.value ?? '').trim(), locate(sheet, { row, col: h.columns.code }));
          rows.push({
            area_code: code,
            area_name: String(cells[h.columns.name - 1]?.value ?? '').trim(),
            basis: 'mid_2022_estimate',
            year: 2022,
            population: requireNumber(cells[col - 1]?.value ?? null, locate(sheet, { row, col }), 'a population count'),
            rounding: 'unrounded',
            source_id: file.entry.id,
            source_cell: `${sheet.name}!${columnLetter(col)}${row}`,
          });
        }
      } else {
        // Any other file of the series (a later release accepted from discovery, or added by hand) is a
        // mid-year estimates workbook: its layout, not its id, says how to read it.
        midYear.push(readMidYearFile(file, readFileSync(file.path), geography));
      }
    }
    return { population: rows, population_mid_year: midYearRows(midYear, geography) };
  },
};

export default source;
