import type { Queryable } from '../../../db/engine';
import { areasAs } from '../../areas/sql';

/**
 * Turns the text of a sheet's area column into an area under the import's own area: a 12-digit
 * division code, a name ('东关村'), or a name with its parent ('城关镇/东关村') when a name repeats.
 * The subtree is read once per job; a county has a few thousand areas.
 */
export interface ImportArea {
  id: number;
  path: string;
  name: string;
}

export type AreaLookup = { area: ImportArea } | { problem: 'not_found' | 'ambiguous' };

interface Node extends ImportArea {
  parentName: string | null;
  code: string | null;
}

export class AreaResolver {
  private byCode = new Map<string, Node>();
  private byName = new Map<string, Node[]>();
  private memo = new Map<string, AreaLookup>();

  private constructor(readonly root: ImportArea) {}

  static async load(db: Queryable, root: ImportArea): Promise<AreaResolver> {
    const r = new AreaResolver(root);
    const rows = await db.query<{ id: number; path: string; name: string; division_code: string | null; parent_name: string | null }>(
      `SELECT a.id, a.path, a.name, a.division_code, p.name AS parent_name
         FROM ${areasAs('a')} LEFT JOIN ${areasAs('p')} ON p.id = a.parent_id
        WHERE a.path LIKE $1 AND NOT a.archived`,
      [root.path + '%'],
    );
    for (const row of rows) {
      const node: Node = { id: row.id, path: row.path, name: row.name, parentName: row.parent_name, code: row.division_code };
      if (node.code) r.byCode.set(node.code, node);
      const list = r.byName.get(node.name) ?? [];
      list.push(node);
      r.byName.set(node.name, list);
    }
    return r;
  }

  resolve(text: string | null): AreaLookup {
    if (!text) return { area: this.root };
    let hit = this.memo.get(text);
    if (!hit) {
      hit = this.lookup(text.trim());
      this.memo.set(text, hit);
    }
    return hit;
  }

  private lookup(text: string): AreaLookup {
    if (/^\d{12}$/.test(text)) {
      const n = this.byCode.get(text);
      return n ? { area: n } : { problem: 'not_found' };
    }
    const parts = text.split(/\s*[/／>＞\\]\s*/).filter(Boolean);
    const name = parts[parts.length - 1] ?? '';
    const parent = parts.length > 1 ? parts[parts.length - 2] : null;
    const found = (this.byName.get(name) ?? []).filter((n) => !parent || n.parentName === parent);
    if (found.length === 1) return { area: found[0] };
    return { problem: found.length ? 'ambiguous' : 'not_found' };
  }
}
