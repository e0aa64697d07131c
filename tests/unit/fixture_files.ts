/**
 * Publisher files in their documented layouts, written from figures the tests choose (no publisher
 * file is copied): the police workforce open data table, the ONS police force area tables in the
 * accessible layout, Table 9 of 2024-25 and the HMPPS costs by establishment addendum. Used by the
 * unit tests of those parsers and by tests/pipeline/new_sources.test.ts.
 */
import { ods, odsFloat, odsRow, odsText, xlsx, type XCell } from './fixtures.ts';

/** 39 English and 4 Welsh force codes in the GSS shape (the unit tests' own geography). */
export const FORCES = Array.from({ length: 43 }, (_, i) => (i < 39 ? `E23${String(i + 1).padStart(6, '0')}` : `W15${String(i - 38).padStart(6, '0')}`));
export const OPEN_DATA_HEADER = ['As at 31 March', 'Geocode', 'Force name', 'Region', 'Sex', 'Rank', 'Worker type', 'Total (Headcount)', 'Total (FTE)'];

export interface OpenDataRow {
  year: number;
  code: string;
  worker: string;
  sex: string;
  rank: string;
  fte: number | string;
}

/** The Data sheet of the open data table, from the rows given (force names and regions are placeholders the reader ignores). */
export function openDataOds(rows: OpenDataRow[], header = OPEN_DATA_HEADER, sheet = 'Data'): Uint8Array {
  const xml = [odsRow(header.map((h) => odsText(h)).join(''))];
  for (const r of rows) {
    xml.push(
      odsRow(
        odsFloat(r.year) + odsText(r.code) + odsText(`Force ${r.code}`) + odsText('Region') + odsText(r.sex) + odsText(r.rank) + odsText(r.worker) + odsFloat(1) + (typeof r.fte === 'number' ? odsFloat(r.fte) : odsText(r.fte)),
      ),
    );
  }
  return ods([{ name: sheet, rowsXml: xml.join('') }]);
}

/** Officers split over two sexes and two ranks, plus staff and British Transport Police rows the reader must leave out. */
export function openDataRows(years: number[], fte: (code: string, year: number) => number): OpenDataRow[] {
  const rows: OpenDataRow[] = [];
  for (const year of years) {
    for (const code of FORCES) {
      const total = fte(code, year);
      const parts = [0.4, 0.3, 0.2, 0.1].map((p) => Math.round(total * p * 100) / 100);
      parts[3] = Math.round((total - parts[0] - parts[1] - parts[2]) * 100) / 100;
      [['Female', 'Constable'], ['Male', 'Constable'], ['Female', 'Sergeant'], ['Male', 'Sergeant']].forEach(([sex, rank], i) => rows.push({ year, code, worker: 'Police Officer', sex, rank, fte: parts[i] }));
      rows.push({ year, code, worker: 'Police Staff', sex: 'Female', rank: 'Police Staff', fte: 999 });
    }
    rows.push({ year, code: '', worker: 'Police Officer', sex: 'Male', rank: 'Constable', fte: 2000 });
  }
  return rows;
}


// ------------------------------------------------------------------ ONS police force area tables, accessible layout

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

export interface CrimeArea {
  code: string;
  name: string;
}

/**
 * ONS police force area data tables in the accessible layout ONS uses since 2021: cover, contents and
 * notes sheets; Table P1 with a title naming the year and a note marker, two lines of notes, one
 * header row (Area Code, Area Name, the 23 offence groups, some with "[note N]"), England and Wales,
 * England, Wales and region rows beside the forces, and British Transport Police with "[z]" for its
 * code; Table P3 with population, households and the total rate per 1,000.
 */
