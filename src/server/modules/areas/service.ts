import { AREA_KIND_NAMES, type AreaKind, canContain, kindOfDivision, shortDivisionName } from '../../../domain/areas/kinds';
import type { CreateAreaInput, UpdateAreaInput } from '../../../domain/areas/api';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { DomainError, conflict, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import { pinyinKeys } from '../../platform/pinyin';
import { pathInScope } from '../../platform/scope';
import * as catalog from '../divisions';
import * as repo from './repo';
import { type Area, type AreaRow, toArea } from './repo';
import * as tree from './tree';
import type { Queryable } from '../../db/engine';

/** Rules of the area tree. Every change is audited in its own transaction. */

async function mustFind(ctx: Ctx, id: number): Promise<AreaRow> {
  const row = await tree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!row) throw notFound();
  return row;
}

/** Runs a change to the tree in one transaction, then drops this process's cached tree. */
async function changeTree<T>(ctx: Ctx, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.tx(fn);
  } finally {
    tree.areasChanged(ctx.db);
  }
}

function kindOrder(parent: AreaKind, child: AreaKind, lang: Ctx['lang']) {
  if (!canContain(parent, child)) {
    throw ruleViolation('AREA_KIND_ORDER', { parent: AREA_KIND_NAMES[parent][lang], child: AREA_KIND_NAMES[child][lang] }, { kind: 'invalid_value' });
  }
}

async function divisionCodeFree(ctx: Ctx, code: string | null | undefined, exceptId = 0) {
  if (!code) return;
  const existing = await repo.findByDivisionCodeUnscoped(ctx.db, code);
  if (existing && existing.id !== exceptId) {
    const visible = pathInScope(ctx.actor.scope, existing.path);
    throw conflict('DIVISION_CODE_TAKEN', { code, name: visible ? existing.name : '—' }, { divisionCode: 'taken' });
  }
}

export async function get(ctx: Ctx, id: number): Promise<Area> {
  return toArea(await mustFind(ctx, id));
}

export async function children(ctx: Ctx, id: number, includeArchived: boolean): Promise<Area[]> {
  await mustFind(ctx, id);
  return (await tree.childrenInScope(ctx.db, ctx.actor.scope, id, includeArchived)).map(toArea);
}

export async function ancestors(ctx: Ctx, id: number): Promise<Area[]> {
  const area = await mustFind(ctx, id);
  return (await tree.ancestorsInScope(ctx.db, ctx.actor.scope, area.path)).map(toArea);
}

export async function search(ctx: Ctx, p: { q?: string; under?: number; kind?: AreaKind; includeArchived?: boolean; page: number; pageSize: number }) {
  const under = p.under ? (await mustFind(ctx, p.under)).path : ctx.actor.scope.path;
  const { rows, total } = await repo.search(ctx.db, ctx.actor.scope, { ...p, underPath: under });
  return { items: rows.map(toArea), total };
}

export async function create(ctx: Ctx, input: CreateAreaInput): Promise<Area> {
  const parent = await mustFind(ctx, input.parentId);
  if (parent.archived) throw ruleViolation('AREA_ARCHIVED', {}, { parentId: 'invalid_value' });
  kindOrder(parent.kind, input.kind, ctx.lang);
  await divisionCodeFree(ctx, input.divisionCode);
  return changeTree(ctx, async (tx) => {
    if (await repo.siblingNamed(tx, parent.id, input.name)) {
      throw conflict('AREA_NAME_TAKEN', { name: input.name }, { name: 'taken' });
    }
    const py = pinyinKeys(input.name);
    const [row] = await insertOrConflict(() =>
      repo.insertMany(tx, [
        { parent, name: input.name, kind: input.kind, divisionCode: input.divisionCode ?? null, pinyin: py.full, pinyinInitials: py.initials },
      ]),
    );
    const area = toArea(row);
    await audit(tx, ctx, { action: 'create', entity: 'area', entityId: area.id, areaPath: area.path, after: area });
    return area;
  });
}

export async function update(ctx: Ctx, id: number, input: UpdateAreaInput): Promise<Area> {
  const before = await mustFind(ctx, id);
  if (before.archived) throw ruleViolation('AREA_ARCHIVED');
  const next = {
    name: input.name ?? before.name,
    kind: input.kind ?? before.kind,
    divisionCode: input.divisionCode === undefined ? before.division_code : input.divisionCode,
  };
  if (next.kind !== before.kind) {
    const parent = before.parent_id ? await tree.findInScope(ctx.db, ctx.actor.scope, before.parent_id) : null;
    if (parent) kindOrder(parent.kind, next.kind, ctx.lang);
    for (const k of await repo.childKinds(ctx.db, id)) kindOrder(next.kind, k, ctx.lang);
  }
  if (next.divisionCode !== before.division_code) await divisionCodeFree(ctx, next.divisionCode, id);
  return changeTree(ctx, async (tx) => {
    if (before.parent_id && next.name !== before.name && (await repo.siblingNamed(tx, before.parent_id, next.name, id))) {
      throw conflict('AREA_NAME_TAKEN', { name: next.name }, { name: 'taken' });
    }
    const py = pinyinKeys(next.name);
    await insertOrConflict(() => repo.updateFields(tx, id, { ...next, pinyin: py.full, pinyinInitials: py.initials }));
    const after = toArea((await repo.findInScope(tx, ctx.actor.scope, id))!);
    await audit(tx, ctx, { action: 'update', entity: 'area', entityId: id, areaPath: after.path, before: toArea(before), after });
    return after;
  });
}

