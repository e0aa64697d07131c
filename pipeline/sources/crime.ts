/**
 * ONS "Crime in England and Wales: Police Force Area data tables", Table P1 (police recorded crime by
 * offence group, numbers) and the population column of Table P3 (the mid-year estimate ONS divided by
 * in the same edition), keyed on the GSS codes in the Area Code column, never on names (names carry
 * footnote digits: "Avon and Somerset8").
 *
 * Checks: for every offence column the 43 force rows plus British Transport Police (a row with no
 * code, not a PFA) equal the file's England and Wales row (K04000001); our total rate per 1,000
 * reproduces Table P3's published rate within the rounding of its population to the nearest 100.
 *
 * Every year ending March since 2019 is read with the same code. The held editions (2018, 2019) glue
 * footnote digits to labels ("ENGLAND AND WALES8"); ONS's accessible tables since (cover sheet,
 * contents and notes sheets, one header row, "[note N]" markers, "[x]"/"[z]" for no figure) write the
 * notes as "Violence against the person [note 4]" and may leave British Transport Police's code as a
 * marker. Both are read; the sheet names "Table P1" and "Table P3", the "Area Code" header, the 23
 * offence labels and the population label "Population … (mid-YYYY)" are required in every edition.
 * The accessible layout (Table P3: Area Code, Area Name, population, households, total rate per
 * 1,000; the header found on the row whose first cell is "Area Code") is taken from public code that
 * reads the year ending March 2026 edition (pfatablesyemarch2026.xlsx, with pandas) and from ONS's
 * dataset page https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables;
 * no copy of an edition after March 2019 is held (see docs/sources.md).
 */
import { readFileSync } from 'node:fs';
import { DataError, quoteFound } from '../../src/errors.ts';
import { GSS_PFA, type Row, type TableDef } from '../../src/tables.ts';
import { readWorkbook } from '../read/spreadsheet.ts';
import { cellAt, cleanText, columnLetter, denseRows, getSheet, locate, type Sheet } from '../read/sheet.ts';
import { parseNumber, requireNumber } from '../read/values.ts';
import type { HeldFile, SourceModule } from './types.ts';
import { PUBLISHED_REFERENCE_VALUES } from '../../src/tables/reference.ts';

export interface OffenceSpec {
  id: string;
  label: string;
  level: 'total' | 'group' | 'subgroup';
  parent: string | null;
}

/** Table P1's columns, in the publisher's hierarchy. Found by label; the order here is only for display. */
export const OFFENCES: OffenceSpec[] = [
  { id: 'total_excluding_fraud', label: 'Total recorded crime (excluding fraud)', level: 'total', parent: null },
  { id: 'violence_against_the_person', label: 'Violence against the person', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'homicide', label: 'Homicide', level: 'subgroup', parent: 'violence_against_the_person' },
  { id: 'violence_with_injury', label: 'Violence with injury', level: 'subgroup', parent: 'violence_against_the_person' },
  { id: 'violence_without_injury', label: 'Violence without injury', level: 'subgroup', parent: 'violence_against_the_person' },
  { id: 'stalking_and_harassment', label: 'Stalking and harassment', level: 'subgroup', parent: 'violence_against_the_person' },
  { id: 'death_or_serious_injury_unlawful_driving', label: 'Death or serious injury - unlawful driving', level: 'subgroup', parent: 'violence_against_the_person' },
  { id: 'sexual_offences', label: 'Sexual offences', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'robbery', label: 'Robbery', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'theft_offences', label: 'Theft offences', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'burglary', label: 'Burglary', level: 'subgroup', parent: 'theft_offences' },
  { id: 'residential_burglary', label: 'Residential burglary', level: 'subgroup', parent: 'burglary' },
  { id: 'non_residential_burglary', label: 'Non-residential burglary', level: 'subgroup', parent: 'burglary' },
  { id: 'vehicle_offences', label: 'Vehicle offences', level: 'subgroup', parent: 'theft_offences' },
  { id: 'theft_from_the_person', label: 'Theft from the person', level: 'subgroup', parent: 'theft_offences' },
  { id: 'bicycle_theft', label: 'Bicycle theft', level: 'subgroup', parent: 'theft_offences' },
  { id: 'shoplifting', label: 'Shoplifting', level: 'subgroup', parent: 'theft_offences' },
  { id: 'other_theft_offences', label: 'Other theft offences', level: 'subgroup', parent: 'theft_offences' },
  { id: 'criminal_damage_and_arson', label: 'Criminal damage and arson', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'drug_offences', label: 'Drug offences', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'possession_of_weapons_offences', label: 'Possession of weapons offences', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'public_order_offences', label: 'Public order offences', level: 'group', parent: 'total_excluding_fraud' },
  { id: 'miscellaneous_crimes', label: 'Miscellaneous crimes', level: 'group', parent: 'total_excluding_fraud' },
];

