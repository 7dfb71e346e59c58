import type { Db } from '../../db/engine';

/**
 * Tells open overview screens that figures changed. The database notifies `figures_changed` after any commit
 * that wrote a table the overview reads (migration 0022) — from this server, another server process or a
 * hand-run SQL session alike. The first change is signalled at once (a fever recorded reaches the screens without
 * waiting out a pause); what follows within `gapMs` — a desk closing tubes, a sweep writing tasks — is folded into
 * one more signal at the end of that pause, so a wall screen reads again at most once per `gapMs`, however busy
 * the field is, and never misses the last change.
 */
export class FigureChanges {
  private readonly subscribers = new Set<() => void>();
  private listening: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** A change came during the pause: one more signal at its end. */
  private dirty = false;

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
    if (!this.subscribers.size) return;
    if (this.timer) {
      this.dirty = true;
      return;
    }
    this.signal();
  }

  /** Tells every screen now, then holds further signals for `gapMs`. */
  private signal() {
    for (const f of this.subscribers) f();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.dirty) return;
      this.dirty = false;
      this.signal();
    }, this.gapMs);
  }

  close() {
    if (this.timer) clearTimeout(this.timer);
    this.subscribers.clear();
  }
}
