import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { type Config, testConfig } from '../config';
import { type Db, openDb } from '../db/engine';
import { listMigrations, migrate } from '../db/migrate';
import { hashPassword, setHashCostForTests } from '../platform/passwords';
import { pinyinKeys } from '../platform/pinyin';
import * as areas from '../modules/areas/repo';
import { areasChanged } from '../modules/areas/tree';
import * as users from '../modules/users/repo';
import type { AreaKind } from '../../domain/areas/kinds';

/**
 * Test tier helpers: each test file gets its own fresh, migrated database — in-memory PGlite, or a new
 * schema on TEST_DATABASE_URL — and an app built on it, driven through `app.inject`.
 */
export const TEST_PASSWORD = 'Test-Passw0rd!';

// Every sign-in verifies a hash: at OWASP's cost (128 MiB, ~0.3 s each) the walks would take hours on a shared
// machine. Tests hash at scrypt's old default; passwords.test.ts checks the production cost itself.
setHashCostForTests({ N: 2 ** 14, r: 8, p: 1 });

/** A database migrated only up to `version` (excluded), for a test of that migration on the data before it. */
export async function dbBeforeMigration(version: number): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  const db = url ? await openDb({ databaseUrl: url, schema: `t_${randomBytes(6).toString('hex')}`, poolSize: 2 }) : await openDb({});
  await migrate(db, { below: version });
  return db;
}

/** Closes a test database; on PostgreSQL its schema (and the job queue's) is dropped first. */
export async function dropDb(db: Db) {
  if (db.engine === 'postgres') {
    const [{ s }] = await db.query<{ s: string }>('SELECT current_schema() AS s');
    if (s.startsWith('t_')) await db.exec(`DROP SCHEMA ${s} CASCADE; DROP SCHEMA IF EXISTS ${s}_jobs CASCADE`);
  }
  await db.close();
}

export async function freshDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  const db = url
    ? await openDb({ databaseUrl: url, schema: `t_${randomBytes(6).toString('hex')}`, poolSize: 4 })
    : await openDb({ fromArchive: await migratedTemplate() });
  // On the template a no-op that still checks every migration's checksum against the files.
  await migrate(db);
  return db;
}

/**
 * A fresh PGlite costs its own initdb and then every migration: on a busy 2-core machine half a minute or more,
 * paid by each test file and each app a test builds, and the cause of hooks and tests running out of time in CI.
 * The migrated database is archived once (in the system's temporary folder, named by the migrations' and
 * PGlite's versions, so a changed migration makes a new one) and each test database starts from that archive.
 * It holds no data but the migrations' own. Written under a temporary name and renamed: two test processes
 * making it at once each write a whole file.
 */
let template: Promise<Blob> | undefined;
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const key = createHash('sha256')
      .update(
        listMigrations()
          .map((m) => `${m.version}:${m.checksum}`)
          .join(','),
      )
      .update(await pgliteVersion())
      .digest('hex')
      .slice(0, 16);
    const file = path.join(tmpdir(), `wangge-test-db-${key}.tar`);
    const kept = await readFile(file).catch(() => null);
    if (kept) return new Blob([kept]);
    const db = await openDb({});
    try {
      await migrate(db);
      const archive = await db.archive!();
      const part = `${file}.${process.pid}.part`;
      await writeFile(part, Buffer.from(await archive.arrayBuffer()));
      await rename(part, file);
      return archive;
    } finally {
      await db.close();
    }
  })();
  return template;
}

async function pgliteVersion(): Promise<string> {
  const pkg = new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  return readFile(pkg, 'utf8').then(
    (text) => String(JSON.parse(text).version),
    () => 'unknown',
  );
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  root: areas.AreaRow;
  close(): Promise<void>;
}

/** `now`: a clock for sessions and the sign-in throttle, to move forward instead of waiting. */
export async function testApp(overrides: Partial<Config> = {}, opts: { now?: () => number } = {}): Promise<TestApp> {
  const db = await freshDb();
  const app = await buildApp({ config: testConfig(overrides), db, now: opts.now });
  await app.ready();
  const root = await db.tx((tx) => {
    const py = pinyinKeys('测试县');
    return areas.insertRootUnscoped(tx, { name: '测试县', kind: 'county', divisionCode: null, pinyin: py.full, pinyinInitials: py.initials });
  });
  return {
    app,
    db,
    root,
    async close() {
      await app.close();
      await dropDb(db);
    },
  };
}

const hashCache = new Map<string, Promise<string>>();

export async function makeArea(db: Db, parent: areas.AreaRow, name: string, kind: AreaKind, divisionCode: string | null = null) {
  const py = pinyinKeys(name);
  const [row] = await db.tx((tx) => areas.insertMany(tx, [{ parent, name, kind, divisionCode, pinyin: py.full, pinyinInitials: py.initials }]));
  areasChanged(db);
  return row;
}

export async function makeUser(db: Db, username: string, roles: string[], area: areas.AreaRow, password = TEST_PASSWORD) {
  // Hashing is deliberately slow; tests reuse one hash per password.
  if (!hashCache.has(password)) hashCache.set(password, hashPassword(password));
  const passwordHash = await hashCache.get(password)!;
  return db.tx((tx) =>
    users.insert(tx, { username, displayName: `${username} 显示名`, phone: '13800138000', passwordHash, roles, areaId: area.id, areaPath: area.path }),
  );
}

/** A signed-in client: keeps the session cookie and sends the CSRF header on writes. */
export interface Agent {
  userId: number;
  csrfToken: string;
  cookie: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('wg_session='))!;
  const cookie = setCookie.split(';')[0];
  const request = (opts: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...opts, headers: { cookie, 'x-csrf-token': body.csrfToken, ...(opts.headers ?? {}) } });
  return {
    userId: body.user.id,
    csrfToken: body.csrfToken,
    cookie,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as any }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as any }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as any }),
  };
}

/** The partitions (their names, without the schema) holding the rows of a month-split table that match `where`. */
export async function partitionsOf(db: Db, table: string, where: string, params: unknown[]): Promise<string[]> {
  const rows = await db.query<{ p: string }>(`SELECT DISTINCT tableoid::regclass::text AS p FROM ${table} WHERE ${where}`, params);
  return rows.map((r) => r.p.replace(/^.*\./, '')).sort();
}
