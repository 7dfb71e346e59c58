import type { z } from 'zod';
import type { Queryable } from '../../db/engine';
import type { countBody, issueBody, ReceiptLine, receiptBody, transferBody } from '../../../domain/supplies/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, isUniqueViolation, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { clearRestocked, raiseLow } from './alerts';
import { movementById } from './movement-view';
import * as repo from './repo';
import { issueWriter } from './issue-writer';
import * as stock from './stock-repo';
import { takeFefo } from './take';

/**
 * Movements (收发存): each one audited transaction. Issues and transfers lock the rows they take from in one
 * stable order (stock-repo `lockStock`), take earliest expiry first and refuse — with what is there — an amount
 * the store does not hold, so stock never goes negative, also when many phones issue at once. A movement sent
 * again with its client id is answered from the first record.
 */
export async function mustStore(ctx: Ctx, id: number) {
  const s = await repo.findStore(ctx.db, ctx.actor.scope, id);
  if (!s) throw notFound();
  return s;
}

/** A resend: the movement already recorded under this client id (reported missing when outside the caller's reach). */
class Resent extends Error {}

async function written(ctx: Ctx, clientId: string | undefined, write: (tx: Queryable) => Promise<number>) {
  if (clientId) {
    const dup = await resent(ctx, clientId);
    if (dup) return dup;
  }
  try {
    const id = await ctx.db.tx(write);
    return { movement: (await movementById(ctx.db, ctx.actor.scope, id))!, duplicate: false };
  } catch (e) {
    if (clientId && (e instanceof Resent || isUniqueViolation(e))) {
      const dup = await resent(ctx, clientId);
      if (dup) return dup;
    }
    throw e;
  }
}

async function resent(ctx: Ctx, clientId: string) {
  const m = await stock.movementIdOfClient(ctx.db, clientId);
  if (!m) return null;
  const view = await movementById(ctx.db, ctx.actor.scope, m.id);
  if (!view) throw notFound();
  return { movement: view, duplicate: true };
}

async function claim(tx: Queryable, m: stock.NewMovement): Promise<number> {
  const id = await stock.insertMovement(tx, m);
  if (id === null) throw new Resent();
  return id;
}

/** Every line's item must be in the catalogue; answers the items by id. */
async function itemsOf(db: Queryable, lines: { itemId: number }[]) {
  const items = await repo.itemsByIds(db, [...new Set(lines.map((l) => l.itemId))]);
  const fields: Record<string, string> = {};
  lines.forEach((l, i) => {
    if (!items.has(l.itemId)) fields[`lines.${i}.itemId`] = 'not_found';
  });
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
  return items;
}

/** An expiry before the day the goods come in cannot be right. */
function checkExpiries(lines: ReceiptLine[], receivedOn: string) {
  const fields: Record<string, string> = {};
  lines.forEach((l, i) => {
    if (l.expiresOn && l.expiresOn < receivedOn) fields[`lines.${i}.expiresOn`] = 'before_receipt';
  });
  if (Object.keys(fields).length) throw badRequest('SUPPLIES_EXPIRY', { receivedOn }, fields);
}

type Store = Awaited<ReturnType<typeof mustStore>>;

/** Receipt lines into a store, one new batch each, in the caller's transaction (a donation's goods come this way too). */
export async function receiveInTx(
  tx: Queryable,
  ctx: Ctx,
  store: Store,
  p: { source: string; occurredOn: string; note?: string | null; clientId?: string; donationId?: number | null; lines: ReceiptLine[] },
): Promise<number> {
  const id = await claim(tx, {
    kind: 'receipt',
    source: p.source,
    storeId: store.id,
    areaPath: store.area_path,
    donationId: p.donationId ?? null,
    note: p.note,
    occurredOn: p.occurredOn,
    clientId: p.clientId,
    by: ctx.actor.userId,
  });
  const batches = await stock.insertBatches(tx, {
    movementId: id,
    donationId: p.donationId ?? null,
    receivedOn: p.occurredOn,
    areaPath: store.area_path,
    lines: p.lines,
  });
  const changes = p.lines.map((l, i) => ({ batchId: batches[i], itemId: l.itemId, qty: l.qty }));
  await stock.applyLines(tx, { movementId: id, storeId: store.id, areaPath: store.area_path, changes });
  await clearRestocked(tx, { storeId: store.id, itemIds: [...new Set(p.lines.map((l) => l.itemId))], today: ctx.today, by: ctx.actor.userId });
  await audit(tx, ctx, {
    entity: 'supply_movement',
    action: 'receipt',
    entityId: id,
    areaPath: store.area_path,
    after: { storeId: store.id, source: p.source, donationId: p.donationId ?? null, lines: changes },
  });
  return id;
}