export async function move(ctx: Ctx, id: number, newParentId: number): Promise<Area> {
  const area = await mustFind(ctx, id);
  if (area.id === ctx.actor.scope.areaId) throw ruleViolation('AREA_IS_SCOPE_ROOT');
  const parent = await mustFind(ctx, newParentId);
  if (parent.path.startsWith(area.path)) throw ruleViolation('AREA_MOVE_CYCLE', {}, { parentId: 'invalid_value' });
  if (parent.archived) throw ruleViolation('AREA_ARCHIVED', {}, { parentId: 'invalid_value' });
  kindOrder(parent.kind, area.kind, ctx.lang);
  if (parent.id === area.parent_id) return toArea(area);
  return changeTree(ctx, async (tx) => {
    if (await repo.siblingNamed(tx, parent.id, area.name, id)) {
      throw conflict('AREA_NAME_TAKEN', { name: area.name }, { parentId: 'taken' });
    }
    const newPath = `${parent.path}${area.id}/`;
    const counts = await repo.repathSubtree(tx, id, parent.id, area.path, newPath, parent.level + 1 - area.level);
    const after = toArea((await repo.findInScope(tx, ctx.actor.scope, id))!);
    await audit(tx, ctx, {
      action: 'move',
      entity: 'area',
      entityId: id,
      areaPath: newPath,
      before: { parentId: area.parent_id, path: area.path },
      after: { parentId: parent.id, path: newPath, moved: counts },
    });
    return after;
  });
}

export async function archive(ctx: Ctx, id: number): Promise<{ archived: number }> {
  const area = await mustFind(ctx, id);
  if (area.id === ctx.actor.scope.areaId) throw ruleViolation('AREA_IS_SCOPE_ROOT');
  return changeTree(ctx, async (tx) => {
    const n = await repo.archiveSubtree(tx, area.path);
    await audit(tx, ctx, { action: 'archive', entity: 'area', entityId: id, areaPath: area.path, before: toArea(area), after: { archivedAreas: n } });
    return { archived: n };
  });
}

/**
 * Adds an official county or town under `parentId` with all its towns and villages and their codes.
 * Divisions already present (same code) are skipped, and their children attach to the existing area,
 * so running it twice changes nothing.
 */
export async function importDivisions(ctx: Ctx, parentId: number, code: string) {
  const parent = await mustFind(ctx, parentId);
  if (parent.archived) throw ruleViolation('AREA_ARCHIVED', {}, { parentId: 'invalid_value' });
  const full = code.padEnd(12, '0');
  const root = await catalog.getDivision(full);
  if (!root) throw new DomainError('not_found', 'DIVISION_NOT_FOUND', { code }, { code: 'not_found' });
  if (root.level !== 'county' && root.level !== 'town') throw ruleViolation('DIVISION_LEVEL', {}, { code: 'invalid_value' });
  const { descendants } = await catalog.getSubtree(full);
  const all = [root, ...descendants];
  const rootKind = kindOfDivision(root.level, root.name);
  // A fresh, empty area of the same kind (e.g. the "本辖区" county made at first start) becomes the division itself.
  const adopt = !parent.division_code && parent.kind === rootKind && !parent.child_count;
  if (!adopt) kindOrder(parent.kind, rootKind, ctx.lang);
  if (adopt) await divisionCodeFree(ctx, root.code);

  return changeTree(ctx, async (tx) => {
    const byCode = new Map<string, { id: number; path: string; level: number }>();
    let created = 0;
    let skipped = 0;
    if (adopt) {
      const py = pinyinKeys(root.name);
      await repo.updateFields(tx, parent.id, { name: root.name, kind: rootKind, divisionCode: root.code, pinyin: py.full, pinyinInitials: py.initials });
      byCode.set(root.code, parent);
      created++;
    }
    const taken = new Set<string>();
    // Parents come before children, so import level by level in batches.
    const levels = [...new Set(all.map((d) => d.level))];
    for (const level of levels) {
      const batch: repo.NewArea[] = [];
      for (const d of all.filter((x) => x.level === level)) {
        if (byCode.has(d.code)) continue;
        const existing = await repo.findByDivisionCodeUnscoped(tx, d.code);
        if (existing) {
          if (!pathInScope(ctx.actor.scope, existing.path)) throw conflict('DIVISION_CODE_TAKEN', { code: d.code, name: '—' });
          byCode.set(d.code, existing);
          skipped++;
          continue;
        }
        const p = d.code === root.code ? parent : byCode.get(d.parentCode ?? '');
        if (!p) continue;
        // Two committees can shorten to the same name (东郭村委会, 东郭村村民委员会): keep the official one then.
        const short = shortDivisionName(d.name);
        const name = taken.has(`${p.id}|${short}`) ? d.name : short;
        taken.add(`${p.id}|${name}`);
        const py = pinyinKeys(name);
        batch.push({ parent: p, name, kind: kindOfDivision(d.level, d.name), divisionCode: d.code, pinyin: py.full, pinyinInitials: py.initials });
      }
      for (const row of await insertOrConflict(() => repo.insertMany(tx, batch))) {
        byCode.set(row.division_code!, row);
        created++;
      }
    }
    const rootRow = (await repo.findInScope(tx, ctx.actor.scope, byCode.get(root.code)!.id))!;
    await audit(tx, ctx, {
      action: 'import-divisions',
      entity: 'area',
      entityId: rootRow.id,
      areaPath: rootRow.path,
      after: { code: root.code, name: root.name, created, skipped },
    });
    return { root: toArea(rootRow), created, skipped };
  });
}

/** A concurrent insert can still hit the unique indexes after our checks: answer 409, not 500. */
async function insertOrConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e, 'areas_sibling_name_uq')) throw conflict('AREA_NAME_TAKEN', { name: '' }, { name: 'taken' });
    throw e;
  }
}
