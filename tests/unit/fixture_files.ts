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

// ------------------------------------------------------------------ Council tax Table 9 (Data_Precepting), 2023-24 onward

/** One ODS row from cells placed by column number (1-based); gaps are written as repeated empty cells. */
function odsPlaced(cells: Map<number, string>): string {
  const cols = [...cells.keys()].sort((a, b) => a - b);
  let xml = '';
  let next = 1;
  for (const c of cols) {
    if (c > next) xml += `<table:table-cell table:number-columns-repeated="${c - next}"/>`;
    xml += cells.get(c)!;
    next = c + 1;
  }
  return odsRow(xml);
}

export interface PrecepRow {
  ecode: string;
  ons: string;
  name: string;
  klass: string;
  /** Council tax requirement (£) and tax base, previous year then current year. */
  req: [number, number];
  base: [number, number];
}

/**
 * Table 9's sheet Data_Precepting as the releases from 2023-24 write it: a title naming the two years
 * on row 1, the header on row 6 (E-code, ONS Code, Authority, Region, Class, Notes, then previous/
 * current year pairs of the requirement, levies, tax base, Band D and ASC precept), the class total
 * "Police authorities ex Met Police" (the PCC rows other than the GLA's, summed) and the authorities.
 * Band D is requirement ÷ tax base, as the publisher computes it.
 */
export function table9Ods(opts: { previousYear: string; year: string; rows: PrecepRow[]; bandD?: (r: PrecepRow, which: 0 | 1) => number }): Uint8Array {
  const label = (n: string, which: 0 | 1) => `${n}\n\n(${which ? 'current' : 'previous'} year)`;
  const head = new Map<number, string>([
    [1, odsText('E-code')], [2, odsText('ONS Code')], [3, odsText('Authority')], [4, odsText('Region')], [5, odsText('Class')], [6, odsText('Notes')],
    [7, odsText(label('1. Council Tax Requirement including special expenses. ', 0))], [8, odsText(label('1. Council Tax Requirement including special expenses. ', 1))],
    [9, odsText(label('1a. Levies', 0))], [10, odsText(label('1a. Levies', 1))],
    [11, odsText(label("2. Council tax base for the major precepting authority's area", 0))], [12, odsText(label("2. Council tax base for the major precepting authority's area", 1))],
    [13, odsText(label('3. Average (Band D 2 Adult equivalent) council tax of major precepting authority (line 1 / line 2)', 0))], [14, odsText(label('3. Average (Band D 2 Adult equivalent) council tax of major precepting authority (line 1 / line 2)', 1))],
    [15, odsText(label('4. Total Adult Social Care precept', 0))], [16, odsText(label('4. Total Adult Social Care precept', 1))],
  ]);
  const bandD = opts.bandD ?? ((r, k) => r.req[k] / r.base[k]);
  const line = (r: PrecepRow) =>
    odsPlaced(
      new Map<number, string>([
        [1, odsText(r.ecode)], [2, odsText(r.ons)], [3, odsText(r.name)], [4, odsText('[z]')], [5, odsText(r.klass)],
        [7, odsFloat(r.req[0])], [8, odsFloat(r.req[1])], [9, odsText('[z]')], [10, odsText('[z]')],
        [11, odsFloat(r.base[0])], [12, odsFloat(r.base[1])], [13, odsFloat(bandD(r, 0))], [14, odsFloat(bandD(r, 1))], [15, odsText('[z]')], [16, odsText('[z]')],
      ]),
    );
  const pcc = opts.rows.filter((r) => r.klass === 'PCC' && r.ecode !== 'E5102');
  const sum = (f: (r: PrecepRow) => number) => pcc.reduce((s, r) => s + f(r), 0);
  const total: PrecepRow = { ecode: 'PCC', ons: 'PCC', name: 'Police authorities ex Met Police', klass: 'PCC', req: [sum((r) => r.req[0]), sum((r) => r.req[1])], base: [sum((r) => r.base[0]), sum((r) => r.base[1])] };
  const rows = [
    odsRow(odsText(`Table 2: Council Tax Requirement (CTR) data for Precepting Authorities in England, ${opts.previousYear} and ${opts.year}`)),
    odsRow('', 4),
    odsPlaced(head),
    odsRow(''),
    line(total),
    ...opts.rows.map(line),
  ];
  return ods([
    { name: 'Cover', rowsXml: odsRow(odsText('Council Tax levels set by local authorities in England')) },
    { name: 'Data_Billing', rowsXml: odsRow(odsText('Table 1')) },
    { name: 'Data_Precepting', rowsXml: rows.join('') },
  ]);
}

