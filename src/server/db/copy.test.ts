import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../testing/harness';
import { copyLine } from './copy-text';
import type { Db } from './engine';

/**
 * Bulk loading through COPY (the resident import's path on PostgreSQL; PGlite's COPY from a blob): values that
 * could break a line arrive intact, and a load cut off part-way — by its source or by the server — leaves
 * nothing behind, inside a transaction or not, and the connection it used serves the next statement.
 */
let db: Db;
beforeAll(async () => {
  db = await freshDb();
  await db.exec('CREATE TABLE copy_probe (n int NOT NULL, t text, d date)');
});
afterAll(async () => {
  await db.exec(db.schema ? `DROP SCHEMA ${db.schema} CASCADE; DROP SCHEMA IF EXISTS ${db.schema}_jobs CASCADE` : 'DROP TABLE copy_probe');
  await db.close();
});

const COLUMNS = ['n', 't', 'd'] as const;

async function* linesThenFail(good: number): AsyncGenerator<string> {
  for (let i = 0; i < good; i++) yield copyLine([i, `行${i}`, '2024-01-02']);
  throw new Error('the sheet reader failed');
}

async function count() {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_probe');
  return n;
}

describe('COPY into a table', () => {
  it('loads tabs, line breaks, backslashes, nulls and Chinese text unchanged', async () => {
    const texts = ['王\t秀英', '第一行\n第二行', 'C:\\路径\\文件', '回车\r', '\\N', null, ''];
    const n = await db.copyFrom(
      'copy_probe',
      COLUMNS,
      texts.map((t, i) => copyLine([i, t, i % 2 ? null : '2024-02-29'])),
    );
    expect(n).toBe(texts.length);
    const rows = await db.query<{ n: number; t: string | null; d: string | null }>(`SELECT n, t, to_char(d, 'YYYY-MM-DD') AS d FROM copy_probe ORDER BY n`);
    expect(rows.map((r) => r.t)).toEqual(texts);
    expect(rows[0].d).toBe('2024-02-29');
    expect(rows[1].d).toBeNull();
    await db.exec('DELETE FROM copy_probe');
  });

  it('a source failing part-way inside a transaction rolls it all back, and the database carries on', async () => {
    await expect(
      db.tx(async (tx) => {
        await tx.query('INSERT INTO copy_probe (n) VALUES (-1)');
        await tx.copyFrom('copy_probe', COLUMNS, linesThenFail(5000));
      }),
    ).rejects.toThrow('the sheet reader failed');
    expect(await count()).toBe(0);
    // Every pooled connection still answers (the one cut off mid-COPY was closed rather than handed out again).
    await Promise.all(Array.from({ length: 8 }, () => db.tx((tx) => tx.query('SELECT 1'))));
    await db.tx((tx) => tx.copyFrom('copy_probe', COLUMNS, [copyLine([1, 'again', null])]));
    expect(await count()).toBe(1);
    await db.exec('DELETE FROM copy_probe');
  });

  it('a line the server refuses part-way loads none of the lines before it', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => copyLine([i, 'ok', null]));
    lines.push(copyLine(['not a number', 'bad', null]), copyLine([3001, 'after', null]));
    await expect(db.copyFrom('copy_probe', COLUMNS, lines)).rejects.toThrow();
    expect(await count()).toBe(0);
  });

  it('a source failing outside a transaction loads nothing, and the next load works', async () => {
    await expect(db.copyFrom('copy_probe', COLUMNS, linesThenFail(3000))).rejects.toThrow('the sheet reader failed');
    expect(await count()).toBe(0);
    expect(await db.copyFrom('copy_probe', COLUMNS, [copyLine([7, 'x', null])])).toBe(1);
    expect(await count()).toBe(1);
  });
});
