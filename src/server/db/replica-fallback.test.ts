import { describe, expect, it } from 'vitest';
import type { Db } from './engine';
import { isConnectionFailure, withPrimaryFallback } from './replica-fallback';

/** A stand-in database: answers its name, or throws what `fail` says; counts its reads. */
function fakeDb(name: string) {
  const state = { reads: 0, fail: null as unknown };
  const run = async () => {
    state.reads++;
    if (state.fail) throw state.fail;
    return [{ from: name }];
  };
  const db = {
    engine: 'postgres',
    schema: null,
    query: run,
    execute: async () => (await run()).length,
    exec: async () => void (await run()),
    script: run,
    tx: async (fn: (q: unknown) => Promise<unknown>) => {
      await run();
      return fn(db);
    },
    listen: async () => {},
    close: async () => {},
  } as unknown as Db;
  return { db, state };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });

describe('the replica with the primary behind it', () => {
  it('an unreachable replica: the read is answered by the primary, the replica left alone for a while, then tried again', async () => {
    const replica = fakeDb('replica');
    const primary = fakeDb('primary');
    let clock = 1_000;
    const events: string[] = [];
    const db = withPrimaryFallback(replica.db, primary.db, {
      retryAfterMs: 30_000,
      onDown: () => events.push('down'),
      onUp: () => events.push('up'),
      now: () => clock,
    });
    expect(await db.query('SELECT 1')).toEqual([{ from: 'replica' }]);
    replica.state.fail = refused;
    expect(await db.query('SELECT 1')).toEqual([{ from: 'primary' }]);
    expect(replica.state.reads).toBe(2);
    // Within the pause the replica is not asked at all.
    clock += 10_000;
    expect(await db.query('SELECT 1')).toEqual([{ from: 'primary' }]);
    expect(await db.tx((q) => q.query('SELECT 1'))).toEqual([{ from: 'primary' }]);
    expect(replica.state.reads).toBe(2);
    // Past it, still down: asked once, the primary answers, one warning in all.
    clock += 25_000;
    expect(await db.query('SELECT 1')).toEqual([{ from: 'primary' }]);
    expect(replica.state.reads).toBe(3);
    expect(events).toEqual(['down']);
    // Back: the next try after the pause reads it again, and says so once.
    replica.state.fail = null;
    clock += 31_000;
    expect(await db.query('SELECT 1')).toEqual([{ from: 'replica' }]);
    expect(await db.query('SELECT 1')).toEqual([{ from: 'replica' }]);
    expect(events).toEqual(['down', 'up']);
  });

  it('a wrong statement, or a write refused by the read-only replica, fails there and is not sent to the primary', async () => {
    const replica = fakeDb('replica');
    const primary = fakeDb('primary');
    const db = withPrimaryFallback(replica.db, primary.db, { retryAfterMs: 30_000, onDown: () => {}, onUp: () => {} });
    replica.state.fail = Object.assign(new Error('cannot execute UPDATE in a read-only transaction'), { code: '25006' });
    await expect(db.execute('UPDATE arrivals SET origin_name = 1')).rejects.toThrow(/read-only/);
    replica.state.fail = Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' });
    await expect(db.query('SELEC 1')).rejects.toThrow(/syntax/);
    expect(primary.state.reads).toBe(0);
  });

  it('tells a connection failure from a statement that failed', () => {
    for (const e of [
      refused,
      Object.assign(new Error('x'), { code: 'ETIMEDOUT' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('x'), { code: '08006' }),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new AggregateError([refused, refused]), { code: undefined }),
    ])
      expect(isConnectionFailure(e), String(e)).toBe(true);
    for (const e of [
      Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      new Error('boom'),
      null,
      undefined,
    ])
      expect(isConnectionFailure(e), String(e)).toBe(false);
  });
});
