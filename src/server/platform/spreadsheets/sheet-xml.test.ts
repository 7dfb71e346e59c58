import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { excelJs } from '../exceljs';
import type { CellValue, SheetRow } from './cells';
import { readBatches } from './read-sheet';
import { sharedStrings, worksheetRows } from './sheet-xml';

const dir = mkdtempSync(path.join(tmpdir(), 'wangge-sheet-xml-'));
const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** The XML's bytes in chunks of `size`: every boundary a stream could cut at, through characters and tags. */
async function* chunked(xml: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(xml);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function rowsOf(xml: string, strings: string[] = [], size = 1 << 16): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of worksheetRows(chunked(xml, size), strings)) rows.push(...batch);
  return rows;
}

const sheet = (rows: string, prefix = '') =>
  prefix
    ? `<?xml version="1.0"?><${prefix}:worksheet xmlns:${prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}:sheetData>${rows}</${prefix}:sheetData></${prefix}:worksheet>`
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${ns}><dimension ref="A1:C3"/><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells></worksheet>`;

describe('the worksheet XML reader', () => {
  it('reads every kind of cell as its value', async () => {
    const xml = sheet(
      '<row r="1" spans="1:9"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> 王秀英 </t></is></c>' +
        '<c r="C1"><v>13800001234</v></c><c r="D1" s="3"><v>45996.5</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c>' +
        '<c r="G1" t="e"><v>#N/A</v></c><c r="H1"><f>SUM(C1:D1)</f><v>3</v></c><c r="I1" t="str"><f>A1&amp;"x"</f><v>东关村x</v></c></row>' +
        '<row r="2"><c r="A2"><f>1/0</f></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="d"><v>2026-12-03T00:00:00</v></c><c r="D2" t="s"><v>99</v></c>' +
        '<c r="E2"><f>C1-C1</f><v>0</v></c><c r="F2" t="inlineStr"><is><t></t></is></c></row>',
    );
    expect(await rowsOf(xml, ['姓名', '东关村'])).toEqual([
      { row: 1, cells: ['东关村', ' 王秀英 ', 13800001234, 45996.5, true, false, null, 3, '东关村x'] },
      { row: 2, cells: [null, null, '2026-12-03T00:00:00', null, 0] },
    ]);
  });

  it('leaves gaps as null, ends a row at its last value, and keeps empty rows as rows', async () => {
    const xml = sheet('<row r="3"><c r="B3"><v>2</v></c><c r="E3"/><c r="D3" s="1"/></row><row r="5"/><row r="7"><c r="AA7"><v>1</v></c></row>');
    const rows = await rowsOf(xml);
    expect(rows.slice(0, 2)).toEqual([
      { row: 3, cells: [null, 2] },
      { row: 5, cells: [] },
    ]);
    expect(rows[2].row).toBe(7);
    expect(rows[2].cells.length).toBe(27);
    expect(rows[2].cells[26]).toBe(1);
  });

  it('numbers rows and cells a writer left unnumbered from the one before', async () => {
    const xml = sheet('<row r="4"><c><v>1</v></c><c><v>2</v></c><c r="E4"><v>5</v></c><c><v>6</v></c></row><row><c><v>7</v></c></row>');
    expect(await rowsOf(xml)).toEqual([
      { row: 4, cells: [1, 2, null, null, 5, 6] },
      { row: 5, cells: [7] },
    ]);
  });

  it('decodes entities and character references once, keeps CDATA as it is, and makes line ends \\n', async () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;b&gt; &amp;lt; &quot;x&quot; &apos;y&apos; &#x4E2D;&#22269; &#128512; &unknown;</t></is></c>' +
        '<c r="B1" t="inlineStr"><is><t><![CDATA[a<b>&amp;]]></t></is></c><c r="C1" t="inlineStr"><is><t>一\r\n二\r三</t></is></c></row>',
    );
    expect((await rowsOf(xml))[0].cells).toEqual(['<b> &lt; "x" \'y\' 中国 😀 &unknown;', 'a<b>&amp;', '一\n二\n三']);
  });

  it('joins rich text runs and leaves out the phonetic guide, inline and shared', async () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>欧阳</t></r><r><t xml:space="preserve">明月</t></r>' +
        '<rPh sb="0" eb="2"><t>ōuyáng</t></rPh><phoneticPr fontId="1"/></is></c><c r="B1" t="s"><v>0</v></c></row>',
    );
    const strings = await sharedStrings(
      chunked(`<sst ${ns} count="2"><si><r><t>东</t></r><r><rPr><i/></rPr><t>关</t></r><rPh><t>dōng</t></rPh></si><si/><si><t>x</t></si></sst>`, 7),
      10,
      () => new Error('too many'),
    );
    expect(strings).toEqual(['东关', '', 'x']);
    expect((await rowsOf(xml, strings))[0].cells).toEqual(['欧阳明月', '东关']);
  });

  it('understands prefixed tags, comments, processing instructions and a > inside an attribute', async () => {
    const xml = sheet('<x:row r="2"><!-- a <c> in a comment --><?pi x?><x:c r="A2" t="inlineStr" note="a>b"><x:is><x:t>甲</x:t></x:is></x:c></x:row>', 'x');
    expect(await rowsOf(xml)).toEqual([{ row: 2, cells: ['甲'] }]);
  });

  it('reads the same rows whatever the chunks, cut through characters, tags, entities and CDATA', async () => {
    const xml = sheet(
      Array.from(
        { length: 40 },
        (_, i) =>
          `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>王&amp;秀英${i}</t></is></c><c r="B${i + 2}"><v>${i * 1.5}</v></c>` +
          `<c r="C${i + 2}" t="inlineStr"><is><t><![CDATA[东<关>]]></t></is></c><!-- ${i} --><c r="D${i + 2}" t="s"><v>0</v></c></row>`,
      ).join(''),
    );
    const whole = await rowsOf(xml, ['外出']);
    expect(whole).toHaveLength(40);
    expect(whole[3]).toEqual({ row: 5, cells: ['王&秀英3', 4.5, '东<关>', '外出'] });
    for (const size of [1, 2, 3, 5, 13, 64]) expect(await rowsOf(xml, ['外出'], size)).toEqual(whole);
  });

  it('stops at the end of the sheet data, and refuses a token too long to be a cell', async () => {
    expect(await rowsOf(`${sheet('<row r="1"><c r="A1"><v>1</v></c></row>')}<row r="9"><c r="A9"><v>9</v></c></row>`)).toEqual([{ row: 1, cells: [1] }]);
    const endless = sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'长'.repeat(1_100_000)}`);
    await expect(rowsOf(endless)).rejects.toThrow(/longer than/);
  });

  it('refuses shared strings past their bound as it reads them', async () => {
    const sst = `<sst ${ns}>${'<si><t>x</t></si>'.repeat(20)}</sst>`;
    await expect(sharedStrings(chunked(sst, 50), 10, () => new Error('too many strings'))).rejects.toThrow('too many strings');
  });
});

