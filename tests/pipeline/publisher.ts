/**
 * A fake publisher on 127.0.0.1 for the discovery tests and bench:pipeline: GOV.UK Content API items,
 * ONS /data pages, an ArcGIS search answer and the files they list, in the shapes cited in
 * pipeline/discover/*.ts; plus the new-release files themselves, written in each series' layout by
 * the code below from figures the tests choose (no publisher file is copied).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
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
export function policeWorkforceOds(opts: { dates: [string, string, string]; pfas: Pfa[]; regionOf: Map<string, string>; officers: (pfa: string, i: number) => number; badLayout?: boolean }): Uint8Array {
  const title = `Table 1: Police officers, by police force area, full-time equivalent, ${longDate(opts.dates[0])}, ${longDate(opts.dates[1])} and ${longDate(opts.dates[2])}`;
  const rows = [odsRow(odsText(opts.badLayout ? 'Table 1: Police officers by police force area' : title)), odsRow(odsEmpty(), 3), odsRow(odsText('Police force area') + opts.dates.map((d) => odsText(longDate(d))).join(''))];
  const sums = [0, 0, 0];
  const regions = [...new Set(opts.pfas.map((p) => opts.regionOf.get(p.pfa_code)!))].sort((a, b) => (a === 'Wales' ? 1 : b === 'Wales' ? -1 : a.localeCompare(b)));
  for (const region of regions) {
    rows.push(odsRow(odsText(region === 'Wales' ? 'Wales' : `${region} `)));
    for (const p of opts.pfas.filter((x) => opts.regionOf.get(x.pfa_code) === region)) {
      const v = [0, 1, 2].map((i) => opts.officers(p.pfa_code, i));
      v.forEach((x, i) => (sums[i] += x));
      rows.push(odsRow(odsText(p.pfa_name) + v.map((x) => odsFloat(x)).join('')));
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

export const OFFENCE_LABELS = [
  'Total recorded crime (excluding fraud)', 'Violence against the person', 'Homicide', 'Violence with injury', 'Violence without injury', 'Stalking and harassment',
  'Death or serious injury - unlawful driving', 'Sexual offences', 'Robbery', 'Theft offences', 'Burglary', 'Residential burglary', 'Non-residential burglary',
  'Vehicle offences', 'Theft from the person', 'Bicycle theft', 'Shoplifting', 'Other theft offences', 'Criminal damage and arson', 'Drug offences',
  'Possession of weapons offences', 'Public order offences', 'Miscellaneous crimes',
];

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
