/**
 * The bad-input corpus: each case damages ONE real publisher file (copied from the mirror at test
 * time) and expects either a clear failure naming file, sheet, row and column, or (where the change
 * is legitimately handled) the same tables as the good file gives.
 *
 * Most cases go through the pipeline's checking stages in this process (tests/bad-inputs/harness.ts:
 * input checks, geography, parsers, validation, plausibility; well under a second each). The cases
 * marked `cli` run the real CLI as well, for what only a whole run shows: the exit code, the checksum
 * check in acquire, and a refused run leaving the previous build byte-for-byte as it was. The good
 * build's cache is hard-linked into each CLI case, so only the damaged source is parsed again.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MutationHarness } from '../bad-inputs/harness.ts';
import { sha256 } from '../../pipeline/acquire.ts';
import { readWorkbook } from '../../pipeline/read/spreadsheet.ts';
import { columnLetter, findHeader, getSheet, denseRows } from '../../pipeline/read/sheet.ts';
import { loadRegistry } from '../../pipeline/registry.ts';
import * as D from '../bad-inputs/damage.ts';
import { MIRROR, ROOT, TEST_BUILD } from './global-setup.ts';
import { requireFreshBuild } from './build.ts';
import { hashTree, linkTree } from './cli-run.ts';

const WORK = join(ROOT, 'tests/bad-inputs/work/corpus');
const SOURCES = join(ROOT, 'data/sources');
const haveMirror = existsSync(MIRROR);
const PARALLEL = 3;

type Outcome = { code: number; stdout: string; stderr: string };

function cli(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', '--offline', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let slots = PARALLEL;
const waiting: (() => void)[] = [];
async function limited<T>(f: () => Promise<T>): Promise<T> {
  if (slots === 0) await new Promise<void>((r) => waiting.push(r));
  slots--;
  try {
    return await f();
  } finally {
    slots++;
    waiting.shift()?.();
  }
}

const GOOD = join(WORK, 'good-build');
const CACHE = join(WORK, 'cache');
let goodHashes: Record<string, string> = {};
const registry = haveMirror ? loadRegistry(SOURCES) : null;
const pathOf = (id: string) => {
  const f = registry!.files.get(id);
  if (!f?.path) throw new Error(`registry has no held file ${id}`);
  return f.path;
};

interface Case {
  name: string;
  file: string; // registry file id
  /** The damage, or a function making it (for damage that must first look at the real file). */
  damage: D.Damage | { make: () => D.Damage };
  /** Keep the registry's sha256 (the publisher's file changed under it). Only a CLI run checks it. */
  keepSha?: boolean;
  /** Run the real CLI too (exit code, acquire, the previous build untouched). */
  cli?: boolean;
  fails?: RegExp[];
  /** Legitimately handled: exit 0; these tables must equal the good build's. */
  same?: string[];
  /** ... and these indicators' rows of indicator_values.csv too. */
  sameIndicators?: string[];
}

const damaged = (c: Case) => (typeof c.damage === 'function' ? c.damage : c.damage.make())(new Uint8Array(readFileSync(join(MIRROR, pathOf(c.file)))));

async function runCase(c: Case): Promise<{ out: Outcome; build: string }> {
  const dir = join(WORK, 'cases', c.name.replace(/[^a-z0-9]+/gi, '-'));
  rmSync(dir, { recursive: true, force: true });
  const rel = pathOf(c.file);
  const bytes = damaged(c);
  mkdirSync(dirname(join(dir, 'mirror', rel)), { recursive: true });
  writeFileSync(join(dir, 'mirror', rel), bytes);
  // The registry copy vouches for the damaged bytes, so acquire hands them to the parser.
  mkdirSync(join(dir, 'sources'), { recursive: true });
  for (const name of readdirSync(SOURCES).filter((n) => n.endsWith('.json'))) {
    const json = JSON.parse(readFileSync(join(SOURCES, name), 'utf8'));
    for (const f of json.files) {
      if (f.id === c.file && !c.keepSha) {
        f.sha256 = sha256(bytes);
        if (bytes.length) f.bytes = bytes.length;
        else delete f.bytes;
      }
    }
    writeFileSync(join(dir, 'sources', name), JSON.stringify(json, null, 2));
  }
  linkTree(CACHE, join(dir, 'cache'), new Set([rel]));
  linkTree(GOOD, join(dir, 'build'));
  const out = await limited(() =>
    cli(['--registry', join(dir, 'sources'), '--mirror', join(dir, 'mirror'), '--cache', join(dir, 'cache'), '--build', join(dir, 'build')]),
  );
  return { out, build: join(dir, 'build') };
}

