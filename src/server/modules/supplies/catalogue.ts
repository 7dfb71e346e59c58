import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { addDays } from '../../../domain/policy/rules';
import { daysOfCover, isLow } from '../../../domain/supplies/fefo';
import type { itemBody, kitBody, policyBody, storeBody } from '../../../domain/supplies/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation } from '../../platform/errors';
import { mustBeRoot } from '../../platform/scope';
import { areaTree } from '../areas';
import { mustStore } from './movements';
import * as repo from './repo';

/** The catalogue, kits, the low-stock policy, stores and the stock list with days of cover. */
const toItem = (r: repo.ItemRow) => ({ id: r.id, name: r.name, category: r.category, unit: r.unit, packSize: r.pack_size });

export async function listItems(ctx: Ctx) {
  return { items: (await repo.listItems(ctx.db)).map(toItem) };
}

export async function createItem(ctx: Ctx, b: z.infer<typeof itemBody>) {
  try {
    return await ctx.db.tx(async (tx) => {
      const row = await repo.insertItem(tx, b);
      await audit(tx, ctx, { entity: 'supply_item', action: 'create', entityId: row.id, after: b });
      return toItem(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('SUPPLIES_ITEM_EXISTS', { name: b.name }, { name: 'taken' });
    throw e;
  }
}

async function kitView(ctx: Ctx, k: repo.KitRow) {
  const items = await repo.itemsByIds(
    ctx.db,
    k.lines.map((l) => l.itemId),
  );
  return {
    id: k.id,
    name: k.name,
    lines: k.lines.map((l) => ({ itemId: l.itemId, itemName: items.get(l.itemId)?.name ?? '', unit: items.get(l.itemId)?.unit ?? '', qty: l.qty })),
  };
}

export async function listKits(ctx: Ctx) {
  return { items: await Promise.all((await repo.listKits(ctx.db)).map((k) => kitView(ctx, k))) };
}

export async function createKit(ctx: Ctx, b: z.infer<typeof kitBody>) {
  const items = await repo.itemsByIds(
    ctx.db,
    b.lines.map((l) => l.itemId),
  );
  const fields: Record<string, string> = {};
  b.lines.forEach((l, i) => {
    if (!items.has(l.itemId)) fields[`lines.${i}.itemId`] = 'not_found';
  });
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
  try {
    const id = await ctx.db.tx(async (tx) => {
      const id = await repo.insertKit(tx, b);
      await audit(tx, ctx, { entity: 'supply_kit', action: 'create', entityId: id, after: b });
      return id;
    });
    return kitView(ctx, { id, ...b });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('SUPPLIES_ITEM_EXISTS', { name: b.name }, { name: 'taken' });
    throw e;
  }
}

export const getPolicy = (ctx: Ctx) => repo.policy(ctx.db);

export async function putPolicy(ctx: Ctx, b: z.infer<typeof policyBody>) {
  mustBeRoot(ctx.actor.scope, 'SUPPLIES_POLICY_ROOT');
  await ctx.db.tx(async (tx) => {
    const before = await repo.policy(tx);
    await repo.setPolicy(tx, b);
    await audit(tx, ctx, { entity: 'supply_policy', action: 'update', before, after: b });
  });
  return repo.policy(ctx.db);
}

// ——— stores ———
export const storeQr = (token: string) => `WGS:${token}`;

const toStore = (r: repo.StoreRow) => ({
  id: r.id,
  name: r.name,
  level: r.level,
  areaId: r.area_id,
  areaName: r.area_name,
  postId: r.post_id,
  siteId: r.site_id,
  qrText: storeQr(r.qr_token),
  items: r.items,
  lowItems: r.low_items,
});

async function underPathOf(ctx: Ctx, under?: number) {
  if (!under) return undefined;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area.path;
}

export async function listStores(ctx: Ctx, p: { under?: number }) {
  return { items: (await repo.listStores(ctx.db, ctx.actor.scope, await underPathOf(ctx, p.under))).map(toStore) };
}

export async function createStore(ctx: Ctx, b: z.infer<typeof storeBody>) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertStore(tx, {
      ...b,
      postId: b.postId ?? null,
      siteId: b.siteId ?? null,
      areaPath: area.path,
      qrToken: randomBytes(9).toString('base64url'),
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, { entity: 'supply_store', action: 'create', entityId: id, areaPath: area.path, after: b });
    return id;
  });
  return toStore((await repo.findStore(ctx.db, ctx.actor.scope, id))!);
}

async function stockOf(ctx: Ctx, p: { storeId?: number; underPath?: string }) {
  const pol = await repo.policy(ctx.db);
  const rows = await repo.stockLines(ctx.db, ctx.actor.scope, { ...p, since: addDays(ctx.today, -pol.useWindowDays) });
  const items = rows.map((r) => {
    const coverDays = daysOfCover(r.on_hand, r.used, pol.useWindowDays);
    return {
      storeId: r.store_id,
      storeName: r.store_name,
      itemId: r.item_id,
      itemName: r.item_name,
      category: r.category,
      unit: r.unit,
      packSize: r.pack_size,
      onHand: r.on_hand,
      usedInWindow: r.used,
      coverDays,
      low: isLow(r.on_hand, coverDays, pol.lowCoverDays),
      alertOpen: r.alert_open,
      nextExpiry: r.batches[0]?.expiresOn ?? null,
      batches: r.batches,
    };
  });
  return { items, pol };
}

export async function getStore(ctx: Ctx, id: number) {
  const store = await mustStore(ctx, id);
  const { items, pol } = await stockOf(ctx, { storeId: id });
  return { ...toStore(store), stock: items, ...pol };
}

export async function listStock(ctx: Ctx, p: { under?: number; lowOnly?: boolean }) {
  const { items } = await stockOf(ctx, { underPath: await underPathOf(ctx, p.under) });
  const shown = p.lowOnly ? items.filter((i) => i.low || i.alertOpen) : items;
  return { items: shown.sort((a, b) => Number(b.low) - Number(a.low)) };
}
