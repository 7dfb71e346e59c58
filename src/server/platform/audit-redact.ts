import type { AuditEntity } from '../../domain/audit/events';
import type { Queryable } from '../db/engine';
import { type AuditActor, audit } from './audit';
import { redactDetails } from './audit-mask';

/**
 * Redaction of audit details (migration 0030): when the data lifecycle anonymises or deletes records, the audit
 * rows about them keep their place in the chain but lose the personal part of their details (redactDetails). The
 * redaction is itself a chained row ("audit_log redact", listing the row ids), written first; each redacted row
 * then names it in `redacted_by`, and the verifier accepts a redacted row only with such a row after it. The
 * database lets exactly this UPDATE through, and only while the transaction asks for it.
 */
const BATCH = 2000;

export async function redactAuditDetails(
  tx: Queryable,
  who: AuditActor,
  p: { entity: AuditEntity; entityIds: readonly (number | string)[]; reason: string },
): Promise<number> {
  if (!p.entityIds.length) return 0;
  const rows = await tx.query<{ id: string; before: unknown; after: unknown }>(
    `SELECT id::text AS id, before, after FROM audit_log WHERE entity = $1 AND entity_id = ANY($2::text[]) AND redacted_by IS NULL ORDER BY id`,
    [p.entity, p.entityIds.map(String)],
  );
  if (!rows.length) return 0;
  await audit(tx, who, { entity: 'audit_log', action: 'redact', after: { entity: p.entity, reason: p.reason, ids: rows.map((r) => Number(r.id)) } });
  const [{ seq }] = await tx.query<{ seq: string }>(`SELECT split_part(current_setting('wangge.audit_head'), ':', 1) AS seq`);
  await tx.query(`SELECT set_config('wangge.audit_redaction', 'on', true)`);
  try {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(redactDetails(v)));
      await tx.query(
        `UPDATE audit_log a SET before = v.before::jsonb, after = v.after::jsonb, redacted_by = $4::bigint
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, before, after) WHERE a.id = v.id`,
        [batch.map((r) => r.id), batch.map((r) => json(r.before)), batch.map((r) => json(r.after)), seq],
      );
    }
  } finally {
    await tx.query(`SELECT set_config('wangge.audit_redaction', 'off', true)`);
  }
  return rows.length;
}
