import { allocateFefo } from '../../../domain/supplies/fefo';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import type * as repo from './repo';
import type * as stock from './stock-repo';

/**
 * Takes `wanted` from a store's locked batches, earliest expiry first; refuses the whole movement (409) naming,
 * for every short item, what is there.
 */
export function takeFefo(ctx: Ctx, locked: stock.LockedBatch[], wanted: Map<number, number>, items: Map<number, repo.ItemRow>) {
  const changes: stock.LineChange[] = [];
  const short: string[] = [];
  for (const [itemId, qty] of [...wanted].sort((a, b) => a[0] - b[0])) {
    const mine = locked.filter((b) => b.itemId === itemId);
    const alloc = allocateFefo(mine, qty);
    if (!alloc) {
      const item = items.get(itemId)!;
      const available = mine.reduce((n, b) => n + b.qty, 0);
      short.push(
        ctx.lang === 'zh'
          ? `${item.name}现有 ${available}${item.unit}（申请 ${qty}${item.unit}）`
          : `${item.name}: ${available} ${item.unit} on hand (${qty} asked)`,
      );
      continue;
    }
    for (const a of alloc) changes.push({ batchId: a.batchId, itemId, qty: -a.qty });
  }
  if (short.length) throw conflict('SUPPLIES_SHORT', { what: short.join(ctx.lang === 'zh' ? '；' : '; ') });
  return changes;
}
