import { type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, TIME_ZONE, launch, signIn } from './browser';

/**
 * Supplies and donations on a 375-px phone (issue 17, points 5–6): a village cadre records a firm's donation of
 * masks received into the village's store, issues part of them to a checkpoint post from the store keeper's form
 * (once without network: kept on the phone, sent when it returns), and sees the stock go down and the donation's
 * trace show where the masks went.
 */
const base = inject('baseUrl');
let browser: Browser;
// A retried run makes its own item and store, so the figures it reads are its own.
const stamp = Date.now().toString(36).slice(-5);
const ITEM = `医用口罩${stamp}`;
const STORE = `村物资点${stamp}`;

/** Picks an option of the antd select with this id (the form's name and the field's). */
async function pick(page: Page, id: string, text: string) {
  await page.locator(`#${id}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

beforeAll(async () => {
  browser = await launch();
  const api = await request.newContext({ baseURL: base });
  const login = await api.post('/api/auth/login', { data: { username: 'cadre', password: 'Wangge@2026' } });
  const session = (await login.json()) as { csrfToken: string; user: { scope: { id: number } } };
  const headers = { 'x-csrf-token': session.csrfToken };
  expect((await api.post('/api/supplies/items', { headers, data: { name: ITEM, category: 'protective', unit: '只', packSize: 50 } })).status()).toBe(201);
  expect((await api.post('/api/supplies/stores', { headers, data: { name: STORE, level: 'village', areaId: session.user.scope.id } })).status()).toBe(201);
  await api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('supplies and donations on a phone', () => {
  it('masks donated into a store, issued to a post; the stock and the donation’s trace show it', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 760 }, locale: 'zh-CN', timezoneId: TIME_ZONE });
    const page = await context.newPage();
    await page.goto(`${base}/supplies/donations`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/supplies\/donations$/);

    // The donation: goods (the form's default) from a firm, 1000 masks into the village's store.
    await page.getByTestId('donation-new').click();
    await page.locator('#donation_donorName').fill('县医药公司');
    await pick(page, 'donation_storeId', STORE);
    await pick(page, 'donation_itemId', ITEM);
    await page.locator('#donation_qty').fill('1000');
    await page.locator('#donation_restrictedUse').fill('仅用于卡点防护');
    await page.getByTestId('donation-save').click();
    await page.waitForURL(/\/supplies\/donations\/\d+$/);
    const donationUrl = page.url();
    await expect.poll(() => page.getByTestId('trace-issued').innerText()).toBe('已发放 0只');

    // The store keeper's form: 200 to checkpoint post no. 1 (a post is the form's default target).
    await page.goto(`${base}/supplies/stores`);
    await page.getByTestId('store-link').filter({ hasText: STORE }).first().click();
    await page.waitForURL(/\/supplies\/stores\/\d+$/);
    await expect.poll(() => page.getByTestId('stock-on-hand').first().innerText()).toBe('1000 只');
    await page.locator('#issue_targetId').fill('1');
    await pick(page, 'issue_itemId', ITEM);
    await page.locator('#issue_qty').fill('200');
    await page.getByTestId('issue-submit').click();
    await expect.poll(() => page.getByTestId('issue-done').innerText()).toContain(`${ITEM} 200只`);
    await expect.poll(() => page.getByTestId('stock-on-hand').first().innerText()).toBe('800 只');

    // More than is left is refused with what is there; nothing moves.
    await page.locator('#issue_qty').fill('900');
    await page.getByTestId('issue-submit').click();
    await expect.poll(() => page.getByTestId('issue-error').innerText()).toContain('现有 800只');
    expect(await page.getByTestId('stock-on-hand').first().innerText()).toBe('800 只');
    // In a store room without network the issue is kept on the phone and goes out when the network returns.
    await context.setOffline(true);
    await page.locator('#issue_qty').fill('50');
    await page.getByTestId('issue-submit').click();
    await expect.poll(() => page.getByTestId('issue-pending').innerText()).toContain(`${ITEM} 50只`);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.getByTestId('issue-pending').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('issue-done').innerText()).toContain(`${ITEM} 50只`);
    await expect.poll(() => page.getByTestId('stock-on-hand').first().innerText()).toBe('750 只');

    // Nothing on the phone's page is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The donation's trace: received into the store, 200 then 50 issued to the post, 750 left.
    await page.goto(donationUrl);
    await expect.poll(() => page.getByTestId('trace-issued').innerText()).toBe('已发放 250只');
    const steps = await page.getByTestId('trace-step').allInnerTexts();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain(`入库 · ${STORE} · 1000`);
    for (const qty of [200, 50]) expect(steps.filter((x) => x.includes(`发放 · ${STORE} → 卡点 #1 · ${qty}`))).toHaveLength(1);
    await context.close();
  });
});
