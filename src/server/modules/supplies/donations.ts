import { maskKind } from '../../platform/audit-mask';
import type { z } from 'zod';
import { maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import type { DonationInput, donationBody } from '../../../domain/supplies/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, isUniqueViolation, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import * as drepo from './donations-repo';
import { type mustStore, receiveInTx } from './movements';
import * as repo from './repo';

/**
 * Donations (捐赠): money and goods in, the donor (a person's ID number and phone masked in every answer), a
 * receipt number, restricted use, and — for goods — a donation receipt into a store whose batches carry the
 * donation's id, so every donated item can be followed to where it went.
 */
export function toDonation(r: drepo.DonationRow) {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    kind: r.kind,
    donorKind: r.donor_kind,
    donorName: r.donor_name,
    donorIdNumber: maskIdNumber(r.donor_id_number),
    donorPhone: maskPhone(r.donor_phone),
    contributors: r.contributors,
    amount: r.amount === null ? null : Number(r.amount),
    restrictedUse: r.restricted_use,
    discloseName: r.disclose_name,
    receivedOn: r.received_on,
    areaId: r.area_id,
    areaName: r.area_name,
    storeId: r.store_id,
    storeName: r.store_name,
    movementId: r.movement_id,
    note: r.note,
    goods: r.goods,
    createdAt: r.created_at,
  };
}

async function underPathOf(ctx: Ctx, under?: number) {
  if (!under) return undefined;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area.path;
}

export async function listDonations(ctx: Ctx, p: { under?: number; limit: number; offset: number }) {
  const { rows, total, moneyTotal } = await drepo.listDonations(ctx.db, ctx.actor.scope, { ...p, underPath: await underPathOf(ctx, p.under) });
  return { items: rows.map(toDonation), total, moneyTotal };
}

/** Party members giving together: the total is theirs added up when not given. */
const amountOf = (b: DonationInput) => b.amount ?? (b.contributors.length ? Math.round(b.contributors.reduce((n, c) => n + c.amount * 100, 0)) / 100 : null);

export async function createDonation(ctx: Ctx, b: z.infer<typeof donationBody>) {
  if (b.clientId) {
    const dup = await drepo.donationOfClient(ctx.db, b.clientId);
    if (dup) return { created: false, view: await mustDonation(ctx, dup) };
  }
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  let store: Awaited<ReturnType<typeof mustStore>> | null = null;
  if (b.kind === 'goods') {
    store = await repo.findStore(ctx.db, ctx.actor.scope, b.storeId!);
    if (!store) throw badRequest('VALIDATION_FAILED', {}, { storeId: 'not_found' });
    const items = await repo.itemsByIds(
      ctx.db,
      b.lines.map((l) => l.itemId),
    );
    const fields: Record<string, string> = {};
    b.lines.forEach((l, i) => {
      if (!items.has(l.itemId)) fields[`lines.${i}.itemId`] = 'not_found';
      if (l.expiresOn && l.expiresOn < b.receivedOn) fields[`lines.${i}.expiresOn`] = 'before_receipt';
    });
    if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
  }
  try {
    const id = await ctx.db.tx(async (tx) => {
      const id = await drepo.nextDonationId(tx);
      const receiptNo = `JZ${b.receivedOn.replaceAll('-', '')}${String(id).padStart(6, '0')}`;
      await drepo.insertDonation(tx, {
        id,
        kind: b.kind,
        donor_kind: b.donorKind,
        donor_name: b.donorName,
        donor_id_number: b.donorIdNumber ?? null,
        donor_phone: b.donorPhone ?? null,
        contributors: JSON.stringify(b.contributors),
        amount: amountOf(b),
        restricted_use: b.restrictedUse ?? null,
        disclose_name: b.discloseName,
        received_on: b.receivedOn,
        receipt_no: receiptNo,
        area_id: area.id,
        area_path: area.path,
        store_id: store?.id ?? null,
        note: b.note ?? null,
        client_id: b.clientId ?? null,
        created_by: ctx.actor.userId,
      });
      await audit(tx, ctx, {
        entity: 'supply_donation',
        action: 'create',
        entityId: id,
        areaPath: area.path,
        // A private donor's name is personal data, in the trail as in any list; a firm's or a branch's is not.
        after: {
          kind: b.kind,
          donorKind: b.donorKind,
          donorName: b.donorKind === 'person' ? maskKind('name', b.donorName) : b.donorName,
          amount: amountOf(b),
          receiptNo,
          storeId: store?.id ?? null,
        },
      });
      if (store) {
        const movementId = await receiveInTx(tx, ctx, store, { source: 'donation', occurredOn: b.receivedOn, donationId: id, lines: b.lines, note: b.note });
        await drepo.setDonationMovement(tx, id, movementId);
      }
      return id;
    });
    return { created: true, view: await mustDonation(ctx, id) };
  } catch (e) {
    if (b.clientId && isUniqueViolation(e)) {
      const dup = await drepo.donationOfClient(ctx.db, b.clientId);
      if (dup) return { created: false, view: await mustDonation(ctx, dup) };
    }
    throw e;
  }
}

