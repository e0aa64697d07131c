/**
 * The prison estate: establishments (table prison) and their monthly capacity and population (table
 * prison_monthly), from the HMPPS monthly bulletins, the prison registers and the name bridge.
 *
 * Every bulletin is checked against its own Total row (prison_estate/bulletin_checks.ts); every name printed
 * in a bulletin must be in pipeline/geography/prison_aliases.csv (else a DataError naming the cell);
 * every establishment is placed in exactly one police force area by point in polygon on register
 * coordinates, else by pipeline/geography/prison_pfa_placement.csv with its evidence, else an error.
 *
 * Period: `month` is the bulletin's own month (title "Monthly Bulletin - <Month YYYY>") as YYYY-MM-01;
 * the figures describe the report date (last working Friday, Mondays from October 2024).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DataError } from '../../src/errors.ts';
import type { Row } from '../../src/tables.ts';
import { slugify } from '../geography/index.ts';
import { readCsv } from '../read/csv.ts';
import { checkBulletinTotals } from './prison_estate/bulletin_checks.ts';
import { parseBulletinDocument } from './prison_estate/bulletin_doc.ts';
import { parseOdsBulletin } from './prison_estate/bulletin_ods.ts';
import { prisonNames } from '../geography/prison_names.ts';
import { readPanel } from './prison_estate/panel.ts';
import { buildRegister, readBridgeCoordinates, readPrivatePrisons, type Coordinates } from './prison_estate/register.ts';
import { PRISON, PRISON_BULLETIN, PRISON_MONTHLY } from '../../src/tables/prisons.ts';
import type { BulletinParse } from './prison_estate/bulletin.ts';
import type { HeldFile, SourceModule } from './types.ts';

export const BULLETIN_DATASET = 'hmpps_monthly_bulletins';
export const PANEL_DATASET = 'prisoncap_panel_2026';
export const PLACEMENT_CSV = new URL('../geography/prison_pfa_placement.csv', import.meta.url).pathname;
/** Placement method for a combined bulletin row whose sites stand in two police force areas (pfa_code left empty). */
export const SPANS_TWO_AREAS = 'none: combined row of sites in two police force areas';

interface ReadBulletin {
  file: HeldFile;
  format: string;
  parse: BulletinParse;
  columns?: Record<string, string>;
}

/** Short display name: the register's standard name without its type suffix ("Altcourse (HMP & YOI)" → "Altcourse"). */
export function shortPrisonName(name: string): string {
  return name
    .replace(/\s*\((HMP|HMYOI|HMP & YOI|HMP\/YOI|HMPYOI|HMPYOI & Rc|STC|IRC)\)\s*$/i, '')
    .replace(/^HMP\s+/, '')
    .replace(/\s+HMP(\/YOI)?$/, '')
    .trim();
}

/**
 * Every bulletin read and checked against its own totals, one per month, in month order (so that
 * each is compared with the one before: closedPlacesInBaseline). A document bulletin that cannot be
 * read, or whose rows do not add up to its own Total, is left out with a warning (the document reader
 * is newer than the spreadsheet one); a spreadsheet bulletin that fails stops the run.
 */
async function readBulletins(bulletinFiles: HeldFile[], warn: (m: string) => void): Promise<ReadBulletin[]> {
  const bulletins: ReadBulletin[] = [];
  const failedDocs: string[] = [];
  const ordered = [...bulletinFiles].sort((a, b) => a.entry.period.localeCompare(b.entry.period));
  for (const file of ordered) {
    const previous = bulletins.at(-1)?.parse;
    const format = extname(file.label).slice(1).toLowerCase();
    let read: ReadBulletin;
    if (format === 'ods') {
      const b = parseOdsBulletin(file.label, readFileSync(file.path));
      for (const n of b.notes) warn(n);
      read = { file, format, parse: b, columns: b.columns };
      for (const n of checkBulletinTotals(file.label, read.parse, read.columns, previous).notes) warn(n);
    } else {
      try {
        read = { file, format, parse: await parseBulletinDocument(file.label, file.path) };
        for (const n of checkBulletinTotals(file.label, read.parse, undefined, previous).notes) warn(n);
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        failedDocs.push(`${e.message}`);
        continue;
      }
    }
    if (file.entry.period && !file.entry.period.startsWith(read.parse.month.slice(0, 7))) {
      throw new DataError({ file: file.label }, `a bulletin for ${file.entry.period} (registry period)`, `the title month ${read.parse.month.slice(0, 7)}`);
    }
    const twin = bulletins.find((b) => b.parse.month === read.parse.month);
    if (twin) throw new DataError({ file: file.label }, `one bulletin per month (${twin.file.label} is also ${read.parse.month.slice(0, 7)})`, 'two');
    bulletins.push(read);
  }
  for (const f of failedDocs) warn(`prisons: document bulletin left out (not published): ${f}`);
  return bulletins.sort((a, b) => a.parse.month.localeCompare(b.parse.month));
}

