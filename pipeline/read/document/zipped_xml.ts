/** The two zipped-XML formats (.docx, .odt): unzip the one part needed and stream its XML. */
import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DataError } from '../../../src/errors.ts';

export function parseXml(file: string, part: string, xml: string, handlers: {
  open: (tag: SaxesTagPlain) => void;
  close: (tag: SaxesTagPlain) => void;
  text: (text: string) => void;
}) {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', handlers.open);
  parser.on('closetag', handlers.close);
  parser.on('text', handlers.text);
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new DataError({ file, sheet: part }, 'well-formed document XML', `broken XML (${(e as Error).message})`);
  }
}

export function unzipParts(file: string, bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter: (f) => wanted(f.name) });
  } catch (e) {
    throw new DataError(
      { file },
      'a complete document (a zip archive)',
      `a file that cannot be unzipped (${(e as Error).message})`,
      'The download may be truncated: delete it and acquire it again.',
    );
  }
}
