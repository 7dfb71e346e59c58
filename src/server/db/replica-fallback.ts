import type { Db } from './engine';

/**
 * The read replica with the primary behind it (DATABASE_REPLICA_URL). The replica serves only reads — the reports
 * above villages and the command overview — so when it cannot be reached the same read is answered by the primary
 * instead of an error: a county's commander keeps their overview while the standby is repaired. After a failure the
 * replica is left alone for `retryAfterMs` (every read in between goes straight to the primary, not through a
 * connection attempt that times out first), then tried again. The operator hears of both moments (`onDown`, `onUp`).
 *
 * Only failures to reach the replica fall back: a statement that is wrong on the replica is wrong on the primary
 * too, and a write sent here by mistake must keep failing on the replica's read-only connections.
 */
export interface ReplicaEvents {
  retryAfterMs: number;
  onDown(error: unknown): void;
  onUp(): void;
  now?: () => number;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** The server was not reached or went away (network, shut down, still starting), as opposed to a wrong statement. */
export function isConnectionFailure(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; errors?: unknown[] } | null;
  if (!err) return false;
  const code = String(err.code ?? '');
  // Class 08: connection exceptions; 57P01–57P03: shutting down, crashed, cannot connect now (a standby starting).
  if (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
  // Node reports a refused dual-stack connect as an AggregateError of the attempts.
  if (Array.isArray(err.errors) && err.errors.some(isConnectionFailure)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Connection ended unexpectedly/i.test(String(err.message ?? ''));
}

export function withPrimaryFallback(replica: Db, primary: Db, events: ReplicaEvents): Db {
  const now = events.now ?? Date.now;
  let downUntil = 0;
  let down = false;

  async function read<T>(run: (db: Db) => Promise<T>): Promise<T> {
    if (down && now() < downUntil) return run(primary);
    try {
      const result = await run(replica);
      if (down) {
        down = false;
        events.onUp();
      }
      return result;
    } catch (e) {
      if (!isConnectionFailure(e)) throw e;
      if (!down) events.onDown(e);
      down = true;
      downUntil = now() + events.retryAfterMs;
      return run(primary);
    }
  }

  return {
    engine: replica.engine,
    schema: replica.schema,
    query: (sql, params, name) => read((db) => db.query(sql, params, name)),
    execute: (sql, params) => read((db) => db.execute(sql, params)),
    exec: (sql) => read((db) => db.exec(sql)),
    // A bulk load is a write: it stays on the replica's read-only connections, where it fails, and never falls back.
    copyFrom: (table, columns, lines) => replica.copyFrom(table, columns, lines),
    script: (sql) => read((db) => db.script(sql)),
    // Reads only: a transaction cut off on the replica has changed nothing, so it is run again on the primary.
    tx: (fn) => read((db) => db.tx(fn)),
    // Notifications are the primary's (a standby relays none).
    listen: (channel, onNotify) => primary.listen(channel, onNotify),
    close: () => replica.close(),
  };
}
