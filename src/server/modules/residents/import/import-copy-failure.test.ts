import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app';
import { testConfig } from '../../../config';
import type { Db } from '../../../db/engine';
import { pinyinKeys } from '../../../platform/pinyin';
import { type Agent, freshDb, login, makeUser } from '../../../testing/harness';
import { multipartBody, settleImport } from '../../../testing/sheets';
import * as areas from '../../areas/repo';

/**
 * The COPY that carries an import's new records to PostgreSQL fails part-way through a batch (the stream cut
 * off, as a lost socket or a reader failing mid-file would): nothing of that batch is half-written — an
 * all-or-nothing commit leaves no record, no household and no stay — the job says it failed, and committing
 * again imports every row exactly once. A valid-rows commit keeps the batches before the failure, and the
 * retry finds them rather than writing them twice. PGlite writes new records without COPY (new-rows.ts).
 */
const ROWS = 10_000;
let db: Db;
let app: FastifyInstance;
let admin: Agent;
let areaId: number;
/** Which COPY (counted from 1) is cut off after a few hundred lines; 0 = none. */
let failCopy = 0;
let copies = 0;

async function* cutOff(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let n = 0;
  for await (const line of lines) {
    if (++n > 3) throw new Error('connection lost mid-COPY');
    yield line;
  }
}

beforeAll(async () => {
  db = await freshDb();
  const root = await db.tx((tx) => {
    const py = pinyinKeys('测试县');
    return areas.insertRootUnscoped(tx, { name: '测试县', kind: 'county', divisionCode: null, pinyin: py.full, pinyinInitials: py.initials });
  });
  areaId = root.id;
  // The app's transactions hand out a COPY that can be cut off on demand.
  const faulty: Db = {
    ...db,
    tx: (fn) =>
      db.tx((tx) =>
        fn({
          ...tx,
          copyFrom: (table, columns, lines) => tx.copyFrom(table, columns, ++copies === failCopy ? cutOff(lines) : lines),
        }),
      ),
  };
  app = await buildApp({ config: testConfig({ IMPORT_MAX_MB: 5 }), db: faulty });
  await app.ready();
  await makeUser(db, 'copy_admin', ['admin'], root);
  admin = await login(app, 'copy_admin');
});
afterAll(async () => {
  await app?.close();
  if (db?.schema) await db.exec(`DROP SCHEMA ${db.schema} CASCADE; DROP SCHEMA IF EXISTS ${db.schema}_jobs CASCADE`);
  await db?.close();
});

async function validated(prefix: string) {
  const lines = Array.from({ length: ROWS }, (_, i) => `${prefix}${i},${prefix}小区${i % 400}号`);
  const body = multipartBody('名单.csv', Buffer.from(`姓名,现住址\n${lines.join('\n')}\n`));
  const up = await admin.request({ method: 'POST', url: `/api/residents/imports?areaId=${areaId}`, payload: body.payload, headers: body.headers });
  expect(up.statusCode, up.body).toBe(201);
  const { id, suggestedMapping } = up.json();
  expect((await admin.post(`/api/residents/imports/${id}/validate`, { mapping: suggestedMapping })).statusCode).toBe(200);
  expect((await settleImport(admin, id)).status).toBe('validated');
  return id as number;
}

async function commit(id: number, mode: 'all-or-nothing' | 'valid-only') {
  const res = await admin.post(`/api/residents/imports/${id}/commit`, { mode });
  expect(res.statusCode, res.body).toBe(200);
  return settleImport(admin, id);
}

async function held(prefix: string) {
  const [r] = await db.query<{ n: number; names: number }>('SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM residents WHERE name LIKE $1', [
    `${prefix}%`,
  ]);
  const [h] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM households WHERE address LIKE $1', [`${prefix}%`]);
  const [s] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM resident_stays s JOIN residents r ON r.id = s.resident_id WHERE r.name LIKE $1', [
    `${prefix}%`,
  ]);
  return { residents: r.n, names: r.names, households: h.n, stays: s.n };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('an import whose COPY fails mid-stream', () => {
  it('all-or-nothing: writes nothing, says it failed, and the retry imports every row once', async () => {
    const id = await validated('甲');
    copies = 0;
    failCopy = 2;
    const failed = await commit(id, 'all-or-nothing');
    expect(failed).toMatchObject({ status: 'failed', failure: 'internal', counts: { created: 0 } });
    expect(await held('甲')).toEqual({ residents: 0, names: 0, households: 0, stays: 0 });

    failCopy = 0;
    const done = await commit(id, 'all-or-nothing');
    expect(done).toMatchObject({ status: 'done', counts: { created: ROWS, errors: 0 }, progress: { rows: ROWS, percent: 100 } });
    expect(await held('甲')).toEqual({ residents: ROWS, names: ROWS, households: 400, stays: ROWS });
  });

  it('valid rows: keeps the batches before the failure, and the retry neither loses nor doubles a row', async () => {
    const id = await validated('乙');
    copies = 0;
    failCopy = 2;
    const failed = await commit(id, 'valid-only');
    expect(failed.status).toBe('failed');
    const kept = await held('乙');
    // The first batch committed whole; nothing of the second.
    expect(kept.residents).toBeGreaterThan(0);
    expect(kept.residents).toBeLessThan(ROWS);
    expect(kept.stays).toBe(kept.residents);
    expect(failed.counts.created).toBe(kept.residents);

    failCopy = 0;
    const done = await commit(id, 'valid-only');
    expect(done.status).toBe('done');
    expect(done.counts.created + done.counts.unchanged).toBe(ROWS);
    expect(await held('乙')).toEqual({ residents: ROWS, names: ROWS, households: 400, stays: ROWS });
  });
});
