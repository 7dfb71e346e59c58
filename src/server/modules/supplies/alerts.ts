import type { Queryable } from '../../db/engine';
import { addDays } from '../../../domain/policy/rules';
import { daysOfCover, isLow } from '../../../domain/supplies/fefo';
import { closeForSubject, createTasks } from '../tasks';
import { coverInputs, coverInputsMany } from './stock-repo';
import * as repo from './repo';

/**
 * Low-stock alerts. After an issue, a store × item whose days of cover fell under the policy's threshold gets
 * ONE alert (a partial unique index: one open alert per store × item) and one task in the inbox of the store's
 * area; later issues while it is open add nothing. A receipt that brings the cover back over the threshold
 * clears it and closes the task — so the next shortage raises a new one.
 */
export interface AlertStore {
  id: number;
  name: string;
  level: string;
  area_id: number;
  area_path: string;
}

/** Who is told: the command center for county and town stores, the village's cadres for the rest. */
const roleFor = (level: string) => (level === 'county' || level === 'town' ? 'command' : 'cadre');

export async function raiseLow(tx: Queryable, p: { store: AlertStore; itemIds: number[]; today: string }): Promise<number> {
  return raiseLowMany(tx, [p]);
}

/**
 * The same after a group-committed batch of issues over many stores: their covers read in one statement (one
 * round trip per batch, not two per store, while the batch holds its stock rows and the audit chain's lock).
 */
export async function raiseLowMany(tx: Queryable, stores: { store: AlertStore; itemIds: number[]; today: string }[]): Promise<number> {
  if (!stores.length) return 0;
  const pol = await repo.policy(tx);
  const pairs = stores.flatMap((s) => s.itemIds.map((itemId) => ({ storeId: s.store.id, itemId, since: addDays(s.today, -pol.useWindowDays) })));
  const low = (await coverInputsMany(tx, pairs))
    .map((r) => ({ storeId: r.store_id, itemId: r.item_id, onHand: r.on_hand, cover: daysOfCover(r.on_hand, r.used, pol.useWindowDays) }))
    .filter((c) => isLow(c.onHand, c.cover, pol.lowCoverDays));
  if (!low.length) return 0;
  const items = await repo.itemsByIds(tx, [...new Set(low.map((c) => c.itemId))]);
  const storeOf = new Map(stores.map((s) => [s.store.id, s.store]));
  let raised = 0;
  for (const c of low) {
    const store = storeOf.get(c.storeId)!;
    const [alert] = await tx.query<{ id: number }>(
      `INSERT INTO supply_alerts (store_id, item_id, area_path, cover_days) VALUES ($1, $2, $3, $4)
       ON CONFLICT (store_id, item_id) WHERE cleared_at IS NULL DO NOTHING RETURNING id`,
      [store.id, c.itemId, store.area_path, c.cover],
    );
    if (!alert) continue;
    raised++;
    const item = items.get(c.itemId)!;
    const params = { store: store.name, item: item.name, onHand: c.onHand, unit: item.unit, days: c.cover ?? 0 };
    const [taskId] = await createTasks(tx, [
      {
        type: 'supply_low',
        title: `物资库存不足：${params.store} 的 ${params.item} 现有 ${params.onHand}${params.unit}，约可用 ${params.days} 天`,
        titleKey: 'supplyLow',
        titleParams: params,
        subjectKind: 'supply_alert',
        subjectId: alert.id,
        areaId: store.area_id,
        areaPath: store.area_path,
        assigneeRole: roleFor(store.level),
        priority: 'high',
      },
    ]);
    await tx.query('UPDATE supply_alerts SET task_id = $2 WHERE id = $1', [alert.id, taskId]);
  }
  return raised;
}

/** After stock came in: open alerts whose item is no longer low are cleared and their tasks closed. */
export async function clearRestocked(tx: Queryable, p: { storeId: number; itemIds: number[]; today: string; by: number }) {
  const open = await tx.query<{ id: number; item_id: number }>(
    'SELECT id, item_id FROM supply_alerts WHERE store_id = $1 AND item_id = ANY($2::int[]) AND cleared_at IS NULL',
    [p.storeId, p.itemIds],
  );
  if (!open.length) return;
  const covers = await coversOf(
    tx,
    p.storeId,
    open.map((a) => a.item_id),
    p.today,
  );
  for (const a of open) {
    if (covers.find((c) => c.itemId === a.item_id)?.low) continue;
    await tx.query('UPDATE supply_alerts SET cleared_at = now() WHERE id = $1', [a.id]);
    await closeForSubject(tx, 'supply_alert', a.id, p.by);
  }
}

async function coversOf(tx: Queryable, storeId: number, itemIds: number[], today: string) {
  const pol = await repo.policy(tx);
  const rows = await coverInputs(tx, { storeId, itemIds, since: addDays(today, -pol.useWindowDays) });
  return rows.map((r) => {
    const cover = daysOfCover(r.on_hand, r.used, pol.useWindowDays);
    return { itemId: r.item_id, onHand: r.on_hand, cover, low: isLow(r.on_hand, cover, pol.lowCoverDays) };
  });
}
