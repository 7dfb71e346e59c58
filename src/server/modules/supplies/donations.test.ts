import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { type SuppliesFixture, ok, onHand, receive, suppliesFixture } from './test-fixture';

/** Low-stock alerts (point 5) and donations with their trace and 公示 (point 6). */
let f: SuppliesFixture;
beforeAll(async () => {
  f = await suppliesFixture();
});
afterAll(() => f.t.close());

const issue = (storeId: number, itemId: number, qty: number) =>
  f.cadre1.post(`/api/supplies/stores/${storeId}/issues`, { target: 'household', targetId: 11, lines: [{ itemId, qty }] });
const lowTasks = async () =>
  (await ok(f.cadre1.get('/api/tasks/mine?all=true'))).items
    .filter((x: any) => x.type === 'supply_low')
    .map((x: any) => ({ status: x.status, title: x.title }));

describe('days of cover and the low-stock alert', () => {
  it('is raised once, as one task for the store’s area, until a receipt restocks it; then a new shortage raises a new one', async () => {
    const store = f.stores.village1;
    await receive(f.command, store, [{ itemId: f.items.rice, qty: 100 }], f.today);
    await ok(issue(store, f.items.rice, 50), 201);
    // 50 used over 7 days: about 7 a day, 50 left — 7 days of cover, above the 3 of the policy.
    let rice = (await ok(f.cadre1.get(`/api/supplies/stores/${store}`))).stock.find((s: any) => s.itemId === f.items.rice);
    expect(rice).toMatchObject({ onHand: 50, usedInWindow: 50, coverDays: 7, low: false, alertOpen: false });
    expect(await lowTasks()).toEqual([]);
    await ok(issue(store, f.items.rice, 40), 201);
    await ok(issue(store, f.items.rice, 5), 201);
    rice = (await ok(f.cadre1.get(`/api/supplies/stores/${store}`))).stock.find((s: any) => s.itemId === f.items.rice);
    expect(rice).toMatchObject({ onHand: 5, usedInWindow: 95, coverDays: 0.4, low: true, alertOpen: true });
    expect(await lowTasks()).toEqual([{ status: 'open', title: '物资库存不足：王隆集村物资点 的 大米 现有 10袋，约可用 0.8 天' }]);
    const low = await ok(f.cadre1.get('/api/supplies/stock?lowOnly=true'));
    expect(low.items.map((s: any) => s.itemName)).toEqual(['大米']);
    const stores = await ok(f.cadre1.get('/api/supplies/stores'));
    expect(stores.items.find((s: any) => s.id === store).lowItems).toBe(1);

    await receive(f.command, store, [{ itemId: f.items.rice, qty: 200 }], f.today);
    expect((await lowTasks()).map((t: any) => t.status)).toEqual([]);
    const [{ open }] = await f.t.db.query<{ open: number }>('SELECT count(*)::int AS open FROM supply_alerts WHERE cleared_at IS NULL');
    expect(open).toBe(0);
    await ok(issue(store, f.items.rice, 200), 201);
    expect(await lowTasks()).toHaveLength(1);
    const [{ all }] = await f.t.db.query<{ all: number }>('SELECT count(*)::int AS all FROM supply_alerts');
    expect(all).toBe(2);
  });

  it('the threshold is policy data, changed only from the top of the tree', async () => {
    expect((await f.command.put('/api/supplies/policy', { useWindowDays: 14, lowCoverDays: 5 })).statusCode).toBe(403);
    expect(await ok(f.root.put('/api/supplies/policy', { useWindowDays: 7, lowCoverDays: 3 }))).toEqual({ useWindowDays: 7, lowCoverDays: 3 });
  });
});

