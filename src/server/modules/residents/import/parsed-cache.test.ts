import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../../testing/harness';
import { multipartBody, residentIdFor, settleImport, xlsxBuffer } from '../../../testing/sheets';
import type { AreaRow } from '../../areas';
import { type ParsedBatch, readParsedCache, writeParsedCache } from './parsed-cache';
import type { ParsedRow } from './row-rules';

/**
 * Validation keeps the rows it parsed so the commit need not read the sheet again (parsed-cache.ts): kept whole
 * or not at all, used only under what it was parsed under, re-cut to the commit's batches, gone when the commit ends.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'wangge-parsed-cache-'));
let t: TestApp;
let admin: Agent;
let village: AreaRow;

beforeAll(async () => {
  t = await testApp({ DATA_DIR: dir });
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town', '411627100000');
  village = await makeArea(t.db, town, '王隆集村', 'village', '411627100201');
  await makeUser(t.db, 'cache_admin', ['admin'], t.root);
  admin = await login(t.app, 'cache_admin');
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (n: number) => ({ row: n, supplied: new Set(['name']), name: `人${n}` }) as unknown as ParsedRow;
/** Rows `from`..`to`; every seventh has a problem instead of a parse. */
function batch(from: number, to: number): ParsedBatch {
  const rowNos = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return {
    rows: rowNos.length,
    rowNos,
    lastRow: to,
    parsed: rowNos.filter((n) => n % 7).map(row),
    errors: rowNos.filter((n) => !(n % 7)).map((n) => ({ row: n, column: '姓名', zh: '必填', en: 'required' })),
  };
}

async function collect(source: AsyncIterable<ParsedBatch>) {
  const out: ParsedBatch[] = [];
  for await (const b of source) out.push(b);
  return out;
}

describe('the rows validation keeps for the commit', () => {
  it('are read back under the same key, re-cut to the commit batch, each row with its parse or its problems', async () => {
    const upload = path.join(dir, 'a.upload');
    const w = await writeParsedCache(upload, 'key-1');
    const first = batch(2, 251);
    await w.add(first);
    // Validation adds the registry's problems after adding the batch: they are not kept.
    first.errors.push({ row: 3, column: '身份证号', zh: '已登记', en: 'registered' });
    await w.add(batch(252, 301));
    expect(await readParsedCache(upload, 'key-1', 100)).toBeNull(); // not finished: not used
    await w.finish();
    expect((statSync(`${upload}.parsed`).mode & 0o777).toString(8)).toBe('600');

    expect(await readParsedCache(upload, 'key-2', 100)).toBeNull();
    writeFileSync(path.join(dir, 'junk.upload.parsed'), Buffer.from([0xff, 0xff, 0, 0, 1, 2]));
    expect(await readParsedCache(path.join(dir, 'junk.upload'), 'key-1', 100)).toBeNull();
    const cut = await collect((await readParsedCache(upload, 'key-1', 100))!);
    expect(cut.map((b) => [b.rows, b.rowNos[0], b.lastRow])).toEqual([
      [100, 2, 101],
      [100, 102, 201],
      [100, 202, 301],
    ]);
    for (const b of cut) {
      expect([...b.parsed.map((p) => p.row), ...b.errors.map((e) => e.row)].sort((x, y) => x - y)).toEqual(b.rowNos);
      expect(b.errors.every((e) => e.row % 7 === 0)).toBe(true);
      expect(b.parsed[0].supplied).toEqual(new Set(['name']));
    }
    const whole = await collect((await readParsedCache(upload, 'key-1', 10_000))!);
    expect(whole.map((b) => b.rows)).toEqual([300]);
  });

  it('are not kept when validation stops part way', async () => {
    const upload = path.join(dir, 'b.upload');
    const w = await writeParsedCache(upload, 'k');
    await w.add(batch(2, 10));
    await w.abandon();
    expect(readdirSync(dir).filter((f) => f.startsWith('b.upload'))).toEqual([]);
    expect(await readParsedCache(upload, 'k', 100)).toBeNull();
  });

  it('carry the commit without the sheet, and are deleted when it ends', async () => {
    const head = ['姓名', '身份证号', '现住址', '与户主关系'];
    const rows = Array.from({ length: 30 }, (_, i) => [`缓存${i}`, residentIdFor('411627', '19900110', String(100 + i)), `王隆集村${i}号`, '户主']);
    rows[5][1] = '123'; // a row the file alone refuses
    const body = multipartBody('c.xlsx', await xlsxBuffer({ 台账: [head, ...rows] }));
    const up = await admin.request({ method: 'POST', url: `/api/residents/imports?areaId=${village.id}`, payload: body.payload, headers: body.headers });
    expect(up.statusCode, up.body).toBe(201);
    const { id, suggestedMapping } = up.json();
    expect((await admin.post(`/api/residents/imports/${id}/validate`, { mapping: suggestedMapping })).statusCode).toBe(200);
    const validated = await settleImport(admin, id);
    expect(validated.status).toBe('validated');
    expect(validated.counts).toMatchObject({ ok: 29, errors: 1 });

    const [{ stored_name }] = await t.db.query<{ stored_name: string }>('SELECT stored_name FROM resident_imports WHERE id = $1', [id]);
    const stored = path.join(dir, 'uploads', stored_name);
    expect(existsSync(`${stored}.parsed`)).toBe(true);
    // With the sheet made unreadable, only the kept rows can carry the commit.
    writeFileSync(stored, Buffer.alloc(statSync(stored).size));
    const commit = await admin.post(`/api/residents/imports/${id}/commit`, { mode: 'valid-only' });
    expect(commit.statusCode, commit.body).toBe(200);
    const done = await settleImport(admin, id);
    expect(done.status).toBe('done');
    expect(done.counts).toMatchObject({ created: 29, errors: 1 });
    expect(done.errors.map((e: { row: number }) => e.row)).toEqual([7]);
    expect(existsSync(`${stored}.parsed`)).toBe(false);
  });
});