const OFFENCE_IDS = OFFENCES.map((o) => o.id);

export const RECORDED_CRIME: TableDef = {
  name: 'recorded_crime',
  title: 'Police recorded crime by police force area and offence group',
  description:
    'Offences recorded by the police in each of the 43 police force areas, by offence group, from Table P1 of the ONS police force area data tables (one edition per year; a year is never mixed across editions). Fraud is excluded (recorded by Action Fraud, not by forces). Recording practices differ between forces and over time (HMICFRS crime data integrity inspections). Residential and non-residential burglary are not comparable with years before April 2017.',
  primaryKey: ['pfa_code', 'year_ending', 'offence_id'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code, from the Area Code column).', pattern: GSS_PFA },
    { name: 'year_ending', type: 'date', description: 'Last day of the 12 months covered (e.g. 2019-03-31 = April 2018 to March 2019).' },
    { name: 'offence_id', type: 'string', description: 'Offence group id (stable across editions).', enum: OFFENCE_IDS },
    { name: 'offence_label', type: 'string', description: 'Offence group as the publisher labels it (footnote digits removed).' },
    { name: 'offence_level', type: 'string', description: 'total, group (a main offence group) or subgroup (part of a group).', enum: ['total', 'group', 'subgroup'] },
    { name: 'parent_offence_id', type: 'string', description: 'The group this subgroup belongs to.', nullable: true, enum: OFFENCE_IDS },
    { name: 'offences', type: 'integer', description: 'Number of offences recorded.', nullable: true, min: 0 },
    { name: 'null_reason', type: 'string', description: 'Why offences is empty (publisher marker).', nullable: true },
  ],
};

export const RECORDED_CRIME_NATIONAL: TableDef = {
  name: 'recorded_crime_national',
  title: 'Police recorded crime: British Transport Police and the published England and Wales total',
  description:
    "Rows of Table P1 that are not police force areas: British Transport Police (no area code in the file) and the published England and Wales row (K04000001), which INCLUDES British Transport Police. The 43 forces plus British Transport Police equal the England and Wales row in every column (checked when the file is read). Indicators' England and Wales values use the 43 forces only.",
  primaryKey: ['scope', 'year_ending', 'offence_id'],
  columns: [
    { name: 'scope', type: 'string', description: 'british_transport_police or england_and_wales_including_btp.', enum: ['british_transport_police', 'england_and_wales_including_btp'] },
    { name: 'year_ending', type: 'date', description: 'Last day of the 12 months covered.' },
    { name: 'offence_id', type: 'string', description: 'Offence group id (see recorded_crime).', enum: OFFENCE_IDS },
    { name: 'offences', type: 'integer', description: 'Number of offences recorded.', nullable: true, min: 0 },
    { name: 'null_reason', type: 'string', description: 'Why offences is empty (publisher marker).', nullable: true },
  ],
};

