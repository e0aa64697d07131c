import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.ts';
import { readDocument, sniffFormat } from '../../pipeline/read/document.ts';
import { readRtf } from '../../pipeline/read/document/rtf.ts';
import { splitWordText } from '../../pipeline/read/document/word_binary.ts';
import { monthFromFilename, parseBulletinDocument } from '../../pipeline/sources/prison_estate/bulletin_doc.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function docx(body: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  });
}

function odt(content: string): Uint8Array {
  // ODF wants the mimetype first and stored, which is also how the format is recognised.
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
        `xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">${content}</office:document-content>`,
    ),
  });
}

describe('sniffFormat: the bytes decide, not the extension', () => {
  it('recognises RTF, PDF, OLE .doc, .docx and .odt', () => {
    expect(sniffFormat(strToU8('{\\rtf1\\ansi hello}'))).toBe('rtf');
    expect(sniffFormat(strToU8('%PDF-1.4'))).toBe('pdf');
    expect(sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('doc');
    expect(sniffFormat(docx('<w:p/>'))).toBe('docx');
    expect(sniffFormat(odt('<office:body/>'))).toBe('odt');
    expect(sniffFormat(strToU8('hello'))).toBe('unknown');
  });

  it('refuses a PDF with a DataError naming the file', async () => {
    await expect(readDocument('/x/bulletin.doc', strToU8('%PDF-1.4 ...'))).rejects.toThrow(/bulletin\.doc: expected .*found a PDF/);
  });
});

describe('.docx', () => {
  const body =
    '<w:p><w:pPr><w:tabs><w:tab w:val="center" w:pos="2611"/><w:tab w:val="left" w:pos="90"/><w:tab w:val="clear" w:pos="500"/></w:tabs></w:pPr>' +
    '<w:r><w:t>Altcourse</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">1,</w:t></w:r><w:r><w:t>133</w:t></w:r>' +
    '<w:del><w:r><w:delText>999</w:delText></w:r></w:del></w:p>' +
    '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Wide</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Tall</w:t></w:r></w:p></w:tc></w:tr>' +
    '<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>Tall</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
    '<w:p><w:r><w:t>After</w:t></w:r></w:p>';

  it('reads paragraphs with tabs and sorted tab stops (cleared stops dropped), skipping deleted text', async () => {
    const doc = await readDocument('t.docx', docx(body));
    expect(doc.format).toBe('docx');
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['Altcourse\t1,133', 'After']);
    expect(doc.paragraphs[0].tabStops).toEqual([90, 2611]);
    expect(doc.paragraphs[1].index).toBe(2);
  });

  it('keeps a paragraph whole around a text box, and reads the box once (not its mc:Fallback copy)', async () => {
    const withBox =
      '<w:p><w:r><w:t>Before</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
      '<mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>In box</w:t></w:r></w:p></w:txbxContent></mc:Choice>' +
      '<mc:Fallback><w:txbxContent><w:p><w:r><w:t>In box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>' +
      '<w:r><w:tab/><w:t>after</w:t></w:r></w:p>';
    const doc = await readDocument('t.docx', docx(withBox));
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['In box', 'Before\tafter']);
  });

  it('reads tables: gridSpan pads the spanned columns, a continued vMerge is empty, cell paragraphs join with a newline', async () => {
    const doc = await readDocument('t.docx', docx(body));
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]).toMatchObject({ index: 1, afterParagraph: 1 });
    expect(doc.tables[0].rows).toEqual([
      { row: 1, cells: ['Wide', '', 'Tall'] },
      { row: 2, cells: ['a\nb', 'c', ''] },
    ]);
  });
});

