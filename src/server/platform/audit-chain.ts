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
  /** `rows` checked in the database, after `archived` rows of months archived (audit-archive.ts). */
  | { ok: true; rows: number; archived: number; lastSeq: number; lastHash: string | null }
  | { ok: false; rows: number; problem: ChainProblem; seq: number; id: number | null; afterId: number | null; message: string };

/** A row of the chain as read for checking (and as an archive file keeps it): numbers and details as their text. */
export interface AuditChainRow {
  seq: string;
  id: string;
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
}

/** The select list of an AuditChainRow from `audit_log a`. */
export const CHAIN_ROW_COLUMNS = `a.seq::text AS seq, a.id::text AS id, a.hash, (extract(epoch FROM a.at) * 1000000)::bigint::text AS at_us,
  a.actor_id::text AS actor_id, a.actor_name, a.request_id, a.client_ip, a.action, a.entity, a.entity_id, a.area_path,
  a.before::text AS before, a.after::text AS after, a.before_digest, a.after_digest, a.redacted_by::text AS redacted_by`;

interface ChainRow extends AuditChainRow {
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
  r: { seq: number | string; id: number | string } & Pick<
    AuditChainRow,
    'at_us' | 'actor_id' | 'actor_name' | 'request_id' | 'client_ip' | 'action' | 'entity' | 'entity_id' | 'area_path' | 'before_digest' | 'after_digest'
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
function detailsHold(r: Omit<ChainRow, 'seq' | 'id'> & { seq: number; id: number }): boolean {
  if (r.redacted_by === null) return detailsDigest(r.before) === r.before_digest && detailsDigest(r.after) === r.after_digest;
  return (
    Number(r.redacted_by) > r.seq && r.redaction_entity === 'audit_log' && r.redaction_action === 'redact' && (r.redaction_ids ?? []).map(Number).includes(r.id)
  );
}

/**
 * Walks the chain in the database from where its archived months end (the recorded hash of the last one; their
 * files are checked by `verifyAuditArchives`). A row the chain took before that point but still in the database
 * (a late row of the month after an archived one) was checked with its stretch, and is passed over here.
 */
export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<ChainReport> {
  const { problem } = await archiveRecords(db);
  if (problem) return { ok: false, rows: 0, problem: 'missing', seq: 0, id: null, afterId: null, message: problem };
  const head = await archivedHead(db);
  let prev: string | null = head.lastHash;
  let prevId: number | null = null;
  let expected = head.lastSeq + 1;
  let rows = 0;
  for (;;) {
    const page = await db.query<ChainRow>(
      `SELECT ${CHAIN_ROW_COLUMNS}, r.entity AS redaction_entity, r.action AS redaction_action, r.after -> 'ids' AS redaction_ids
         FROM audit_log a LEFT JOIN audit_log r ON r.seq = a.redacted_by
        WHERE a.seq >= $1 ORDER BY a.seq LIMIT $2`,
      [expected, pageSize],
    );
    for (const r of page) {
      const seq = Number(r.seq);
      const id = Number(r.id);
      if (seq < expected) {
        // A second row with the same place: two writers read the same predecessor (the chain forked).
        return {
          ok: false,
          rows,
          problem: 'changed',
          seq,
          id,
          afterId: prevId,
          message: `audit row #${seq} of the chain appears twice (id ${prevId} and id ${id})`,
        };
      }
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
    if (page.length < pageSize) return { ok: true, rows, archived: head.lastSeq, lastSeq: expected - 1, lastHash: prev };
  }
}

// ——— the archived months (migration 0067; audit-archive.ts writes them) ———
export interface ArchiveRecord {
  partition: string;
  first_seq: string;
  last_seq: string;
  rows: string;
  prev_hash: string | null;
  last_hash: string;
  file: string;
  file_sha256: string;
}

/** Where the chain stands after the archived months: the last stretch's end, or the chain's start. */
export async function archivedHead(db: Queryable): Promise<{ lastSeq: number; lastHash: string | null }> {
  const [row] = await db.query<{ last_seq: string; last_hash: string }>('SELECT last_seq::text, last_hash FROM audit_archives ORDER BY last_seq DESC LIMIT 1');
  return row ? { lastSeq: Number(row.last_seq), lastHash: row.last_hash } : { lastSeq: 0, lastHash: null };
}

/** The records in chain order, or the first place their stretches do not follow one another. */
export async function archiveRecords(db: Queryable): Promise<{ records: ArchiveRecord[]; problem: string | null }> {
  const records = await db.query<ArchiveRecord>(
    'SELECT partition, first_seq::text, last_seq::text, rows::text, prev_hash, last_hash, file, file_sha256 FROM audit_archives ORDER BY first_seq',
  );
  let seq = 0;
  let hash: string | null = null;
  for (const r of records) {
    if (Number(r.first_seq) !== seq + 1 || r.prev_hash !== hash)
      return { records, problem: `archived month ${r.partition} does not follow the one before it (rows #${seq + 1}… missing or changed)` };
    seq = Number(r.last_seq);
    hash = r.last_hash;
  }
  return { records, problem: null };
}
