import type { Queryable } from '../../db/engine';
import { type AuditActor, auditRowsSql } from '../../platform/audit';
import { SqlParams } from '../../platform/sql';
import { householdsAs, residentsAs } from '../residents/sql';

/**
 * A request's intake as ONE statement (the public page under a rush, and a worker's record alike): the place (a
 * link's token, or an area the worker may record in), the person in the registry (by resident id, else by phone
 * under the place), an earlier submission with the same client id (a resend: answered from it), an open request
 * of the same kind from the same phone within the merge window (merged into it, the client id kept in
 * help_merges so its resend is answered too), else the new row — and the audit row, in the same statement.
 * A racing resend is stopped by the unique client id (ON CONFLICT DO NOTHING): the caller then reads the first.
 */
export interface IntakeRow {
  place: number;
  id: number | null;
  code: string | null;
  handover_code: string | null;
  merged: boolean;
  replay: boolean;
}

export interface IntakeValues {
  place: { token: string } | { areaId: number; areaPath: string };
  clientId: string | null;
  channel: string;
  externalRef: string | null;
  kind: string;
  need: string;
  name: string | null;
  phone: string | null;
  address: string | null;
  residentId: number | null;
  firstStep: string;
  policyVersion: number;
  tier: string;
  tierMinutes: number;
  mergeMinutes: number;
  code: string;
  handoverCode: string;
  createdBy: number | null;
}

const OPEN = `('triage', 'dispatch', 'delivering', 'delivered')`;

export async function intake(db: Queryable, v: IntakeValues, who: AuditActor): Promise<IntakeRow> {
  const q = new SqlParams();
  const place =
    'token' in v.place
      ? `SELECT l.area_id, l.area_path FROM help_intake_links l WHERE l.token = ${q.add(v.place.token)}`
      : `SELECT ${q.add(v.place.areaId)}::int AS area_id, ${q.add(v.place.areaPath)}::text AS area_path`;
  const cid = `${q.add(v.clientId)}::uuid`;
  const phone = `${q.add(v.phone)}::text`;
  const kind = `${q.add(v.kind)}::text`;
  const need = `${q.add(v.need)}::text`;
  const residentId = `${q.add(v.residentId)}::int`;
  // An anonymous page proves nothing about who is asking: a typed phone must not merge the submission into someone's
  // open request, whose tracking and delivery codes the answer would then hand over. Only a worker's record (a
  // callback, a hotline list) is merged by phone. Both are matched to the registry by phone, so the household's linked
  // member is offered first; the triage step's callback confirms who asked.
  const byPhone = `${q.add(v.channel)}::text <> 'public'`;
  const person = `SELECT r.id, r.household_id, hh.address, COALESCE(r.phone, hh.phone) AS phone, r.groups, r.area_id, r.area_path
       FROM ${residentsAs('r')} LEFT JOIN ${householdsAs('hh')} ON hh.id = r.household_id, place
      WHERE (CASE WHEN ${residentId} IS NOT NULL THEN r.id = ${residentId} ELSE reverse(r.phone) = reverse(${phone}) END)
        AND r.merged_into IS NULL AND r.area_path LIKE place.area_path || '%'
      ORDER BY r.id LIMIT 1`;
  const submitted = auditRowsSql(q, who, {
    entity: 'help_request',
    action: v.channel === 'public' ? 'submit' : 'record',
    from: 'ins',
    entityId: 'ins.id',
    areaPath: 'ins.area_path',
    after: { kind: 'ins.kind', channel: 'ins.channel', tier: 'ins.tier', residentId: 'ins.resident_id' },
  });
  const merged = auditRowsSql(q, who, {
    entity: 'help_request',
    action: 'merge',
    from: 'merged',
    entityId: 'merged.id',
    areaPath: 'merged.area_path',
    after: { mergedCount: 'merged.merged_count' },
    afterValues: { channel: v.channel },
  });
  const [row] = await db.query<IntakeRow>(
    `WITH place AS (${place}),
     person AS (${person}),
     seen AS (
       SELECT h.id, h.code, h.handover_code, false AS merged FROM help_requests h WHERE h.client_id = ${cid}
       UNION ALL
       SELECT h.id, h.code, h.handover_code, true FROM help_merges m JOIN help_requests h ON h.id = m.request_id WHERE m.client_id = ${cid}
     ),
     same AS (
       SELECT h.id, h.area_path FROM help_requests h, place
        WHERE NOT EXISTS (SELECT 1 FROM seen) AND ${byPhone} AND ${phone} IS NOT NULL AND h.phone = ${phone} AND h.kind = ${kind}
          AND h.status IN ${OPEN} AND h.created_at > now() - ${q.add(v.mergeMinutes)} * interval '1 minute'
          AND h.area_path LIKE place.area_path || '%'
        ORDER BY h.id LIMIT 1
     ),
     claim AS (
       INSERT INTO help_merges (client_id, request_id, area_path)
       SELECT ${cid}, same.id, same.area_path FROM same WHERE ${cid} IS NOT NULL
       ON CONFLICT DO NOTHING RETURNING request_id
     ),
     merged AS (
       UPDATE help_requests h SET merged_count = h.merged_count + 1, updated_at = now(),
              need = CASE WHEN strpos(h.need, ${need}) > 0 THEN h.need ELSE left(h.need || E'\\n' || ${need}, 2000) END
         FROM same WHERE h.id = same.id AND h.status IN ${OPEN} AND (${cid} IS NULL OR EXISTS (SELECT 1 FROM claim))
       RETURNING h.id, h.code, h.handover_code, h.area_path, h.merged_count
     ),
     ins AS (
       INSERT INTO help_requests (code, client_id, area_id, area_path, channel, external_ref, kind, need, name, phone, address,
         resident_id, household_id, groups, queue, policy_version, tier, due_at, escalate_after, handover_code, created_by)
       SELECT ${q.add(v.code)}, ${cid}, COALESCE(person.area_id, place.area_id), COALESCE(person.area_path, place.area_path),
              ${q.add(v.channel)}, ${q.add(v.externalRef)}, ${kind}, ${need}, ${q.add(v.name)}, COALESCE(${phone}, person.phone),
              COALESCE(${q.add(v.address)}, person.address), person.id, person.household_id, COALESCE(person.groups, '{}'),
              ${q.add(v.firstStep)}, ${q.add(v.policyVersion)}, ${q.add(v.tier)},
              now() + ${q.add(v.tierMinutes)} * interval '1 minute', now() + ${q.add(v.tierMinutes)} * interval '1 minute',
              ${q.add(v.handoverCode)}, ${q.add(v.createdBy)}::int
         FROM place LEFT JOIN person ON true
        WHERE NOT EXISTS (SELECT 1 FROM seen) AND NOT EXISTS (SELECT 1 FROM same) AND COALESCE(${phone}, person.phone) IS NOT NULL
       ON CONFLICT (client_id) DO NOTHING
       RETURNING id, code, handover_code, area_path, kind, channel, tier, resident_id
     ),
     submitted AS (${submitted}),
     merge_logged AS (${merged})
     SELECT (SELECT count(*) FROM place)::int AS place,
            COALESCE((SELECT id FROM ins), (SELECT id FROM merged), (SELECT id FROM seen LIMIT 1)) AS id,
            COALESCE((SELECT code FROM ins), (SELECT code FROM merged), (SELECT code FROM seen LIMIT 1)) AS code,
            COALESCE((SELECT handover_code FROM ins), (SELECT handover_code FROM merged), (SELECT handover_code FROM seen LIMIT 1)) AS handover_code,
            (EXISTS (SELECT 1 FROM merged) OR COALESCE((SELECT merged FROM seen LIMIT 1), false)) AS merged,
            EXISTS (SELECT 1 FROM seen) AS replay`,
    // Not prepared under a name: with its parameters unseen, PostgreSQL's generic plan for this statement ran 4× slower
    // than planning it each time (bench:help, 84 vs 359 submissions a second).
    q.values,
  );
  return row;
}