describe('.odt', () => {
  const content =
    '<office:automatic-styles><style:style style:name="P1" style:family="paragraph"><style:paragraph-properties><style:tab-stops>' +
    '<style:tab-stop style:position="2.54cm"/><style:tab-stop style:position="1in"/><style:tab-stop style:position="0.0625in"/></style:tab-stops></style:paragraph-properties></style:style>' +
    '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="P1"/></office:automatic-styles>' +
    '<office:body><office:text><text:p text:style-name="P2"><text:span>Ashfield</text:span><text:tab/>416<text:s text:c="2"/>x</text:p>' +
    '<table:table><table:table-row><table:table-cell table:number-columns-repeated="2"><text:p>r</text:p></table:table-cell><table:covered-table-cell/></table:table-row>' +
    '<table:table-row><table:table-cell><text:p>1</text:p><text:p>2</text:p></table:table-cell></table:table-row></table:table>' +
    '<text:h>Heading</text:h></office:text></office:body>';

  it('reads paragraphs with tabs, repeated spaces and tab stops inherited from the parent style (in twips)', async () => {
    const doc = await readDocument('t.odt', odt(content));
    expect(doc.format).toBe('odt');
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['Ashfield\t416  x', 'Heading']);
    expect(doc.paragraphs[0].tabStops).toEqual([90, 1440, 1440]);
  });

  it('leaves footnotes, comments and deleted text out of the running text', async () => {
    const doc = await readDocument(
      't.odt',
      odt(
        '<office:body><office:text><text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
          '<text:p>Total<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>see<text:tab/>note</text:p></text:note-body></text:note>' +
          '<office:annotation><text:p>a comment</text:p></office:annotation><text:tab/>84,145</text:p></office:text></office:body>',
      ),
    );
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['Total\t84,145']);
  });

  it('reads tables with repeated and covered cells', async () => {
    const doc = await readDocument('t.odt', odt(content));
    expect(doc.tables[0].rows).toEqual([
      { row: 1, cells: ['r', 'r', ''] },
      { row: 2, cells: ['1\n2'] },
    ]);
    expect(doc.tables[0].afterParagraph).toBe(1);
  });
});

describe('.rtf', () => {
  const rtf =
    '{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0\\fswiss Arial;}}{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Writer;}' +
    '{\\info{\\title Not body}}{\\stylesheet{\\s0 Normal;}}\n' +
    '\\pard\\plain\\tx90\\tqc\\tx2611\\tqc\\tx3534 {\\b Caf\\\'e9\\tab 1,2}{34\\tab \\u8364?5}\\par\n' +
    '\\trowd\\cellx1000\\cellx2000\\pard\\intbl Name\\cell Pop\\cell\\row\n' +
    '\\trowd\\cellx1000\\cellx2000\\pard\\intbl Leeds\\par line 2\\cell 1,080\\cell\\row\n' +
    '\\pard {\\pict 0123abcd}After \\{braces\\}\\line next\\par}';

  it('reads paragraphs: hex escapes (cp1252), \\uN with its fallback skipped, tab stops, skipped destinations', () => {
    const doc = readRtf('t.rtf', rtf);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['Café\t1,234\t€5', 'After {braces}\nnext']);
    expect(doc.paragraphs[0].tabStops).toEqual([90, 2611, 3534]);
    expect(doc.paragraphs[1].tabStops).toEqual([]);
  });

  it('reads a 2-row table from \\trowd … \\cell … \\row, placed between the paragraphs', () => {
    const doc = readRtf('t.rtf', rtf);
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0].afterParagraph).toBe(1);
    expect(doc.tables[0].rows).toEqual([
      { row: 1, cells: ['Name', 'Pop'] },
      { row: 2, cells: ['Leeds\nline 2', '1,080'] },
    ]);
  });

  it('rejects text that is not RTF', () => {
    expect(() => readRtf('x.rtf', 'hello')).toThrow(DataError);
  });
});

