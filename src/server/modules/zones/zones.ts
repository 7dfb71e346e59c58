import type { z } from 'zod';
import { addDays } from '../../../domain/policy/rules';
import { type ZoneLevelCode, levelOf, ruleRef } from '../../../domain/zones/rules';
import type { declareBody, liftBody, raiseBody } from '../../../domain/zones/api';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import { areaTree } from '../areas';
import { type SetWithId, evidenceOf, liftView, setInForce } from './lift';
import * as repo from './repo';
import { toHistoryItem, toPerson, toZoneItem } from './view';

/**
 * Risk zones (风险区域): declared by the command center at a level of the rule set in force, raised, and lowered or
 * lifted only when the set's rule for the level is met. Every change is one transaction with its history row and
 * its audit row.
 */
/** A declaration may be entered late by this many days, or ahead by this many (announced for tomorrow). */
export const MAX_DAYS_BACK = 30;
export const MAX_DAYS_AHEAD = 3;

export async function zonePolicy(ctx: Ctx) {
  const set = await setInForce(ctx.db, ctx.today);
  return {
    set: { id: set.id, code: set.code, version: set.version, name: set.name, effectiveFrom: set.effectiveFrom },
    levels: set.levels,
    lifting: set.lifting,
    greenChannelMinutes: set.greenChannelMinutes,
  };
}

async function underPathOf(ctx: Ctx, under: number | undefined) {
  if (!under) return undefined;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area.path;
}

export async function listZones(ctx: Ctx, p: { status: 'active' | 'lifted' | 'all'; under?: number; limit: number; offset: number }) {
  const underPath = await underPathOf(ctx, p.under);
  const [{ rows, total }, set] = await Promise.all([repo.listZones(ctx.db, ctx.actor.scope, { ...p, underPath }), setInForce(ctx.db, ctx.today)]);
  const ev = await evidenceOf(ctx.db, set, rows, ctx.today);
  return { items: rows.map((z) => toZoneItem(z, set, ev.get(z.id), ctx.lang)), total };
}

export async function mustZone(ctx: Ctx, id: number) {
  const z = await repo.findZone(ctx.db, ctx.actor.scope, id);
  if (!z) throw notFound();
  return z;
}

export async function getZone(ctx: Ctx, id: number) {
  const z = await mustZone(ctx, id);
  const set = await setInForce(ctx.db, ctx.today);
  const [ev, people, history] = await Promise.all([
    evidenceOf(ctx.db, set, [z], ctx.today),
    repo.peopleCount(ctx.db, z.area_path),
    repo.historyOf(ctx.db, z.id),
  ]);
  const e = ev.get(z.id);
  return {
    ...toZoneItem(z, set, e, ctx.lang),
    note: z.note,
    people: people.people,
    households: people.households,
    newCases: e?.newCases ?? 0,
    lastCaseOn: e?.lastCaseOn ?? null,
    rounds: e?.rounds ?? [],
    history: history.map(toHistoryItem),
  };
}

export async function zonePeople(ctx: Ctx, id: number, p: { limit: number; offset: number }) {
  const z = await mustZone(ctx, id);
  const { rows, total } = await repo.peopleInside(ctx.db, z.area_path, p);
  return { items: rows.map(toPerson), total };
}

function mustLevel(ctx: Ctx, set: SetWithId, code: string) {
  const level = levelOf(set, code);
  if (!level) {
    const levels = set.levels.map((l) => l.name[ctx.lang]).join(ctx.lang === 'zh' ? '、' : ', ');
    throw badRequest('ZONE_LEVEL', { level: code, set: set.name[ctx.lang], levels }, { level: 'not_in_policy' });
  }
  return level;
}

/** A start is a day the field can stand behind: not far ahead, not long past, never before what the area has on record. */
function checkStart(ctx: Ctx, fromOn: string, latest: string | null) {
  const ahead = addDays(ctx.today, MAX_DAYS_AHEAD);
  if (fromOn > ahead) throw ruleViolation('ZONE_START_FUTURE', { latest: ahead, days: MAX_DAYS_AHEAD }, { fromOn: 'too_big' });
  const back = addDays(ctx.today, -MAX_DAYS_BACK);
  if (fromOn < back) throw ruleViolation('ZONE_START_PAST', { earliest: back, days: MAX_DAYS_BACK }, { fromOn: 'too_small' });
  if (latest && fromOn < latest) throw ruleViolation('ZONE_START_BEFORE', { existing: latest }, { fromOn: 'too_small' });
}

