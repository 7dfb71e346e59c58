import type { Queryable } from '../../db/engine';
import type { VisitKey } from './visit-repo';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import { usersAs } from '../users/sql';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * SQL of roster proposals (table `roster_proposals`, this module's). The household's address, the area's
 * name and the users' names are read-only joins.
 */
export interface ProposalRow {
  id: number;
  /** Null once anonymised by retention (migration 0064). */
  visit_id: number | null;
  household_id: number;
  address: string;
  area_name: string;
  area_path: string;
  kind: 'add' | 'move_out';
  resident_id: number | null;
  resident_name: string | null;
  payload: Record<string, unknown>;
  status: 'pending' | 'confirmed' | 'rejected';
  proposed_by: number | null;
  proposed_by_name: string | null;
  proposed_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  anonymised_at: Date | null;
}

const COLUMNS = `p.id, p.visit_id, p.household_id, h.address, a.name AS area_name, p.area_path, p.kind, p.resident_id, r.name AS resident_name,
  p.payload, p.status, p.proposed_by, pu.display_name AS proposed_by_name, p.proposed_at, du.display_name AS decided_by_name, p.decided_at,
  p.decision_reason, p.anonymised_at`;
const FROM = `roster_proposals p JOIN ${householdsAs('h')} ON h.id = p.household_id JOIN ${areasAs('a')} ON a.id = h.area_id
  LEFT JOIN ${residentsAs('r')} ON r.id = p.resident_id LEFT JOIN ${usersAs('pu')} ON pu.id = p.proposed_by LEFT JOIN ${usersAs('du')} ON du.id = p.decided_by`;

export async function insertProposal(
  tx: Queryable,
  p: {
    visit: VisitKey;
    householdId: number;
    areaPath: string;
    kind: 'add' | 'move_out';
    residentId: number | null;
    payload: unknown;
    by: number;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO roster_proposals (visit_id, visit_at, household_id, area_path, kind, resident_id, payload, proposed_by)
     VALUES ($1, $8::timestamptz, $2, $3, $4, $5, $6::jsonb, $7) RETURNING id`,
    [p.visit.id, p.householdId, p.areaPath, p.kind, p.residentId, JSON.stringify(p.payload), p.by, p.visit.at],
  );
  return row.id;
}

export async function findProposal(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<ProposalRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE p.id = ${q.add(id)} AND ${scopeClause(scope, 'p.area_path', q)}${forUpdate ? ' FOR UPDATE OF p' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function listProposals(db: Queryable, scope: Scope, f: { status?: string; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'p.area_path', q)];
  if (f.status) where.push(`p.status = ${q.add(f.status)}`);
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM roster_proposals p WHERE ${w}`, q.values);
  const rows = await db.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${w} ORDER BY p.status <> 'pending', p.proposed_at DESC, p.id DESC
      LIMIT ${q.add(f.pageSize)} OFFSET ${q.add((f.page - 1) * f.pageSize)}`,
    q.values,
  );
  return { rows, total };
}

/**
 * Decides a pending proposal; false when it was decided meanwhile. The numbers an addition carried are then
 * forgotten here: confirmed, they live in the registry (masked, revealed by permission); rejected, nobody needs them.
 */
export async function decideProposal(
  tx: Queryable,
  id: number,
  d: { status: 'confirmed' | 'rejected'; by: number; reason: string | null; residentId: number | null },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE roster_proposals SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4,
            resident_id = coalesce($5, resident_id),
            payload = payload - 'idNumber' - 'phone'
      WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, d.status, d.by, d.reason, d.residentId],
  );
  return rows.length > 0;
}
