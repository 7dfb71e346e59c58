import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, TIME_ZONE, apiSession, launch, signIn } from './browser';

/**
 * Care calls (主动关怀) on a 375-px phone: the command center makes the day's list; the village cadre works it on
 * the phone — one old person well, the next in need of rice and oil, which becomes a help request with its
 * tracking code — and the progress moves.
 */
const base = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let made = 0;

beforeAll(async () => {
  browser = await launch();
  const cadre = await apiSession(base, 'cadre');
  const command = await apiSession(base, 'command');
  const res = await command.api.post('/api/help/outreach/prepare', { data: { areaId: cadre.scopeId }, headers: { 'x-csrf-token': command.csrf } });
  expect(res.ok(), await res.text()).toBe(true);
  made = ((await res.json()) as { created: number }).created;
  await Promise.all([cadre.api.dispose(), command.api.dispose()]);
  context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: TIME_ZONE });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('care calls on a phone', () => {
  it('the cadre records one person well and finds another in need; the need becomes a request', async () => {
    const page: Page = await context.newPage();
    await page.goto(`${base}/help/outreach`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL((u) => u.pathname === '/help/outreach');
    const cards = page.getByTestId('outreach-call');
    await cards.first().waitFor();
    const pending = await cards.count();
    // The demo village has old people living alone (made above, or by this morning's job).
    expect(pending + made).toBeGreaterThanOrEqual(2);
    const progress = async () => (await page.getByTestId('outreach-progress').innerText()).trim();
    const before = await progress();

    await cards.first().getByTestId('outreach-well').click();
    await page.locator('.ant-message-notice', { hasText: '已记录：平安' }).waitFor();
    await expect.poll(progress).not.toBe(before);

    await cards.first().getByTestId('outreach-need').click();
    await page.getByTestId('outreach-need-text').fill('米和油快吃完了，腿脚不便下不了楼');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const done = page.locator('.ant-message-notice', { hasText: '已登记求助' });
    await done.waitFor();
    expect(await done.innerText()).toMatch(/查询码 [A-Z2-9]{8}/);
    // Nothing runs off the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
