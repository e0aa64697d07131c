/**
 * The zipped-XML formats (xlsx, ods, docx, odt): unzip only the parts a reader needs, refusing a
 * damaged archive or one whose parts declare more than any publisher's file unpacks to (a zip bomb),
 * and stream a part's XML to the reader's handlers.
 */
import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DataError, type CellLocation } from '../../src/errors.ts';

/** Larger than any sheet these publishers issue; a zip declaring more is damaged or hostile (a zip bomb). */
export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

const HINT = {
  spreadsheet: 'The download may be truncated or not a spreadsheet: delete it from data/raw/ and acquire it again.',
  document: 'The download may be truncated: delete it and acquire it again.',
};

export function unzipParts(file: string, bytes: Uint8Array, wanted: (name: string) => boolean, kind: keyof typeof HINT): Record<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  let oversized: { name: string; size: number } | null = null;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        if (f.originalSize > MAX_ENTRY_BYTES) {
          oversized = { name: f.name, size: f.originalSize };
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new DataError({ file }, `a complete ${kind} (a zip archive)`, `a file that cannot be unzipped (${(e as Error).message})`, HINT[kind]);
  }
  if (oversized) {
    const o = oversized as { name: string; size: number };
    throw new DataError({ file }, `a ${kind} whose parts unpack to at most ${MAX_ENTRY_BYTES} bytes`, `part ${o.name} declaring ${o.size} bytes`, 'The file is damaged or not what the publisher issues.');
  }
  return entries;
}

/** Streams one XML part; broken XML is an error naming the file (and the part, for documents). */
export function parseXml(
  where: CellLocation,
  kind: keyof typeof HINT,
  xml: string,
  handlers: { open?: (tag: SaxesTagPlain) => void; close?: (tag: SaxesTagPlain) => void; text?: (text: string) => void },
) {
  const parser = new SaxesParser({ xmlns: false });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', handlers.close);
  if (handlers.text) parser.on('text', handlers.text);
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new DataError(where, `well-formed ${kind} XML`, `broken XML (${(e as Error).message})`);
  }
}
