import type { Db } from '../../db/engine';
import { auditRowsSql } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { groupCommit, perDatabase } from '../../platform/group-commit';
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
 */
export interface PendingIssue {
  ctx: Ctx;
  store: repo.StoreRef;
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
export type IssueOutcome = { id: number; lines: IssuedLine[] } | { resentClientId: string } | { error: Error };
export interface IssuedLine {
  batchId: number;
  itemId: number;
  qty: number;
  lot: string | null;
  expiresOn: string | null;
}

export async function writeIssues(db: Db, batch: PendingIssue[]): Promise<IssueOutcome[]> {
  return db.tx(async (tx) => {
    const pairs = [...new Set(batch.flatMap((p) => [...p.wanted.keys()].map((i) => `${p.store.id}:${i}`)))].map((k) => k.split(':').map(Number));
    const locked = await tx.query<stock.LockedBatch & { storeId: number; lot: string | null }>(
      `SELECT s.store_id AS "storeId", s.batch_id AS "batchId", s.item_id AS "itemId", to_char(s.expires_on, 'YYYY-MM-DD') AS "expiresOn", s.qty, b.lot
         FROM supply_stock s JOIN unnest($1::int[], $2::int[]) AS p(store_id, item_id) ON s.store_id = p.store_id AND s.item_id = p.item_id
         JOIN supply_batches b ON b.id = s.batch_id
        ORDER BY s.store_id, s.item_id, s.batch_id FOR UPDATE OF s`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const ids = batch.map((p) => p.clientId).filter((c): c is string => !!c);
    const seen = new Set(
      ids.length
        ? (await tx.query<{ c: string }>('SELECT client_id::text AS c FROM supply_movements WHERE client_id = ANY($1::uuid[])', [ids])).map((r) => r.c)
        : [],
    );
    const outcomes: IssueOutcome[] = [];
    const accepted: { p: PendingIssue; changes: stock.LineChange[]; n: number }[] = [];
    for (const p of batch) {
      if (p.clientId && seen.has(p.clientId)) {
        outcomes.push({ resentClientId: p.clientId });
        continue;
      }
      try {
        const changes = takeFefo(
          p.ctx,
          locked.filter((b) => b.storeId === p.store.id),
          p.wanted,
          p.items,
        );
        // What this issue took is gone for the ones after it.
        for (const c of changes) {
          const row = locked.find((b) => b.storeId === p.store.id && b.batchId === c.batchId)!;
          row.qty += c.qty;
        }
        if (p.clientId) seen.add(p.clientId);
        accepted.push({ p, changes, n: outcomes.length });
        outcomes.push({ id: 0, lines: [] });
      } catch (e) {
        outcomes.push({ error: e as Error });
      }
    }
    if (!accepted.length) return outcomes;
    const movementIds = (
      await tx.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('supply_movements', 'id'))::int AS id FROM generate_series(1, $1)`, [
        accepted.length,
      ])
    ).map((r) => r.id);
    accepted.forEach((a, i) => {
      const lines = a.changes.map((c) => {
        const b = locked.find((r) => r.storeId === a.p.store.id && r.batchId === c.batchId)!;
        return { batchId: c.batchId, itemId: c.itemId, qty: c.qty, lot: b.lot, expiresOn: b.expiresOn };
      });
      outcomes[a.n] = { id: movementIds[i], lines };
    });
    const col = <T>(f: (a: (typeof accepted)[number], i: number) => T) => accepted.map(f);
    await tx.query(
      `INSERT INTO supply_movements (id, kind, source, store_id, area_path, target_id, kit_id, kit_count, note, occurred_on, client_id, created_by)
       SELECT u.id, 'issue', u.source, u.store_id, u.area_path, u.target_id, u.kit_id, u.kit_count, u.note, u.day, u.client_id, u.by
         FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::date[], $10::uuid[], $11::int[])
           AS u(id, source, store_id, area_path, target_id, kit_id, kit_count, note, day, client_id, by)`,
      [
        movementIds,
        col((a) => a.p.target),
        col((a) => a.p.store.id),
        col((a) => a.p.store.area_path),
        col((a) => a.p.targetId),
        col((a) => a.p.kitId),
        col((a) => a.p.kitCount),
        col((a) => a.p.note),
        col((a) => a.p.day),
        col((a) => a.p.clientId),
        col((a) => a.p.ctx.actor.userId),
      ],
    );
    const lines = accepted.flatMap((a, i) =>
      a.changes.map((c) => ({ ...c, movementId: movementIds[i], storeId: a.p.store.id, areaPath: a.p.store.area_path })),
    );
    await tx.query(
      `INSERT INTO supply_movement_lines (movement_id, store_id, area_path, item_id, batch_id, qty)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[])`,
      [
        lines.map((l) => l.movementId),
        lines.map((l) => l.storeId),
        lines.map((l) => l.areaPath),
        lines.map((l) => l.itemId),
        lines.map((l) => l.batchId),
        lines.map((l) => l.qty),
      ],
    );
    await tx.query(
      `UPDATE supply_stock s SET qty = s.qty + c.qty
         FROM (SELECT store_id, batch_id, sum(qty)::int AS qty FROM unnest($1::int[], $2::int[], $3::int[]) AS u(store_id, batch_id, qty) GROUP BY 1, 2) c
        WHERE s.store_id = c.store_id AND s.batch_id = c.batch_id`,
      [lines.map((l) => l.storeId), lines.map((l) => l.batchId), lines.map((l) => l.qty)],
    );
    const uses = accepted.flatMap((a) => [...a.p.wanted].map(([itemId, qty]) => ({ store: a.p.store, itemId, qty, day: a.p.day })));
    await tx.query(
      `INSERT INTO supply_daily_use (store_id, item_id, day, area_path, qty)
       SELECT store_id, item_id, day, min(area_path), sum(qty)::int FROM unnest($1::int[], $2::int[], $3::date[], $4::text[], $5::int[]) AS u(store_id, item_id, day, area_path, qty)
        GROUP BY 1, 2, 3
       ON CONFLICT (store_id, item_id, day) DO UPDATE SET qty = supply_daily_use.qty + EXCLUDED.qty`,
      [uses.map((u) => u.store.id), uses.map((u) => u.itemId), uses.map((u) => u.day), uses.map((u) => u.store.area_path), uses.map((u) => u.qty)],
    );
    const byStore = new Map<number, { store: repo.StoreRef; itemIds: Set<number>; today: string }>();
    for (const a of accepted) {
      const s = byStore.get(a.p.store.id) ?? { store: a.p.store, itemIds: new Set<number>(), today: a.p.ctx.today };
      for (const i of a.p.wanted.keys()) s.itemIds.add(i);
      byStore.set(a.p.store.id, s);
    }
    await raiseLowMany(
      tx,
      [...byStore.values()].map((s) => ({ store: s.store, itemIds: [...s.itemIds].sort((x, y) => x - y), today: s.today })),
    );
    // The audit rows last, each its own request's: the chain's lock is held from here to the commit.
    const q = new SqlParams();
    const src = `unnest(${q.add(movementIds)}::int[], ${q.add(col((a) => a.p.store.area_path))}::text[], ${q.add(col((a) => a.p.store.id))}::int[],
      ${q.add(col((a) => a.p.target))}::text[], ${q.add(col((a) => a.p.targetId))}::int[], ${q.add(col((a) => a.p.kitId))}::int[],
      ${q.add(col((a) => JSON.stringify(a.changes)))}::text[], ${q.add(col((a) => a.p.ctx.actor.userId))}::int[], ${q.add(col((a) => a.p.ctx.actor.username))}::text[],
      ${q.add(col((a) => a.p.ctx.requestId))}::text[], ${q.add(col((a) => a.p.ctx.clientIp))}::text[])
      AS s(id, area_path, store_id, target, target_id, kit_id, lines, actor_id, actor_name, request_id, client_ip)`;
    await tx.query(
      auditRowsSql(
        q,
        { columns: { actorId: 's.actor_id', actorName: 's.actor_name', requestId: 's.request_id', clientIp: 's.client_ip' } },
        {
          entity: 'supply_movement',
          action: 'issue',
          from: src,
          entityId: 's.id',
          areaPath: 's.area_path',
          after: { storeId: 's.store_id', target: 's.target', targetId: 's.target_id', kitId: 's.kit_id', lines: 's.lines::jsonb' },
        },
      ),
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
