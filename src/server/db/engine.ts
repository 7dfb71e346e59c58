import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { makePrivate, privateFileMask } from './private-folder';

/**
 * One small adapter over the two engines. Repositories only see `Queryable`: plain parameterised
 * SQL that runs unchanged on embedded PGlite and on PostgreSQL.
 */
export type Row = Record<string, any>;

export interface Queryable {
  /**
   * Runs one statement and returns its rows. `name`: a statement run at the peak, prepared once per connection
   * under this name on PostgreSQL (its plan kept; planning a large statement can cost more than running it);
   * PGlite plans each time.
   */
  query<T = Row>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Runs one statement and returns how many rows it touched. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads `table`'s `columns` from lines in COPY's text format (tab-separated, `\N` for null, escaped with
   * copyText) and returns the rows loaded. PostgreSQL streams them (`COPY … FROM STDIN`, paced by the socket);
   * PGlite, whose COPY reads a blob, gathers them first, so callers give it a batch rather than a file.
   * A failure part-way (the source throws, the server refuses a line) loads nothing.
   */
  copyFrom(table: string, columns: readonly string[], lines: AsyncIterable<string> | Iterable<string>): Promise<number>;
}

export type Engine = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly engine: Engine;
  /** The PostgreSQL schema the app's tables live in when one was given (each test file has its own), else null. */
  readonly schema: string | null;
  /**
   * Runs a script of several statements without parameters and returns the rows of the last one: for a
   * library that sends its own scripts (the job queue's BEGIN; lock; …; COMMIT). Outside any transaction.
   */
  script(sql: string): Promise<Row[]>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (from this or any other connection, on PostgreSQL from any
   * server process), with the notification's payload, until closed.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  /** An in-memory PGlite's whole data folder as one archive, to start another from (`DbOptions.fromArchive`). */
  archive?(): Promise<Blob>;
  close(): Promise<void>;
}

/**
 * Marks code running inside `tx(fn)`. Using the database handle instead of the transaction handle there
 * is a bug on both engines — on PGlite it waits forever for the transaction's own lock, on PostgreSQL it
 * runs outside the transaction — so it throws at once instead. The guard rides on AsyncLocalStorage,
 * whose promise hooks cost every request a little on Node 20, so it is on in development and tests
 * (where such bugs are found) and off in production.
 */
const inTransaction = new AsyncLocalStorage<boolean>();

function runGuarded<T>(on: boolean, fn: () => Promise<T>): Promise<T> {
  return on ? inTransaction.run(true, fn) : fn();
}

function guard(on: boolean, q: Queryable): Queryable {
  if (!on) return q;
  const check = () => {
    if (inTransaction.getStore()) throw new Error('Database handle used inside a transaction: use the transaction handle (tx) instead');
  };
  return {
    query: (sql, params, name) => (check(), q.query(sql, params, name)),
    execute: (sql, params) => (check(), q.execute(sql, params)),
    exec: (sql) => (check(), q.exec(sql)),
    copyFrom: (table, columns, lines) => (check(), q.copyFrom(table, columns, lines)),
  };
}

// int8 (counts, bigserial ids) as JS numbers on both engines, as PGlite already does.
pg.types.setTypeParser(20, (v) => Number(v));

export interface DbOptions {
  /** PGlite data folder; undefined = in memory (tests). */
  dataDir?: string;
  /** When set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  poolSize?: number;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  schema?: string;
  /** Refuse use of the database handle inside a transaction (default on; the server turns it off in production). */
  guardTransactions?: boolean;
  /**
   * Every connection read-only (`default_transaction_read_only`): the replica's pool, so a write sent to it by
   * mistake fails at once instead of succeeding on a server that will later be overwritten (PostgreSQL only).
   */
  readOnly?: boolean;
  /** Give up connecting after this long (PostgreSQL only; default: wait as long as the network does). */
  connectTimeoutMs?: number;
  /**
   * An in-memory PGlite started from this archive (`Db.archive()` of another) instead of an empty folder: the
   * tests' migrated template, which skips PGlite's own initdb and every migration.
   */
  fromArchive?: Blob;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  const guarded = opts.guardTransactions ?? true;
  return opts.databaseUrl ? openPostgres(opts, guarded) : openPglite(opts.dataDir, guarded, opts.fromArchive);
}