const PW = 'police_workforce_2018_09';
const POP = 'ons_census2021_population_change';
const PW_FILE = /police-workforce\/police-workforce-sep18-tables\.ods/;
const POP_FILE = /population\/census2021_lad_first_results\/datadownload\.xlsx/;

/** Where Hartlepool (E06000001) and Middlesbrough sit in the census file, found with our own reader. */
function popCells() {
  const book = readWorkbook('datadownload.xlsx', readFileSync(join(MIRROR, pathOf(POP))));
  const sheet = getSheet(book, 'Population change');
  const h = findHeader(sheet, { code: /^Area code/i, y2011: /^All persons, 2011$/i, y2021: /^All persons, 2021$/i });
  const rowOf = (code: string) => [...denseRows(sheet)].find((r) => r.cells[h.columns.code - 1]?.value === code)!.row;
  return {
    codeCol: columnLetter(h.columns.code),
    c2011: columnLetter(h.columns.y2011),
    c2021: columnLetter(h.columns.y2021),
    hartlepool: rowOf('E06000001'),
    middlesbrough: rowOf('E06000002'),
  };
}


const CASES: Case[] = [
  // Police workforce (.ods, Table_1)
  { name: 'ods truncated', cli: true, file: PW, damage: D.truncate, fails: [PW_FILE, /expected a complete spreadsheet \(a zip archive\)/] },
  { name: 'ods empty file', file: PW, damage: D.empty, fails: [PW_FILE, /expected a complete spreadsheet/] },
  { name: 'ods wrong sheet name', file: PW, damage: D.odsRename('Table_1', 'Table 1 (officers)'), fails: [PW_FILE, /expected a sheet named 'Table_1', found sheets .*'Table 1 \(officers\)'/] },
  { name: 'ods header moved down a row', file: PW, damage: D.odsTable('Table_1', D.odsSwapFirstRows), fails: [PW_FILE, /sheet Table_1, row 1, column A: expected a title naming three dates/] },
  { name: 'ods unknown area name', file: PW, damage: D.odsTable('Table_1', D.odsRelabel('Kent', 'Kent County')), fails: [PW_FILE, /sheet Table_1, row \d+, column A: expected a known police force area name, found 'Kent County'/] },
  { name: 'ods duplicate area', file: PW, damage: D.odsTable('Table_1', D.odsRelabel('Kent', 'Essex')), fails: [PW_FILE, /sheet Table_1, row \d+, column A: expected one row per police force \(Essex is already on row \d+\), found a second row for 'Essex'/] },
  {
    name: 'ods number stored as text with commas (handled)',
    cli: true,
    file: PW,
    damage: D.odsTable('Table_1', D.odsCell('Kent', 1, (c) => D.odsString(D.odsValueOf(c).toLocaleString('en-GB', { maximumFractionDigits: 6 })))),
    same: ['police_officers'],
    sameIndicators: ['police_officers_fte'],
  },
  {
    name: 'ods negative count (the total adjusted to match)',
    file: PW,
    damage: { make: () => {
      let kent = 0;
      return D.odsTable('Table_1', (xml) => {
        const a = D.odsCell('Kent', 1, (c) => D.odsFloat(-(kent = D.odsValueOf(c))))(xml);
        return D.odsCell('Total 43 forces', 1, (c) => D.odsFloat(D.odsValueOf(c) - 2 * kent))(a);
      });
    } },
    fails: [PW_FILE, /sheet Table_1, row \d+, column B \(police_officers\.officers_fte\): expected a number of at least 0 \(FTE\), found '-3254\.6872'/],
  },
  { name: 'ods suppression marker where a figure is required', file: PW, damage: D.odsTable('Table_1', D.odsCell('Kent', 1, () => D.odsString('..'))), fails: [PW_FILE, /sheet Table_1, row \d+, column B: expected a number of officers \(FTE\), found '\.\.'/] },
  { name: "ods missing 'Total 43 forces' row", file: PW, damage: D.odsTable('Table_1', D.odsCutFrom('Total 43 forces')), fails: [PW_FILE, /sheet Table_1: expected a 'Total 43 forces' row, found none/] },
  {
    name: 'ods total that does not add up',
    file: PW,
    damage: D.odsTable('Table_1', D.odsCell('Total 43 forces', 2, (c) => D.odsFloat(D.odsValueOf(c) + 100))),
    fails: [PW_FILE, /sheet Table_1, row \d+, column C: expected the sum of the 43 force rows \(122403\.80\), found 122503\.80/],
  },
  {
    name: 'changed checksum (the file differs from the registry)',
    cli: true,
    file: PW,
    keepSha: true,
    damage: (b) => new Uint8Array([...b, 0]),
    fails: [PW_FILE, /expects sha256 [0-9a-f]{64}, but this copy has [0-9a-f]{64}; not used/, /Could not acquire 1 file/],
  },
  // Census population (.xlsx, 'Population change')
  { name: 'xlsx truncated', file: POP, damage: D.truncate, fails: [POP_FILE, /expected a complete spreadsheet/] },
  {
    name: 'xlsx column renamed',
    cli: true,
    file: POP,
    damage: D.xlsxSharedString('All persons, 2021', 'Usual residents, 2021'),
    fails: [POP_FILE, /sheet Population change, row \d+: expected a header row .* found the nearest row \(\d+\) lacks a column matching \^All persons, 2021\$/],
  },
  {
    name: 'xlsx new area code',
    file: POP,
    damage: { make: () => {
      const p = popCells();
      return D.xlsxSheet('Population change', D.xlsxCell(`${p.codeCol}${p.hartlepool}`, { text: 'E06000999' }));
    } },
    fails: [POP_FILE, /sheet Population change, row \d+, column A: expected a local authority district code that the geography places in a police force area, found 'E06000999' \(Hartlepool\)/],
  },
  {
    name: 'xlsx duplicate area',
    file: POP,
    damage: { make: () => {
      const p = popCells();
      return D.xlsxSheet('Population change', D.xlsxCell(`${p.codeCol}${p.middlesbrough}`, { text: 'E06000001' }));
    } },
    fails: [POP_FILE, /sheet Population change, row \d+, column [A-Z]+: expected one row per basis × area_code in table population, found a second row for census_20\d\d \| E06000001/],
  },
  {
    name: 'xlsx negative count',
    file: POP,
    damage: { make: () => {
      const p = popCells();
      return D.xlsxSheet('Population change', D.xlsxCell(`${p.c2021}${p.hartlepool}`, { n: -92300 }));
    } },
    fails: [POP_FILE, /sheet Population change, row \d+, column [A-Z]+ \(population\.population\): expected a number of at least 0, found '-92300'/],
  },
  {
    name: 'xlsx number stored as text with commas (handled)',
    file: POP,
    damage: { make: () => {
      const p = popCells();
      const book = readWorkbook('x', readFileSync(join(MIRROR, pathOf(POP))));
      const s = getSheet(book, 'Population change');
      const v = s.rows.get(p.hartlepool)!.find((c) => columnLetter(c.col) === p.c2011)!.value as number;
      return D.xlsxSheet('Population change', D.xlsxCell(`${p.c2011}${p.hartlepool}`, { text: v.toLocaleString('en-GB') }));
    } },
    same: ['population'],
    sameIndicators: ['resident_population'],
  },
  {
    name: 'xlsx suppressed marker in a new place',
    file: POP,
    damage: { make: () => {
      const p = popCells();
      return D.xlsxSheet('Population change', D.xlsxCell(`${p.c2021}${p.middlesbrough}`, { text: '[c]' }));
    } },
    fails: [POP_FILE, /sheet Population change, row \d+, column [A-Z]+: expected a population count, found '\[c\]'/],
  },
  // Geography (CSV and GeoJSON)
  {
    name: 'csv wrong encoding (Latin-1 bytes)',
    file: 'ons_lad_csp_pfa_lookup_2019',
    damage: D.text((t) => t.replace('Barnet', 'Barnét'), 'latin1'),
    fails: [/194\.csv, row \d+, column LAD19NM: expected UTF-8 text, found bytes that are not valid UTF-8 in '.*Barn/],
  },
  {
    name: 'csv new area code',
    file: 'ons_lad_csp_pfa_lookup_2019',
    damage: D.csvField(2, 'PFA19CD', 'E23000099'),
    fails: [/194\.csv, row 2, column PFA19CD: expected one of the 43 PFA codes, found 'E23000099'/],
  },
  { name: 'csv empty file', file: 'ons_pfa_names_codes_2019', damage: D.empty, fails: [/244\.csv: expected a CSV file with a header row, found an empty file/] },
  { name: 'geojson truncated', file: 'ons_pfa_boundaries_2023_simplified', damage: D.truncate, fails: [/police-forces\.geojson: expected GeoJSON, found text that is not JSON/] },
  // Deprivation (CSV): a proportion above 1
  {
    name: 'csv rate above 1',
    file: 'mhclg_iod2019_lad_summaries',
    damage: D.csvField(2, 'proportion_bottom_decile', '1.3621'),
    fails: [/IoD2019\.csv, row 2, column .*proportion_bottom_decile.*: expected a number of at most 1, found '1\.3621'/],
  },
];

const CLI_CASES = CASES.filter((c) => c.cli);
const HARNESS_CASES = CASES.filter((c) => !c.keepSha);

describe.skipIf(!haveMirror)(`bad-input corpus: ${CASES.length} damaged real files${haveMirror ? '' : ' (skipped: no mirror)'}`, () => {
  it('the corpus has at least 20 cases, each on a held file of the registry; the CLI cases include a refused .ods, a refused .xlsx, a checksum and a handled case', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    for (const c of CASES) expect(() => pathOf(c.file)).not.toThrow();
    expect(CLI_CASES.map((c) => [c.file, !!c.fails, !!c.keepSha])).toEqual(expect.arrayContaining([[PW, true, false], [POP, true, false], [PW, true, true], [PW, false, false]]));
  });

  describe('through the checking stages', () => {
    let h: MutationHarness;
    beforeAll(async () => {
      requireFreshBuild();
      h = await MutationHarness.open(ROOT, join(ROOT, 'data/raw'), join(WORK, 'harness'));
    }, 300_000);

    it.each(HARNESS_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const o = await h.check(c.file, damaged(c), c.name);
      if (c.fails) {
        expect(o.result, o.message).toBe('refused');
        for (const re of c.fails.filter((r) => !/Could not acquire/.test(r.source))) expect(o.message).toMatch(re);
      } else {
        expect(o.result, o.message).toBe('accepted, output unchanged');
      }
    }, 120_000);
  });

  describe(`through the CLI (${CLI_CASES.length} cases)`, () => {
    beforeAll(async () => {
      rmSync(join(WORK, 'cases'), { recursive: true, force: true });
      rmSync(GOOD, { recursive: true, force: true });
      rmSync(CACHE, { recursive: true, force: true });
      mkdirSync(WORK, { recursive: true });
      // Start from the shared test build and its cache: its parsed rows are reused.
      if (existsSync(join(ROOT, 'data/raw'))) linkTree(join(ROOT, 'data/raw'), CACHE);
      if (existsSync(join(TEST_BUILD, 'manifest.json'))) cpSync(TEST_BUILD, GOOD, { recursive: true });
      const out = await cli(['--registry', SOURCES, '--mirror', MIRROR, '--cache', CACHE, '--build', GOOD]);
      if (out.code !== 0) throw new Error(`the good build failed:\n${out.stderr}`);
      goodHashes = hashTree(GOOD);
    }, 900_000);

    it.concurrent.each(CLI_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { out, build } = await runCase(c);
      const said = out.stdout + out.stderr;
      if (c.fails) {
        expect(out.code, `expected a failure; output:\n${said.slice(-3000)}`).not.toBe(0);
        for (const re of c.fails) expect(out.stderr).toMatch(re);
        expect(out.stderr).toMatch(/Nothing was published: the previous build \(if any\) is unchanged/);
        expect(hashTree(build), 'the previous build is byte-identical').toEqual(goodHashes);
        expect(existsSync(`${build}.previous`)).toBe(false);
        expect(readdirSync(dirname(build)).filter((n) => n.includes('.staging'))).toEqual([]);
      } else {
        expect(out.code, `expected success; output:\n${said.slice(-3000)}`).toBe(0);
        for (const t of c.same ?? []) {
          expect(readFileSync(join(build, 'tables', `${t}.csv`), 'utf8'), `${t}.csv is unchanged`).toBe(readFileSync(join(GOOD, 'tables', `${t}.csv`), 'utf8'));
        }
        const rowsOf = (dir: string, id: string) => readFileSync(join(dir, 'tables', 'indicator_values.csv'), 'utf8').split('\n').filter((l) => l.startsWith(`${id},`));
        for (const id of c.sameIndicators ?? []) {
          const mine = rowsOf(build, id);
          expect(mine.length).toBeGreaterThan(0);
          expect(mine, `${id} values are unchanged`).toEqual(rowsOf(GOOD, id));
        }
      }
    }, 900_000);
  });
});
