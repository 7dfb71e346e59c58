import { nextIdSql } from '../../../db/next-id';
import type { Queryable } from '../../../db/engine';
import { auditRowsSql, actorColumnsOf } from '../../../platform/audit';
import { SqlParams } from '../../../platform/sql';
import type { EnlistFields } from './enlistments';

/** One public submission as the enlistment writer queues it (enlist-writer.ts). */
export interface EnlistSubmission {
  token: string;
  today: string;
  f: Omit<EnlistFields, 'orgId' | 'areaPath'>;
  who: { requestId: string; clientIp: string };
  /** The audit row's values (masked by the audit). */
  auditAfter: Record<string, unknown>;
}

/**
 * The submissions of one group-committed batch as ONE statement: each one's open branch found by its token, a new
 * application inserted for each that found one (an application is never merged into another: see
 * submitEnlistmentUnscoped) and its audit row. The ids are drawn from the table's sequence first, so each
 * submission learns its own. Answers per submission, in order: the branch's name (null: no open branch by that
 * token) and the new application's id.
 */
export async function submitEnlistmentsUnscoped(db: Queryable, items: EnlistSubmission[]): Promise<Array<{ org_name: string | null; id: number | null }>> {
  const q = new SqlParams();
  const col = <T>(f: (x: EnlistSubmission) => T, type: string) => `${q.add(items.map(f))}::${type}[]`;
  const src = `unnest(${col((x) => x.token, 'text')}, ${col((x) => x.today, 'date')}, ${col((x) => x.f.name, 'text')}, ${col((x) => x.f.idType, 'text')},
      ${col((x) => x.f.idNumber, 'text')}, ${col((x) => x.f.sex, 'text')}, ${col((x) => x.f.birthDate, 'date')}, ${col((x) => x.f.phone, 'text')},
      ${col((x) => x.f.category, 'text')}, ${col((x) => JSON.stringify(x.f.skills), 'jsonb')},
      ${col((x) => (x.f.availability === null || x.f.availability === undefined ? null : JSON.stringify(x.f.availability)), 'jsonb')},
      ${col((x) => x.f.healthStatus, 'text')}, ${col((x) => x.f.emergencyName, 'text')}, ${col((x) => x.f.emergencyPhone, 'text')},
      ${col((x) => x.f.pledge, 'text')}, ${col((x) => x.f.address, 'text')}, ${col((x) => x.who.clientIp, 'text')}, ${col((x) => x.who.requestId, 'text')})
    WITH ORDINALITY AS s(token, today, name, id_type, id_number, sex, birth_date, phone, category, skills, availability,
      health_status, emergency_name, emergency_phone, pledge, address, client_ip, request_id, n)`;
  const logged = auditRowsSql(q, actorColumnsOf('src', { anonymous: true }), {
    entity: 'enlistment',
    action: 'submit',
    from: 'up JOIN ids ON ids.id = up.id JOIN src ON src.n = ids.n',
    entityId: 'up.id',
    areaPath: 'up.area_path',
    after: { orgId: 'up.org_id' },
    afterEach: { values: items.map((x) => x.auditAfter), place: 'src.n' },
  });
  const rows = await db.query<{ n: string; org_name: string | null; id: number | null }>(
    `WITH src AS (SELECT * FROM ${src}),
     org AS (
       SELECT src.n, o.id, o.area_path, o.name FROM src JOIN party_orgs o ON o.enlist_token = src.token
        WHERE o.closed_at IS NULL AND o.kind <> 'committee' AND (o.ends_on IS NULL OR o.ends_on >= src.today)
     ),
     -- nextval() makes this CTE run once: each submission's id is fixed before the insert, to answer it with.
     ids AS (SELECT org.n, ${nextIdSql('enlistments')}::int AS id FROM org ORDER BY org.n),
     up AS (
       INSERT INTO enlistments (id, org_id, area_path, name, id_type, id_number, sex, birth_date, phone, category, skills, availability,
         health_status, emergency_name, emergency_phone, pledge, address, client_ip)
       SELECT ids.id, org.id, org.area_path, src.name, src.id_type, src.id_number, src.sex, src.birth_date, src.phone, src.category,
              ARRAY(SELECT jsonb_array_elements_text(src.skills)), src.availability, src.health_status, src.emergency_name,
              src.emergency_phone, src.pledge, src.address, src.client_ip
         FROM src JOIN org ON org.n = src.n JOIN ids ON ids.n = src.n
        ORDER BY src.n
       RETURNING id, org_id, area_path
     ),
     logged AS (${logged})
     SELECT src.n::text AS n, org.name AS org_name, ids.id FROM src LEFT JOIN org ON org.n = src.n LEFT JOIN ids ON ids.n = src.n`,
    q.values,
    // The text is the same whatever the batch's size (each column is one array), so its plan is kept.
    'volunteers.enlist.many',
  );
  const byN = new Map(rows.map((r) => [Number(r.n), r]));
  return items.map((_, i) => {
    const r = byN.get(i + 1);
    return { org_name: r?.org_name ?? null, id: r?.id ?? null };
  });
}