async function mustDonation(ctx: Ctx, id: number) {
  const row = await drepo.findDonation(ctx.db, ctx.actor.scope, id);
  if (!row) throw notFound();
  return toDonation(row);
}

/** The donation with, for each donated item, every step its batches took: received, moved, issued, counted. */
export async function getDonation(ctx: Ctx, id: number) {
  const donation = await mustDonation(ctx, id);
  const [lines, onHand] = await Promise.all([drepo.traceOf(ctx.db, id), drepo.onHandOf(ctx.db, id)]);
  const items = new Map<number, { itemId: number; itemName: string; unit: string; received: number; issued: number; onHand: number; steps: unknown[] }>();
  for (const g of donation.goods) {
    const it = items.get(g.itemId) ?? {
      itemId: g.itemId,
      itemName: g.itemName,
      unit: g.unit,
      received: 0,
      issued: 0,
      onHand: onHand.get(g.itemId) ?? 0,
      steps: [],
    };
    it.received += g.qty;
    items.set(g.itemId, it);
  }
  for (const l of lines) {
    const it = items.get(l.item_id);
    // A transfer writes a line at each end: the trace shows it once, from where it left.
    if (!it || (l.kind === 'transfer' && l.store_id !== l.from_store_id)) continue;
    if (l.kind === 'issue') it.issued -= l.qty;
    it.steps.push({
      movementId: l.movement_id,
      kind: l.kind,
      source: l.source,
      occurredOn: l.occurred_on,
      storeName: l.store_name,
      toStoreName: l.to_store_name,
      targetId: l.target_id,
      qty: l.kind === 'issue' || l.kind === 'transfer' ? -l.qty : l.qty,
    });
  }
  return { donation, items: [...items.values()] as never[] };
}

/** The public disclosure list (公示): who gave what and for what, and where goods went; no personal numbers. */
export async function disclosure(ctx: Ctx, p: { under?: number; from?: string; to?: string }) {
  const underPath = await underPathOf(ctx, p.under);
  const area = p.under
    ? await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under)
    : await areaTree.findInScope(ctx.db, ctx.actor.scope, ctx.actor.scope.areaId);
  const { rows, moneyTotal } = await drepo.listDonations(ctx.db, ctx.actor.scope, { underPath, from: p.from, to: p.to, limit: 5000, offset: 0 });
  const out = [];
  for (const r of rows) {
    const trace = r.kind === 'goods' ? await getDonation(ctx, r.id) : null;
    const issued = trace ? (trace.items as { itemName: string; unit: string; issued: number; received: number }[]) : [];
    out.push({
      receiptNo: r.receipt_no,
      receivedOn: r.received_on,
      donor: r.disclose_name ? r.donor_name : '爱心人士',
      donorKind: r.donor_kind,
      kind: r.kind,
      amount: r.amount === null ? null : Number(r.amount),
      goods: r.goods.map((g) => `${g.itemName} ${g.qty}${g.unit}`).join('、'),
      restrictedUse: r.restricted_use,
      use: issued.length ? issued.map((i) => `${i.itemName}已发放 ${i.issued}${i.unit}（共 ${i.received}${i.unit}）`).join('；') : '',
    });
  }
  return { areaName: area?.name ?? '', from: p.from ?? null, to: p.to ?? null, rows: out.reverse(), moneyTotal };
}
