/**
 * A registry file that is a zip of CSVs: the registry names the zip (its url, and the sha256 of the zip
 * as downloaded, which acquire checks like any file's) and, in `member`, the one file inside it that the
 * parser reads. The member is unzipped (fflate) into the cache beside the zip and the parser is given
 * that copy; nothing of the zip is trusted until its own checksum matched.
 *
 * Why a zip at all: the MoJ publishes the criminal justice statistics outcomes-by-offence data tool as
 * zips of CSVs, one attachment per span of years. The Criminal Justice System statistics quarterly:
 * December 2024 release (https://www.gov.uk/government/statistics/criminal-justice-system-statistics-quarterly-december-2024)
 * lists them as application/zip attachments titled "… outcomes by offence …" (read that way by
 * Prison-Reform-Trust/womens-imprisonment-PFA src/data/raw/data_filters.py): obo_2010_2016.zip and
 * obo_2017_2024.zip (notebooks/raw_data/0.1-ah-download-cjs-quarterly.ipynb of the same repository
 * prints both asset addresses), whose CSVs that pipeline then reads as sentence_outcomes_2010_2016.csv
 * and sentence_outcomes_2017_2024.csv (config/analyses/2025.yaml, data.filenames.outcomes_by_offence).
 * Hence a pattern rather than a fixed name: `sentence_outcomes_*.csv` names the member in this edition
 * and the next, and a zip that ever carried two such files is refused rather than read by guess.
 *
 * Patterns: `*` is any run of characters within one folder name, `?` one character, matched without
 * case against the whole member name when the pattern has a '/', else against its last part (zips made
 * on some machines put everything in a folder). Folders and macOS resource forks are not members.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { DataError } from '../../src/errors.ts';

/**
 * Larger than the outcomes-by-offence CSV of eight years (millions of rows); a member declaring more
 * is damaged or hostile (a zip bomb). The member is unpacked in memory, so this is also what it costs.
 */
export const MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024;

/** Zip files start with a local file header (or, when empty, the end of the central directory). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

export function memberMatcher(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 'i');
  const whole = pattern.includes('/');
  return (name) => re.test(whole ? name : (name.split('/').at(-1) ?? name));
}

const isMember = (name: string) => !name.endsWith('/') && !name.startsWith('__MACOSX/') && !(name.split('/').at(-1) ?? '').startsWith('._');

export interface ZipMember {
  /** The member's name inside the zip, as the zip writes it. */
  name: string;
  bytes: Uint8Array;
}

/** Every member of the zip and its declared size, without unpacking any (the central directory only). */
export function listMembers(label: string, bytes: Uint8Array): { name: string; originalSize: number }[] {
  const found: { name: string; originalSize: number }[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (isMember(f.name)) found.push({ name: f.name, originalSize: f.originalSize });
        return false;
      },
    });
  } catch (e) {
    throw new DataError({ file: label }, 'a complete zip archive', `a file that cannot be unzipped (${(e as Error).message})`, 'The download may be truncated or not the zip the publisher issues: acquire it again, or check the copy you added.');
  }
  return found;
}

/** The one member the pattern names: refused, naming the zip, the pattern and the members found, unless exactly one matches. */
export function chooseMember(label: string, bytes: Uint8Array, pattern: string): { name: string; originalSize: number } {
  const members = listMembers(label, bytes);
  const matches = members.filter((m) => memberMatcher(pattern)(m.name));
  const seen = members.length ? members.map((m) => `'${m.name}'`).join(', ') : 'none (an empty zip)';
  const where = `the registry entry's "member" (in data/sources/)`;
  if (matches.length === 0) {
    throw new DataError({ file: label }, `a member named like '${pattern}' inside the zip`, `members ${seen}`, `The publisher may have renamed the CSV: check the release, then change ${where}.`);
  }
  if (matches.length > 1) {
    throw new DataError({ file: label }, `exactly one member named like '${pattern}' inside the zip`, `${matches.length} (${matches.map((m) => `'${m.name}'`).join(', ')}) among members ${seen}`, `Make ${where} name one of them.`);
  }
  const m = matches[0];
  if (m.originalSize > MAX_MEMBER_BYTES) {
    throw new DataError({ file: label }, `a member '${m.name}' that unpacks to at most ${MAX_MEMBER_BYTES} bytes`, `one declaring ${m.originalSize} bytes`, 'The zip is damaged or not what the publisher issues.');
  }
  return m;
}

export function readMember(label: string, bytes: Uint8Array, pattern: string): ZipMember {
  const chosen = chooseMember(label, bytes, pattern);
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(bytes, { filter: (f) => f.name === chosen.name });
  } catch (e) {
    throw new DataError({ file: label }, `a member '${chosen.name}' that unzips`, `a damaged member (${(e as Error).message})`, 'The download may be damaged: acquire it again.');
  }
  const got = out[chosen.name];
  if (!got || got.length !== chosen.originalSize) {
    throw new DataError({ file: label }, `member '${chosen.name}' of ${chosen.originalSize} bytes, as the zip declares`, `${got?.length ?? 0} bytes`, 'The zip is damaged: acquire it again.');
  }
  return { name: chosen.name, bytes: got };
}

/**
 * The member unpacked into the cache, in a folder named by the zip's sha256 (so a new release never
 * meets an old release's member), and its path. An unpacked copy of the size the zip declares is used
 * again; it is written under a temporary name first, so a half-written member never has its name.
 */
export function extractMember(cacheDir: string, label: string, zipSha256: string, bytes: Uint8Array, pattern: string): { name: string; path: string } {
  const chosen = chooseMember(label, bytes, pattern);
  const base = chosen.name.split('/').at(-1)!;
  const path = join(cacheDir, '_members', zipSha256, base);
  if (existsSync(path) && statSync(path).size === chosen.originalSize) return { name: chosen.name, path };
  const member = readMember(label, bytes, pattern);
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}.part`;
  try {
    writeFileSync(part, member.bytes);
    renameSync(part, path);
  } finally {
    rmSync(part, { force: true });
  }
  return { name: member.name, path };
}

/** How messages name a member: the registry path of the zip, then the member read from it. */
export const memberLabel = (zipLabel: string, memberPath: string) => `${zipLabel} (member ${memberPath.split('/').at(-1)})`;
