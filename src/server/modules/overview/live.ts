import type { Db } from '../../db/engine';

/**
 * Tells open overview screens that figures changed. The database notifies `figures_changed` after any commit
 * that wrote a table the overview reads (migration 0022) — from this server, another server process or a
 * hand-run SQL session alike. Bursts (a desk closing tubes, a sweep writing tasks) are folded into one
 * signal per `gapMs`, so a wall screen reads again at most that often, however busy the field is.
 */
export class FigureChanges {
  private readonly subscribers = new Set<() => void>();
  private listening: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly gapMs = 500,
  ) {}

  /** Calls `onChange` after each (folded) change until the returned function is called. */
  async subscribe(onChange: () => void): Promise<() => void> {
    this.listening ??= this.db.listen('figures_changed', () => this.changed());
    await this.listening;
    this.subscribers.add(onChange);
    return () => this.subscribers.delete(onChange);
  }

  private changed() {
    if (this.timer || !this.subscribers.size) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const f of this.subscribers) f();
    }, this.gapMs);
  }

  close() {
    if (this.timer) clearTimeout(this.timer);
    this.subscribers.clear();
  }
}
