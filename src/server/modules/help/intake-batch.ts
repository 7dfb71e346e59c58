import type { Queryable } from '../../db/engine';
import { type AuditActor, auditRowsSql, actorColumnsOf } from '../../platform/audit';
import { SqlParams } from '../../platform/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import type { IntakeRow, IntakeValues } from './intake-repo';

export interface PublicSubmission {
  v: IntakeValues & { place: { token: string }; clientId: string };
  who: AuditActor;
}

/**
 * The public page's submissions of one group-committed batch as ONE statement (intake-writer.ts). The public page
 * never merges by phone (intake-repo.ts says why), so a submission is a resend (its client id already recorded:
 * answered from the first) or a new row; with that, each submission's place, person, resend check, insert and
 * audit row are set-based over the batch's arrays — one statement and one commit for a hundred phones, where
 * one statement each cost ~2.5 ms under the audit chain's lock and held the rush to ~360 a second.
 * A submission sent twice inside the batch is written once; the second is answered as the first's resend.
 * A racing resend outside the batch meets the unique client id (ON CONFLICT DO NOTHING): its row answers null and
 * the caller reads the first. A clashing tracking code fails the batch, which is then written one by one.
 */
export async function intakePublicMany(db: Queryable, items: PublicSubmission[]): Promise<IntakeRow[]> {
  /** Each client id's place among the rows written (1-based, as WITH ORDINALITY counts). */
  const slot = new Map<string, number>();
  const rows: PublicSubmission[] = [];
  for (const it of items) {
    if (slot.has(it.v.clientId)) continue;
    rows.push(it);
    slot.set(it.v.clientId, rows.length);
  }
  const q = new SqlParams();
  const col = <T>(f: (x: PublicSubmission) => T, type: string) => `${q.add(rows.map(f))}::${type}[]`;
  const src = `unnest(${col((x) => x.v.place.token, 'text')}, ${col((x) => x.v.clientId, 'uuid')}, ${col((x) => x.v.kind, 'text')},
      ${col((x) => x.v.need, 'text')}, ${col((x) => x.v.name, 'text')}, ${col((x) => x.v.phone, 'text')}, ${col((x) => x.v.address, 'text')},
      ${col((x) => x.v.firstStep, 'text')}, ${col((x) => x.v.policyVersion, 'int')}, ${col((x) => x.v.tier, 'text')}, ${col((x) => x.v.tierMinutes, 'int')},
      ${col((x) => x.v.code, 'text')}, ${col((x) => x.v.handoverCode, 'text')}, ${col((x) => x.who.requestId, 'text')}, ${col((x) => x.who.clientIp, 'text')})
    WITH ORDINALITY AS s(token, client_id, kind, need, name, phone, address, first_step, policy_version, tier, tier_minutes, code, handover_code,
      request_id, client_ip, n)`;
  const aud = auditRowsSql(q, actorColumnsOf('src', { anonymous: true }), {
    entity: 'help_request',
    action: 'submit',
    from: 'ins JOIN src ON src.client_id = ins.client_id',
    entityId: 'ins.id',
    areaPath: 'ins.area_path',
    after: { kind: 'ins.kind', channel: 'ins.channel', tier: 'ins.tier', residentId: 'ins.resident_id' },
  });
  const written = await db.query<IntakeRow & { n: string }>(
    `WITH src AS (SELECT * FROM ${src}),
     place AS (SELECT src.n, l.area_id, l.area_path FROM src JOIN help_intake_links l ON l.token = src.token),
     seen AS (
       SELECT src.n, h.id, h.code, h.handover_code, false AS merged FROM src JOIN help_requests h ON h.client_id = src.client_id
       UNION ALL
       SELECT src.n, h.id, h.code, h.handover_code, true FROM src JOIN help_merges m ON m.client_id = src.client_id JOIN help_requests h ON h.id = m.request_id
     ),
     ins AS (
       INSERT INTO help_requests (code, client_id, area_id, area_path, channel, external_ref, kind, need, name, phone, address,
         resident_id, household_id, groups, queue, policy_version, tier, due_at, escalate_after, handover_code, created_by)
       SELECT src.code, src.client_id, COALESCE(person.area_id, place.area_id), COALESCE(person.area_path, place.area_path),
              'public', NULL, src.kind, src.need, src.name, src.phone, COALESCE(src.address, person.address), person.id, person.household_id,
              COALESCE(person.groups, '{}'), src.first_step, src.policy_version, src.tier,
              now() + src.tier_minutes * interval '1 minute', now() + src.tier_minutes * interval '1 minute', src.handover_code, NULL
         FROM src JOIN place ON place.n = src.n
         LEFT JOIN LATERAL (
           SELECT r.id, r.household_id, hh.address, r.groups, r.area_id, r.area_path
             FROM ${residentsAs('r')} LEFT JOIN ${householdsAs('hh')} ON hh.id = r.household_id
            WHERE reverse(r.phone) = reverse(src.phone) AND r.merged_into IS NULL AND r.area_path LIKE place.area_path || '%'
            ORDER BY r.id LIMIT 1
         ) person ON true
        WHERE NOT EXISTS (SELECT 1 FROM seen WHERE seen.n = src.n)
        ORDER BY src.n
       ON CONFLICT (client_id) DO NOTHING
       RETURNING id, code, handover_code, client_id, area_path, kind, channel, tier, resident_id
     ),
     aud AS (${aud})
     SELECT src.n::text AS n, (place.n IS NOT NULL) AS place,
            COALESCE(ins.id, seen.id) AS id, COALESCE(ins.code, seen.code) AS code, COALESCE(ins.handover_code, seen.handover_code) AS handover_code,
            COALESCE(seen.merged, false) AS merged, (seen.n IS NOT NULL) AS replay
       FROM src LEFT JOIN place ON place.n = src.n LEFT JOIN ins ON ins.client_id = src.client_id
       LEFT JOIN (SELECT DISTINCT ON (n) * FROM seen ORDER BY n, merged) seen ON seen.n = src.n`,
    q.values,
    // The text is the same whatever the batch's size (each column is one array), so its plan is kept.
    'help.intake.public-many',
  );
  const byN = new Map(written.map((w) => [Number(w.n), w]));
  const answered = new Set<string>();
  return items.map(({ v }) => {
    const row = byN.get(slot.get(v.clientId)!)!;
    const out: IntakeRow = { place: row.place ? 1 : 0, id: row.id, code: row.code, handover_code: row.handover_code, merged: row.merged, replay: row.replay };
    // The same submission twice in one batch: the second is the first's resend.
    if (answered.has(v.clientId)) return { ...out, replay: true };
    answered.add(v.clientId);
    return out;
  });
}
