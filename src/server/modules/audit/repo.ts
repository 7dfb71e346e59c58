import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * Reading the trail. Rows are scoped by the area they concern; rows about no area (role changes,
 * failed logins of unknown names) are visible only to someone whose scope is a root of the tree.
 */
export interface AuditFilter {
  actorId?: number;
  entity?: string;
  areaPath?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function list(db: Queryable, scope: Scope, isRootScope: boolean, f: AuditFilter) {
  const q = new SqlParams();
  const where = [isRootScope ? `(area_path IS NULL OR ${scopeClause(scope, 'area_path', q)})` : scopeClause(scope, 'area_path', q)];
  if (f.actorId) where.push(`actor_id = ${q.add(f.actorId)}`);
  if (f.entity) where.push(`entity = ${q.add(f.entity)}`);
  if (f.areaPath) where.push(`area_path LIKE ${q.add(f.areaPath + '%')}`);
  if (f.from) where.push(`at >= ${q.add(f.from)}`);
  if (f.to) where.push(`at < ${q.add(f.to)}`);
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log WHERE ${w}`, q.values);
  const rows = await db.query(
    `SELECT id, at, actor_id AS "actorId", actor_name AS "actorName", request_id AS "requestId", client_ip AS "clientIp",
            action, entity, entity_id AS "entityId", area_path AS "areaPath", before, after
       FROM audit_log WHERE ${w} ORDER BY id DESC LIMIT ${q.add(f.pageSize)} OFFSET ${q.add((f.page - 1) * f.pageSize)}`,
    q.values,
  );
  return { items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })), total };
}

/** The trail of one record, oldest first, for its history tab. Callers have already checked scope. */
export async function historyOf(db: Queryable, entity: string, entityId: string) {
  const rows = await db.query(
    `SELECT at, action, actor_name AS "actorName", before, after FROM audit_log
      WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
    [entity, entityId],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString(), changes: changedKeys(r.before, r.after) }));
}

function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
