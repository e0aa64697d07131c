/**
 * .rtf: a small reader for the body text of Rich Text Format, enough for the report-writer exports
 * and Word-saved tables of the 2010s bulletins. One pass over the source: groups ({ }), control words
 * (\par, \cell, \tx…), control symbols (\'e9, \~, \*) and runs of plain text, each handled by its own
 * step below. Destinations that are not body text (font tables, headers, footnotes, fields' code…)
 * are skipped; characters come from \uN (with its fallback characters dropped) or from Windows-1252.
 */
import { DataError } from '../../../src/errors.ts';
import { Builder, type DocumentContent } from './content.ts';

/** Destinations whose text is not body text. */
const RTF_SKIP = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'objdata', 'themedata', 'colorschememapping',
  'latentstyles', 'datastore', 'xmlnstbl', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'mmathPr',
  'pgdsctbl', 'revtbl', 'filetbl', 'fldinst', 'nonshppict', 'header', 'headerl', 'headerr', 'headerf', 'footer',
  'footerl', 'footerr', 'footerf', 'footnote', 'annotation', 'bkmkstart', 'bkmkend', 'field_instruction',
  'shpinst', 'sp', 'sn', 'sv', 'template', 'userprops', 'docvar', 'wgrffmtfilter', 'defchp', 'defpap',
]);

const RTF_SYMBOLS: Record<string, string> = {
  tab: '\t', line: '\n', emdash: '\u2014', endash: '\u2013', bullet: '\u2022', lquote: '\u2018', rquote: '\u2019',
  ldblquote: '\u201c', rdblquote: '\u201d', emspace: ' ', enspace: ' ', qmspace: ' ',
};

/** What a group inherits from the one around it. */
interface GroupState {
  skip: boolean;
  /** Fallback characters that follow each \uN. */
  uc: number;
}

const LETTER = /[a-zA-Z]/;
const DIGIT = /\d/;

export function readRtf(file: string, source: string): DocumentContent {
  if (!source.startsWith('{\\rtf')) throw new DataError({ file }, 'an RTF document starting {\\rtf', `'${source.slice(0, 10)}'`);
  return new RtfReader(file, source).read();
}

class RtfReader {
  private readonly b: Builder;
  private readonly cp1252 = new TextDecoder('windows-1252');
  private readonly groups: GroupState[] = [];
  private state: GroupState = { skip: false, uc: 1 };
  private text: string[] = [];
  private tabStops: number[] = [];
  private inTable = false;
  private rowOpen = false;
  /** Characters still to drop after \uN. */
  private pendingSkip = 0;
  /** Just after '{': the next control word may name a destination. */
  private destinationStart = false;
  private hexBytes: number[] = [];
  private i = 0;

  constructor(file: string, private readonly source: string) {
    this.b = new Builder(file, 'rtf');
  }

  read(): DocumentContent {
    const { source } = this;
    while (this.i < source.length) {
      const c = source[this.i];
      if (c === '{') this.openGroup();
      else if (c === '}') this.closeGroup();
      else if (c === '\\') {
        const next = source[this.i + 1];
        if (next === undefined) break;
        if (LETTER.test(next)) this.controlWord();
        else this.controlSymbol(next);
      } else if (c === '\r' || c === '\n') this.i++;
      else this.plainText();
    }
    this.flushHex();
    if (this.text.join('').trim() !== '') this.endParagraph();
    return this.b.result();
  }

  private openGroup() {
    this.flushHex();
    this.groups.push(this.state);
    this.state = { ...this.state };
    this.destinationStart = true;
    this.i++;
  }

  private closeGroup() {
    this.flushHex();
    this.state = this.groups.pop() ?? this.state;
    this.destinationStart = false;
    this.i++;
  }