export function crimeAccessibleXlsx(opts: {
  yearEnding: string;
  populationYear: number;
  forces: CrimeArea[];
  labels: string[];
  offences: (code: string, offence: number) => number;
  btp: (offence: number) => number;
  population: (code: string) => number;
  rateSuppressed?: (code: string) => boolean;
  /** Added to the printed rate (to test the check). */
  rateShift?: (code: string) => number;
  btpCode?: string;
}): Uint8Array {
  const [y, m] = opts.yearEnding.split('-').map(Number);
  const period = `year ending ${MONTH_NAMES[m - 1]} ${y}`;
  const p1: XCell[] = [
    { ref: 'A1', s: `Table P1: Police recorded crime by offence group and police force area, English regions and Wales, number of offences, ${period} [note 1]` },
    { ref: 'A2', s: 'This worksheet contains one table. Some cells refer to notes which can be found in the notes worksheet.' },
    { ref: 'A3', s: 'Source: Home Office - Police recorded crime' },
    { ref: 'A4', s: 'Area Code' },
    { ref: 'B4', s: 'Area Name' },
  ];
  opts.labels.forEach((l, i) => p1.push({ ref: `${letter(i + 2)}4`, s: i % 4 === 0 ? `${l} [note ${2 + (i % 3)}]` : l }));
  const totals = opts.labels.map((_, i) => opts.btp(i));
  let row = 8;
  for (const f of opts.forces) {
    p1.push({ ref: `A${row}`, s: f.code }, { ref: `B${row}`, s: f.name });
    opts.labels.forEach((_, i) => {
      const v = opts.offences(f.code, i);
      totals[i] += v;
      p1.push({ ref: `${letter(i + 2)}${row}`, n: v });
    });
    row++;
  }
  p1.push({ ref: `A${row}`, s: opts.btpCode ?? '[z]' }, { ref: `B${row}`, s: 'British Transport Police [note 6]' });
  opts.labels.forEach((_, i) => p1.push({ ref: `${letter(i + 2)}${row}`, n: opts.btp(i) }));
  p1.push({ ref: 'A5', s: 'K04000001' }, { ref: 'B5', s: 'England and Wales [note 6]' });
  opts.labels.forEach((_, i) => p1.push({ ref: `${letter(i + 2)}5`, n: totals[i] }));
  // England and a region: not police force areas, never summed.
  p1.push({ ref: 'A6', s: 'E92000001' }, { ref: 'B6', s: 'England' }, { ref: 'C6', n: 1 }, { ref: 'A7', s: 'E12000001' }, { ref: 'B7', s: 'North East' }, { ref: 'C7', n: 1 });

  const p3: XCell[] = [
    { ref: 'A1', s: `Table P3: Police recorded crime rates per 1,000 population by offence group and police force area, ${period} [note 1]` },
    { ref: 'A2', s: 'This worksheet contains one table.' },
    { ref: 'A4', s: 'Area Code' },
    { ref: 'B4', s: 'Area Name' },
    { ref: 'C4', s: `Population (mid-${opts.populationYear}) [note 7]` },
    { ref: 'D4', s: `Households (mid-${opts.populationYear})` },
    { ref: 'E4', s: `${opts.labels[0]} [note 2]` },
  ];
  opts.forces.forEach((f, i) => {
    const r = 5 + i;
    const pop = opts.population(f.code);
    p3.push({ ref: `A${r}`, s: f.code }, { ref: `B${r}`, s: f.name }, { ref: `C${r}`, n: pop }, { ref: `D${r}`, n: Math.round(pop / 2.4) });
    p3.push(opts.rateSuppressed?.(f.code) ? { ref: `E${r}`, s: '+' } : { ref: `E${r}`, n: Math.round((opts.offences(f.code, 0) / pop) * 1000 * 10) / 10 + (opts.rateShift?.(f.code) ?? 0) });
  });
  return xlsx([
    { name: 'Cover_sheet', cells: [{ ref: 'A1', s: 'Police force area data tables' }] },
    { name: 'Contents', cells: [{ ref: 'A1', s: 'Contents' }] },
    { name: 'Notes', cells: [{ ref: 'A1', s: 'Notes' }] },
    { name: 'Table P1', cells: p1 },
    { name: 'Table P3', cells: p3 },
  ]);
}
