/** .odt (OpenDocument text): paragraphs with the tab stops of their (inherited) styles, and tables. */
import { strFromU8 } from 'fflate';
import { DataError } from '../../../src/errors.ts';
import { Builder, type DocumentContent } from './content.ts';
import { parseXml, unzipParts } from '../zipped_xml.ts';

const LENGTH_TO_TWIPS: Record<string, number> = { cm: 1440 / 2.54, mm: 144 / 2.54, in: 1440, pt: 20, pc: 240 };

function lengthToTwips(value: string | undefined): number | null {
  const m = /^(-?[\d.]+)(cm|mm|in|pt|pc)$/.exec(value ?? '');
  if (!m) return null;
  return Math.round(Number(m[1]) * LENGTH_TO_TWIPS[m[2]]);
}

export function readOdt(file: string, bytes: Uint8Array): DocumentContent {
  const parts = unzipParts(file, bytes, (n) => n === 'content.xml', 'document');
  const xml = parts['content.xml'];
  if (!xml) throw new DataError({ file }, 'an OpenDocument text (content.xml in the archive)', 'a zip archive without it');
  const b = new Builder(file, 'odt');
  // Automatic paragraph styles carry the tab stops (positions relative to the paragraph indent).
  const styleStops = new Map<string, number[]>();
  const styleParent = new Map<string, string>();
  let style: string | null = null;
  const paraStack: { text: string[]; style: string | undefined }[] = [];
  let noteDepth = 0;

  const stopsFor = (name: string | undefined): number[] | null => {
    for (let n = name, guard = 0; n && guard < 20; n = styleParent.get(n), guard++) {
      const s = styleStops.get(n);
      if (s) return s;
    }
    return null;
  };

  parseXml({ file, sheet: 'content.xml' }, 'document', strFromU8(xml), {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (tag.name) {
        case 'style:style':
          style = a['style:name'] ?? null;
          if (style && a['style:parent-style-name']) styleParent.set(style, a['style:parent-style-name']);
          break;
        case 'style:tab-stop': {
          const pos = lengthToTwips(a['style:position']);
          if (style && pos !== null) styleStops.set(style, [...(styleStops.get(style) ?? []), pos]);
          break;
        }
        case 'table:table':
          b.startTable();
          break;
        case 'table:table-row': {
          b.startRow();
          break;
        }
        case 'text:p':
        case 'text:h':
          paraStack.push({ text: [], style: a['text:style-name'] });
          break;
        case 'text:tab':
          if (noteDepth === 0) paraStack.at(-1)?.text.push('\t');
          break;
        case 'text:s':
          if (noteDepth === 0) paraStack.at(-1)?.text.push(' '.repeat(Number(a['text:c'] ?? 1) || 1));
          break;
        case 'text:line-break':
          if (noteDepth === 0) paraStack.at(-1)?.text.push('\n');
          break;
        // Footnotes, comments and the record of deleted text are not part of the running text.
        case 'text:note':
        case 'office:annotation':
        case 'text:tracked-changes':
          noteDepth++;
          break;
      }
    },
    text(t) {
      if (noteDepth === 0) paraStack.at(-1)?.text.push(t);
    },
    close(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (tag.name) {
        case 'style:style':
          style = null;
          break;
        case 'text:p':
        case 'text:h': {
          const p = paraStack.pop();
          if (!p) break;
          // A paragraph inside a note or another paragraph (frames) joins its parent's text.
          const parent = paraStack.at(-1);
          if (parent) parent.text.push(p.text.join(''));
          else if (noteDepth === 0) b.paragraph(p.text.join(''), stopsFor(p.style));
          break;
        }
        case 'text:note':
        case 'office:annotation':
        case 'text:tracked-changes':
          noteDepth--;
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          // Spreadsheet-style repeats can run to thousands of empty columns: cap them.
          const repeat = Math.min(Number(a['table:number-columns-repeated'] ?? 1) || 1, 1000);
          b.endCell(0, repeat);
          break;
        }
        case 'table:table-row':
          b.endRow();
          break;
        case 'table:table':
          b.endTable();
          break;
      }
    },
  });
  return b.result();
}
