import type { Db } from '../../db/engine';
import { groupCommit, perDatabase, retryDeadlock } from '../../platform/group-commit';
import { type BindItem, type BindOutcome, bindMany, lockTubes } from './repo';

/**
 * The desks' scans, group-committed (platform/group-commit.ts). At the peak every scan written alone paid its own
 * commit and its own turn on the audit chain's lock, held until that commit — about a thousand a second however
 * many desks waited. Here the scans waiting at one moment are written by one statement (repo/bindings.ts) with one
 * commit, each desk answered after it with its own outcome.
 *
 * A statement takes each tube and each client id once, so 第N人 is read under the tube's lock exactly as for one scan
 * alone. A batch is therefore split into layers: a tube's second scan in the batch (two desks on one tube, rare) goes
 * in the next statement of the same transaction, after the first; a client id sent again within the batch (a retry
 * racing its first send) is not written again but answered as a replay of the first once it has committed.
 */
export const bindWriter = perDatabase((db: Db) =>
  groupCommit<BindItem, BindOutcome>({
    maxItems: 200,
    maxWaitMs: 0,
    // One batch at a time: the batches queue on the audit chain's lock anyway, and two at once would each hold tubes
    // and task rows the other may wait for.
    concurrency: 1,
    writeMany: (items) => writeBatch(db, items),
    writeOne: (item) => retryDeadlock(() => bindMany(db, [item]).then(([o]) => o)),
  }),
);

async function writeBatch(db: Db, items: BindItem[]): Promise<BindOutcome[]> {
  const firstOfClient = new Map<string, number>();
  const layerOf: number[] = [];
  const perTube = new Map<number, number>();
  const layers: number[][] = [];
  items.forEach((it, i) => {
    if (firstOfClient.has(it.clientId)) {
      layerOf.push(-1);
      return;
    }
    firstOfClient.set(it.clientId, i);
    const layer = perTube.get(it.tubeId) ?? 0;
    perTube.set(it.tubeId, layer + 1);
    layerOf.push(layer);
    if (!layers[layer]) layers[layer] = [];
    layers[layer].push(i);
  });
  const out: BindOutcome[] = new Array(items.length);
  const write = async (q: Parameters<typeof bindMany>[0]) => {
    for (const layer of layers) {
      const got = await bindMany(
        q,
        layer.map((i) => items[i]),
      );
      layer.forEach((i, k) => {
        out[i] = got[k];
      });
    }
  };
  // One layer (the usual batch): its one statement is its own transaction, no BEGIN and COMMIT around it.
  if (layers.length === 1) await write(db);
  else
    await db.tx(async (tx) => {
      await lockTubes(tx, [...perTube.keys()]);
      await write(tx);
    });
  // A resend within the batch: what its first send met, with nothing of its own written — the desk answers it as a
  // replay of the first send's bindings (or with the same refusal).
  items.forEach((it, i) => {
    if (layerOf[i] === -1) out[i] = { ...out[firstOfClient.get(it.clientId)!], inserted: null, new_bound: null };
  });
  return out;
}
