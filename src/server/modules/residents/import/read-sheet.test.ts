import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../../../platform/exceljs';
import { headerScore } from './fields';
import { SheetError, discardSheet, inspect, inspectSheet, readBatches } from '../../../platform/spreadsheets/read-sheet';

const dir = mkdtempSync(path.join(tmpdir(), 'wangge-read-sheet-'));

async function readAll(file: string) {
  const info = await inspect(file, headerScore);
  const rows: Array<{ row: number; cells: unknown[] }> = [];
  for await (const b of readBatches(info)) rows.push(...b);
  return { info, rows };
}

describe('reading sheets', () => {
  it('a skipped sheet whose temporary file is already deleted is closed without an error', async () => {
    // What ExcelJS hands over for a parked sheet: a file reader not yet open, whose file it deletes as we move on.
    const file = path.join(dir, 'parked-sheet.xml');
    writeFileSync(file, '<worksheet/>');
    const reader = createReadStream(file);
    rmSync(file);
    const errors: unknown[] = [];
    discardSheet({ iterator: reader });
    reader.on('error', (e) => errors.push(e));
    await new Promise<void>((r) => reader.on('close', () => r()));
    expect(reader.destroyed).toBe(true);
    // The open failed (ENOENT) or never happened; either way it reached only listeners, never the process.
    expect(reader.listenerCount('error')).toBe(2);
    expect(errors.every((e) => (e as NodeJS.ErrnoException).code === 'ENOENT')).toBe(true);
  });

  it('reads the chosen one of many sheets, skipping the others, again and again', async () => {
    // ExcelJS parks sheets that precede the shared strings in temporary files and deletes each as the reader
    // moves on; a skipped sheet's file reader used to open after the delete: an uncaught ENOENT.
    const file = path.join(dir, 'many-sheets.xlsx');
    const wb = new ExcelJS.Workbook();
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
        for await (const b of readBatches({ path: file, format: 'xlsx', sheet: '第6页', headerRow: 1, encoding: null })) rows += b.length;
        expect(rows).toBe(200);
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
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
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
