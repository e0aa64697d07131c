/**
 * Land area of each local authority district in square kilometres, from table MYE5 ("Population
 * density for local authorities in the UK, mid-2011 and mid-2022") of the ONS mid-2022 estimates
 * workbook: the area ONS divides by for its published densities. Used for population density in the
 * similar-areas table (pipeline/derived/similar_areas.ts).
 *
 * Checks: every England and Wales district (E06, E07, E08, E09, W06) is one the geography places in
 * a police force area; the districts add up to the printed England and Wales area (K04000001) to
 * within 0.01 sq km per district (ONS prints four decimals); every district's printed 2022 density
 * equals its mid-2022 population ÷ its area, rounded (so the column read is the area).
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../src/errors.ts';
import { GSS_LAD, type Row, type TableDef } from '../../src/tables.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { columnLetter, denseRows, findHeader, getSheet, locate } from '../read/sheet.ts';
import { requireNumber } from '../read/values.ts';
import type { SourceModule } from './types.ts';

export const LAND_AREA: TableDef = {
  name: 'land_area',
  title: 'Land area by local authority district',
  description:
    "Area in square kilometres of each local authority district in England and Wales (April 2023 boundaries), as printed in ONS table MYE5 of the mid-2022 population estimates, the area ONS divides by for its densities.",
  primaryKey: ['lad_code'],
  columns: [
    { name: 'lad_code', type: 'string', description: 'Local authority district GSS code.', pattern: GSS_LAD },
    { name: 'lad_name', type: 'string', description: 'Name as printed.' },
    { name: 'area_sq_km', type: 'number', description: 'Area in square kilometres, as printed (four decimals).', unit: 'km2', min: 0 },
  ],
};

const LAD = new RegExp(GSS_LAD);
const ENGLAND_WALES = 'K04000001';

const source: SourceModule = {
  tables: [LAND_AREA],
  parse({ files, geography }) {
    const rows: Row[] = [];
    for (const file of files) {
      const sheet = getSheet(readWorkbook(file.label, readFileSync(file.path), ['MYE5']), 'MYE5');
      const h = findHeader(sheet, { code: /^Code$/i, name: /^Name$/i, area: /^Area \(sq km\)$/i, pop: /^Estimated Population mid-2022$/i, density: /^2022 people per sq\.? km$/i });
      let printedTotal: { value: number; row: number } | null = null;
      let sum = 0;
      for (const { row, cells } of denseRows(sheet)) {
        if (row <= h.row) continue;
        const code = String(cells[h.columns.code - 1]?.value ?? '').trim();
        const at = (col: number) => locate(sheet, { row, col });
        if (code === ENGLAND_WALES) printedTotal = { value: requireNumber(cells[h.columns.area - 1]?.value ?? null, at(h.columns.area), 'an area in sq km'), row };
        if (!LAD.test(code)) continue;
        const name = String(cells[h.columns.name - 1]?.value ?? '').trim();
        if (!geography.ladToPfa.has(code)) {
          throw new DataError(at(h.columns.code), 'a local authority district code that the geography places in a police force area', `'${code}' (${name})`);
        }
        const area = requireNumber(cells[h.columns.area - 1]?.value ?? null, at(h.columns.area), 'an area in sq km');
        const pop = requireNumber(cells[h.columns.pop - 1]?.value ?? null, at(h.columns.pop), 'a population count');
        const density = requireNumber(cells[h.columns.density - 1]?.value ?? null, at(h.columns.density), 'people per sq km');
        if (!(area > 0) || Math.abs(pop / area - density) > 0.5 + 1e-9) {
          throw new DataError(at(h.columns.area), `an area whose density (population ${pop} ÷ area) is the printed ${density} people per sq km`, `${area}`, 'The area column may have moved.');
        }
        sum += area;
        rows.push({ lad_code: code, lad_name: name, area_sq_km: area, source_id: file.entry.id, source_cell: `${sheet.name}!${columnLetter(h.columns.area)}${row}` });
      }
      if (!printedTotal) throw new DataError({ file: file.label, sheet: sheet.name, column: columnLetter(h.columns.code) }, `a row with Code ${ENGLAND_WALES} (England and Wales)`, 'none');
      if (Math.abs(sum - printedTotal.value) > 0.01 * rows.length) {
        throw new DataError(locate(sheet, { row: printedTotal.row, col: h.columns.area }), `the sum of the ${rows.length} districts' areas (${sum.toFixed(4)} sq km)`, `${printedTotal.value}`);
      }
    }
    return { land_area: rows };
  },
};

export default source;