describe('donations', () => {
  it('a goods donation is received into a store, and its trace follows it through a transfer to an issue at a post', async () => {
    const d = await ok(
      f.command.post('/api/supplies/donations', {
        clientId: randomUUID(),
        kind: 'goods',
        donorKind: 'firm',
        donorName: '县医药公司',
        donorPhone: '13800001234',
        restrictedUse: '仅用于卡点',
        receivedOn: f.today,
        areaId: f.town.id,
        storeId: f.stores.town,
        lines: [{ itemId: f.items.masks, qty: 10000, lot: 'DON-1', expiresOn: addDays(f.today, 365) }],
      }),
      201,
    );
    expect(d).toMatchObject({ kind: 'goods', donorPhone: '138****1234', goods: [{ itemName: '医用口罩', qty: 10000 }] });
    expect(d.receiptNo).toMatch(/^JZ\d{14}$/);
    expect(await onHand(f, f.stores.town, f.items.masks)).toBe(10000);
    await ok(
      f.command.post(`/api/supplies/stores/${f.stores.town}/transfers`, { toStoreId: f.stores.village1, lines: [{ itemId: f.items.masks, qty: 2000 }] }),
      201,
    );
    await ok(
      f.cadre1.post(`/api/supplies/stores/${f.stores.village1}/issues`, { target: 'post', targetId: 42, lines: [{ itemId: f.items.masks, qty: 500 }] }),
      201,
    );
    const trace = await ok(f.command.get(`/api/supplies/donations/${d.id}`));
    expect(trace.items).toEqual([
      expect.objectContaining({
        itemName: '医用口罩',
        received: 10000,
        issued: 500,
        onHand: 9500,
        steps: [
          expect.objectContaining({ kind: 'receipt', source: 'donation', storeName: '镇物资仓库', qty: 10000 }),
          expect.objectContaining({ kind: 'transfer', storeName: '镇物资仓库', toStoreName: '王隆集村物资点', qty: 2000 }),
          expect.objectContaining({ kind: 'issue', source: 'post', targetId: 42, storeName: '王隆集村物资点', qty: 500 }),
        ],
      }),
    ]);
  });

  it('money from party members, with the amount each; the person’s numbers masked; the same donation resent recorded once; 公示 in Chinese', async () => {
    const body = {
      clientId: randomUUID(),
      kind: 'money',
      donorKind: 'party_members',
      donorName: '王隆集村党支部党员',
      contributors: [
        { name: '张三', amount: 200 },
        { name: '李四', amount: 300.5 },
      ],
      receivedOn: f.today,
      areaId: f.village1.id,
      restrictedUse: '购买防护物资',
    };
    const d = await ok(f.cadre1.post('/api/supplies/donations', body), 201);
    expect(d.amount).toBe(500.5);
    expect((await ok(f.cadre1.post('/api/supplies/donations', body), 200)).id).toBe(d.id);
    const person = await ok(
      f.cadre1.post('/api/supplies/donations', {
        kind: 'money',
        donorKind: 'person',
        donorName: '赵六',
        donorIdNumber: '110101199003071234',
        amount: 45000,
        discloseName: false,
        receivedOn: f.today,
        areaId: f.village1.id,
      }),
      201,
    );
    expect(person.donorIdNumber).not.toContain('19900307');
    const ledger = await ok(f.cadre1.get('/api/supplies/donations'));
    expect(ledger).toMatchObject({ total: 2, moneyTotal: 45500.5 });
    expect(JSON.stringify(ledger)).not.toContain('110101199003071234');
    const list = await ok(f.command.get('/api/supplies/disclosure'));
    expect(list.rows.map((r: any) => [r.donor, r.amount, r.goods])).toEqual([
      ['县医药公司', null, '医用口罩 10000只'],
      ['王隆集村党支部党员', 500.5, ''],
      ['爱心人士', 45000, ''],
    ]);
    expect(list.rows[0].use).toBe('医用口罩已发放 500只（共 10000只）');
    // Village 2's cadre sees none of village 1's.
    expect((await ok(f.cadre2.get('/api/supplies/donations'))).total).toBe(0);
  });

  it('a goods donation needs a store in reach and lines; money needs an amount', async () => {
    const base = { kind: 'goods', donorKind: 'firm', donorName: '某公司', receivedOn: f.today, areaId: f.village1.id };
    expect((await f.cadre1.post('/api/supplies/donations', base)).json().error.fields).toMatchObject({ storeId: '必填' });
    const outside = await f.cadre1.post('/api/supplies/donations', { ...base, storeId: f.stores.village2, lines: [{ itemId: f.items.masks, qty: 5 }] });
    expect(outside.json().error.fields).toEqual({ storeId: '不存在或无权访问' });
    const money = await f.cadre1.post('/api/supplies/donations', { ...base, kind: 'money' });
    expect(money.json().error.fields).toMatchObject({ amount: '必填' });
  });
});