async function openPglite(dataDir: string | undefined, guarded: boolean, fromArchive?: Blob): Promise<Db> {
  let releaseLock = () => {};
  let dir: string | undefined;
  if (dataDir) {
    dir = path.resolve(dataDir, 'pglite');
    // The folder holds personal data in clear: private before the database writes a byte (private-folder.ts).
    privateFileMask();
    makePrivate(path.resolve(dataDir));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    releaseLock = takeFolderLock(path.resolve(dataDir));
  }
  let pglite: PGlite;
  try {
    // Loaded only when the embedded engine is used: a server on PostgreSQL (each of several processes) does not
    // carry its 40 MB.
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = dir || !fromArchive ? await PGlite.create(dir) : await PGlite.create({ loadDataDir: fromArchive });
  } catch (e) {
    releaseLock();
    throw e;
  }
  await pglite.exec(`SET plan_cache_mode = ${PLAN_CACHE_MODE}`);
  // PGlite sets its files' modes itself (0666, past the process mask): they are made private again now and at
  // close. In between the 0700 folder keeps other accounts out of whatever it adds (WAL segments, new tables).
  if (dataDir) makePrivate(path.resolve(dataDir));
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query(sql, params) {
      return (await q.query(sql, params as any[])).rows as any[];
    },
    async execute(sql, params) {
      return (await q.query(sql, params as any[])).affectedRows ?? 0;
    },
    async exec(sql) {
      await q.exec(sql);
    },
    async copyFrom(table, columns, lines) {
      const chunks: string[] = [];
      for await (const line of lines) chunks.push(line);
      if (!chunks.length) return 0;
      const res = await q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob(chunks) });
      return res.affectedRows ?? 0;
    },
  });
  return {
    engine: 'pglite',
    schema: null,
    ...guard(guarded, wrap(pglite)),
    async script(sql) {
      const results = await pglite.exec(sql);
      return (results.at(-1)?.rows ?? []) as Row[];
    },
    tx: (fn) => pglite.transaction((t) => runGuarded(guarded, () => fn(wrap(t)))),
    async listen(channel, onNotify) {
      await pglite.listen(channel, (payload) => onNotify(payload ?? ''));
    },
    ...(dir ? {} : { archive: () => pglite.dumpDataDir('none') as Promise<Blob> }),
    async close() {
      if (!pglite.closed) await pglite.close();
      if (dataDir) makePrivate(path.resolve(dataDir));
      releaseLock();
    },
  };
}

/**
 * Two processes writing one PGlite folder would corrupt it, so the folder carries a lock file with
 * the owner's pid. A stale lock (its process is gone, e.g. after a power cut) is taken over.
 */
function takeFolderLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'wangge.lock');
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The data folder ${dataDir} is in use by another wangge process (pid ${pid}). Stop it first, or set DATA_DIR to another folder.`);
    }
  } catch (e: any) {
    if (e?.code !== 'ENOENT') throw e;
  }
  writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e?.code === 'EPERM';
  }
}

/**
 * Every statement is planned for the table sizes of the moment it runs. PostgreSQL otherwise keeps, per
 * connection, a generic plan of a statement run often — also of the foreign-key checks it runs itself and of the
 * statements inside triggers — made from the sizes the tables had then. A table that was nearly empty when its
 * first rows came in (a new deployment's crossings, the first round's bindings) is then checked by reading it whole
 * for every row referencing it, for as long as the connection lives: at a roadside rush, each crossing's people
 * were checked against all the crossings so far, and the cost of a crossing grew with the table (150 million rows
 * read in 10 s). Planning each time costs a few microseconds a statement (the audit chain's bulk insert: about 10 %).
 */
const PLAN_CACHE_MODE = 'force_custom_plan';

/**
 * For one batch of a bulk write (thousands of rows in a few set-based statements): the plans of this moment, kept
 * for the rest of the transaction. Under PLAN_CACHE_MODE every foreign-key check and trigger statement is planned
 * again for each row it checks — for an import's 4,000 stays, 153 ms of key checks where the same checks with a
 * kept plan took 53 ms (EXPLAIN ANALYZE), and half of an import's database CPU in all.
 *
 * The trap PLAN_CACHE_MODE avoids is a plan kept from a moment a table was nearly empty. So every plan the connection
 * kept is dropped first (`DISCARD PLANS`, which also drops those of the key checks and triggers), and the mode
 * is the default only until the transaction ends: the plans kept are made from the sizes of this batch, after the
 * batch's own parents are written (a key is checked when its statement ends), and a later batch discards them
 * again. A batch's own statements run once each, and statements run fewer than five times are always planned
 * for their values — so only the checks run per row keep a plan. Call it at the start of each batch, or let
 * BulkPlans (bulk-plans.ts) call it when a long write's tables have grown enough to need new plans.
 */
export async function planForBulkWrite(tx: Queryable, opts: { keepPlans?: boolean } = {}): Promise<void> {
  // keepPlans: the mode alone, in a later transaction of a write that made its plans already (bulk-plans.ts).
  await tx.exec(opts.keepPlans ? 'SET LOCAL plan_cache_mode = auto' : 'DISCARD PLANS; SET LOCAL plan_cache_mode = auto');
}

/**
 * No just-in-time compilation of statements (PostgreSQL from Debian has it on). It is chosen by the planner's cost
 * estimate, which set-returning functions inflate (`generate_series` counts as 1,000 rows): each batch of the sweep's
 * 5,000 measures' follow-ups spent 125 ms compiling a plan that then ran in 360 ms, and the sweep took 9.6 s where
 * one statement took 5.4. This workload's statements are short; none was found to run faster compiled.
 * (PGlite has no JIT.)
 */
const JIT = 'off';

async function openPostgres(opts: DbOptions, guarded: boolean): Promise<Db> {
  const settings = [
    opts.schema ? `-c search_path=${opts.schema}` : '',
    opts.readOnly ? '-c default_transaction_read_only=on' : '',
    `-c plan_cache_mode=${PLAN_CACHE_MODE}`,
    `-c jit=${JIT}`,
  ];
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs,
    options: settings.filter(Boolean).join(' ') || undefined,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // A read-only pool reads a schema made through the primary; it cannot create one.
  if (opts.schema && !opts.readOnly) {
    const c = await pool.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } finally {
      c.release();
    }
  }
  const wrap = (q: pg.Pool | pg.PoolClient, own: pg.PoolClient | null): Queryable => ({
    async query(sql, params, name) {
      if (!name) return (await q.query(sql, params as any[])).rows;
      return (await q.query({ text: sql, values: params as any[], name: preparedName(name, sql) })).rows;
    },
    async execute(sql, params) {
      return (await q.query(sql, params as any[])).rowCount ?? 0;
    },
    async exec(sql) {
      await q.query(sql);
    },
    async copyFrom(table, columns, lines) {
      if (own) return copyIn(own, table, columns, lines);
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await copyIn(client, table, columns, lines);
      } catch (e) {
        // A connection whose COPY failed part-way is not trusted with the next request: it is closed, not pooled.
        broken = e as Error;
        throw e;
      } finally {
        client.release(broken);
      }
    },
  });
  // One dedicated connection receives notifications for every listener of this adapter.
  let listener: pg.Client | null = null;
  const listeners = new Map<string, Array<(payload: string) => void>>();
  return {
    engine: 'postgres',
    schema: opts.schema ?? null,
    ...guard(guarded, wrap(pool, null)),
    async script(sql) {
      // The simple query protocol runs every statement on one connection and answers one result per statement.
      const res = (await pool.query(sql)) as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(res) ? (res.at(-1)?.rows ?? []) : res.rows) as Row[];
    },
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await runGuarded(guarded, () => fn(wrap(client, client)));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (e) {
        // A connection that cannot even roll back (a COPY cut off mid-stream, a lost socket) is closed, not pooled.
        const stuck = await client.query('ROLLBACK').then(
          () => undefined,
          (err: Error) => err,
        );
        client.release(stuck);
        throw e;
      }
    },
    async listen(channel, onNotify) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      if (!listener) {
        listener = new pg.Client({ connectionString: opts.databaseUrl });
        listener.on('error', () => {}); // a lost listener only means caches expire by their own rules
        listener.on('notification', (m) =>
          listeners.get(m.channel)?.forEach((f) => {
            f(m.payload ?? '');
          }),
        );
        await listener.connect();
      }
      if (!listeners.has(channel)) {
        listeners.set(channel, []);
        await listener.query(`LISTEN ${channel}`);
      }
      listeners.get(channel)!.push(onNotify);
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

/**
 * COPY … FROM STDIN on `client`, fed by `lines` through a pipeline: the source is read only as fast as the socket
 * drains, and a source that throws (or a line the server refuses) ends the COPY with CopyFail, so the server
 * loads none of it. The pipeline settles only after the server's answer, so the connection is idle again — in
 * its transaction, or back in the pool — before anyone else can use it.
 */
async function copyIn(client: pg.PoolClient, table: string, columns: readonly string[], lines: AsyncIterable<string> | Iterable<string>) {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines), stream);
  return stream.rowCount;
}

/**
 * The name a statement is prepared under on PostgreSQL: the caller's name plus a short hash of its text. One
 * caller's statement can take several shapes (a filter present or not, a scope of one area or several), and
 * node-postgres refuses a name it has already prepared on that connection for another text — a 500 that came
 * only on the second shape through a warm connection. Names are remembered per text, so each is hashed once.
 */
const preparedNames = new Map<string, string>();
export function preparedName(name: string, sql: string): string {
  const key = `${name}\u0000${sql}`;
  let full = preparedNames.get(key);
  if (!full) {
    // Statement shapes are few; the bound only guards against a caller that builds unbounded texts.
    if (preparedNames.size > 2000) preparedNames.clear();
    full = `${name}:${createHash('sha1').update(sql).digest('base64url').slice(0, 12)}`;
    preparedNames.set(key, full);
  }
  return full;
}
