import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import * as repo from './repo';
import { toResidentView } from './view';

/**
 * Possible duplicates: the same name with the same birth date, or the same name with the same phone,
 * within the caller's scope. A cadre merges them (the merged record stays, pointing at the kept one,
 * so both histories survive) or dismisses the pair as two different people.
 */
async function candidatePairs(db: Queryable, scope: Scope, limit: number) {
  const q = new SqlParams();
  const inScopeA = scopeClause(scope, 'a.area_path', q);
  const inScopeB = scopeClause(scope, 'b.area_path', q);
  return db.query<{ a: number; b: number; reason: 'name_birth' | 'name_phone' }>(
    `SELECT a.id AS a, b.id AS b,
            CASE WHEN a.birth_date IS NOT NULL AND a.birth_date = b.birth_date THEN 'name_birth' ELSE 'name_phone' END AS reason
       FROM residents a JOIN residents b ON b.name = a.name AND b.id > a.id
        AND ((a.birth_date IS NOT NULL AND a.birth_date = b.birth_date) OR (a.phone IS NOT NULL AND a.phone = b.phone))
      WHERE a.merged_into IS NULL AND b.merged_into IS NULL AND ${inScopeA} AND ${inScopeB}
        AND NOT EXISTS (SELECT 1 FROM resident_duplicate_dismissals d WHERE d.resident_a = a.id AND d.resident_b = b.id)
      ORDER BY a.id, b.id LIMIT ${q.add(limit)}`,
    q.values,
  );
}

export async function list(ctx: Ctx) {
  const pairs = await candidatePairs(ctx.db, ctx.actor.scope, 200);
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const rows = new Map<number, repo.ResidentRow>();
  for (const id of ids) {
    const r = await repo.findResident(ctx.db, ctx.actor.scope, id);
    if (r) rows.set(id, r);
  }
  return {
    items: pairs.map((p) => ({
      key: `${p.a}-${p.b}`,
      reason: p.reason,
      residents: [rows.get(p.a)!, rows.get(p.b)!].map((r) => toResidentView(r, ctx)),
    })),
  };
}

async function pair(ctx: Ctx, a: number, b: number) {
  if (a === b) throw ruleViolation('CANNOT_MERGE', { reason: ctx.lang === 'zh' ? '同一条记录' : 'the same record' });
  const [ra, rb] = await Promise.all([repo.findResident(ctx.db, ctx.actor.scope, a), repo.findResident(ctx.db, ctx.actor.scope, b)]);
  if (!ra || !rb || ra.merged_into || rb.merged_into) throw notFound();
  return [ra, rb] as const;
}

export async function merge(ctx: Ctx, keepId: number, mergeId: number) {
  const [keep, gone] = await pair(ctx, keepId, mergeId);
  if (keep.id_number && gone.id_number && keep.id_number !== gone.id_number) {
    throw ruleViolation('CANNOT_MERGE', { reason: ctx.lang === 'zh' ? '两条记录的证件号码不同' : 'the two records have different ID numbers' });
  }
  await ctx.db.tx(async (tx) => {
    // The merged row stays (its history and stays are evidence); it leaves every list.
    await tx.query(`UPDATE residents SET merged_into = $2, updated_at = now() WHERE id = $1`, [gone.id, keep.id]);
    await tx.query(`UPDATE resident_stays SET to_date = greatest(from_date, $2::date) WHERE resident_id = $1 AND to_date IS NULL`, [gone.id, ctx.today]);
    // What the kept record lacks, the merged one supplies.
    await tx.query(
      `UPDATE residents k SET
         id_number = coalesce(k.id_number, g.id_number), id_type = CASE WHEN k.id_number IS NULL THEN g.id_type ELSE k.id_type END,
         sex = coalesce(k.sex, g.sex), birth_date = coalesce(k.birth_date, g.birth_date),
         phone = coalesce(k.phone, g.phone), phone2 = coalesce(k.phone2, g.phone2),
         registered_address = coalesce(k.registered_address, g.registered_address),
         groups = ARRAY(SELECT DISTINCT unnest(k.groups || g.groups) ORDER BY 1), updated_at = now()
        FROM residents g WHERE k.id = $1 AND g.id = $2`,
      [keep.id, gone.id],
    );
    await audit(tx, ctx, { action: 'merge', entity: 'resident', entityId: keep.id, areaPath: keep.area_path, after: { merged: gone.id } });
    await audit(tx, ctx, { action: 'merged-into', entity: 'resident', entityId: gone.id, areaPath: gone.area_path, after: { keptId: keep.id } });
  });
  return { keptId: keep.id, mergedId: gone.id };
}

export async function dismiss(ctx: Ctx, ids: [number, number]) {
  const [x, y] = await pair(ctx, ids[0], ids[1]);
  const [a, b] = x.id < y.id ? [x, y] : [y, x];
  await ctx.db.tx(async (tx) => {
    const n = await tx.execute(
      `INSERT INTO resident_duplicate_dismissals (resident_a, resident_b, area_path, dismissed_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [a.id, b.id, a.area_path, ctx.actor.userId],
    );
    if (!n) throw conflict('ALREADY_DISMISSED');
    await audit(tx, ctx, { action: 'dismiss-duplicate', entity: 'resident', entityId: a.id, areaPath: a.area_path, after: { other: b.id } });
  });
  return { ok: true as const };
}
