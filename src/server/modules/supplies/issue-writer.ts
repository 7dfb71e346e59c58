import { nextIdSql } from '../../db/next-id';
import type { Db } from '../../db/engine';
import { auditRowsSql, actorColumnsOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { groupCommit, perDatabase } from '../../platform/group-commit';
import { pathInScope } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { raiseLowMany } from './alerts';
import type * as repo from './repo';
import type * as stock from './stock-repo';
import { takeFefo } from './take';

/**
 * Issues, group-committed (platform/group-commit.ts). Every audited commit takes its turn on the audit chain's
 * lock until its disk flush is done, so one transaction per issue caps a busy county at a few dozen issues a
 * second. Here the issues arriving together are written in ONE transaction: all the store × item rows they touch
 * are locked first in the one global order (store, item, batch — the order single movements use too, so no
 * deadlock), each issue takes earliest expiry first from what the ones before it left, in arrival order, and one
 * that does not fit is refused with what is there — exactly as if they had come one by one.
 *
 * The request itself reads nothing (the catalogue is cached): the stores of the whole batch are read in its
 * transaction, each checked against its own caller's scope (a store outside it is 404), and a client id already
 * recorded is answered as a resend. At the peak every round trip a request saves is one socket write less.
 */
export interface PendingIssue {
  ctx: Ctx;
  storeId: number;
  target: string;
  targetId: number | null;
  kitId: number | null;
  kitCount: number | null;
  note: string | null;
  day: string;
  clientId: string | null;
  wanted: Map<number, number>;
  items: Map<number, repo.ItemRow>;
}

/** The movement written (or the earlier one of a resent client id), or the refusal to throw in the caller. */
export type IssueOutcome = { id: number; store: repo.StoreRef; lines: IssuedLine[] } | { resentClientId: string } | { error: Error };
export interface IssuedLine {
  batchId: number;
  itemId: number;
  qty: number;
  lot: string | null;
  expiresOn: string | null;
}

export async function writeIssues(db: Db, batch: PendingIssue[]): Promise<IssueOutcome[]> {
  return db.tx(async (tx) => {
    // The batch's stores and the client ids already recorded, in one round trip.
    const ids = batch.map((p) => p.clientId).filter((c): c is string => !!c);
    const [found] = await tx.query<{ stores: repo.StoreRef[] | null; seen: string[] | null }>(
      `SELECT (SELECT json_agg(json_build_object('id', id, 'name', name, 'level', level, 'area_id', area_id, 'area_path', area_path))
                 FROM supply_stores WHERE id = ANY($1::int[])) AS stores,
              (SELECT array_agg(client_id::text) FROM supply_movements WHERE client_id = ANY($2::uuid[])) AS seen`,
      [[...new Set(batch.map((p) => p.storeId))], ids],
    );
    const stores = new Map((found.stores ?? []).map((s) => [s.id, s]));
    const seen = new Set(found.seen ?? []);
    const storeOf = (p: PendingIssue) => {
      const s = stores.get(p.storeId);
      return s && pathInScope(p.ctx.actor.scope, s.area_path) ? s : null;
    };
    const pairs = [...new Set(batch.filter(storeOf).flatMap((p) => [...p.wanted.keys()].map((i) => `${p.storeId}:${i}`)))].map((k) => k.split(':').map(Number));
    const locked = await tx.query<stock.LockedBatch & { storeId: number; lot: string | null }>(
      `SELECT s.store_id AS "storeId", s.batch_id AS "batchId", s.item_id AS "itemId", to_char(s.expires_on, 'YYYY-MM-DD') AS "expiresOn", s.qty, b.lot
         FROM supply_stock s JOIN unnest($1::int[], $2::int[]) AS p(store_id, item_id) ON s.store_id = p.store_id AND s.item_id = p.item_id
         JOIN supply_batches b ON b.id = s.batch_id
        ORDER BY s.store_id, s.item_id, s.batch_id FOR UPDATE OF s`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const outcomes: IssueOutcome[] = [];
    const accepted: { p: PendingIssue; store: repo.StoreRef; changes: stock.LineChange[]; n: number }[] = [];
    for (const p of batch) {
      const store = storeOf(p);
      if (!store) {
        outcomes.push({ error: notFound() });
        continue;
      }
      if (p.clientId && seen.has(p.clientId)) {
        outcomes.push({ resentClientId: p.clientId });
        continue;
      }
      try {
        const changes = takeFefo(
          p.ctx,
          locked.filter((b) => b.storeId === store.id),
          p.wanted,
          p.items,
        );
        // What this issue took is gone for the ones after it.
        for (const c of changes) {
          const row = locked.find((b) => b.storeId === store.id && b.batchId === c.batchId)!;
          row.qty += c.qty;
        }
        if (p.clientId) seen.add(p.clientId);
        accepted.push({ p, store, changes, n: outcomes.length });
        outcomes.push({ id: 0, store, lines: [] });
      } catch (e) {
        outcomes.push({ error: e as Error });
      }
    }
    if (!accepted.length) return outcomes;
    const movementIds = (
      await tx.query<{ id: number }>(`SELECT ${nextIdSql('supply_movements')}::int AS id FROM generate_series(1, $1)`, [accepted.length])
    ).map((r) => r.id);
    accepted.forEach((a, i) => {
      const lines = a.changes.map((c) => {
        const b = locked.find((r) => r.storeId === a.store.id && r.batchId === c.batchId)!;
        return { batchId: c.batchId, itemId: c.itemId, qty: c.qty, lot: b.lot, expiresOn: b.expiresOn };
      });
      outcomes[a.n] = { id: movementIds[i], store: a.store, lines };
    });
    const col = <T>(f: (a: (typeof accepted)[number], i: number) => T) => accepted.map(f);
    const lines = accepted.flatMap((a, i) => a.changes.map((c) => ({ ...c, movementId: movementIds[i], storeId: a.store.id, areaPath: a.store.area_path })));
    const uses = accepted.flatMap((a) => [...a.p.wanted].map(([itemId, qty]) => ({ store: a.store, itemId, qty, day: a.p.day })));
    // The movements, their lines, the stock and the day's use in ONE statement (data-modifying CTEs): each
    // statement of a batch is a round trip and a socket write at the peak. The lines' foreign key to their
    // movement is checked at the end of the statement, when both are in.
    const w = new SqlParams();
    await tx.query(
      `WITH movements AS (
         INSERT INTO supply_movements (id, kind, source, store_id, area_path, target_id, kit_id, kit_count, note, occurred_on, client_id, created_by)
         SELECT u.id, 'issue', u.source, u.store_id, u.area_path, u.target_id, u.kit_id, u.kit_count, u.note, u.day, u.client_id, u.by
           FROM unnest(${w.add(movementIds)}::int[], ${w.add(col((a) => a.p.target))}::text[], ${w.add(col((a) => a.store.id))}::int[],
                       ${w.add(col((a) => a.store.area_path))}::text[], ${w.add(col((a) => a.p.targetId))}::int[], ${w.add(col((a) => a.p.kitId))}::int[],
                       ${w.add(col((a) => a.p.kitCount))}::int[], ${w.add(col((a) => a.p.note))}::text[], ${w.add(col((a) => a.p.day))}::date[],
                       ${w.add(col((a) => a.p.clientId))}::uuid[], ${w.add(col((a) => a.p.ctx.actor.userId))}::int[])
             AS u(id, source, store_id, area_path, target_id, kit_id, kit_count, note, day, client_id, by)
         RETURNING 1
       ), movement_lines AS (
         INSERT INTO supply_movement_lines (movement_id, store_id, area_path, item_id, batch_id, qty)
         SELECT * FROM unnest(${w.add(lines.map((l) => l.movementId))}::int[], ${w.add(lines.map((l) => l.storeId))}::int[],
                              ${w.add(lines.map((l) => l.areaPath))}::text[], ${w.add(lines.map((l) => l.itemId))}::int[],
                              ${w.add(lines.map((l) => l.batchId))}::int[], ${w.add(lines.map((l) => l.qty))}::int[])
         RETURNING 1
       ), stock AS (
         UPDATE supply_stock s SET qty = s.qty + c.qty
           FROM (SELECT store_id, batch_id, sum(qty)::int AS qty
                   FROM unnest(${w.add(lines.map((l) => l.storeId))}::int[], ${w.add(lines.map((l) => l.batchId))}::int[], ${w.add(lines.map((l) => l.qty))}::int[])
                     AS u(store_id, batch_id, qty) GROUP BY 1, 2) c
          WHERE s.store_id = c.store_id AND s.batch_id = c.batch_id
         RETURNING 1
       ), daily_use AS (
         INSERT INTO supply_daily_use (store_id, item_id, day, area_path, qty)
         SELECT store_id, item_id, day, min(area_path), sum(qty)::int
           FROM unnest(${w.add(uses.map((u) => u.store.id))}::int[], ${w.add(uses.map((u) => u.itemId))}::int[], ${w.add(uses.map((u) => u.day))}::date[],
                       ${w.add(uses.map((u) => u.store.area_path))}::text[], ${w.add(uses.map((u) => u.qty))}::int[]) AS u(store_id, item_id, day, area_path, qty)
          GROUP BY 1, 2, 3
         ON CONFLICT (store_id, item_id, day) DO UPDATE SET qty = supply_daily_use.qty + EXCLUDED.qty
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM movements) + (SELECT count(*) FROM movement_lines) + (SELECT count(*) FROM stock) + (SELECT count(*) FROM daily_use) AS n`,
      w.values,
    );
    const byStore = new Map<number, { store: repo.StoreRef; itemIds: Set<number>; today: string }>();
    for (const a of accepted) {
      const s = byStore.get(a.store.id) ?? { store: a.store, itemIds: new Set<number>(), today: a.p.ctx.today };
      for (const i of a.p.wanted.keys()) s.itemIds.add(i);
      byStore.set(a.store.id, s);
    }
    await raiseLowMany(
      tx,
      [...byStore.values()].map((s) => ({ store: s.store, itemIds: [...s.itemIds].sort((x, y) => x - y), today: s.today })),
    );
    // The audit rows last, each its own request's: the chain's lock is held from here to the commit.
    const q = new SqlParams();
    const src = `unnest(${q.add(movementIds)}::int[], ${q.add(col((a) => a.store.area_path))}::text[], ${q.add(col((a) => a.store.id))}::int[],
      ${q.add(col((a) => a.p.target))}::text[], ${q.add(col((a) => a.p.targetId))}::int[], ${q.add(col((a) => a.p.kitId))}::int[],
      ${q.add(col((a) => JSON.stringify(a.changes)))}::text[], ${q.add(col((a) => a.p.ctx.actor.userId))}::int[], ${q.add(col((a) => a.p.ctx.actor.username))}::text[],
      ${q.add(col((a) => a.p.ctx.requestId))}::text[], ${q.add(col((a) => a.p.ctx.clientIp))}::text[])
      AS s(id, area_path, store_id, target, target_id, kit_id, lines, actor_id, actor_name, request_id, client_ip)`;
    await tx.query(
      auditRowsSql(q, actorColumnsOf('s'), {
        entity: 'supply_movement',
        action: 'issue',
        from: src,
        entityId: 's.id',
        areaPath: 's.area_path',
        after: { storeId: 's.store_id', target: 's.target', targetId: 's.target_id', kitId: 's.kit_id', lines: 's.lines::jsonb' },
      }),
      q.values,
    );
    return outcomes;
  });
}

/**
 * One writer per database: up to 100 issues in one transaction, two transactions in flight (each holds a pooled
 * connection; the rest of the pool stays free for everyone else). A batch that fails (a client id racing in
 * another batch) is written again issue by issue, each a batch of one.
 */
export const issueWriter = perDatabase((db: Db) =>
  groupCommit<PendingIssue, IssueOutcome>({
    maxItems: 100,
    maxWaitMs: 0,
    concurrency: 2,
    writeMany: (items) => writeIssues(db, items),
    writeOne: async (item) => (await writeIssues(db, [item]))[0],
  }),
);