export async function declareZone(ctx: Ctx, b: z.infer<typeof declareBody>) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  const set = await setInForce(ctx.db, ctx.today);
  const level = mustLevel(ctx, set, b.level);
  let id: number;
  try {
    id = await ctx.db.tx(async (tx) => {
      const rec = await repo.areaRecord(tx, area.id);
      if (rec.live_id) {
        const live = levelOf(set, rec.live_level ?? '')?.name[ctx.lang] ?? rec.live_level;
        throw conflict('ZONE_EXISTS', { area: area.name, level: live });
      }
      checkStart(ctx, b.fromOn, rec.latest);
      const zoneId = await repo.insertZone(tx, {
        areaId: area.id,
        areaPath: area.path,
        level: level.code,
        fromOn: b.fromOn,
        note: b.note ?? null,
        by: ctx.actor.userId,
      });
      await repo.addHistory(tx, {
        zoneId,
        areaPath: area.path,
        kind: 'declare',
        fromLevel: null,
        toLevel: level.code,
        fromOn: b.fromOn,
        rule: null,
        note: b.note ?? null,
        by: ctx.actor.userId,
      });
      await audit(tx, ctx, {
        entity: 'risk_zone',
        action: 'declare',
        entityId: zoneId,
        areaPath: area.path,
        after: { areaId: area.id, level: level.code, fromOn: b.fromOn, set: `${set.code}@${set.version}` },
      });
      return zoneId;
    });
  } catch (e) {
    // Two declarations of one area at once: the live zone's unique index lets one through.
    if (isUniqueViolation(e)) throw conflict('ZONE_EXISTS', { area: area.name, level: level.name[ctx.lang] });
    throw e;
  }
  return getZone(ctx, id);
}

export async function raiseZone(ctx: Ctx, id: number, b: z.infer<typeof raiseBody>) {
  const zone = await mustZone(ctx, id);
  const set = await setInForce(ctx.db, ctx.today);
  const level = mustLevel(ctx, set, b.level);
  await ctx.db.tx(async (tx) => {
    const z = await repo.findZone(tx, ctx.actor.scope, id, true);
    if (!z) throw notFound();
    if (z.status !== 'active') throw conflict('ZONE_LIFTED');
    const now = levelOf(set, z.level);
    if (now && level.rank <= now.rank) throw ruleViolation('ZONE_NOT_STRICTER', { level: now.name[ctx.lang] }, { level: 'not_stricter' });
    checkStart(ctx, b.fromOn, z.level_since);
    await repo.setLevel(tx, id, level.code, b.fromOn);
    await repo.addHistory(tx, {
      zoneId: id,
      areaPath: z.area_path,
      kind: 'raise',
      fromLevel: z.level,
      toLevel: level.code,
      fromOn: b.fromOn,
      rule: null,
      note: b.note ?? null,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      entity: 'risk_zone',
      action: 'level_up',
      entityId: id,
      areaPath: z.area_path,
      before: { level: z.level, levelSince: z.level_since },
      after: { level: level.code, levelSince: b.fromOn },
    });
  });
  return getZone(ctx, zone.id);
}

/** Lowers the zone by its level's rule (or lifts it when the rule leads nowhere); refused with the rule and what blocks it. */
export async function liftZone(ctx: Ctx, id: number, b: z.infer<typeof liftBody>) {
  const zone = await mustZone(ctx, id);
  if (zone.status !== 'active') throw conflict('ZONE_LIFTED');
  const set = await setInForce(ctx.db, ctx.today);
  const check = (await evidenceOf(ctx.db, set, [zone], ctx.today)).get(zone.id)!.check;
  if (!check.allowed) {
    const ruleName = check.rule?.name[ctx.lang] ?? (ctx.lang === 'zh' ? '无' : 'none');
    const { text } = liftView(set, check, ctx.lang).blockers[0];
    throw ruleViolation('ZONE_LIFT_BLOCKED', { rule: ruleName, reason: text });
  }
  const rule = check.rule!;
  const ref = ruleRef(set, rule);
  await ctx.db.tx(async (tx) => {
    const z = await repo.findZone(tx, ctx.actor.scope, id, true);
    // Changed under us (raised, lifted) since the check: the caller reads the zone again.
    if (!z || z.status !== 'active' || z.level !== zone.level || z.level_since !== zone.level_since) throw conflict('ZONE_CHANGED');
    if (rule.to) await repo.setLevel(tx, id, rule.to, ctx.today);
    else await repo.markLifted(tx, id, ctx.today);
    await repo.addHistory(tx, {
      zoneId: id,
      areaPath: z.area_path,
      kind: rule.to ? 'lower' : 'lift',
      fromLevel: z.level,
      toLevel: rule.to,
      fromOn: ctx.today,
      rule: ref,
      note: b.note ?? null,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      entity: 'risk_zone',
      action: rule.to ? 'level_down' : 'lift',
      entityId: id,
      areaPath: z.area_path,
      before: { level: z.level, levelSince: z.level_since },
      after: { level: rule.to as ZoneLevelCode | null, on: ctx.today, rule: ref, round: check.round?.roundId ?? null },
    });
  });
  return getZone(ctx, id);
}
