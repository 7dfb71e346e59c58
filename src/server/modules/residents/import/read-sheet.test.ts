import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../../../platform/exceljs';
import { SheetError, inspect, readBatches } from './read-sheet';

const dir = mkdtempSync(path.join(tmpdir(), 'wangge-read-sheet-'));

async function readAll(file: string) {
  const info = await inspect(file);
  const rows: Array<{ row: number; cells: unknown[] }> = [];
  for await (const b of readBatches(info)) rows.push(...b);
  return { info, rows };
}

describe('reading sheets', () => {
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
