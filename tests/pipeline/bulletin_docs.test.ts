/**
 * The word-processor monthly bulletins (January 2011 to February 2018) read from the mirror. Expected
 * figures below were read by eye in each document's text, not produced by the parser.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import { readCsv } from '../../pipeline/read/csv.ts';
import { readDocument } from '../../pipeline/read/document.ts';
import { KNOWN_TOTAL_GAPS, parseBulletinDocument } from '../../pipeline/sources/prison_estate/bulletin_doc.ts';
import type { BulletinParse } from '../../pipeline/sources/prison_estate/bulletin.ts';
import { MIRROR } from './global-setup.ts';

const BASE = join(MIRROR, 'prisons/monthly_bulletin_by_establishment');
const FOLDERS = ['doc_2011', 'doc_rtf_2012_2017'];
const have = existsSync(join(BASE, FOLDERS[0])) && existsSync(join(BASE, FOLDERS[1]));
const PDF = 'prison-population-figures-march-2015.pdf';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const files = have ? FOLDERS.flatMap((f) => readdirSync(join(BASE, f)).sort().map((name) => ({ name, path: join(BASE, f, name) }))) : [];
const parsed = new Map<string, BulletinParse>();
const byMonth = (month: string) => [...parsed.values()].find((p) => p.month === month)!;
const est = (month: string, name: string) => byMonth(month).establishments.find((e) => e.name === name);

describe.skipIf(!have)(`monthly bulletin documents 2011 to Feb 2018${have ? '' : ` (skipped: ${BASE} is not present)`}`, () => {
  beforeAll(async () => {
    for (const f of files) if (f.name !== PDF) parsed.set(f.name, await parseBulletinDocument(f.name, f.path));
  });

  it('holds 86 files; every one but the March 2015 PDF parses (checks included), one per month Jan 2011 to Feb 2018', () => {
    expect(files).toHaveLength(86);
    expect(parsed.size).toBe(85);
    const months = [...parsed.values()].map((p) => p.month).sort();
    const expected: string[] = [];
    for (let y = 2011; y <= 2018; y++) for (let m = 1; m <= 12; m++) expected.push(`${y}-${String(m).padStart(2, '0')}-01`);
    expect(months).toEqual(expected.filter((m) => m <= '2018-02-01' && m !== '2015-03-01'));
  });

  it('refuses the PDF with a DataError that names it', async () => {
    const pdf = files.find((f) => f.name === PDF)!;
    const err = await parseBulletinDocument(PDF, pdf.path).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/^prison-population-figures-march-2015\.pdf: .*found a PDF/);
  });

  it("each month equals the document's own title, and the report date falls in that month", async () => {
    for (const f of files) {
      if (f.name === PDF) continue;
      const doc = await readDocument(f.path);
      const title = doc.paragraphs.map((p) => p.text.trim()).find((t) => t.startsWith('Monthly Bulletin'))!;
      const [, monthName, year] = /Monthly Bulletin - (\w+) (\d{4})/.exec(title)!;
      const p = parsed.get(f.name)!;
      expect(p.month, f.name).toBe(`${year}-${String(MONTHS.indexOf(monthName) + 1).padStart(2, '0')}-01`);
      expect(p.reportDate?.slice(0, 7), f.name).toBe(p.month.slice(0, 7));
    }
  });

  it('the Total row population equals the sum of the establishments in every document; CNA columns too, bar one explained gap', () => {
    for (const [name, p] of parsed) {
      const sum = (k: 'population' | 'baselineCna' | 'inUseCna') => p.establishments.reduce((s, e) => s + (e[k] ?? 0), 0);
      expect(p.total?.population, name).toBe(sum('population'));
      expect(p.total?.inUseCna, name).toBe(sum('inUseCna'));
      const gap = KNOWN_TOTAL_GAPS.find((g) => g.month === p.month && g.column === 'baselineCna')?.difference ?? 0;
      expect(p.total?.baselineCna, name).toBe(sum('baselineCna') + gap);
      expect(p.operatingMargin, name).toBe(2000);
      expect(p.total?.usableOperationalCapacity, name).toBe(p.establishments.reduce((s, e) => s + (e.operationalCapacity ?? 0), 0) - 2000);
    }
  });

  it('the one explained gap: March 2013 baseline Total 81,200 = rows 80,232 + 968 for five prisons no longer listed', () => {
    const mar = byMonth('2013-03-01');
    expect(mar.total?.baselineCna).toBe(81200);
    expect(mar.establishments.reduce((s, e) => s + (e.baselineCna ?? 0), 0)).toBe(80232);
    const feb = byMonth('2013-02-01');
    const gone = ['Bullwood Hall', 'Canterbury', 'Kingston', 'Shepton Mallet', 'Shrewsbury'];
    expect(gone.every((n) => !mar.establishments.some((e) => e.name === n))).toBe(true);
    expect(gone.reduce((s, n) => s + (feb.establishments.find((e) => e.name === n)?.baselineCna ?? NaN), 0)).toBe(968);
  });

  it('November 2011 (.doc via word-extractor): Altcourse 794 | 794 | 1,204 | 1,197; Morton Hall in the IRC block; Total 88,166', () => {
    expect(est('2011-11-01', 'Altcourse')).toMatchObject({ baselineCna: 794, inUseCna: 794, operationalCapacity: 1204, population: 1197, section: 'prison' });
    expect(est('2011-11-01', 'Morton Hall (IRC)')).toMatchObject({ baselineCna: 392, inUseCna: 392, operationalCapacity: 392, population: 329, section: 'irc' });
    expect(byMonth('2011-11-01').total).toMatchObject({ population: 88166, baselineCna: 79982, inUseCna: 78504, usableOperationalCapacity: 89384 });
  });

  it('November 2015 (.rtf): Altcourse 794 | 794 | 1,033 | 1,031; Blantyre House 122 | 0 | 0 with population blank (null, not 0)', () => {
    expect(est('2015-11-01', 'Altcourse')).toMatchObject({ baselineCna: 794, inUseCna: 794, operationalCapacity: 1033, population: 1031 });
    expect(est('2015-11-01', 'Blantyre House')).toMatchObject({ baselineCna: 122, inUseCna: 0, operationalCapacity: 0, population: null, nullReason: 'blank in the bulletin (no figure printed)' });
    expect(est('2015-11-01', 'Altcourse')?.nullReason).toBeNull();
  });

  it('rows printing a percentage but no population keep population null (Reading Nov 2013 "190 135 135 71%")', () => {
    expect(est('2013-11-01', 'Reading')).toMatchObject({ baselineCna: 190, inUseCna: 135, operationalCapacity: 135, population: null });
    expect(est('2013-05-01', 'Ashfield')).toMatchObject({ baselineCna: 423, inUseCna: 423, operationalCapacity: 360, population: null });
  });

  it('other formats: June 2017 .odt, August 2017 4-column .rtf, December 2013 .docx, January 2011 labelled totals', () => {
    expect(est('2017-06-01', 'Altcourse')).toMatchObject({ baselineCna: 794, inUseCna: 794, operationalCapacity: 1133, population: 1132 });
    expect(est('2017-08-01', 'Altcourse')).toMatchObject({ baselineCna: 794, inUseCna: 794, operationalCapacity: 1164, population: 1163 });
    expect(est('2013-12-01', 'Downview')).toMatchObject({ baselineCna: 355, inUseCna: null, operationalCapacity: null, population: null });
    expect(byMonth('2011-01-01').total).toMatchObject({ population: 84145, usableOperationalCapacity: 88009 });
  });

  it("agrees with an independent third-party parse (combined_prison_data.csv) on every figure we read, Jan 2012 to Feb 2018", () => {
    const csvPath = join(BASE, 'combined_prison_data.csv');
    expect(existsSync(csvPath), `${csvPath} is part of the mirror`).toBe(true);
    const theirs = readCsv('combined_prison_data.csv', readFileSync(csvPath, 'utf8'));
    const mine = new Map([...parsed.values()].flatMap((p) => p.establishments.map((e) => [`${p.month.slice(0, 7)}|${e.name}`, e] as const)));
    const cols = [['baselineCna', 'Baseline CNA'], ['inUseCna', 'In Use CNA'], ['operationalCapacity', 'Operational Capacity'], ['population', 'Population *']] as const;
    let shared = 0;
    const disagree: string[] = [];
    const blanksTheyFilled: string[] = [];
    for (const { values: r } of theirs) {
      const e = mine.get(`${r.Report_Date.slice(0, 7)}|${r['Prison Name'].trim()}`);
      if (!e) continue;
      shared++;
      for (const [k, col] of cols) {
        const v = r[col] === '' ? null : Number(r[col]);
        if (e[k] === null) {
          if (v !== null) blanksTheyFilled.push(`${r.Report_Date} ${e.name} ${col}=${r[col]}`);
        } else if (v !== e[k]) disagree.push(`${r.Report_Date} ${e.name} ${col}: ours ${e[k]}, theirs ${r[col]}`);
      }
    }
    expect(shared).toBeGreaterThan(8700);
    expect(disagree).toEqual([]);
    // Where the document prints no population, the third party wrote 0 or took the row's percentage
    // (Reading, November 2013: "190 135 135 71%" gave population 71).
    expect(blanksTheyFilled).toContain('2013-11-29 Reading Population *=71.0');
  });

  it('names wrapped onto a second line are joined; no fragment rows ("Camp", "House", "Low", "Farms", "Cluster)")', () => {
    expect(est('2011-07-01', 'Standford Hill (Sheppey Cluster)')?.population).toBe(457);
    expect(est('2011-01-01', 'Swaleside (Sheppey Cluster)')?.population).toBe(1086);
    const names = new Set([...parsed.values()].flatMap((p) => p.establishments.map((e) => e.name)));
    for (const bad of ['Camp', 'House', 'Low', 'Farms', 'Hill', 'Cluster)', '(Sheppey Cluster)']) expect(names.has(bad), bad).toBe(false);
    expect([...names].filter((n) => !/^[A-Z]/.test(n) || /\d/.test(n))).toEqual([]);
  });
});