const source: SourceModule = {
  tables: [PRISON, PRISON_MONTHLY, PRISON_BULLETIN],
  async parse({ files, geography, warn }) {
    const bulletinFiles = files.filter((f) => f.entry.dataset.id === BULLETIN_DATASET);
    const panelFiles = files.filter((f) => f.entry.dataset.id === PANEL_DATASET);
    const registerFiles = files.filter((f) => f.entry.dataset.id !== BULLETIN_DATASET && f.entry.dataset.id !== PANEL_DATASET);
    const names = prisonNames();

    const bulletins = await readBulletins(bulletinFiles, warn);

    const monthly: Row[] = [];
    const bulletinRows: Row[] = [];
    const seenCodes = new Map<string, { lastMonth: string; name: string; section: string }>();
    for (const { file, format, parse } of bulletins) {
      const inMonth = new Map<string, string>();
      for (const e of parse.establishments) {
        const m = /^(.+)!([A-Z]+)(\d+)$/.exec(e.cell);
        const where = m ? { file: file.label, sheet: m[1], row: Number(m[3]), column: m[2] } : { file: file.label, sheet: e.cell, column: 'Prison Name' };
        const code = names.code(e.name, where);
        const prior = inMonth.get(code);
        if (prior) throw new DataError(where, `one row per establishment (code ${code}) in the month`, `'${e.name}' and '${prior}' both map to ${code}`, 'Check the alias table pipeline/geography/prison_aliases.csv.');
        inMonth.set(code, e.name);
        seenCodes.set(code, { lastMonth: parse.month, name: e.name, section: e.section });
        monthly.push({
          prison_code: code,
          month: parse.month,
          report_date: parse.reportDate,
          bulletin_name: e.name,
          section: e.section,
          baseline_cna: e.baselineCna,
          in_use_cna: e.inUseCna,
          operational_capacity: e.operationalCapacity,
          population: e.population,
          null_reason: e.nullReason ?? null,
          source_id: file.entry.id,
          source_cell: e.cell,
        });
      }
      const sumOp = parse.establishments.reduce((s, e) => s + (e.operationalCapacity ?? 0), 0);
      bulletinRows.push({
        month: parse.month,
        report_date: parse.reportDate,
        format,
        establishments: parse.establishments.length,
        baseline_cna: parse.total?.baselineCna ?? null,
        in_use_cna: parse.total?.inUseCna ?? null,
        operational_capacity_sum: sumOp,
        operating_margin: parse.operatingMargin,
        useable_operational_capacity: parse.total?.usableOperationalCapacity ?? null,
        population: parse.total?.population ?? null,
        source_id: file.entry.id,
        source_cell: parse.total?.cell ?? 'Total row',
      });
    }

    // After the last bulletin held: the third-party panel, checked against our bulletins where both exist.
    const lastBulletin = bulletins.at(-1)?.parse.month ?? '0000-00-00';
    const panel = readPanel({ files: panelFiles, names, bulletinRows: new Map(monthly.map((r) => [`${r.month}|${r.prison_code}`, r])), lastBulletinMonth: lastBulletin });
    monthly.push(...panel.monthly);
    bulletinRows.push(...panel.bulletins);
    for (const r of panel.monthly) seenCodes.set(String(r.prison_code), { lastMonth: String(r.month), name: String(r.bulletin_name), section: String(r.section) });
    const latest = [...bulletinRows.map((b) => String(b.month))].sort().at(-1);
    // Carried in the latest month with no places and nobody held (Dartmoor, closed in 2024): closed.
    const emptyInLatest = new Set(monthly.filter((r) => r.month === latest && !r.operational_capacity && !r.population).map((r) => String(r.prison_code)));

    // The bulletin block an establishment was in when it last held anyone or had places in use (Dover
    // and Haslar stayed listed in the prison block, empty, for months after they stopped as IRCs).
    const lastActiveSection = new Map<string, string>();
    for (const r of [...monthly].sort((a, b) => String(a.month).localeCompare(String(b.month)))) {
      if (Number(r.population) > 0 || Number(r.in_use_cna) > 0) lastActiveSection.set(String(r.prison_code), String(r.section));
    }

    // Register facts and placement.
    const { entries, coordinates, notes } = buildRegister(registerFiles, (n) => names.find(n));
    for (const n of notes) warn(n);
    const prt = registerFiles.find((f) => f.entry.dataset.id === 'prt_private_prisons_2025');
    const privatePrisons = prt ? readPrivatePrisons(prt) : [];
    const privateByCode = new Map<string, (typeof privatePrisons)[number]>();
    for (const p of privatePrisons) {
      privateByCode.set(names.code(p.name, { file: prt!.label, row: p.line, column: 'prison_name' }), p);
      if (!coordinates.has(p.postcode)) coordinates.set(p.postcode, p.coordinates);
    }
    const placements = new Map(
      readCsv(PLACEMENT_CSV, readFileSync(PLACEMENT_CSV, 'utf8'), { requiredColumns: ['prison_code', 'pfa_code', 'council_code', 'method', 'evidence'] }).map((r) => [r.values.prison_code, r]),
    );

    const prisons: Row[] = [];
    const unplaced: string[] = [];
    for (const [code, seen] of [...seenCodes].sort(([a], [b]) => a.localeCompare(b))) {
      const reg = entries.get(code);
      const priv = privateByCode.get(code);
      // Coordinates found by any postcode the registers give the prison (register first, then PRT's).
      const postcodes = [...new Set([...(reg?.postcodes ?? []), ...(priv ? [priv.postcode] : [])])];
      const candidates: Coordinates[] = postcodes.map((pc) => coordinates.get(pc)).filter((c): c is Coordinates => !!c);
      let pfa: string | null = null;
      let method = '';
      let sourceId = '';
      let sourceCell = '';
      const hits = candidates.map((c) => ({ c, pfa: geography.pfaOfPoint(c.lon, c.lat) })).filter((h) => h.pfa);
      if (new Set(hits.map((h) => h.pfa)).size > 1) {
        warn(`prisons: ${code} ('${seen.name}') has register postcodes in different police force areas (${hits.map((h) => `${h.c.what}: ${h.pfa}`).join('; ')}); the first is used.`);
      }
      if (hits.length) {
        const { c } = hits[0];
        pfa = hits[0].pfa;
        const other = geography.pfaOfPoint2020(c.lon, c.lat);
        method = `point in polygon (ONS PFA boundaries, December 2023, as on the maps) on ${c.what}` +
          (other && other !== pfa ? ` (the December 2020 BUC boundaries put the point in ${other}: the editions' edges differ here)` : '');
        sourceId = c.sourceId;
        sourceCell = c.sourceCell;
      }
      const placed = placements.get(code);
      if (placed?.values.council_code) {
        // The council of the postcode the evidence names: its PFA (lad_pfa) must be the row's PFA.
        const councilPfa = geography.ladToPfa.get(placed.values.council_code);
        if (councilPfa !== placed.values.pfa_code) {
          throw new DataError(
            { file: PLACEMENT_CSV, row: placed.line, column: 'pfa_code' },
            councilPfa ? `${councilPfa}, the police force area of council ${placed.values.council_code} (table lad_pfa)` : 'council_code to be a district in table lad_pfa',
            `'${placed.values.pfa_code}'`,
          );
        }
      } else if (placed && placed.values.pfa_code) {
        throw new DataError({ file: PLACEMENT_CSV, row: placed.line, column: 'council_code' }, "the code of the postcode's council (the check on the placement)", 'an empty cell');
      }
      if (placed) {
        if (pfa && pfa !== placed.values.pfa_code) {
          throw new DataError({ file: PLACEMENT_CSV, row: placed.line, column: 'pfa_code' }, `${pfa} (${method})`, `'${placed.values.pfa_code}'`);
        }
        if (!pfa && placed.values.pfa_code === '' && placed.values.method === SPANS_TWO_AREAS && placed.values.evidence?.trim()) {
          method = `${placed.values.method}: ${placed.values.evidence}`;
          sourceId = 'project_prison_pfa_placement';
          sourceCell = `pipeline/geography/prison_pfa_placement.csv line ${placed.line}`;
        } else if (!pfa) {
          if (!geography.pfaByCode.has(placed.values.pfa_code)) throw new DataError({ file: PLACEMENT_CSV, row: placed.line, column: 'pfa_code' }, 'one of the 43 PFA codes', `'${placed.values.pfa_code}'`);
          if (!placed.values.evidence?.trim()) throw new DataError({ file: PLACEMENT_CSV, row: placed.line, column: 'evidence' }, 'the evidence for the placement', 'an empty cell');
          pfa = placed.values.pfa_code;
          method = `${placed.values.method}: ${placed.values.evidence}`;
          sourceId = 'project_prison_pfa_placement';
          sourceCell = `pipeline/geography/prison_pfa_placement.csv line ${placed.line}`;
        }
      }
      if (!pfa && !method) {
        unplaced.push(`${code} ('${seen.name}', postcode ${reg?.postcode ?? 'unknown'}: ${candidates.length ? 'coordinates outside every PFA' : 'no coordinates'})`);
        continue;
      }
      // The name as the latest bulletin prints it: a combined row keeps both names ("Usk / Prescoed"),
      // where the register's standard name would name one site only.
      const name = seen.name;
      prisons.push({
        prison_code: code,
        prison_name: name,
        register_name: reg?.name ? shortPrisonName(reg.name) : null,
        slug: slugify(name),
        pfa_code: pfa,
        postcode: priv?.postcode ?? reg?.postcode ?? null,
        operator: priv?.provider ?? reg?.operator ?? null,
        function: reg?.functionText ?? null,
        gender: reg?.gender ?? null,
        status: seen.lastMonth === latest && !emptyInLatest.has(code) ? 'open' : 'closed',
        // What it was when it last held anyone: the bulletins list HMPPS-operated immigration removal
        // centres in a block of their own (section 'irc'); Morton Hall and The Verne were IRCs for some
        // years and are prisons again (prison_monthly.section says which, month by month).
        establishment_kind: (lastActiveSection.get(code) ?? seen.section) === 'irc' ? 'immigration removal centre' : 'prison',
        location_method: method,
        source_id: sourceId,
        source_cell: sourceCell,
      });
    }

    for (const [code, r] of placements) {
      if (!seenCodes.has(code)) warn(`pipeline/geography/prison_pfa_placement.csv line ${r.line}: ${code} is named in no bulletin held; the row is not used.`);
    }
    if (unplaced.length) {
      throw new DataError(
        { file: 'pipeline/geography/prison_pfa_placement.csv' },
        'coordinates in a register, or a row with evidence, for every establishment named in a bulletin',
        `none for ${unplaced.join('; ')}`,
      );
    }

    // The 2016 bridge's coordinates may only CHECK the placement (they are partly Google geocodes, not
    // published): each prison records whether they agree; a disagreement is also a warning.
    const bridge = registerFiles.find((f) => f.entry.id === 'robinl_prison_locations_2016');
    const bridgeVotes = new Map<string, Set<string>>();
    if (bridge) {
      for (const b of readBridgeCoordinates(bridge)) {
        const code = b.code ?? names.find(b.name);
        const theirs = geography.pfaOfPoint(b.lon, b.lat);
        if (code && theirs) bridgeVotes.set(code, (bridgeVotes.get(code) ?? new Set()).add(theirs));
      }
    }
    for (const p of prisons) {
      const votes = bridgeVotes.get(String(p.prison_code));
      if (!votes) p.placement_check = 'no 2016 bridge coordinates';
      else if (!p.pfa_code) p.placement_check = `not placed (the 2016 bridge puts it in ${[...votes].join(', ')})`;
      else if (votes.size === 1 && votes.has(String(p.pfa_code))) p.placement_check = 'agrees with the 2016 bridge coordinates';
      else {
        p.placement_check = `differs: the 2016 bridge coordinates fall in ${[...votes].join(', ')}`;
        warn(`${bridge!.label}: ${p.prison_code} ('${p.prison_name}') lies in ${[...votes].join(', ')} by the 2016 bridge's coordinates, but in ${p.pfa_code} by the register; the register is used.`);
      }
    }
    return { prison: prisons, prison_monthly: monthly, prison_bulletin: bulletinRows };
  },
};

export default source;