  /** A control word: letters, an optional signed number, and one space that belongs to it. */
  private controlWord() {
    const { source } = this;
    let j = this.i + 1;
    while (j < source.length && LETTER.test(source[j])) j++;
    const word = source.slice(this.i + 1, j);
    let k = j;
    if (source[k] === '-' && DIGIT.test(source[k + 1] ?? '')) k++;
    while (k < source.length && DIGIT.test(source[k])) k++;
    const param = k > j ? Number(source.slice(j, k)) : null;
    if (source[k] === ' ') k++;
    this.i = k;
    const wasStart = this.destinationStart;
    this.destinationStart = false;
    if (word === 'bin' && param !== null) {
      this.i += param;
      return;
    }
    if (wasStart && RTF_SKIP.has(word)) {
      this.state.skip = true;
      return;
    }
    if (word === 'u' && param !== null) {
      this.unicode(param);
      return;
    }
    if (this.pendingSkip > 0) {
      // A control word stands for one of the fallback characters after \uN.
      this.pendingSkip--;
      return;
    }
    this.apply(word, param);
  }

  private unicode(param: number) {
    if (this.state.skip) return;
    this.flushHex();
    this.text.push(String.fromCharCode(param < 0 ? param + 65536 : param));
    this.pendingSkip = this.state.uc;
  }

  /** What a control word does to the paragraph, the table or the text. */
  private apply(word: string, param: number | null) {
    switch (word) {
      case 'uc':
        this.state.uc = param ?? 1;
        break;
      case 'par':
      case 'sect':
      case 'page':
        if (!this.state.skip) this.endParagraph();
        break;
      case 'pard':
        this.tabStops = [];
        this.inTable = false;
        break;
      case 'tx':
      case 'tb':
        if (param !== null) this.tabStops.push(param);
        break;
      case 'intbl':
        this.inTable = true;
        break;
      case 'trowd':
        this.openRow();
        break;
      case 'cell':
      case 'nestcell':
        if (!this.state.skip) this.endCell();
        break;
      case 'row':
      case 'nestrow':
        if (!this.state.skip && this.b.inTable) {
          this.b.endRow();
          this.rowOpen = false;
        }
        break;
      default:
        if (!this.state.skip && word in RTF_SYMBOLS) this.emit(RTF_SYMBOLS[word]);
    }
  }

  private openRow() {
    if (!this.b.inTable) this.b.startTable();
    if (!this.rowOpen) {
      this.b.startRow();
      this.rowOpen = true;
    }
  }

  private endCell() {
    this.flushHex();
    if (this.text.length) this.b.paragraph(this.text.join(''), null);
    this.text = [];
    this.openRow();
    this.b.endCell();
  }

  /** A control symbol: a backslash and one character that is not a letter. */
  private controlSymbol(next: string) {
    this.destinationStart = false;
    if (next === "'") {
      const hex = this.source.slice(this.i + 2, this.i + 4);
      this.i += 4;
      if (this.state.skip) return;
      if (this.pendingSkip > 0) {
        this.pendingSkip--;
        return;
      }
      this.hexBytes.push(parseInt(hex, 16));
      return;
    }
    this.i += 2;
    if (next === '*') this.state.skip = true;
    else if (next === '~') this.emit('\u00a0');
    else if (next === '_') this.emit('\u2011');
    else if (next === '\\' || next === '{' || next === '}') this.emit(next);
    else if (next === '\n' || next === '\r') {
      if (!this.state.skip) this.endParagraph();
    }
    // \- (optional hyphen) and others print nothing.
  }

  private plainText() {
    const { source } = this;
    this.destinationStart = false;
    let j = this.i;
    while (j < source.length && source[j] !== '\\' && source[j] !== '{' && source[j] !== '}' && source[j] !== '\r' && source[j] !== '\n') j++;
    this.emit(source.slice(this.i, j));
    this.i = j;
  }

  private flushHex() {
    if (this.hexBytes.length) {
      this.text.push(this.cp1252.decode(new Uint8Array(this.hexBytes)));
      this.hexBytes = [];
    }
  }

  private emit(s: string) {
    if (this.state.skip) return;
    this.flushHex();
    for (const ch of s) {
      if (this.pendingSkip > 0) {
        this.pendingSkip--;
        continue;
      }
      this.text.push(ch);
    }
  }

  private endParagraph() {
    this.flushHex();
    const t = this.text.join('');
    this.text = [];
    if (this.inTable) {
      // Paragraph marks inside a cell separate lines of the same cell.
      this.b.paragraph(t, null);
    } else {
      if (this.b.inTable) this.b.endTable();
      this.b.paragraph(t, this.tabStops);
    }
  }
}
