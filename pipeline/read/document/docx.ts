/** .docx (WordprocessingML): paragraphs with their tab stops, tables with merged cells kept in place. */
import { strFromU8 } from 'fflate';
import { DataError } from '../../../src/errors.ts';
import { Builder, type DocumentContent } from './content.ts';
import { parseXml, unzipParts } from '../zipped_xml.ts';

export function readDocx(file: string, bytes: Uint8Array): DocumentContent {
  const parts = unzipParts(file, bytes, (n) => n === 'word/document.xml', 'document');
  const xml = parts['word/document.xml'];
  if (!xml) throw new DataError({ file }, 'a Word document (word/document.xml in the archive)', 'a zip archive without it');
  const b = new Builder(file, 'docx');
  // A text box inside a run holds paragraphs of its own: keep the outer paragraph on a stack.
  const paraStack: { text: string[]; stops: number[] }[] = [];
  let inTabs = 0;
  let inText = false;
  // Text of deleted revisions and field instructions is not part of what the reader sees.
  let hidden = 0;
  const gridSpans: number[] = [];
  let vMergeContinue = false;

  parseXml({ file, sheet: 'word/document.xml' }, 'document', strFromU8(xml), {
    open(tag) {
      switch (tag.name) {
        case 'w:tbl':
          b.startTable();
          break;
        case 'w:tr':
          b.startRow();
          break;
        case 'w:tc':
          gridSpans.push(1);
          vMergeContinue = false;
          break;
        case 'w:gridSpan':
          if (gridSpans.length) gridSpans[gridSpans.length - 1] = Math.max(1, Number(tag.attributes['w:val'] ?? 1) || 1);
          break;
        case 'w:vMerge':
          vMergeContinue = (tag.attributes['w:val'] ?? 'continue') === 'continue';
          break;
        case 'w:p':
          paraStack.push({ text: [], stops: [] });
          break;
        case 'w:tabs':
          inTabs++;
          break;
        case 'w:tab':
          if (inTabs) {
            if (tag.attributes['w:val'] !== 'clear') paraStack.at(-1)?.stops.push(Number(tag.attributes['w:pos']));
          } else if (!hidden) paraStack.at(-1)?.text.push('\t');
          break;
        case 'w:br':
        case 'w:cr':
          if (!hidden) paraStack.at(-1)?.text.push('\n');
          break;
        case 'w:t':
          inText = true;
          break;
        case 'w:delText':
        case 'w:instrText':
        case 'w:del':
        case 'mc:Fallback': // the same content again, for older readers
          hidden++;
          break;
      }
    },
    text(t) {
      if (inText && !hidden) paraStack.at(-1)?.text.push(t);
    },
    close(tag) {
      switch (tag.name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:delText':
        case 'w:instrText':
        case 'w:del':
        case 'mc:Fallback':
          hidden--;
          break;
        case 'w:tabs':
          inTabs--;
          break;
        case 'w:p': {
          const p = paraStack.pop();
          if (p && !hidden) b.paragraph(p.text.join(''), p.stops.filter(Number.isFinite));
          break;
        }
        case 'w:tc': {
          const span = gridSpans.pop() ?? 1;
          // A continued vertical merge is printed as part of the cell above, so it reads as empty
          // rather than repeating the figure (which would count it twice).
          b.endCell(span - 1, 1, vMergeContinue);
          vMergeContinue = false;
          break;
        }
        case 'w:tr':
          b.endRow();
          break;
        case 'w:tbl':
          b.endTable();
          break;
      }
    },
  });
  return b.result();
}
