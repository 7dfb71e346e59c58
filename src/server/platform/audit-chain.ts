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
  before_digest: string | null;
  after_digest: string | null;
  redacted_by: string | null;
  /** The redaction row `redacted_by` names: its entity, action and the ids it lists (null when there is none). */
  redaction_entity: string | null;
  redaction_action: string | null;
  redaction_ids: number[] | null;
}

const field = (v: string | null) => (v === null ? '-' : `${Buffer.byteLength(v, 'utf8')}:${v}`);

/**
 * The hash of one row, as the database's trigger computes it (migration 0030): over its fields and the DIGESTS of its
 * details, so a redaction of the details (below) leaves the chain whole.
 */
export function rowDigest(
  prev: string | null,
  r: Pick<
    ChainRow,
    | 'seq'
    | 'id'
    | 'at_us'
    | 'actor_id'
    | 'actor_name'
    | 'request_id'
    | 'client_ip'
    | 'action'
    | 'entity'
    | 'entity_id'
    | 'area_path'
    | 'before_digest'
    | 'after_digest'
  >,
): string {
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
    field(r.before_digest),
    field(r.after_digest),
  ].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The digest of a row's details as stored (jsonb text), or null. */
export function detailsDigest(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The details of a row hold when they match their digests — or, for a redacted row, when the redaction is on the
 * record: a later row of the chain, "audit_log redact", lists this row's id (the chain vouches for that row).
 */
function detailsHold(r: ChainRow & { seq: number; id: number }): boolean {
  if (r.redacted_by === null) return detailsDigest(r.before) === r.before_digest && detailsDigest(r.after) === r.after_digest;
  return (
    Number(r.redacted_by) > r.seq && r.redaction_entity === 'audit_log' && r.redaction_action === 'redact' && (r.redaction_ids ?? []).map(Number).includes(r.id)
  );
}

export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<ChainReport> {
  let prev: string | null = null;
  let prevId: number | null = null;
  let expected = 1;
  let rows = 0;
  for (;;) {
    const page = await db.query<ChainRow>(
      `SELECT a.seq, a.id, a.hash, (extract(epoch FROM a.at) * 1000000)::bigint::text AS at_us, a.actor_id::text AS actor_id, a.actor_name,
              a.request_id, a.client_ip, a.action, a.entity, a.entity_id, a.area_path, a.before::text AS before, a.after::text AS after,
              a.before_digest, a.after_digest, a.redacted_by::text AS redacted_by,
              r.entity AS redaction_entity, r.action AS redaction_action, r.after -> 'ids' AS redaction_ids
         FROM audit_log a LEFT JOIN audit_log r ON r.seq = a.redacted_by
        WHERE a.seq >= $1 ORDER BY a.seq LIMIT $2`,
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
      if (rowDigest(prev, { ...r, seq, id }) !== r.hash || !detailsHold({ ...r, seq, id })) {
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