export const CRIME_POPULATION: TableDef = {
  name: 'crime_population',
  title: 'Population used by ONS for crime rates per 1,000, by police force area',
  description:
    "The mid-year population estimate printed in Table P3 of each edition (mid-2016 in the year ending March 2018 edition, mid-2017 in the year ending March 2019 edition), rounded by ONS to the nearest 100. This is the denominator of the recorded crime rates, so they reproduce ONS's published rates. ONS suppresses City of London's rates because of its tiny resident population: rates_published is false there.",
  primaryKey: ['pfa_code', 'year_ending'],
  columns: [
    { name: 'pfa_code', type: 'string', description: 'Police force area (GSS code).', pattern: GSS_PFA },
    { name: 'year_ending', type: 'date', description: 'The crime year this population is the denominator for.' },
    { name: 'population_year', type: 'integer', description: 'Year of the mid-year estimate (30 June).' },
    { name: 'population', type: 'integer', description: 'Residents, mid-year estimate, rounded to the nearest 100 by ONS.', min: 0 },
    { name: 'rates_published', type: 'boolean', description: "False where ONS suppresses the area's rates per 1,000 ('+' in Table P3)." },
    { name: 'rates_note', type: 'string', description: 'Why rates are not shown, where they are not.', nullable: true },
  ],
};

