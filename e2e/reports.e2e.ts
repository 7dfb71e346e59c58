import { type Browser, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, TIME_ZONE, exportWithPurpose, launch, newContext, signIn } from './browser';

/**
 * The daily report screen: the village cadre sees the village's live figures and the last 14 days, submits
 * the day (locked); the county command center opens that village's report and reopens it with a reason. On a
 * 375-px phone the same cadre picks another day and submits it, reading cards instead of a sideways table.
 */
const base = inject('baseUrl');
let browser: Browser;
let villageId = 0;

beforeAll(async () => {
  browser = await launch();
  const api = await request.newContext({ baseURL: base });
  const me = await api.post('/api/auth/login', { data: { username: 'cadre', password: 'Wangge@2026' } });
  villageId = ((await me.json()) as { user: { scope: { id: number } } }).user.scope.id;
  await api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('the daily report', () => {
  it('a village cadre submits the day; the county reopens it with a reason', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${base}/reports/daily`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/reports\/daily$/);
    await expect.poll(() => page.getByTestId('report-status').first().textContent()).toContain('未上报');
    // The chart (a canvas) lists its 14 days and their values in its label: "03-01 0，03-02 0 …".
    const days = async () => ((await page.getByTestId('series-chart').getAttribute('aria-label')) ?? '').split('：')[1]?.split('，') ?? [];
    await expect.poll(async () => (await days()).length).toBe(14);
    for (const day of await days()) expect(day).toMatch(/^\d\d-\d\d \d+$/);
    await page.getByTestId('series-chart').locator('canvas').first().waitFor();
    const download = await exportWithPurpose(page, 'report-export', '报送镇指挥部');
    expect(download.suggestedFilename()).toMatch(/^日报-.*\.xlsx$/);
    await page.getByTestId('report-submit').click();
    await page
      .locator('.ant-modal-confirm:visible')
      .getByRole('button', { name: /上\s*报/ })
      .click();
    await expect.poll(() => page.getByTestId('report-status').first().textContent()).toBe('已上报');
    // The village's own cadre may not reopen it.
    expect(await page.getByTestId('report-reopen').count()).toBe(0);
    await context.close();

    const county = await newContext(browser, 'desktop');
    const p2 = await county.newPage();
    await p2.goto(`${base}/reports/daily?areaId=${villageId}`);
    await p2.waitForURL(/\/login/);
    await signIn(p2, 'command');
    await p2.waitForURL(/\/reports\/daily\?areaId=/);
    await expect.poll(() => p2.getByTestId('report-status').first().textContent()).toBe('已上报');
    await p2.getByTestId('report-reopen').click();
    await p2.getByTestId('reopen-reason').fill('漏报一名返乡人员');
    await p2.getByTestId('reopen-confirm').click();
    await expect.poll(() => p2.getByTestId('report-status').first().textContent()).toBe('已退回');
    await expect.poll(() => p2.getByText('漏报一名返乡人员').count()).toBeGreaterThan(0);
    await county.close();
  });

  it('on a 375-px phone the cadre picks yesterday and submits it: one column of full-width controls, figures as cards', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: TIME_ZONE });
    const page = await context.newPage();
    await page.goto(`${base}/reports/daily`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/reports\/daily$/);
    await page.getByTestId('report-cards').waitFor();
    expect(await page.getByTestId('report-table').count()).toBe(0);

    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(Date.now() - 86_400_000));
    const dayInput = page.getByTestId('report-day');
    await dayInput.click();
    await dayInput.fill(yesterday);
    await dayInput.press('Enter');
    await expect.poll(() => page.getByText(yesterday).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('report-status').first().textContent()).toContain('未上报');

    // Big targets across the screen, and nothing wider than it.
    const within = async (testId: string) => (await page.getByTestId(testId).first().boundingBox())!;
    const picker = await page.locator('.ant-picker').first().boundingBox();
    expect(picker!.width).toBeGreaterThan(300);
    expect(picker!.height).toBeGreaterThanOrEqual(38);
    const submit = await within('report-submit');
    expect(submit.width).toBeGreaterThan(300);
    expect(submit.height).toBeGreaterThanOrEqual(38);
    for (const card of await page.getByTestId('report-card').all()) {
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }
    // Each figure on its own line, with its number.
    expect(await page.locator('[data-testid^="report-figure-"]').count()).toBeGreaterThan(5);

    await page.getByTestId('report-submit').click();
    await page
      .locator('.ant-modal-confirm:visible')
      .getByRole('button', { name: /上\s*报/ })
      .click();
    await expect.poll(() => page.getByTestId('report-status').first().textContent()).toBe('已上报');
    expect(await page.getByText(yesterday).count()).toBeGreaterThan(0);
    await context.close();
  });
});
