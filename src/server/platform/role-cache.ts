import type { Db } from '../db/engine';

/** Role → permissions, read from the roles table and kept for a few seconds (roles change rarely). */
const TTL_MS = 10_000;

export class RoleCache {
  private map: Map<string, string[]> | null = null;
  private loadedAt = 0;

  constructor(private readonly db: Db) {}

  async permissionsOf(roles: string[]): Promise<Set<string>> {
    if (!this.map || Date.now() - this.loadedAt > TTL_MS) {
      const rows = await this.db.query<{ code: string; permissions: string[] }>('SELECT code, permissions FROM roles');
      this.map = new Map(rows.map((r) => [r.code, r.permissions]));
      this.loadedAt = Date.now();
    }
    const out = new Set<string>();
    for (const r of roles) for (const p of this.map.get(r) ?? []) out.add(p);
    return out;
  }

  clear() {
    this.map = null;
  }
}