/** Publisher labels with footnote digits removed: "Residential burglary6,7" → "residential burglary". */
export function offenceLabelKey(text: string): string {
  return cleanText(withoutNoteMarkers(text))
    .replace(/([A-Za-z)])\d+(\s*,\s*\d+)*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** ONS's accessible tables mark notes as "[note 4]" (several may follow each other). */
export function withoutNoteMarkers(text: string): string {
  return text.replace(/\s*\[notes? [\d, and]+\]/gi, '');
}

/** A British Transport Police code cell: empty in the held editions, a "no code" marker in later ones. */
const NO_CODE = /^(|\[x\]|\[z\]|n\/a)$/i;

const ENGLAND_WALES = 'K04000001';
const PFA = new RegExp(GSS_PFA);

/** '+' in Table P3 means ONS suppressed the rate (City of London); not one of the shared markers. */
const RATE_SUPPRESSED = '+';

export interface CrimeTableP1 {
  yearEnding: string;
  sheet: Sheet;
  codeCol: number;
  /** Offence id → column (1-based). */
  columns: Map<string, number>;
  forces: Map<string, { row: number; counts: Map<string, { value: number | null; reason: string | null }> }>;
  btp: { row: number; counts: Map<string, { value: number | null; reason: string | null }> };
  englandWales: { row: number; counts: Map<string, number> };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * "… year ending March 2019" → '2019-03-31'. Footnote digits stick to the year ("20191,2", or "181,2,3"
 * where the year is written with two digits): a run starting 19xx/20xx is a four-digit year.
 */
export function yearEndingFromTitle(title: string): string | null {
  const m = /year ending (january|february|march|april|may|june|july|august|september|october|november|december) (\d+)/i.exec(title);
  if (!m) return null;
  const digits = m[2];
  const year = /^(19|20)\d{2}/.test(digits) ? Number(digits.slice(0, 4)) : 2000 + Number(digits.slice(0, 2));
  const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Find each offence column by its label in the header rows above the first data row. */
function offenceColumns(sheet: Sheet, headerRows: number[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const r of headerRows) {
    for (const c of sheet.rows.get(r) ?? []) {
      if (typeof c.value !== 'string') continue;
      const key = offenceLabelKey(c.text);
      const spec = OFFENCES.find((o) => o.label.toLowerCase() === key);
      if (!spec) continue;
      if (found.has(spec.id)) {
        throw new DataError(locate(sheet, c), `one column headed '${spec.label}'`, `a second one (the first is column ${columnLetter(found.get(spec.id)!)})`);
      }
      found.set(spec.id, c.col);
    }
  }
  const missing = OFFENCES.filter((o) => !found.has(o.id));
  if (missing.length) {
    throw new DataError(
      { file: sheet.file, sheet: sheet.name, row: headerRows[headerRows.length - 1] },
      `columns headed ${missing.map((m) => `'${m.label}'`).join(', ')}`,
      'no such header',
      'The publisher may have renamed or removed an offence column; columns are found by label, not letter.',
    );
  }
  return found;
}

/** Read Table P1 of one edition and check the file's own England and Wales row. */
export function readTableP1(file: string, sheet: Sheet): CrimeTableP1 {
  const title = cleanText(withoutNoteMarkers(String(cellAt(sheet, 1, 1).value ?? '')));
  const yearEnding = yearEndingFromTitle(title);
  if (!yearEnding) throw new DataError(locate(sheet, { row: 1, col: 1 }), "a title naming the period ('… year ending March 2019')", quoteFound(title));
  let codeCol = 0;
  let headerRow = 0;
  for (const { row, cells } of denseRows(sheet)) {
    const hit = cells.find((c) => typeof c.value === 'string' && /^area codes?$/i.test(cleanText(c.text)));
    if (hit) {
      codeCol = hit.col;
      headerRow = row;
      break;
    }
    if (row > 20) break;
  }
  if (!codeCol) throw new DataError({ file, sheet: sheet.name }, "a header cell 'Area Code' within the first 20 rows", 'none');
  const nameCol = codeCol + 1;
  const columns = offenceColumns(sheet, [headerRow - 1, headerRow]);

  const forces: CrimeTableP1['forces'] = new Map();
  let btp: CrimeTableP1['btp'] | null = null;
  let englandWales: CrimeTableP1['englandWales'] | null = null;
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= headerRow) continue;
    const code = String(cells[codeCol - 1]?.value ?? '').trim();
    const name = cleanText(withoutNoteMarkers(String(cells[nameCol - 1]?.value ?? '')));
    const isBtp = NO_CODE.test(code) && /^british transport police/i.test(name);
    if (code !== ENGLAND_WALES && !PFA.test(code) && !isBtp) continue;
    const counts = new Map<string, { value: number | null; reason: string | null }>();
    for (const [id, col] of columns) {
      const where = locate(sheet, { row, col });
      const p = parseNumber(cells[col - 1]?.value ?? null, where, 'a number of offences');
      if (p.value !== null && (!Number.isInteger(p.value) || p.value < 0)) throw new DataError(where, 'a whole number of offences', quoteFound(p.value));
      counts.set(id, p);
    }
    if (code === ENGLAND_WALES) {
      const totals = new Map<string, number>();
      for (const [id, col] of columns) totals.set(id, requireNumber(cells[col - 1]?.value ?? null, locate(sheet, { row, col }), 'the England and Wales total'));
      englandWales = { row, counts: totals };
    } else if (isBtp) {
      btp = { row, counts };
    } else {
      if (forces.has(code)) throw new DataError(locate(sheet, { row, col: codeCol }), `one row for ${code}`, `a second (first on row ${forces.get(code)!.row})`);
      forces.set(code, { row, counts });
    }
  }
  if (!englandWales) throw new DataError({ file, sheet: sheet.name, column: columnLetter(codeCol) }, `a row with Area Code ${ENGLAND_WALES} (England and Wales)`, 'none');
  if (!btp) throw new DataError({ file, sheet: sheet.name, column: columnLetter(nameCol) }, "a 'British Transport Police' row (no area code)", 'none', 'The England and Wales row includes it, so the check needs it.');
  if (forces.size !== 43) throw new DataError({ file, sheet: sheet.name, column: columnLetter(codeCol) }, '43 police force area rows (E23/W15 codes)', `${forces.size}`);

  for (const [id, col] of columns) {
    let sum = 0;
    for (const f of [...forces.values(), btp]) {
      const v = f.counts.get(id)!;
      if (v.value === null) throw new DataError(locate(sheet, { row: f.row, col }), 'a count (the England and Wales check needs every force)', `a marker (${v.reason})`);
      sum += v.value;
    }
    const published = englandWales.counts.get(id)!;
    if (sum !== published) {
      throw new DataError(
        locate(sheet, { row: englandWales.row, col }),
        `the England and Wales total to equal the 43 forces plus British Transport Police (${sum})`,
        `${published}`,
        'A force row may be missing or misread, or the table layout changed.',
      );
    }
  }
  return { yearEnding, sheet, codeCol, columns, forces, btp, englandWales };
}

export interface CrimePopulation {
  populationYear: number;
  byCode: Map<string, { population: number; cell: string; row: number; ratesPublished: boolean; totalRate: number | null; rateCell: string }>;
}

/** Table P3: the population ONS divides by (its label names the year, "Population figures (mid-2017)"). */
export function readTableP3Population(file: string, sheet: Sheet, totalLabel: string): CrimePopulation {
  let header: { row: number; code: number; pop: number; rate: number; year: number } | null = null;
  for (const { row, cells } of denseRows(sheet)) {
    if (row > 20) break;
    const code = cells.find((c) => typeof c.value === 'string' && /^area codes?$/i.test(cleanText(c.text)));
    const pop = cells.find((c) => typeof c.value === 'string' && /^population( figures)?\b/i.test(cleanText(c.text)));
    const rate = cells.find((c) => typeof c.value === 'string' && offenceLabelKey(c.text) === totalLabel.toLowerCase());
    if (code && pop && rate) {
      const m = /mid-? ?(\d{4})/i.exec(pop.text);
      if (!m) throw new DataError(locate(sheet, pop), "a population label naming its year ('(mid-2017)')", quoteFound(pop.text));
      header = { row, code: code.col, pop: pop.col, rate: rate.col, year: Number(m[1]) };
      break;
    }
  }
  if (!header) throw new DataError({ file, sheet: sheet.name }, "a header row with 'Area Code', 'Population figures (mid-YYYY)' and the total crime rate", 'none');
  const byCode: CrimePopulation['byCode'] = new Map();
  for (const { row, cells } of denseRows(sheet)) {
    if (row <= header.row) continue;
    const code = String(cells[header.code - 1]?.value ?? '').trim();
    if (!PFA.test(code) && code !== ENGLAND_WALES) continue;
    const population = requireNumber(cells[header.pop - 1]?.value ?? null, locate(sheet, { row, col: header.pop }), 'a population');
    const rateRaw = cells[header.rate - 1]?.value ?? null;
    const suppressed = typeof rateRaw === 'string' && rateRaw.trim() === RATE_SUPPRESSED;
    const totalRate = suppressed ? null : requireNumber(rateRaw, locate(sheet, { row, col: header.rate }), "a rate per 1,000 or '+'");
    byCode.set(code, {
      population,
      row,
      cell: `${sheet.name.trim()}!${columnLetter(header.pop)}${row}`,
      ratesPublished: !suppressed,
      totalRate,
      rateCell: `${sheet.name.trim()}!${columnLetter(header.rate)}${row}`,
    });
  }
  return { populationYear: header.year, byCode };
}

const source: SourceModule = {
  tables: [RECORDED_CRIME, RECORDED_CRIME_NATIONAL, CRIME_POPULATION, PUBLISHED_REFERENCE_VALUES],
  parse({ files, geography, warn }) {
    const crime: Row[] = [];
    const national: Row[] = [];
    const population: Row[] = [];
    const reference: Row[] = [];
    const years = new Map<string, string>();
    for (const file of files) {
      const book = readWorkbook(file.label, readFileSync(file.path));
      const p1 = readTableP1(file.label, getSheet(book, 'Table P1'));
      const prior = years.get(p1.yearEnding);
      if (prior) throw new DataError({ file: file.label, sheet: p1.sheet.name, row: 1 }, `one edition per year (year ending ${p1.yearEnding} is already read from ${prior})`, 'a second edition', 'Register only one edition of each year: figures are revised between editions.');
      years.set(p1.yearEnding, file.entry.id);
      const sheetName = p1.sheet.name.trim();
      for (const [code, f] of p1.forces) {
        if (!geography.pfaByCode.has(code)) throw new DataError(locate(p1.sheet, { row: f.row, col: p1.codeCol }), 'one of the 43 PFA codes', quoteFound(code));
        for (const spec of OFFENCES) {
          const col = p1.columns.get(spec.id)!;
          const v = f.counts.get(spec.id)!;
          crime.push({
            pfa_code: code,
            year_ending: p1.yearEnding,
            offence_id: spec.id,
            offence_label: spec.label,
            offence_level: spec.level,
            parent_offence_id: spec.parent,
            offences: v.value,
            null_reason: v.reason,
            source_id: file.entry.id,
            source_cell: `${sheetName}!${columnLetter(col)}${f.row}`,
          });
        }
      }
      for (const spec of OFFENCES) {
        const col = p1.columns.get(spec.id)!;
        const b = p1.btp.counts.get(spec.id)!;
        national.push({ scope: 'british_transport_police', year_ending: p1.yearEnding, offence_id: spec.id, offences: b.value, null_reason: b.reason, source_id: file.entry.id, source_cell: `${sheetName}!${columnLetter(col)}${p1.btp.row}` });
        national.push({ scope: 'england_and_wales_including_btp', year_ending: p1.yearEnding, offence_id: spec.id, offences: p1.englandWales.counts.get(spec.id)!, null_reason: null, source_id: file.entry.id, source_cell: `${sheetName}!${columnLetter(col)}${p1.englandWales.row}` });
      }

      const p3Sheet = getSheet(book, 'Table P3');
      const pop = readTableP3Population(file.label, p3Sheet, OFFENCES[0].label);
      const ewRate = onsEnglandWalesRate(file, pop, p1.yearEnding);
      if (ewRate) reference.push(ewRate);
      else warn(`${file.label}, sheet ${p3Sheet.name}: no England and Wales (${ENGLAND_WALES}) rate in Table P3, so ONS's own figure is not shown beside ours for year ending ${p1.yearEnding}.`);
      for (const code of p1.forces.keys()) {
        const p = pop.byCode.get(code);
        if (!p) throw new DataError({ file: file.label, sheet: p3Sheet.name }, `a population row for ${code}`, 'none');
        const total = p1.forces.get(code)!.counts.get('total_excluding_fraud')!.value!;
        if (p.ratesPublished && p.totalRate !== null) {
          // ONS divides by the unrounded estimate; the printed population is rounded to 100.
          const ours = (total / p.population) * 1000;
          // A rate stored to one decimal place (as printed) may differ from ours by up to 0.05 as well.
          const oneDecimal = Math.abs(p.totalRate * 10 - Math.round(p.totalRate * 10)) < 1e-9;
          const tolerance = (p.totalRate * 60) / p.population + (oneDecimal ? 0.05 : 0);
          if (Math.abs(ours - p.totalRate) > tolerance) {
            throw new DataError(
              { file: file.label, sheet: p3Sheet.name, row: p.row },
              `the published total rate per 1,000 to match offences ÷ population (${ours.toFixed(4)})`,
              `${p.totalRate}`,
              'Table P1 and Table P3 may describe different areas or the population column moved.',
            );
          }
        }
        population.push({
          pfa_code: code,
          year_ending: p1.yearEnding,
          population_year: pop.populationYear,
          population: p.population,
          rates_published: p.ratesPublished,
          rates_note: p.ratesPublished ? null : 'ONS does not publish rates for this area: its resident population is too small (Table P3 marks them +).',
          source_id: file.entry.id,
          source_cell: p.cell,
        });
      }
    }
    return { recorded_crime: crime, recorded_crime_national: national, crime_population: population, published_reference_values: reference };
  },
};

/**
 * ONS's own England and Wales rate (Table P3, row K04000001): the 43 forces and British Transport
 * Police over the England and Wales population, shown beside our 43-force figure (issue 11 §4).
 */
function onsEnglandWalesRate(file: HeldFile, pop: CrimePopulation, yearEnding: string): Row | null {
  const ew = pop.byCode.get(ENGLAND_WALES);
  if (!ew || ew.totalRate === null) return null;
  return {
    indicator_id: 'recorded_crime_per_1000',
    area_type: 'england_wales',
    area_code: ENGLAND_WALES,
    // The indicator's period: the twelve months to the year end ('2018-04/2019-03').
    period: `${Number(yearEnding.slice(0, 4)) - 1}-${yearEnding.slice(5, 7) === '12' ? '01' : String(Number(yearEnding.slice(5, 7)) + 1).padStart(2, '0')}/${yearEnding.slice(0, 7)}`,
    value: ew.totalRate,
    label: "ONS's published England and Wales rate: offences recorded by the 43 forces and British Transport Police, per 1,000 residents (ours counts the 43 forces only)",
    source_id: file.entry.id,
    source_cell: ew.rateCell,
  };
}

export default source;
