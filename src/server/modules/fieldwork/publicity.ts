import type { z } from 'zod';
import type { publicityBody } from '../../../domain/fieldwork/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';
import { areaInScope } from './jobs';
import * as photos from './photo-link';
import { policyOf } from './policy';

/**
 * Publicity (宣传): items placed in a village — banners, posters, loudspeakers … (kinds are the policy's data) — each
 * with its count and a photo; counts per village and kind.
 */
export const VILLAGE_KINDS = ['village', 'community'];

interface ItemRow {
  id: number;
  kind: string;
  area_id: number;
  area_name: string;
  place: string | null;
  count: number;
  placed_on: string;
  note: string | null;
  created_by_name: string | null;
  created_at: Date;
}
const ITEM = `p.id, p.kind, p.area_id, a.name AS area_name, p.place, p.count, to_char(p.placed_on, 'YYYY-MM-DD') AS placed_on, p.note,
  u.display_name AS created_by_name, p.created_at
  FROM publicity_items p JOIN ${areasAs('a')} ON a.id = p.area_id LEFT JOIN ${usersAs('u')} ON u.id = p.created_by`;

export async function recordPublicity(ctx: Ctx, b: z.infer<typeof publicityBody>) {
  const pol = await policyOf(ctx.db);
  if (!pol.publicityKinds.some((k) => k.code === b.kind)) {
    throw badRequest('FIELDWORK_KIND_UNKNOWN', { kinds: pol.publicityKinds.map((k) => k.zh).join('、') }, { kind: 'invalid_value' });
  }
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  if (!VILLAGE_KINDS.includes(area.kind)) throw badRequest('FIELDWORK_NOT_VILLAGE', {}, { areaId: 'not_a_village' });
  if (b.placedOn > ctx.today) throw badRequest('FIELDWORK_FUTURE', {}, { placedOn: 'in_future' });
  if (!b.photoIds.length) throw badRequest('FIELDWORK_PUBLICITY_PHOTO', {}, { photoIds: 'required' });
  const id = await ctx.db.tx(async (tx) => {
    const [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO publicity_items (kind, area_id, area_path, place, count, placed_on, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [b.kind, area.id, area.path, b.place ?? null, b.count, b.placedOn, b.note ?? null, ctx.actor.userId],
    );
    await photos.bind(tx, ctx, { ids: b.photoIds, owner: photos.OWNERS.publicity, ownerId: id, areaPath: area.path, field: 'photoIds' });
    await audit(tx, ctx, {
      action: 'record',
      entity: 'publicity_item',
      entityId: id,
      areaPath: area.path,
      after: { kind: b.kind, count: b.count, placedOn: b.placedOn, place: b.place ?? null },
    });
    return id;
  });
  const { items } = await listPublicity(ctx, { id, limit: 1, offset: 0 });
  if (!items.length) throw notFound();
  return items[0];
}

export async function listPublicity(ctx: Ctx, p: { id?: number; under?: number; kind?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(ctx.actor.scope, 'p.area_path', q)];
  if (p.id) where.push(`p.id = ${q.add(p.id)}`);
  if (p.under) where.push(`p.area_path LIKE ${q.add(`${(await areaInScope(ctx, p.under, 'under')).path}%`)}`);
  if (p.kind) where.push(`p.kind = ${q.add(p.kind)}`);
  const w = where.join(' AND ');
  const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM publicity_items p WHERE ${w}`, q.values);
  const rows = await ctx.db.query<ItemRow>(
    `SELECT ${ITEM} WHERE ${w} ORDER BY p.placed_on DESC, p.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  const pics = await photos.of(
    ctx.db,
    ctx.actor.scope,
    photos.OWNERS.publicity,
    rows.map((r) => r.id),
  );
  return {
    total: n,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      areaId: r.area_id,
      areaName: r.area_name,
      place: r.place,
      count: r.count,
      placedOn: r.placed_on,
      note: r.note,
      photos: pics.get(r.id) ?? [],
      createdByName: r.created_by_name,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** Per village (an item is always placed in one) and kind: the counts summed. */
export async function publicityCounts(ctx: Ctx, p: { under?: number }) {
  const underPath = (await areaInScope(ctx, p.under ?? ctx.actor.scope.areaId, 'under')).path;
  const q = new SqlParams();
  const rows = await ctx.db.query<{ area_id: number; area_name: string; kind: string; n: number }>(
    `SELECT p.area_id, a.name AS area_name, p.kind, sum(p.count)::int AS n
       FROM publicity_items p JOIN ${areasAs('a')} ON a.id = p.area_id
      WHERE p.area_path LIKE ${q.add(`${underPath}%`)} AND ${scopeClause(ctx.actor.scope, 'p.area_path', q)}
      GROUP BY 1, 2, 3 ORDER BY 2, 1`,
    q.values,
  );
  const pol = await policyOf(ctx.db);
  const byArea = new Map<number, { areaId: number; areaName: string; counts: Record<string, number>; total: number }>();
  const total: Record<string, number> = {};
  for (const r of rows) {
    const row = byArea.get(r.area_id) ?? { areaId: r.area_id, areaName: r.area_name, counts: {}, total: 0 };
    row.counts[r.kind] = r.n;
    row.total += r.n;
    byArea.set(r.area_id, row);
    total[r.kind] = (total[r.kind] ?? 0) + r.n;
  }
  return { kinds: pol.publicityKinds.map((k) => k.code), rows: [...byArea.values()], total };
}
