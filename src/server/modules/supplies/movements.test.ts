import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { type SuppliesFixture, ok, onHand, receive, suppliesFixture } from './test-fixture';

/** Stock and movements (issue 17, point 5): earliest expiry first, never negative, refusals that say why. */
let f: SuppliesFixture;
beforeAll(async () => {
  f = await suppliesFixture();
});
afterAll(() => f.t.close());

const issueBody = (itemId: number, qty: number, extra: object = {}) => ({ target: 'post', targetId: 7, lines: [{ itemId, qty }], ...extra });

describe('bad input', () => {
  it('a zero or negative quantity, an expiry before the receipt date and an unknown unit are refused, nothing written', async () => {
    const url = `/api/supplies/stores/${f.stores.town}/receipts`;
    const zero = await f.command.post(url, { source: 'purchase', occurredOn: f.today, lines: [{ itemId: f.items.masks, qty: 0 }] });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields).toEqual({ 'lines.0.qty': '数量须为正整数' });
    const negative = await f.command.post(url, { source: 'purchase', occurredOn: f.today, lines: [{ itemId: f.items.masks, qty: -5 }] });
    expect(negative.json().error.fields).toEqual({ 'lines.0.qty': '数量须为正整数' });
    const expired = await f.command.post(url, {
      source: 'purchase',
      occurredOn: f.today,
      lines: [{ itemId: f.items.masks, qty: 5, expiresOn: addDays(f.today, -1) }],
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toMatchObject({ code: 'SUPPLIES_EXPIRY', fields: { 'lines.0.expiresOn': '有效期不能早于入库日期' } });
    const unit = await f.command.post('/api/supplies/items', { name: '消毒液', category: 'protective', unit: 'gallon' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.fields).toEqual({ unit: '不是认可的计量单位' });
    const zeroIssue = await f.command.post(`/api/supplies/stores/${f.stores.town}/issues`, issueBody(f.items.masks, 0));
    expect(zeroIssue.statusCode).toBe(400);
    expect(await f.t.db.query('SELECT id FROM supply_movements')).toEqual([]);
  });

  it('an issue larger than the stock is refused with what is there, in Chinese and English, and nothing moves', async () => {
    await receive(f.command, f.stores.village2, [{ itemId: f.items.rice, qty: 12 }], f.today);
    const res = await f.cadre2.post(`/api/supplies/stores/${f.stores.village2}/issues`, issueBody(f.items.rice, 20, { target: 'household', targetId: 3 }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'SUPPLIES_SHORT', message: '库存不足，未发放：大米现有 12袋（申请 20袋）' });
    const en = await f.cadre2.request({
      method: 'POST',
      url: `/api/supplies/stores/${f.stores.village2}/issues`,
      payload: issueBody(f.items.rice, 20, { target: 'household', targetId: 3 }),
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toBe('Not enough in stock, nothing issued: 大米: 12 袋 on hand (20 asked)');
    expect(await onHand(f, f.stores.village2, f.items.rice)).toBe(12);
  });

  it('a transfer to a store outside the caller’s reach is refused, like a missing one', async () => {
    await receive(f.command, f.stores.village1, [{ itemId: f.items.rice, qty: 5 }], f.today);
    const res = await f.cadre1.post(`/api/supplies/stores/${f.stores.village1}/transfers`, {
      toStoreId: f.stores.village2,
      lines: [{ itemId: f.items.rice, qty: 2 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'SUPPLIES_STORE_OUT_OF_REACH', fields: { toStoreId: '不存在或无权访问' } });
    expect(await onHand(f, f.stores.village1, f.items.rice)).toBe(5);
    // Reaching both ends, the town's command center moves it.
    await ok(
      f.command.post(`/api/supplies/stores/${f.stores.village1}/transfers`, { toStoreId: f.stores.village2, lines: [{ itemId: f.items.rice, qty: 2 }] }),
      201,
    );
    expect([await onHand(f, f.stores.village1, f.items.rice), await onHand(f, f.stores.village2, f.items.rice)]).toEqual([3, 14]);
  });

  it('the same receipt sent again with its client id is recorded once', async () => {
    const body = { clientId: randomUUID(), source: 'purchase', occurredOn: f.today, lines: [{ itemId: f.items.medicine, qty: 9 }] };
    const first = await ok(f.command.post(`/api/supplies/stores/${f.stores.village1}/receipts`, body), 201);
    const again = await ok(f.command.post(`/api/supplies/stores/${f.stores.village1}/receipts`, body), 200);
    expect(again).toMatchObject({ duplicate: true, movement: { id: first.movement.id } });
    // The issue has its own client id (never the receipt's: one derived from it could coincide with it).
    const issueClientId = randomUUID();
    const both = await Promise.all(
      [0, 1, 2].map(() => f.command.post(`/api/supplies/stores/${f.stores.village1}/issues`, { ...issueBody(f.items.medicine, 2), clientId: issueClientId })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await onHand(f, f.stores.village1, f.items.medicine)).toBe(7);
    const [{ n }] = await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'supply_movement' AND after->>'storeId' = $1`, [
      String(f.stores.village1),
    ]);
    expect(n).toBe(4); // the rice receipt, the transfer from it, the medicine receipt, the one issue
  });
});

describe('earliest expiry first', () => {
  it('issues the batch that expires first, across batches, undated last; a count records its variance and reason', async () => {
    const store = f.stores.town;
    await receive(
      f.command,
      store,
      [
        { itemId: f.items.masks, qty: 100, lot: 'L-late', expiresOn: addDays(f.today, 300) },
        { itemId: f.items.masks, qty: 30, lot: 'L-soon', expiresOn: addDays(f.today, 20) },
        { itemId: f.items.masks, qty: 50, lot: 'L-none' },
      ],
      f.today,
    );
    const res = await ok(f.command.post(`/api/supplies/stores/${store}/issues`, issueBody(f.items.masks, 40)), 201);
    expect(res.movement.lines.map((l: any) => [l.lot, l.qty])).toEqual([
      ['L-soon', -30],
      ['L-late', -10],
    ]);
    const detail = await ok(f.command.get(`/api/supplies/stores/${store}`));
    const masks = detail.stock.find((s: any) => s.itemId === f.items.masks);
    expect(masks.batches.map((b: any) => [b.lot, b.qty])).toEqual([
      ['L-late', 90],
      ['L-none', 50],
    ]);
    expect(masks).toMatchObject({ onHand: 140, usedInWindow: 40, nextExpiry: addDays(f.today, 300) });
    const late = masks.batches[0].batchId;
    const counted = await ok(f.command.post(`/api/supplies/stores/${store}/counts`, { reason: '破损 2 只', lines: [{ batchId: late, counted: 88 }] }), 201);
    expect(counted.movement).toMatchObject({ kind: 'count', reason: '破损 2 只', lines: [expect.objectContaining({ qty: -2, lot: 'L-late' })] });
    expect(await onHand(f, store, f.items.masks)).toBe(138);
    // One batch counted twice in one count is refused, naming the line (both variances would have been added).
    const twice = await f.command.post(`/api/supplies/stores/${store}/counts`, {
      reason: '重复',
      lines: [
        { batchId: late, counted: 3 },
        { batchId: late, counted: 3 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual({ 'lines.1.batchId': '有重复的项' });
    expect(await onHand(f, store, f.items.masks)).toBe(138);
  });

  it('a kit issues each of its lines times the count', async () => {
    const kit = await ok(f.command.post('/api/supplies/kits', { name: '保供包', lines: [{ itemId: f.items.masks, qty: 10 }] }), 201);
    await ok(f.command.post(`/api/supplies/stores/${f.stores.town}/issues`, { target: 'kit', kitId: kit.id, kitCount: 3 }), 201);
    expect(await onHand(f, f.stores.town, f.items.masks)).toBe(108);
  });
});

describe('concurrent issues', () => {
  it('50 issues at once end exactly right and never below zero: those that fit go, the rest are refused', async () => {
    const store = f.stores.village2;
    await receive(
      f.command,
      store,
      [
        { itemId: f.items.masks, qty: 60, expiresOn: addDays(f.today, 10) },
        { itemId: f.items.masks, qty: 40, expiresOn: addDays(f.today, 5) },
      ],
      f.today,
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, () => f.cadre2.post(`/api/supplies/stores/${store}/issues`, { ...issueBody(f.items.masks, 3), clientId: randomUUID() })),
    );

    const codes = results.map((r) => r.statusCode);
    expect(results.filter((r) => r.statusCode !== 201 && r.statusCode !== 409).map((r) => r.body)).toEqual([]);
    expect(codes.filter((c) => c === 201)).toHaveLength(33);
    expect(codes.filter((c) => c === 409)).toHaveLength(17);
    expect(await onHand(f, store, f.items.masks)).toBe(1);
    const [{ issued, negative }] = await f.t.db.query<{ issued: number; negative: number }>(
      `SELECT -sum(l.qty)::int AS issued, (SELECT count(*)::int FROM supply_stock WHERE qty < 0) AS negative
         FROM supply_movement_lines l JOIN supply_movements m ON m.id = l.movement_id WHERE m.kind = 'issue' AND l.store_id = $1 AND l.item_id = $2`,
      [store, f.items.masks],
    );
    expect({ issued, negative }).toEqual({ issued: 99, negative: 0 });
  });
});
