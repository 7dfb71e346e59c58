import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, newContext, signIn } from './browser';

/**
 * The command center's overview: the commander signs in and lands on it, with charts; a follow-up with
 * fever recorded in another session reaches it within 5 s without a reload (the server's change stream).
 */
const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const openAlerts = async (page: import('playwright-core').Page) =>
  Number((await page.getByTestId('fig-alerts').locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));

describe('the command center overview', () => {
  it('the commander lands on it; a fever recorded elsewhere appears within 5 s, no reload', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login/);
    await signIn(page, 'command');
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('fig-alerts').waitFor();
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await expect.poll(() => page.getByText('实时').count()).toBeGreaterThan(0);
    const before = await openAlerts(page);

    // Another session: the doctor records a fever on a scheduled follow-up.
    const doctor = await apiSession(base, 'doctor');
    const scheduled = await (await doctor.api.get('/api/follow-ups?status=scheduled&pageSize=1')).json();
    const due = scheduled.items[0];
    expect(due, 'the demo has a follow-up to record').toBeTruthy();
    const recorded = await doctor.api.post(`/api/follow-ups/${due.id}/record`, {
      data: { temperature: 38.5, symptoms: [] },
      headers: { 'x-csrf-token': doctor.csrf },
    });
    expect(recorded.status(), await recorded.text()).toBe(200);
    const written = Date.now();
    await expect.poll(() => openAlerts(page), { timeout: 5000, interval: 200 }).toBe(before + 1);
    expect(Date.now() - written).toBeLessThan(5000);
    expect(await page.getByTestId('attention').innerText()).toContain('38.5');
    await doctor.api.dispose();
    await context.close();
  });
});