export async function receive(ctx: Ctx, storeId: number, b: z.infer<typeof receiptBody>) {
  const store = await mustStore(ctx, storeId);
  await itemsOf(ctx.db, b.lines);
  checkExpiries(b.lines, b.occurredOn);
  return written(ctx, b.clientId, (tx) => receiveInTx(tx, ctx, store, b));
}

/** Sums the lines per item (a kit's lines × its count included). */
async function wantedOf(ctx: Ctx, b: { lines: { itemId: number; qty: number }[]; kitId?: number | null; kitCount?: number | null }) {
  const lines = [...b.lines];
  if (b.kitId) {
    const kit = await repo.findKit(ctx.db, b.kitId);
    if (!kit) throw badRequest('VALIDATION_FAILED', {}, { kitId: 'not_found' });
    for (const l of kit.lines) lines.push({ itemId: l.itemId, qty: l.qty * (b.kitCount ?? 1) });
  }
  const items = await itemsOf(ctx.db, lines);
  const wanted = new Map<number, number>();
  for (const l of lines) wanted.set(l.itemId, (wanted.get(l.itemId) ?? 0) + l.qty);
  return { wanted, items };
}

/**
 * An issue: the store (in the caller's scope) and a resend of the same client id are checked inside the writer's
 * batch (issue-writer.ts), so the request itself makes no round trip before it joins the batch.
 */
export async function issue(ctx: Ctx, storeId: number, b: z.infer<typeof issueBody>) {
  const { wanted, items } = await wantedOf(ctx, b);
  const pending = {
    ctx,
    storeId,
    target: b.target,
    targetId: b.targetId ?? null,
    kitId: b.kitId ?? null,
    kitCount: b.kitId ? (b.kitCount ?? 1) : null,
    note: b.note ?? null,
    day: b.occurredOn ?? ctx.today,
    clientId: b.clientId ?? null,
    wanted,
    items,
  };
  let out: Awaited<ReturnType<ReturnType<typeof issueWriter>['write']>>;
  try {
    out = await issueWriter(ctx.db).write(pending);
  } catch (e) {
    // Another request with the same client id committed first: answer from its record.
    if (b.clientId && isUniqueViolation(e)) out = { resentClientId: b.clientId };
    else throw e;
  }
  if ('error' in out) throw out.error;
  if ('resentClientId' in out) {
    const dup = await resent(ctx, out.resentClientId);
    if (dup) return dup;
    throw notFound();
  }
  // Answered from what was written, not read back: at the peak every round trip counts.
  const movement = {
    id: out.id,
    kind: 'issue' as const,
    source: b.target,
    storeId: out.store.id,
    storeName: out.store.name,
    toStoreId: null,
    toStoreName: null,
    targetId: pending.targetId,
    kitId: pending.kitId,
    kitCount: pending.kitCount,
    donationId: null,
    reason: null,
    note: pending.note,
    occurredOn: pending.day,
    createdAt: new Date(),
    createdByName: ctx.actor.displayName,
    lines: out.lines.map((l) => ({ ...l, storeId: out.store.id, itemName: items.get(l.itemId)!.name, unit: items.get(l.itemId)!.unit })),
  };
  return { movement, duplicate: false };
}

