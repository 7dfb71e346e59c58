import { createHash } from 'node:crypto';
import type { Queryable } from '../db/engine';

/**
 * Checks the audit trail's hash chain (migration 0017) from the rows alone: each row's hash is recomputed here,
 * outside the database, from its fields and its predecessor's hash, so a changed row — or a database function
 * changed to hide it — does not pass; a gap in `seq` is a deleted row. Rows are read in pages along the chain.
 * What it cannot see: rows cut from the END of the chain (nothing follows them), and a chain rewritten from an
 * edited row onwards by someone who also recomputed every later hash; keep the last hash it prints somewhere
 * else (a ticket, a printout) to catch both.
 */
export type ChainProblem = 'changed' | 'missing';

export type ChainReport =
  | { ok: true; rows: number; lastSeq: number; lastHash: string | null }
  | { ok: false; rows: number; problem: ChainProblem; seq: number; id: number | null; afterId: number | null; message: string };

interface ChainRow {
  seq: number;
  id: number;
  hash: string;
  at_us: string;
  actor_id: string | null;
  actor_name: string | null;
  request_id: string | null;
  client_ip: string | null;
  action: string | null;
  entity: string | null;
  entity_id: string | null;
  area_path: string | null;
  before: string | null;
  after: string | null;
}

const field = (v: string | null) => (v === null ? '-' : `${Buffer.byteLength(v, 'utf8')}:${v}`);

/** The hash of one row, as the database's audit_log_digest() computes it. */
export function rowDigest(prev: string | null, r: Omit<ChainRow, 'hash'>): string {
  const text = [
    prev ?? '',
    String(r.seq),
    String(r.id),
    r.at_us,
    field(r.actor_id),
    field(r.actor_name),
    field(r.request_id),
    field(r.client_ip),
    field(r.action),
    field(r.entity),
    field(r.entity_id),
    field(r.area_path),
    field(r.before),
    field(r.after),
  ].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<ChainReport> {
  let prev: string | null = null;
  let prevId: number | null = null;
  let expected = 1;
  let rows = 0;
  for (;;) {
    const page = await db.query<ChainRow>(
      `SELECT seq, id, hash, (extract(epoch FROM at) * 1000000)::bigint::text AS at_us, actor_id::text AS actor_id, actor_name,
              request_id, client_ip, action, entity, entity_id, area_path, before::text AS before, after::text AS after
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expected, pageSize],
    );
    for (const r of page) {
      const seq = Number(r.seq);
      const id = Number(r.id);
      if (seq !== expected) {
        return {
          ok: false,
          rows,
          problem: 'missing',
          seq: expected,
          id: null,
          afterId: prevId,
          message: `audit row #${expected} of the chain is missing (${seq - expected} row(s) between id ${prevId ?? '—'} and id ${id})`,
        };
      }
      if (rowDigest(prev, { ...r, seq, id }) !== r.hash) {
        return { ok: false, rows, problem: 'changed', seq, id, afterId: prevId, message: `audit row id ${id} (#${seq} of the chain) was changed` };
      }
      prev = r.hash;
      prevId = id;
      expected++;
      rows++;
    }
    if (page.length < pageSize) return { ok: true, rows, lastSeq: expected - 1, lastHash: prev };
  }
}
