import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app';
import { testConfig } from '../../../config';
import type { Db } from '../../../db/engine';
import { pinyinKeys } from '../../../platform/pinyin';
import { freshDb, login, makeUser } from '../../../testing/harness';
import { multipartBody } from '../../../testing/sheets';
import * as areas from '../../areas/repo';

/**
 * An import accepted by one server run finishes in the next: validation and commit are jobs on the queue,
 * so a server stopped while one runs (here: mid-validation of a large file) leaves it to the queue, and the
 * next server on the same database takes it up and finishes it.
 */
const config = testConfig();
let db: Db;
let root: areas.AreaRow;

beforeAll(async () => {
  db = await freshDb();
  root = await db.tx((tx) => {
    const py = pinyinKeys('测试县');
    return areas.insertRootUnscoped(tx, { name: '测试县', kind: 'county', divisionCode: null, pinyin: py.full, pinyinInitials: py.initials });
  });
  await makeUser(db, 'restart_admin', ['admin'], root);
});
afterAll(async () => {
  if (db?.schema) await db.exec(`DROP SCHEMA ${db.schema} CASCADE; DROP SCHEMA IF EXISTS ${db.schema}_jobs CASCADE`);
  await db?.close();
});

async function server(): Promise<FastifyInstance> {
  const app = await buildApp({ config, db });
  await app.ready();
  return app;
}

const status = async (id: number) => (await db.query<{ status: string }>('SELECT status FROM resident_imports WHERE id = $1', [id]))[0].status;

describe('resident import across a restart', () => {
  it('a validation cut off by a stop is finished by the next server', async () => {
    // 30,000 rows: long enough that the stop lands while validation reads them.
    const rows = Array.from({ length: 30_000 }, (_, i) => `居民${i},13${String(800000000 + i).padStart(9, '0')},幸福小区${i % 500}号`);
    const csv = Buffer.from(`姓名,联系电话,现住址\n${rows.join('\n')}\n`);

    const first = await server();
    const admin = await login(first, 'restart_admin');
    const file = multipartBody('名单.csv', csv);
    const up = await admin.request({ method: 'POST', url: `/api/residents/imports?areaId=${root.id}`, payload: file.payload, headers: file.headers });
    expect(up.statusCode, up.body).toBe(201);
    const { id, suggestedMapping } = up.json();
    const v = await admin.post(`/api/residents/imports/${id}/validate`, { mapping: suggestedMapping });
    expect(v.statusCode, v.body).toBe(200);
    await first.close();
    expect(await status(id)).toBe('validating');

    const second = await server();
    try {
      for (let i = 0; i < 1200 && (await status(id)) === 'validating'; i++) await new Promise((r) => setTimeout(r, 100));
      const [job] = await db.query<{ status: string; total_rows: number; ok_rows: number }>(
        'SELECT status, total_rows, ok_rows FROM resident_imports WHERE id = $1',
        [id],
      );
      expect(job).toEqual({ status: 'validated', total_rows: 30_000, ok_rows: 30_000 });
    } finally {
      await second.close();
    }
  }, 240_000);
});