export async function transfer(ctx: Ctx, storeId: number, b: z.infer<typeof transferBody>) {
  const from = await mustStore(ctx, storeId);
  if (b.toStoreId === from.id) throw badRequest('VALIDATION_FAILED', {}, { toStoreId: 'same_store' });
  // Both ends in the caller's reach: a store outside it is reported like a missing one.
  const to = await repo.findStore(ctx.db, ctx.actor.scope, b.toStoreId);
  if (!to || !pathInScope(ctx.actor.scope, to.area_path)) throw badRequest('SUPPLIES_STORE_OUT_OF_REACH', {}, { toStoreId: 'not_found' });
  const { wanted, items } = await wantedOf(ctx, { lines: b.lines });
  const itemIds = [...wanted.keys()].sort((x, y) => x - y);
  const day = b.occurredOn ?? ctx.today;
  return written(ctx, b.clientId, async (tx) => {
    // Both stores' rows, in the one global order: two transfers in opposite directions cannot deadlock.
    const locked = await stock.lockStock(
      tx,
      [from.id, to.id].sort((x, y) => x - y),
      itemIds,
    );
    const changes = takeFefo(
      ctx,
      locked.filter((r) => r.storeId === from.id),
      wanted,
      items,
    );
    const id = await claim(tx, {
      kind: 'transfer',
      source: null,
      storeId: from.id,
      areaPath: from.area_path,
      toStoreId: to.id,
      toAreaPath: to.area_path,
      note: b.note,
      occurredOn: day,
      clientId: b.clientId,
      by: ctx.actor.userId,
    });
    await stock.applyLines(tx, { movementId: id, storeId: from.id, areaPath: from.area_path, changes });
    const incoming = changes.map((c) => ({ ...c, qty: -c.qty }));
    await stock.applyLines(tx, { movementId: id, storeId: to.id, areaPath: to.area_path, changes: incoming });
    await raiseLow(tx, { store: from, itemIds, today: ctx.today });
    await clearRestocked(tx, { storeId: to.id, itemIds, today: ctx.today, by: ctx.actor.userId });
    await audit(tx, ctx, {
      entity: 'supply_movement',
      action: 'transfer',
      entityId: id,
      areaPath: from.area_path,
      after: { storeId: from.id, toStoreId: to.id, lines: changes },
    });
    return id;
  });
}

export async function count(ctx: Ctx, storeId: number, b: z.infer<typeof countBody>) {
  const store = await mustStore(ctx, storeId);
  const held = await ctx.db.query<{ batch_id: number; item_id: number }>(
    'SELECT batch_id, item_id FROM supply_stock WHERE store_id = $1 AND batch_id = ANY($2::int[])',
    [store.id, b.lines.map((l) => l.batchId)],
  );
  const itemOf = new Map(held.map((h) => [h.batch_id, h.item_id]));
  const fields: Record<string, string> = {};
  b.lines.forEach((l, i) => {
    if (!itemOf.has(l.batchId)) fields[`lines.${i}.batchId`] = 'not_found';
  });
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
  const itemIds = [...new Set(itemOf.values())].sort((x, y) => x - y);
  return written(ctx, b.clientId, async (tx) => {
    const locked = await stock.lockStock(tx, [store.id], itemIds);
    const changes: stock.LineChange[] = [];
    for (const l of b.lines) {
      const now = locked.find((r) => r.batchId === l.batchId)?.qty ?? 0;
      if (l.counted !== now) changes.push({ batchId: l.batchId, itemId: itemOf.get(l.batchId)!, qty: l.counted - now });
    }
    const id = await claim(tx, {
      kind: 'count',
      source: null,
      storeId: store.id,
      areaPath: store.area_path,
      reason: b.reason,
      occurredOn: b.occurredOn ?? ctx.today,
      clientId: b.clientId,
      by: ctx.actor.userId,
    });
    await stock.applyLines(tx, { movementId: id, storeId: store.id, areaPath: store.area_path, changes });
    await audit(tx, ctx, {
      entity: 'supply_movement',
      action: 'count',
      entityId: id,
      areaPath: store.area_path,
      after: { storeId: store.id, reason: b.reason, variance: changes },
    });
    return id;
  });
}
