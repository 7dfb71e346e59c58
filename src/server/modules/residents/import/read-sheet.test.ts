import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { excelJs } from '../../../platform/exceljs';
import { headerScore } from './fields';
import { SheetError, inspect, inspectSheet, readBatches } from '../../../platform/spreadsheets/read-sheet';
import { zipOf } from '../../../testing/zip-bomb';

const dir = mkdtempSync(path.join(tmpdir(), 'wangge-read-sheet-'));

async function readAll(file: string) {
  const info = await inspect(file, headerScore);
  const rows: Array<{ row: number; cells: unknown[] }> = [];
  for await (const b of readBatches(info)) rows.push(...b);
  return { info, rows };
}

describe('reading sheets', () => {
  it('reads a workbook whose sheets come before its strings and its workbook part, by the names its relationships give', async () => {
    // Excel, WPS and ExcelJS write the sheets before the shared strings. A front-to-back reader must park them;
    // ExcelJS's own stopped early under load and failed on such valid files. Here the workbook part comes last,
    // the sheets have names of their own, the tabs are in another order than the parts, and a chart sheet is named.
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const part = (name: string, text: string) => ({ name, chunks: () => [Buffer.from(text)] });
    const sheetXml = (rows: string) => `<worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`;
    const file = path.join(dir, 'parts-out-of-order.xlsx');
    writeFileSync(
      file,
      await zipOf([
        part(
          'xl/worksheets/roster-a.xml',
          sheetXml(
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>7</v></c></row>',
          ),
        ),
        part('xl/worksheets/notes.xml', sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>请先阅读</t></is></c></row>')),
        part('xl/sharedStrings.xml', `<sst ${ns}><si><t>姓名</t></si><si><t>人数</t></si><si><t>东关村</t></si></sst>`),
        part(
          'xl/_rels/workbook.xml.rels',
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/worksheet" Target="worksheets/roster-a.xml"/>` +
            `<Relationship Id="r2" Type="${rel}/worksheet" Target="/xl/worksheets/notes.xml"/><Relationship Id="r3" Type="${rel}/chartsheet" Target="chartsheets/c1.xml"/>` +
            `<Relationship Id="r4" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        ),
        part(
          'xl/workbook.xml',
          `<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="说明" sheetId="2" r:id="r2"/><sheet name="图" sheetId="3" r:id="r3"/><sheet name="台账" sheetId="1" r:id="r1"/></sheets></workbook>`,
        ),
      ]),
    );
    const { info, rows } = await readAll(file);
    expect(info).toMatchObject({ sheetNames: ['说明', '台账'], sheet: '台账', headerRow: 1, headers: ['姓名', '人数'] });
    expect(rows).toEqual([{ row: 2, cells: ['东关村', 7] }]);
    expect(await inspectSheet(file, 'xlsx', '说明')).toMatchObject({ headers: ['请先阅读'] });
  });

  it('reads the chosen one of many sheets, skipping the others, again and again, its progress ending at the end of the file', async () => {
    // ExcelJS's own reader parked sheets that precede the shared strings in temporary files and deleted each as it
    // moved on; a skipped sheet's file reader used to open after the delete: an uncaught ENOENT.
    const file = path.join(dir, 'many-sheets.xlsx');
    const wb = new (excelJs().Workbook)();
    for (let n = 1; n <= 6; n++) wb.addWorksheet(`第${n}页`).addRows([['姓名', '身份证号'], ...Array.from({ length: 200 }, (_, i) => [`人${n}-${i}`, `${i}`])]);
    await wb.xlsx.writeFile(file);
    const stray: unknown[] = [];
    const onStray = (e: unknown) => stray.push(e);
    process.on('uncaughtException', onStray);
    try {
      for (let round = 0; round < 10; round++) {
        const { headers } = await inspectSheet(file, 'xlsx', '第6页', headerScore);
        expect(headers).toEqual(['姓名', '身份证号']);
        let rows = 0;
        let read = 0;
        for await (const b of readBatches({ path: file, format: 'xlsx', sheet: '第6页', headerRow: 1, encoding: null }, (n) => (read = n))) rows += b.length;
        expect(rows).toBe(200);
        // Progress is counted against the parts read (one sheet of six, the strings, the workbook), so it ends at
        // the file's end rather than a sixth of the way.
        expect(read).toBeGreaterThan(statSync(file).size * 0.9);
        expect(read).toBeLessThanOrEqual(statSync(file).size);
      }
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', onStray);
    }
    expect(stray).toEqual([]);
  });

  it('keeps every Chinese character of a large streamed sheet, with and without shared strings', async () => {
    for (const useSharedStrings of [false, true]) {
      const file = path.join(dir, `big-${useSharedStrings}.xlsx`);
      const wb = new (excelJs().stream.xlsx.WorkbookWriter)({ filename: file, useSharedStrings });
      const ws = wb.addWorksheet('台账');
      ws.addRow(['姓名', '现住址', '状态']).commit();
      // Enough rows that the zip entry arrives in many chunks, each boundary somewhere in the text.
      for (let i = 0; i < 30_000; i++) ws.addRow([`王秀英${i}`, `东关村${i % 97}组${i}号`, i % 2 ? '外出' : '在家']).commit();
      await ws.commit();
      await wb.commit();
      const { rows } = await readAll(file);
      expect(rows).toHaveLength(30_000);
      const broken = rows.filter((r) => JSON.stringify(r.cells).includes('\ufffd'));
      expect(broken, `shared strings: ${useSharedStrings}`).toEqual([]);
      expect(rows[29_999].cells).toEqual(['王秀英29999', '东关村26组29999号', '外出']);
    }
  });

  it('decodes GBK across chunk boundaries and finds the header row below a title', async () => {
    const lines = ['某村居民台账', '姓名,现住址'];
    for (let i = 0; i < 50_000; i++) lines.push(`李桂兰${i},蒋店村${i}号`);
    const file = path.join(dir, 'gbk.csv');
    writeFileSync(file, iconv.encode(lines.join('\r\n'), 'gbk'));
    const { info, rows } = await readAll(file);
    expect(info).toMatchObject({ format: 'csv', encoding: 'gbk', headerRow: 2, headers: ['姓名', '现住址'] });
    expect(rows).toHaveLength(50_000);
    expect(rows.filter((r) => JSON.stringify(r.cells).includes('\ufffd'))).toEqual([]);
    expect(rows[49_999]).toEqual({ row: 50_002, cells: ['李桂兰49999', '蒋店村49999号'] });
  });

  it("numbers a csv's rows by the line csv-parse counts, also after fields that hold line breaks", async () => {
    // The reader takes each record's line from the parser's running count instead of its per-record copy of it
    // (csv-records.ts, NumberedCsvParser; a file with quotes is read by it). Should csv-parse ever push records later than it counts them, the two
    // numberings differ here.
    const text = '姓名,现住址\r\n张三,"东关村\r\n3号"\r\n\r\n李四,西街\r\n王五,"南\n街"\r\n赵六,北街\r\n';
    const file = path.join(dir, 'line-breaks.csv');
    writeFileSync(file, text);
    const { rows } = await readAll(file);
    const counted: Array<{ row: number; cells: unknown[] }> = [];
    for await (const r of Readable.from([text]).pipe(parseCsv({ info: true, skip_empty_lines: true, relax_quotes: true })))
      counted.push({ row: r.info.lines, cells: r.record });
    expect(rows).toEqual(counted.slice(1));
    expect(rows.map((r) => r.cells[0])).toEqual(['张三', '李四', '王五', '赵六']);
    expect(rows.at(-1)!.row).toBeGreaterThan(rows.at(-2)!.row);
  });

  it('says what is wrong with a file it cannot read', async () => {
    const cases: Array<[string, Buffer | string, string]> = [
      ['empty.csv', '', 'empty'],
      ['zip.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 1)]), 'broken'],
      ['binary.csv', Buffer.from([1, 2, 0, 4, 5]), 'not_spreadsheet'],
    ];
    for (const [name, data, problem] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, data);
      await expect(inspect(file), name).rejects.toSatisfy((e: unknown) => e instanceof SheetError && e.problem === problem);
    }
  });
});
