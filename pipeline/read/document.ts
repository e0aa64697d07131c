/**
 * Reads word-processor documents (.docx, .odt, .rtf, legacy binary .doc) into body paragraphs and
 * tables of cell texts. Only text is kept, plus paragraph tab stops where the format records them:
 * many official documents of the 2010s are report-writer exports that lay a "table" out as tabbed
 * paragraphs, and the stops are the only record of which column a figure sits in when a row has
 * blanks. The format is taken from the file's bytes, not its name: MoJ published RTF files named
 * ".doc", for instance. One reader per format in document/ (docx.ts, odt.ts, rtf.ts, word_binary.ts),
 * all filling the one content model of document/content.ts.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { strFromU8 } from 'fflate';
import { DataError } from '../../src/errors.ts';
import type { DocumentContent, DocumentFormat } from './document/content.ts';
import { readDocx } from './document/docx.ts';
import { readOdt } from './document/odt.ts';
import { readRtf } from './document/rtf.ts';
import { readWordBinary } from './document/word_binary.ts';

export type { DocParagraph, DocTable, DocTableRow, DocumentContent, DocumentFormat } from './document/content.ts';

export function sniffFormat(bytes: Uint8Array): DocumentFormat {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (head.startsWith('%PDF')) return 'pdf';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'doc';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // Zip: an ODF package stores its mimetype first and uncompressed; otherwise look for Word's part.
    const text = strFromU8(bytes.subarray(0, 200), true);
    if (text.includes('application/vnd.oasis.opendocument.text')) return 'odt';
    return 'docx';
  }
  return 'unknown';
}

/** Reads a document from disk (or from bytes already read), choosing the reader from the bytes. */
export async function readDocument(path: string, bytes?: Uint8Array): Promise<DocumentContent> {
  const data = bytes ?? new Uint8Array(await readFile(path));
  const file = basename(path);
  const format = sniffFormat(data);
  switch (format) {
    case 'docx':
      return readDocx(file, data);
    case 'odt':
      return readOdt(file, data);
    case 'rtf':
      return readRtf(file, new TextDecoder('latin1').decode(data));
    case 'doc':
      return readWordBinary(file, data);
    default:
      throw new DataError(
        { file },
        'a .docx, .odt, .rtf or Word 97-2003 .doc document',
        format === 'pdf' ? 'a PDF' : 'a file of unknown type',
        format === 'pdf' ? 'PDF files are not read by this project (no maintained pure-JavaScript table reader is installed).' : undefined,
      );
  }
}