/** What read-sheet.ts made of ExcelJS's cell values before (styles ignored): the reference these tests compare with. */
function excelJsCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((t) => t.text).join('');
  if ('result' in o) return excelJsCell(o.result);
  if ('formula' in o || 'sharedFormula' in o || 'error' in o) return null;
  if ('text' in o) return excelJsCell(o.text);
  return String(v);
}

async function viaExcelJs(file: string): Promise<SheetRow[]> {
  const reader = new (excelJs().stream.xlsx.WorkbookReader)(file, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' });
  const rows: SheetRow[] = [];
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<{ number: number; values: unknown[] }>) {
      const cells: CellValue[] = [];
      for (let i = 1; i < row.values.length; i++) cells.push(excelJsCell(row.values[i]));
      rows.push({ row: row.number, cells });
    }
  }
  return rows;
}

async function viaOurs(file: string): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of readBatches({ path: file, format: 'xlsx', encoding: null, sheet: null, headerRow: 0 })) rows.push(...batch);
  return rows;
}

describe('against ExcelJS', () => {
  /** Known differences aside (sheet-xml.ts's comment): ExcelJS read an empty inline text as '', a shared one as null. */
  const sameEmpty = (rows: SheetRow[]) => rows.map((r) => ({ row: r.row, cells: r.cells.map((c) => (c === '' ? null : c)) }));
  const values = (i: number, inline = false): unknown[] => [
    `王秀英${i}`,
    i % 3 ? '' : null,
    i * 7.25,
    -i,
    `41162719${String(80 + (i % 20))}0101123${i % 10}`,
    i % 2 === 0,
    new Date(Date.UTC(1990 + (i % 30), i % 12, 1 + (i % 28))),
    // (not 0: ExcelJS read a formula's result 0 as no result)
    { formula: `C${i + 1}*2+1`, result: i * 14.5 + 1 },
    { formula: 'A1&"组"', result: `${i}组` },
    // ExcelJS kept only the last run of an inline rich text; the shape is tested above.
    inline ? `东关村${i}组` : { richText: [{ text: '东关' }, { font: { bold: true }, text: `村${i}组` }] },
    { text: '链接', hyperlink: 'https://example.org' },
    { error: '#N/A' },
    `a & b < c > "d" 'e' ${'长'.repeat(i % 5)}`,
  ];

  for (const useSharedStrings of [true, false]) {
    it(`reads what ExcelJS read from a streamed workbook ${useSharedStrings ? 'with shared' : 'with inline'} strings`, async () => {
      const file = path.join(dir, `kinds-${useSharedStrings}.xlsx`);
      const wb = new (excelJs().stream.xlsx.WorkbookWriter)({ filename: file, useSharedStrings, useStyles: true });
      const ws = wb.addWorksheet('台账');
      ws.getColumn(7).numFmt = 'yyyy-mm-dd';
      for (let i = 0; i < 300; i++) {
        if (i % 50 === 7) continue; // a missing row
        const row = ws.addRow(i % 41 === 5 ? [] : values(i, !useSharedStrings));
        row.commit();
      }
      await ws.commit();
      await wb.commit();
      const ours = await viaOurs(file);
      const theirs = sameEmpty(await viaExcelJs(file)).filter((r) => r.cells.some((c) => c !== null));
      expect(ours.length).toBeGreaterThan(280);
      expect(ours).toEqual(theirs);
    });
  }

  it('reads what ExcelJS read from a workbook written whole (shared strings after the sheets)', async () => {
    const file = path.join(dir, 'whole.xlsx');
    const wb = new (excelJs().Workbook)();
    const ws = wb.addWorksheet('台账');
    for (let i = 0; i < 200; i++) ws.addRow(values(i));
    ws.getCell('P3').value = '远处的格';
    await wb.xlsx.writeFile(file);
    const ours = await viaOurs(file);
    expect(ours).toEqual(sameEmpty(await viaExcelJs(file)).filter((r) => r.cells.some((c) => c !== null)));
    expect(ours[2].cells[15]).toBe('远处的格');
  });
});