/**
 * The 38 English police precepts of a synthetic year: 35 PCCs with their ONS codes, the GLA's police
 * precept (E5102, no code), and the Greater Manchester and West Yorkshire combined authorities' police
 * rows (no code), growing by `growth` a year from the figures of `base`.
 */
export function precepts(codes: string[], previous: (code: string) => { req: number; base: number }, growth = { req: 1.05, base: 1.01 }): PrecepRow[] {
  const hand: Record<string, { ecode: string; name: string }> = {
    E23000001: { ecode: 'E5102', name: 'of which: London Boroughs less City of London (GLA - Police function)' },
    E23000005: { ecode: 'E6348a', name: 'of which: Greater Manchester Combined Authority - Police Functions' },
    E23000010: { ecode: 'E6353a', name: 'of which: West Yorkshire Combined Authority - Police Functions' },
  };
  return codes.map((code, i) => {
    const p = previous(code);
    const h = hand[code];
    return {
      ecode: h?.ecode ?? `E7${String(100 + i).padStart(3, '0')}`,
      ons: h ? '[z]' : code,
      name: h?.name ?? `Police and Crime Commissioner ${code}`,
      klass: h?.ecode === 'E5102' ? '[z]' : 'PCC',
      req: [p.req, Math.round(p.req * growth.req)],
      base: [p.base, Math.round(p.base * growth.base * 10) / 10],
    };
  });
}

// ------------------------------------------------------------------ HMPPS costs per place and per prisoner by establishment

export interface EstablishmentFigures {
  name: string;
  function: string;
  cna: number;
  population: number;
  direct: number;
  overall: number;
}

/**
 * The addendum's "Cost by Establishment" tab as the release describes it: a title naming the year,
 * the header on row 3 (establishment, baseline CNA, average population, then each expenditure with
 * its cost per place and per prisoner, rounded to whole pounds as published), establishments under
 * their function headings, and a Total row.
 */
export function costByEstablishmentXlsx(opts: {
  year: string;
  prisons: EstablishmentFigures[];
  sheet?: string;
  header?: string[];
  totalShift?: number;
  costShift?: (name: string) => number;
}): Uint8Array {
  const header = opts.header ?? ['Prison name', 'Baseline CNA', 'Average population', 'Direct resource expenditure (£)', 'Direct cost per place (£)', 'Direct cost per prisoner (£)', 'Overall resource expenditure (£)', 'Overall cost per place (£)', 'Overall cost per prisoner (£)'];
  const cells: XCell[] = [
    { ref: 'A1', s: `Costs per place and costs per prisoner by individual prison, ${opts.year}` },
    { ref: 'A2', s: 'HMPPS Annual Report and Accounts: Management Information Addendum' },
  ];
  header.forEach((h, i) => cells.push({ ref: `${letter(i)}3`, s: h }));
  let row = 5;
  let fn = '';
  for (const p of opts.prisons) {
    if (p.function !== fn) {
      cells.push({ ref: `A${row++}`, s: p.function });
      fn = p.function;
    }
    const shift = opts.costShift?.(p.name) ?? 0;
    const v = [p.cna, p.population, p.direct, Math.round(p.direct / p.cna) + shift, Math.round(p.direct / p.population), p.overall, Math.round(p.overall / p.cna), Math.round(p.overall / p.population)];
    cells.push({ ref: `A${row}`, s: p.name });
    v.forEach((x, i) => cells.push({ ref: `${letter(i + 1)}${row}`, n: x }));
    row++;
  }
  const sum = (k: 'cna' | 'population' | 'direct' | 'overall') => opts.prisons.reduce((s, p) => s + p[k], 0);
  cells.push({ ref: `A${row}`, s: 'Total' });
  [sum('cna'), sum('population'), sum('direct') + (opts.totalShift ?? 0), Math.round(sum('direct') / sum('cna')), Math.round(sum('direct') / sum('population')), sum('overall'), Math.round(sum('overall') / sum('cna')), Math.round(sum('overall') / sum('population'))].forEach((x, i) => cells.push({ ref: `${letter(i + 1)}${row}`, n: x }));
  return xlsx([
    { name: 'Contents', cells: [{ ref: 'A1', s: 'Contents' }] },
    { name: opts.sheet ?? 'Cost by Establishment', cells },
  ]);
}
