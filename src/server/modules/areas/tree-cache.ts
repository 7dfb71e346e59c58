import type { Db } from '../../db/engine';
import type { AreaRow } from './repo';

/**
 * The area tree is read by nearly every request (the area switcher, pickers, scope checks of every
 * module) and changes rarely, so each process keeps the nodes and child lists it has read in memory.
 *
 * Freshness: a service that changes areas calls `invalidate()` right after its commit, so the same
 * process reads its own writes; a trigger on `areas` sends NOTIFY areas_changed after every commit,
 * from any process or a hand-run SQL session, and every process drops its copy; and nothing is kept
 * longer than MAX_AGE_MS in case a notification is lost. A read that started before an invalidation
 * never stores its (possibly stale) result.
 *
 * The cache holds rows; scope checks stay with the caller (`repo.findInScope` and friends).
 */
const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 100_000;

type Loader<T> = () => Promise<T>;

export class AreaTreeCache {
  private nodes = new Map<number, AreaRow | null>();
  private children = new Map<number, AreaRow[]>();
  private generation = 0;
  private bornAt = Date.now();

  invalidate() {
    this.generation++;
    this.nodes = new Map();
    this.children = new Map();
    this.bornAt = Date.now();
  }

  private fresh() {
    if (Date.now() - this.bornAt > MAX_AGE_MS || this.nodes.size + this.children.size > MAX_ENTRIES) this.invalidate();
  }

  async node(id: number, load: Loader<AreaRow | null>): Promise<AreaRow | null> {
    this.fresh();
    const hit = this.nodes.get(id);
    if (hit !== undefined) return hit;
    const gen = this.generation;
    const row = await load();
    if (gen === this.generation) this.nodes.set(id, row);
    return row;
  }

  async childrenOf(id: number, load: Loader<AreaRow[]>): Promise<AreaRow[]> {
    this.fresh();
    const hit = this.children.get(id);
    if (hit) return hit;
    const gen = this.generation;
    const rows = await load();
    if (gen === this.generation) {
      this.children.set(id, rows);
      for (const r of rows) if (!this.nodes.has(r.id)) this.nodes.set(r.id, r);
    }
    return rows;
  }
}

const caches = new WeakMap<Db, AreaTreeCache>();

/** The cache of one database handle, subscribed to its change notifications on first use. */
export function areaTree(db: Db): AreaTreeCache {
  let cache = caches.get(db);
  if (!cache) {
    const created = new AreaTreeCache();
    cache = created;
    caches.set(db, created);
    db.listen('areas_changed', () => created.invalidate()).catch(() => {
      /* without notifications the cache still expires after MAX_AGE_MS */
    });
  }
  return cache;
}