describe('.doc text from word-extractor', () => {
  it('splits Word table rows (cell marks became tabs, a row ends with two) and keeps tabbed paragraphs', () => {
    const text = '\tMonthly Bulletin - May 2013\nName\tPop\t\tLeeds\t1,080\t\tHull\t\t\t\nAltcourse\t794\t1,133\nNotes';
    const doc = splitWordText('t.doc', text);
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0].rows).toEqual([
      { row: 1, cells: ['Name', 'Pop'] },
      { row: 2, cells: ['Leeds', '1,080'] },
      { row: 3, cells: ['Hull', ''] },
    ]);
    expect(doc.tables[0].afterParagraph).toBe(1);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['\tMonthly Bulletin - May 2013', 'Altcourse\t794\t1,133', 'Notes']);
  });

  it('honours raw cell marks (\\u0007) when an extractor leaves them in', () => {
    const doc = splitWordText('t.doc', 'A\u0007B\u0007\u0007C\u0007D\u0007\u0007\nafter');
    expect(doc.tables[0].rows.map((r) => r.cells)).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ]);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['after']);
  });
});

describe('parseBulletinDocument on small documents written by the test', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-'));
  const row = (cells: string[]) => `\\pard\\tx90\\tqc\\tx2611\\tqc\\tx3534\\tqc\\tx4499\\tqc\\tx5577 ${cells.join('\\tab ')}\\par\n`;
  const write = (name: string, rows: string[][], extra = '') => {
    const path = join(dir, name);
    writeFileSync(
      path,
      '{\\rtf1\\ansi\n\\pard\\tab Monthly Bulletin - May 2016\\par\n\\pard Report Date:\\tab 27/05/2016\\tab Page\\tab 1\\par\n' +
        row(['', 'Prison Name', 'Baseline CNA', 'In Use CNA', 'Operational Capacity', 'Population *']) +
        rows.map(row).join('') +
        extra +
        '\\pard ** Useable Operational Capacity of the estate is the sum of all establishments\\rquote  operational capacity less 1,350 places.\\par}',
    );
    return path;
  };
  const good: string[][] = [
    ['Altcourse', '794', '794', '1,133', '1,132'],
    ['Standford Hill (Sheppey', '464', '464', '464', '452'],
    ['Cluster)'],
    ['Haslar*', '197', '0', '0'],
    ['Total', '1,455', '1,258', '247**', '1,584'],
  ];

  it('returns month from the title, report date, rows as printed (wrapped names joined, blanks null) and the Total', async () => {
    const p = await parseBulletinDocument('may.rtf', write('bulletin-may-2016.rtf', good));
    expect(p.month).toBe('2016-05-01');
    expect(p.reportDate).toBe('2016-05-27');
    expect(p.operatingMargin).toBe(1350);
    expect(p.establishments.map((e) => e.name)).toEqual(['Altcourse', 'Standford Hill (Sheppey Cluster)', 'Haslar']);
    expect(p.establishments[2]).toMatchObject({ baselineCna: 197, inUseCna: 0, operationalCapacity: 0, population: null, section: 'prison' });
    expect(p.establishments[0].cell).toBe('paragraph 4');
    expect(p.total).toMatchObject({ baselineCna: 1455, inUseCna: 1258, usableOperationalCapacity: 247, population: 1584 });
  });

  it('throws a DataError naming file, Total row and column when the rows do not add up', async () => {
    const bad = good.map((r) => (r[0] === 'Altcourse' ? ['Altcourse', '794', '794', '1,133', '1,131'] : r));
    const err = await parseBulletinDocument('may.rtf', write('bad-may-2016.rtf', bad)).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/^may\.rtf, paragraph 8, column Population: expected the Total row to equal the sum of the 3 establishments \(1583\), found 1584$/);
  });

  it("throws when the useable capacity is not the sum less the footnote's margin", async () => {
    const bad = good.map((r) => (r[0] === 'Total' ? ['Total', '1,455', '1,258', '248**', '1,584'] : r));
    await expect(parseBulletinDocument('may.rtf', write('cap-may-2016.rtf', bad))).rejects.toThrow(/sum of operational capacities 1597 less the stated margin 1350 = 247, found 248/);
  });

  it('throws when the file name names another month than the title', async () => {
    await expect(parseBulletinDocument('june.rtf', write('prison-pop-june-2016.rtf', good))).rejects.toThrow(/title's month to agree with the file name/);
  });

  it('on a row with blanks and no tab stops, the printed percentage must agree with where the figures were put', async () => {
    const path = join(dir, 'pct-may-2016.rtf');
    const plain = (cells: string[]) => `\\pard ${cells.join('\\tab ')}\\par\n`;
    const doc = (lastRow: string[]) =>
      '{\\rtf1\\ansi\n\\pard Monthly Bulletin - May 2016\\par\n' +
      plain(['', 'Prison Name', 'Baseline', 'In Use CNA', 'Operational', 'Population *', '% Pop to In', '% Accommodation']) +
      plain(['Leeds', '100', '90', '120', '99', '110%', '90%']) +
      plain(lastRow) +
      plain(['Total', '200', '140', '170', '99', '71%', '70%']) +
      '}';
    writeFileSync(path, doc(['Kennet', '100', '50', '50', '50%']));
    const ok = await parseBulletinDocument('pct.rtf', path);
    expect(ok.establishments[1]).toMatchObject({ name: 'Kennet', baselineCna: 100, inUseCna: 50, operationalCapacity: 50, population: null });
    writeFileSync(path, doc(['Kennet', '100', '50', '50', '80%']));
    await expect(parseBulletinDocument('pct.rtf', path)).rejects.toThrow(
      /^pct\.rtf, paragraph 4, column % Accommodation Available: expected .* = 50\.0%, found '80%'/,
    );
  });

  it('reads a bulletin laid out as a real Word table, naming rows as table N row M', async () => {
    const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
    const tr = (cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`;
    const path = join(dir, 'bulletin-june-2017.docx');
    writeFileSync(
      path,
      docx(
        p('Monthly Bulletin - June 2017') +
          p('Report Date: 30/06/2017') +
          '<w:tbl>' +
          tr(['Prison Name', 'Baseline CNA', 'In Use CNA', 'Operational Capacity', 'Population *']) +
          tr(['Altcourse', '794', '794', '1,133', '1,132']) +
          tr(['HMPPS Operated Immigration Removal Centres (IRCs)', '', '', '', '']) +
          tr(['Morton Hall (IRC)', '392', '392', '392', '300']) +
          tr(['Total', '1,186', '1,186', '25**', '1,432']) +
          '</w:tbl>' +
          p('** Useable Operational Capacity of the estate is the sum of all establishments’ operational capacity less 1,500 places.'),
      ),
    );
    const b = await parseBulletinDocument('june.docx', path);
    expect(b.month).toBe('2017-06-01');
    expect(b.reportDate).toBe('2017-06-30');
    expect(b.establishments).toEqual([
      { name: 'Altcourse', section: 'prison', baselineCna: 794, inUseCna: 794, operationalCapacity: 1133, population: 1132, nullReason: null, cell: 'table 1 row 2' },
      { name: 'Morton Hall (IRC)', section: 'irc', baselineCna: 392, inUseCna: 392, operationalCapacity: 392, population: 300, nullReason: null, cell: 'table 1 row 4' },
    ]);
    expect(b.total).toEqual({ baselineCna: 1186, inUseCna: 1186, usableOperationalCapacity: 25, population: 1432, cell: 'table 1 row 5' });
  });

  it('reads month and year from publishers\' file names', () => {
    expect(monthFromFilename('10004C44pop_bull_jan_11.doc')).toEqual({ month: 1, year: 2011 });
    expect(monthFromFilename('prison-population-bulletin-june.doc')).toEqual({ month: 6, year: null });
    expect(monthFromFilename('prison-population-figures-september2015.rtf')).toEqual({ month: 9, year: 2015 });
    expect(monthFromFilename('prison-population-monthly-December-11.doc')).toEqual({ month: 12, year: 2011 });
    expect(monthFromFilename('prison-popualtion-april-2015.rtf')).toEqual({ month: 4, year: 2015 });
  });
});
