import type { z } from 'zod';
import type { boxTubesBody, createBoxBody, handOverBody } from '../../../domain/sampling/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import * as repo from './repo';
import { barcodeOf, roundOfBody } from './lookups';

/** Transport boxes (转运箱): closed tubes packed, counted and handed to the lab. */

// ——— boxes ———
function boxView(x: repo.BoxRow) {
  return {
    id: x.id,
    roundId: x.round_id,
    pointId: x.point_id,
    code: x.code,
    status: x.status,
    tubeCount: x.tube_count,
    lab: x.lab,
    handedOverAt: x.handed_over_at,
  };
}

export async function createBox(ctx: Ctx, b: z.infer<typeof createBoxBody>) {
  const code = barcodeOf(b.code, 'code');
  const round = await roundOfBody(ctx, b.roundId);
  const point = await repo.findPoint(ctx.db, ctx.actor.scope, b.pointId);
  if (!point || point.round_id !== round.id) throw badRequest('VALIDATION_FAILED', {}, { pointId: 'not_found' });
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertBox(tx, { roundId: round.id, pointId: point.id, areaId: point.area_id, areaPath: point.area_path, code, by: ctx.actor.userId });
    if (!id) throw conflict('BOX_CODE_TAKEN', { code });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'sampling_box',
      entityId: id,
      areaPath: point.area_path,
      after: { code, roundId: round.id, pointId: point.id },
    });
    return id;
  });
  return boxView((await repo.findBox(ctx.db, ctx.actor.scope, id))!);
}

export async function listBoxes(ctx: Ctx, p: { roundId?: number; status?: string }) {
  return { items: (await repo.listBoxes(ctx.db, ctx.actor.scope, p)).map(boxView) };
}

export async function getBox(ctx: Ctx, id: number) {
  const box = await repo.findBox(ctx.db, ctx.actor.scope, id);
  if (!box) throw notFound();
  return { ...boxView(box), barcodes: await repo.barcodesInBox(ctx.db, id) };
}

export async function addTubesToBox(ctx: Ctx, id: number, b: z.infer<typeof boxTubesBody>) {
  const codes = [...new Set(b.barcodes.map((c, i) => barcodeOf(c, `barcodes.${i}`)))];
  await ctx.db.tx(async (tx) => {
    const box = await repo.findBox(tx, ctx.actor.scope, id, true);
    if (!box) throw notFound();
    if (box.status !== 'packing') throw conflict('BOX_HANDED_OVER', { code: box.code });
    const tubes = await repo.tubesByBarcodes(tx, ctx.actor.scope, box.round_id, codes);
    const byCode = new Map(tubes.map((t) => [t.barcode, t]));
    const problems: Record<string, string> = {};
    for (const c of codes) {
      const t = byCode.get(c);
      if (!t) problems[c] = 'not_found';
      else if (t.status === 'open') problems[c] = 'tube_open';
      else if (t.status === 'boxed' && t.box_id !== box.id) problems[c] = 'other_box';
    }
    if (Object.keys(problems).length) throw conflict('BOX_TUBES', { count: Object.keys(problems).length }, problems);
    const n = await repo.boxTubes(
      tx,
      box.id,
      tubes.map((t) => t.id),
    );
    await audit(tx, ctx, { action: 'pack', entity: 'sampling_box', entityId: box.id, areaPath: box.area_path, after: { barcodes: codes, tubeCount: n } });
  });
  return boxView((await repo.findBox(ctx.db, ctx.actor.scope, id))!);
}

export async function handOver(ctx: Ctx, id: number, b: z.infer<typeof handOverBody>) {
  const scanned = b.barcodes ? [...new Set(b.barcodes.map((c, i) => barcodeOf(c, `barcodes.${i}`)))] : null;
  await ctx.db.tx(async (tx) => {
    const box = await repo.findBox(tx, ctx.actor.scope, id, true);
    if (!box) throw notFound();
    if (box.status !== 'packing') throw conflict('BOX_HANDED_OVER', { code: box.code });
    const inBox = await repo.barcodesInBox(tx, box.id);
    const missing = scanned ? inBox.filter((c) => !scanned.includes(c)) : [];
    const extra = scanned ? scanned.filter((c) => !inBox.includes(c)) : [];
    if (b.count !== inBox.length || missing.length || extra.length) {
      const fields: Record<string, string> = {};
      if (missing.length) fields.missing = missing.join(',');
      if (extra.length) fields.extra = extra.join(',');
      if (b.count !== inBox.length) fields.count = String(b.count - inBox.length);
      throw conflict('BOX_COUNT_MISMATCH', { expected: inBox.length, counted: scanned ? scanned.length : b.count }, fields);
    }
    await repo.handOver(tx, box.id, b.lab, ctx.actor.userId);
    await audit(tx, ctx, { action: 'hand_over', entity: 'sampling_box', entityId: box.id, areaPath: box.area_path, after: { count: b.count, lab: b.lab } });
  });
  return boxView((await repo.findBox(ctx.db, ctx.actor.scope, id))!);
}
