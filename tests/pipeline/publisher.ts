/**
 * A fake publisher on 127.0.0.1 for the discovery tests and bench:pipeline: GOV.UK Content API items,
 * ONS /data pages, an ArcGIS search answer and the files they list, in the shapes cited in
 * pipeline/discover/*.ts; plus the new-release files themselves, written in each series' layout by
 * the code below from figures the tests choose (no publisher file is copied).
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readCsv } from '../../pipeline/read/csv.ts';
import { OFFENCES } from '../../pipeline/sources/crime.ts';
import { ods, odsEmpty, odsFloat, odsRow, odsText, xlsx, type XCell } from '../unit/fixtures.ts';

export type Answer =
  | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array | object; delayMs?: number; truncateTo?: number }
  | ((hit: number) => Answer);

export class FakePublisher {
  base = '';
  readonly hits = new Map<string, number>();
  private answers = new Map<string, Answer>();
  private server: Server | null = null;

  /** Answer `path` (with its query, or without for any query) with `answer`. */
  on(path: string, answer: Answer) {
    this.answers.set(path, answer);
    return this;
  }

  json(path: string, body: object) {
    return this.on(path, { body });
  }

  file(path: string, bytes: Uint8Array) {
    return this.on(path, { body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  }

  clear() {
    this.answers.clear();
    this.hits.clear();
  }

  async start() {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = this.answers.has(url.pathname + url.search) ? url.pathname + url.search : url.pathname;
    const n = (this.hits.get(key) ?? 0) + 1;
    this.hits.set(key, n);
    let a = this.answers.get(key);
    while (typeof a === 'function') a = a(n);
    if (!a) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = a.body === undefined ? Buffer.alloc(0) : typeof a.body === 'string' || a.body instanceof Uint8Array ? Buffer.from(a.body as string) : Buffer.from(JSON.stringify(a.body));
    const headers = { 'content-type': a.body && typeof a.body === 'object' && !(a.body instanceof Uint8Array) ? 'application/json' : 'text/plain', ...a.headers, 'content-length': String(body.length) };
    const send = () => {
      if (a.truncateTo !== undefined) {
        res.writeHead(a.status ?? 200, headers);
        res.write(body.subarray(0, a.truncateTo), () => res.socket?.destroy());
        return;
      }
      res.writeHead(a.status ?? 200, headers).end(body);
    };
    if (a.delayMs) setTimeout(send, a.delayMs).unref();
    else send();
  }
}

// ------------------------------------------------------------------ GOV.UK Content API items

let guid = 0;
const contentId = () => `00000000-0000-4000-8000-${String(++guid).padStart(12, '0')}`;

export interface GovukDoc {
  path: string;
  title: string;
  updated: string;
  schema?: 'publication' | 'statistical_data_set';
}

/** A document_collection item (publishing-api content_schemas, frontend schema). */
export function govukCollection(path: string, title: string, docs: GovukDoc[]) {
  const links = docs.map((d) => ({
    content_id: contentId(),
    title: d.title,
    base_path: d.path,
    api_path: `/api/content${d.path}`,
    locale: 'en',
    public_updated_at: d.updated,
    schema_name: d.schema ?? 'publication',
    document_type: d.schema === 'statistical_data_set' ? 'statistical_data_set' : 'official_statistics',
  }));
  return {
    base_path: path,
    content_id: contentId(),
    title,
    description: null,
    document_type: 'document_collection',
    schema_name: 'document_collection',
    locale: 'en',
    first_published_at: '2014-01-01T09:30:00.000+00:00',
    public_updated_at: docs[0]?.updated ?? '2014-01-01T09:30:00.000+00:00',
    updated_at: docs[0]?.updated ?? '2014-01-01T09:30:00.000+00:00',
    details: { collection_groups: [{ title: 'Releases', documents: links.map((l) => l.content_id) }], political: false },
    links: { documents: links },
  };
}

export interface GovukAttachment {
  title: string;
  url: string;
  filename: string;
  content_type: string;
  file_size?: number;
}

/** A publication or statistical_data_set item with its attachments. */
export function govukRelease(doc: GovukDoc, attachments: GovukAttachment[]) {
  return {
    base_path: doc.path,
    content_id: contentId(),
    title: doc.title,
    description: null,
    document_type: doc.schema === 'statistical_data_set' ? 'statistical_data_set' : 'official_statistics',
    schema_name: doc.schema ?? 'publication',
    locale: 'en',
    first_published_at: doc.updated,
    public_updated_at: doc.updated,
    updated_at: doc.updated,
    details: {
      body: '<p>Release</p>',
      documents: [],
      political: false,
      attachments: [
        { attachment_type: 'html', id: 'html-1', title: 'Statistical bulletin', url: `${doc.path}/bulletin` },
        ...attachments.map((a, i) => ({ attachment_type: 'file', id: `file-${i}`, ...a })),
      ],
    },
    links: {},
  };
}

// ------------------------------------------------------------------ ONS /data pages

export function onsLanding(uri: string, title: string, editions: string[]) {
  return { type: 'dataset_landing_page', uri, description: { title, releaseDate: '2020-07-17T23:00:00.000Z', nextRelease: 'To be announced' }, datasets: editions.map((e) => ({ uri: e })) };
}

export function onsEdition(uri: string, releaseDate: string, files: string[]) {
  return { type: 'dataset', uri, description: { title: 'Police force area data tables', releaseDate }, downloads: files.map((file) => ({ file })), versions: [] };
}

// ------------------------------------------------------------------ new-release files

export interface Pfa {
  pfa_code: string;
  pfa_name: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/**
 * Home Office police workforce Table_1 (the layout pipeline/sources/police_workforce.ts reads): a
 * title naming three dates, forces under region headings (written with a trailing space, as the
 * publisher does), and a "Total 43 forces" row that is their sum.
 */
export function policeWorkforceOds(opts: { dates: [string, string, string]; pfas: Pfa[]; regionOf: Map<string, string>; officers: (pfa: string, i: number) => number | string; badLayout?: boolean }): Uint8Array {
  const title = `Table 1: Police officers, by police force area, full-time equivalent, ${longDate(opts.dates[0])}, ${longDate(opts.dates[1])} and ${longDate(opts.dates[2])}`;
  const rows = [odsRow(odsText(opts.badLayout ? 'Table 1: Police officers by police force area' : title)), odsRow(odsEmpty(), 3), odsRow(odsText('Police force area') + opts.dates.map((d) => odsText(longDate(d))).join(''))];
  const sums = [0, 0, 0];
  const regions = [...new Set(opts.pfas.map((p) => opts.regionOf.get(p.pfa_code)!))].sort((a, b) => (a === 'Wales' ? 1 : b === 'Wales' ? -1 : a.localeCompare(b)));
  for (const region of regions) {
    rows.push(odsRow(odsText(region === 'Wales' ? 'Wales' : `${region} `)));
    for (const p of opts.pfas.filter((x) => opts.regionOf.get(x.pfa_code) === region)) {
      const v = [0, 1, 2].map((i) => opts.officers(p.pfa_code, i));
      v.forEach((x, i) => (sums[i] += typeof x === 'number' ? x : 0));
      rows.push(odsRow(odsText(p.pfa_name) + v.map((x) => (typeof x === 'number' ? odsFloat(x) : odsText(x))).join('')));
    }
  }
  rows.push(odsRow(odsText('Total 43 forces') + sums.map((x) => odsFloat(Math.round(x * 100) / 100)).join('')));
  return ods([{ name: 'Table_1', rowsXml: rows.join('') }]);
}

export interface BulletinRow {
  prison: string;
  baseline_cna: number;
  in_use_cna: number;
  op_cap: number;
  population: number;
}

/** HMPPS "Prison population: monthly bulletin" sheet MonthlyBulletin (pipeline/sources/prison_bulletin_ods.ts). */
export function prisonBulletinOds(opts: { month: string; reportDate: string; margin: number; rows: BulletinRow[] }): Uint8Array {
  const [y, m] = opts.month.split('-').map(Number);
  const [ry, rm, rd] = opts.reportDate.split('-').map(Number);
  const sum = (k: keyof Omit<BulletinRow, 'prison'>) => opts.rows.reduce((s, r) => s + r[k], 0);
  const rows = [
    odsRow(odsText(`Monthly Bulletin - ${MONTHS[m - 1]} ${y}`)),
    odsRow(odsText(`Report Date : ${rd}/${rm}/${ry}`)),
    odsRow(odsEmpty()),
    odsRow(['Prison Name', 'Baseline CNA', 'In Use CNA', 'Operational Capacity', 'Population'].map((t) => odsText(t)).join('')),
    ...opts.rows.map((r) => odsRow(odsText(r.prison) + [r.baseline_cna, r.in_use_cna, r.op_cap, r.population].map((v) => odsFloat(v)).join(''))),
    odsRow(odsText('Total') + odsFloat(sum('baseline_cna')) + odsFloat(sum('in_use_cna')) + odsText(`${sum('op_cap') - opts.margin}**`) + odsFloat(sum('population'))),
    odsRow(odsText(`** Useable Operational Capacity is the sum of all establishments' operational capacity less ${opts.margin} places.`)),
  ];
  return ods([{ name: 'MonthlyBulletin', rowsXml: rows.join('') }]);
}

/** The offence groups of Table P1, in the publisher's words (the labels pipeline/sources/crime.ts finds columns by). */
const OFFENCE_LABELS = OFFENCES.map((o) => o.label);

const col = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

/**
 * ONS police force area data tables, Tables P1 and P3 (pipeline/sources/crime.ts): offences per
 * force and offence group, British Transport Police, and the England and Wales row that is their sum;
 * P3 the population and the total rate per 1,000 ('+' where ONS suppresses it).
 */
export function crimeTablesXlsx(opts: {
  yearEnding: string;
  populationYear: number;
  pfas: Pfa[];
  offences: (pfa: string, offence: number) => number;
  btp: (offence: number) => number;
  population: (pfa: string) => { population: number; suppressed: boolean };
}): Uint8Array {
  const [y, m] = opts.yearEnding.split('-').map(Number);
  const p1: XCell[] = [{ ref: 'A1', inline: `Table P1: Police recorded crime by offence group and police force area, year ending ${MONTHS[m - 1]} ${y}` }, { ref: 'A5', inline: 'Area Code' }, { ref: 'B5', inline: 'Area Name' }];
  OFFENCE_LABELS.forEach((l, i) => p1.push({ ref: `${col(i + 2)}5`, inline: l }));
  const totals = OFFENCE_LABELS.map((_, i) => opts.btp(i));
  let row = 8;
  for (const p of opts.pfas) {
    p1.push({ ref: `A${row}`, inline: p.pfa_code }, { ref: `B${row}`, inline: p.pfa_name });
    OFFENCE_LABELS.forEach((_, i) => {
      const v = opts.offences(p.pfa_code, i);
      totals[i] += v;
      p1.push({ ref: `${col(i + 2)}${row}`, n: v });
    });
    row++;
  }
  p1.push({ ref: `B${row}`, inline: 'British Transport Police' });
  OFFENCE_LABELS.forEach((_, i) => p1.push({ ref: `${col(i + 2)}${row}`, n: opts.btp(i) }));
  p1.push({ ref: 'A7', inline: 'K04000001' }, { ref: 'B7', inline: 'England and Wales' });
  OFFENCE_LABELS.forEach((_, i) => p1.push({ ref: `${col(i + 2)}7`, n: totals[i] }));

  const p3: XCell[] = [
    { ref: 'A1', inline: `Table P3: Police recorded crime rates per 1,000 population, year ending ${MONTHS[m - 1]} ${y}` },
    { ref: 'A5', inline: 'Area Code' }, { ref: 'B5', inline: 'Area Name' }, { ref: 'C5', inline: `Population figures (mid-${opts.populationYear})` }, { ref: 'D5', inline: OFFENCE_LABELS[0] },
  ];
  opts.pfas.forEach((p, i) => {
    const r = 7 + i;
    const { population, suppressed } = opts.population(p.pfa_code);
    p3.push({ ref: `A${r}`, inline: p.pfa_code }, { ref: `B${r}`, inline: p.pfa_name }, { ref: `C${r}`, n: population });
    p3.push(suppressed ? { ref: `D${r}`, inline: '+' } : { ref: `D${r}`, n: (opts.offences(p.pfa_code, 0) / population) * 1000 });
  });
  return xlsx([{ name: 'Table P1', cells: p1 }, { name: 'Table P3', cells: p3 }]);
}

/** Reads a published table of a build (the fixtures take their areas and figures from it). */
export function buildTable<T>(buildDir: string, name: string): T[] {
  return JSON.parse(readFileSync(join(buildDir, 'tables', `${name}.json`), 'utf8')) as T[];
}

// ------------------------------------------------------------------ the releases the tests and bench serve

export interface FixtureReleases {
  pfas: Pfa[];
  regionOf: Map<string, string>;
  /** Officers (FTE) at 30 September 2018 as the held edition gives them. */
  officers: Map<string, number>;
  /** Police workforce, 30 September 2019: 30 September 2018 as held, then 1% and 3% more. */
  workforceSep19: Uint8Array;
  /** Monthly bulletin, January 2025, from the third-party panel's figures for that month (which the pipeline cross-checks). */
  bulletinJan25: Uint8Array;
  bulletinRows: BulletinRow[];
  /** ONS Tables P1/P3, year ending March 2020: the March 2019 counts scaled by 1 to 4% per offence group. */
  crimeMar20: Uint8Array;
}


/** Writes the new releases from a build's published tables (areas, the figures they continue) and the mirror's panel. */
export function fixtureReleases(buildDir: string, mirror: string): FixtureReleases {
  const pfas = buildTable<Pfa>(buildDir, 'pfa');
  const regionOf = new Map(buildTable<{ pfa_code: string; region_name: string }>(buildDir, 'pfa_region').map((r) => [r.pfa_code, r.region_name]));
  const officers = new Map(buildTable<{ pfa_code: string; date: string; officers_fte: number }>(buildDir, 'police_officers').filter((r) => r.date === '2018-09-30').map((r) => [r.pfa_code, r.officers_fte]));
  const workforceSep19 = policeWorkforceOds({ dates: ['2018-09-30', '2019-03-31', '2019-09-30'], pfas, regionOf, officers: (p, i) => Math.round(officers.get(p)! * [1, 1.01, 1.03][i] * 100) / 100 });

  const csv = (rel: string) => readCsv(rel, readFileSync(join(mirror, rel), 'utf8'), { requiredColumns: ['month'] }).map((r) => r.values);
  const panel = csv('prisons/prisoncap_derived_2026/monthly_establishments.csv').filter((r) => r.month === '2025-01-01');
  const totals = csv('prisons/prisoncap_derived_2026/monthly_establishments_estate_totals.csv').find((r) => r.month === '2025-01-01')!;
  const bulletinRows = panel.map((r) => ({ prison: r.prison, baseline_cna: Number(r.baseline_cna), in_use_cna: Number(r.in_use_cna), op_cap: Number(r.op_cap), population: Number(r.population) }));
  const bulletinJan25 = prisonBulletinOds({ month: '2025-01', reportDate: panel[0].report_date, margin: Number(totals.sum_op_cap) - Number(totals.published_uoc), rows: bulletinRows });

  const crime = buildTable<{ pfa_code: string; year_ending: string; offence_id: string; offences: number }>(buildDir, 'recorded_crime').filter((r) => r.year_ending === '2019-03-31');
  const count = (p: string, i: number) => Math.round(crime.find((r) => r.pfa_code === p && r.offence_id === OFFENCES[i].id)!.offences * (1 + (i % 5) / 100));
  const pop = new Map(buildTable<{ pfa_code: string; year_ending: string; population: number; rates_published: boolean }>(buildDir, 'crime_population').filter((r) => r.year_ending === '2019-03-31').map((r) => [r.pfa_code, r]));
  const crimeMar20 = crimeTablesXlsx({ yearEnding: '2020-03-31', populationYear: 2018, pfas, offences: count, btp: (i) => 100 + i, population: (p) => ({ population: pop.get(p)!.population, suppressed: !pop.get(p)!.rates_published }) });
  return { pfas, regionOf, officers, workforceSep19, bulletinJan25, bulletinRows, crimeMar20 };
}

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
export const CRIME_PAGE = '/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables';

/**
 * The listings of four series, as the real publishers would answer: police workforce (GOV.UK
 * collection → publication), prison population (collection → statistical data sets, a weekly file
 * beside the monthly one), council tax (one release with a second Table 9) and ONS crime tables
 * (dataset page → editions). Everything else answers 404.
 */
export function serveReleases(pub: FakePublisher, fx: FixtureReleases) {
  const b = pub.base;
  const wf18 = { path: '/government/statistics/police-workforce-england-and-wales-30-september-2018', title: 'Police workforce, England and Wales: 30 September 2018', updated: '2019-01-31T09:30:00.000+00:00' };
  const wf19 = { path: '/government/statistics/police-workforce-england-and-wales-30-september-2019', title: 'Police workforce, England and Wales: 30 September 2019', updated: '2020-01-30T09:30:00.000+00:00' };
  pub.json('/api/content/government/collections/police-workforce-england-and-wales', govukCollection('/government/collections/police-workforce-england-and-wales', 'Police workforce, England and Wales', [wf18, wf19]));
  pub.json(`/api/content${wf18.path}`, govukRelease(wf18, [{ title: 'Police workforce tables, 30 September 2018', url: `${b}/media/a1/police-workforce-sep18-tables.ods`, filename: 'police-workforce-sep18-tables.ods', content_type: ODS, file_size: 102677 }]));
  pub.json(`/api/content${wf19.path}`, govukRelease(wf19, [{ title: 'Police workforce tables, 30 September 2019', url: `${b}/media/a2/police-workforce-sep19-tables.ods`, filename: 'police-workforce-sep19-tables.ods', content_type: ODS, file_size: fx.workforceSep19.length }]));
  pub.file('/media/a2/police-workforce-sep19-tables.ods', fx.workforceSep19);

  const p24 = { path: '/government/statistics/prison-population-figures-2024', title: 'Prison population figures: 2024', updated: '2025-01-10T09:30:00.000+00:00', schema: 'statistical_data_set' as const };
  const p25 = { path: '/government/statistics/prison-population-figures-2025', title: 'Prison population figures: 2025', updated: '2025-02-14T09:30:00.000+00:00', schema: 'statistical_data_set' as const };
  pub.json('/api/content/government/collections/prison-population-statistics', govukCollection('/government/collections/prison-population-statistics', 'Prison population statistics', [p24, p25]));
  pub.json(`/api/content${p24.path}`, govukRelease(p24, [{ title: 'Prison population: monthly bulletin December 2024', url: `${b}/media/b1/Monthly_Bulletin_December_2024_web.ODS`, filename: 'Monthly_Bulletin_December_2024_web.ODS', content_type: ODS }]));
  pub.json(`/api/content${p25.path}`, govukRelease(p25, [
    { title: 'Prison population: weekly bulletin 31 January 2025', url: `${b}/media/b2/prison-pop-weekly-31-january-2025.ods`, filename: 'prison-pop-weekly-31-january-2025.ods', content_type: ODS },
    { title: 'Prison population: monthly bulletin January 2025', url: `${b}/media/b3/prison-pop-january-2025.ods`, filename: 'prison-pop-january-2025.ods', content_type: ODS, file_size: fx.bulletinJan25.length },
  ]));
  pub.file('/media/b3/prison-pop-january-2025.ods', fx.bulletinJan25);

  const ct = { path: '/government/statistics/council-tax-levels-set-by-local-authorities-in-england-2024-to-2025', title: 'Council Tax levels set by local authorities in England 2024 to 2025', updated: '2024-03-27T09:30:00.000+00:00' };
  pub.json('/api/content/government/collections/council-tax-statistics', govukCollection('/government/collections/council-tax-statistics', 'Council Tax statistics', [ct]));
  const table9 = Buffer.from('a Table 9 workbook');
  pub.json(`/api/content${ct.path}`, govukRelease(ct, [{ title: 'Table 9: Council tax requirement, tax base and Band D by precepting authority', url: `${b}/media/c1/CTR_Table_9_2024-25.ods`, filename: 'CTR_Table_9_2024-25.ods', content_type: ODS, file_size: table9.length }]));
  pub.file('/media/c1/CTR_Table_9_2024-25.ods', table9);

  pub.json(`${CRIME_PAGE}/data`, onsLanding(CRIME_PAGE, 'Police force area data tables', [`${CRIME_PAGE}/yearendingmarch2019`, `${CRIME_PAGE}/yearendingmarch2020`]));
  pub.json(`${CRIME_PAGE}/yearendingmarch2019/data`, onsEdition(`${CRIME_PAGE}/yearendingmarch2019`, '2019-07-17T23:00:00.000Z', ['policeforceareatablesyeendingmarch2019.xlsx']));
  pub.json(`${CRIME_PAGE}/yearendingmarch2020/data`, onsEdition(`${CRIME_PAGE}/yearendingmarch2020`, '2020-07-16T23:00:00.000Z', ['policeforceareatablesyearendingmarch2020.xlsx']));
  pub.on(`/file?uri=${CRIME_PAGE}/yearendingmarch2020/policeforceareatablesyearendingmarch2020.xlsx`, { body: fx.crimeMar20 });
}

/** A copy of a registry whose discovery blocks ask `base` instead of the real hosts (nothing else changes). */
export function registryPointingAt(from: string, to: string, base: string) {
  cpSync(from, to, { recursive: true, filter: (src) => !src.includes('_proposed') });
  for (const name of readdirSync(to).filter((n) => n.endsWith('.json'))) {
    const ds = JSON.parse(readFileSync(join(to, name), 'utf8'));
    ds.discovery = JSON.parse(JSON.stringify(ds.discovery).replace(/https:\/\/(www\.gov\.uk|www\.ons\.gov\.uk|www\.arcgis\.com)/g, base));
    writeFileSync(join(to, name), JSON.stringify(ds, null, 2) + '\n');
  }
}
