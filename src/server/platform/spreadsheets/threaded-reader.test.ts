import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxBuffer } from '../../testing/sheets';
import { readWithHeader } from './header-scan';
import { idleSheetWorkers, inspect, readBatches, readyASheetWorker, warmSheetWorkers } from './threaded-reader';

/**
 * The reader's pool of worker threads. A worker that died while idle (a finished job's stream failing late) used to
 * be handed the next job, and that job's valid workbook came back as broken (seen once in CI: a staff list refused).
 */
let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wangge-reader-'));
  file = path.join(dir, 'staff.xlsx');
  await writeFile(
    file,
    await xlsxBuffer({
      员工: [
        ['姓名', '身份证号'],
        ['张三', '110105194912310021'],
        ['李四', '110105194912310048'],
      ],
    }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const read = () =>
  readWithHeader(file, {
    columnOf: (h) => (h === '姓名' ? 'name' : h === '身份证号' ? 'id' : null),
    required: ['name', 'id'],
    maxRows: 10,
    tooMany: () => new Error('too many'),
  });

describe('spreadsheet reader workers', () => {
  it('reads a workbook whole when every idle worker has died behind the pool’s back', async () => {
    expect((await read())?.rows).toHaveLength(2);
    for (let round = 0; round < 3; round++) {
      const idle = idleSheetWorkers();
      expect(idle.length).toBeGreaterThan(0);
      // Ended now; the pool hears of it only after the next job has been handed out.
      for (const w of idle) void w.terminate();
      const info = await inspect(file);
      expect(info.headers).toEqual(['姓名', '身份证号']);
      for (const w of idleSheetWorkers()) void w.terminate();
      const rows = [];
      for await (const batch of readBatches(info)) rows.push(...batch);
      expect(rows.map((r) => r.cells[0])).toEqual(['张三', '李四']);
    }
  }, 60_000);

  it('has a worker ready for an upload that is arriving, and the file is read by it', async () => {
    for (const w of idleSheetWorkers()) await w.terminate();
    await new Promise((r) => setTimeout(r, 50));
    expect(idleSheetWorkers()).toHaveLength(0);
    readyASheetWorker();
    const ready = idleSheetWorkers();
    expect(ready).toHaveLength(1);
    // One is enough: a second upload while it waits starts no other.
    readyASheetWorker();
    expect(idleSheetWorkers()).toHaveLength(1);
    expect((await inspect(file)).headers).toEqual(['姓名', '身份证号']);
    expect(idleSheetWorkers()).toHaveLength(1);
    expect(idleSheetWorkers()[0]).toBe(ready[0]);
  }, 60_000);

  it('starts the workers the server keeps warm, never more than the pool keeps, and reads with one of them', async () => {
    for (const w of idleSheetWorkers()) await w.terminate();
    await new Promise((r) => setTimeout(r, 50));
    expect(idleSheetWorkers()).toHaveLength(0);
    warmSheetWorkers(0);
    expect(idleSheetWorkers()).toHaveLength(0);
    warmSheetWorkers(1);
    expect(idleSheetWorkers()).toHaveLength(1);
    // Asked again (or for more than the pool keeps): topped up to the pool's two, no further.
    warmSheetWorkers(5);
    const warm = idleSheetWorkers();
    expect(warm).toHaveLength(2);
    expect((await inspect(file)).headers).toEqual(['姓名', '身份证号']);
    expect(idleSheetWorkers()).toHaveLength(2);
    expect(new Set(idleSheetWorkers())).toEqual(new Set(warm));
  }, 60_000);
});