/** Which of the hotline's case numbers are already recorded (an earlier import of an overlapping list). */
export async function hotlineRefsKnown(db: Queryable, refs: string[]): Promise<string[]> {
  const rows = await db.query<{ external_ref: string }>(
    `SELECT DISTINCT external_ref FROM help_requests WHERE external_ref = ANY($1::text[]) AND channel = 'hotline'`,
    [refs],
  );
  return rows.map((r) => r.external_ref);
}

/** The request a client id was recorded as (after a racing resend lost the insert). */
export async function byClientId(db: Queryable, clientId: string) {
  const [row] = await db.query<{ id: number; code: string; handover_code: string; merged: boolean }>(
    `SELECT h.id, h.code, h.handover_code, false AS merged FROM help_requests h WHERE h.client_id = $1
     UNION ALL SELECT h.id, h.code, h.handover_code, true FROM help_merges m JOIN help_requests h ON h.id = m.request_id WHERE m.client_id = $1`,
    [clientId],
  );
  return row ?? null;
}

export async function areaOfToken(db: Queryable, token: string) {
  const [row] = await db.query<{ area_id: number; area_path: string }>('SELECT area_id, area_path FROM help_intake_links WHERE token = $1', [token]);
  return row ?? null;
}

export async function linksInScope(db: Queryable, scopePath: string) {
  return db.query<{ area_id: number; token: string; area_path: string }>(
    'SELECT area_id, token, area_path FROM help_intake_links WHERE area_path LIKE $1 ORDER BY area_path',
    [`${scopePath}%`],
  );
}

/** The area's link, made at first ask (a racing second ask keeps the first token). */
export async function ensureLink(tx: Queryable, area: { id: number; path: string }, token: string, by: number): Promise<{ token: string; created: boolean }> {
  const made = await tx.query<{ token: string }>(
    'INSERT INTO help_intake_links (area_id, area_path, token, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (area_id) DO NOTHING RETURNING token',
    [area.id, area.path, token, by],
  );
  if (made.length) return { token: made[0].token, created: true };
  const [row] = await tx.query<{ token: string }>('SELECT token FROM help_intake_links WHERE area_id = $1', [area.id]);
  return { token: row.token, created: false };
}
