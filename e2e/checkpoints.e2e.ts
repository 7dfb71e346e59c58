import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, signIn } from './browser';

/**
 * A crossing recorded on a 375-px phone: the demo volunteer opens 通行登记 at the village entrance, types a
 * plate on the plate keyboard (province first), and records it; then the network drops, one more crossing waits
 * in the device's outbox (counted on the form and in the header), and once the network is back it is sent — each
 * crossing stored exactly once.
 */
const base = inject('baseUrl');
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const crossingsWith = async (plate: string) => {
  const v = await apiSession(base, 'volunteer');
  const list = (await (await v.api.get('/api/checkpoints/crossings?limit=500')).json()) as { items: { plate: string | null }[] };
  await v.api.dispose();
  return list.items.filter((c) => c.plate === plate).length;
};

describe('the crossing form', () => {
  it('records a vehicle on a phone, and one more offline that is synced once', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/checkpoints/crossing');
    await page.waitForURL(/\/login/);
    await signIn(page, 'volunteer');
    await page.waitForURL(/\/checkpoints\/crossing/);
    await page.getByTestId('crossing-post').waitFor();
    await page.getByTestId('crossing-kind').getByText('车辆').click();
    const plate = `豫P${String(Date.now() % 100000).padStart(5, '0')}`;
    for (const ch of plate) await page.getByTestId(`plate-key-${ch}`).click();
    await expect.poll(() => page.getByTestId('plate-value').innerText()).toBe(plate);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByTestId('crossing-save').click();
    await expect.poll(() => page.getByTestId('crossing-last').innerText(), { timeout: 15_000 }).toContain(plate);
    expect(await crossingsWith(plate)).toBe(1);

    await context.setOffline(true);
    await page.getByTestId('crossing-kind').getByText('车辆').click();
    const plate2 = `豫P${String((Date.now() + 7) % 100000).padStart(5, '0')}`;
    for (const ch of plate2) await page.getByTestId(`plate-key-${ch}`).click();
    await page.getByTestId('crossing-save').click();
    await expect.poll(() => page.getByTestId('crossing-pending').innerText()).toContain('1');
    await expect.poll(() => page.getByTestId('pending-writes').getAttribute('data-count')).toBe('1');
    // Nothing reached the server while the phone was offline.
    expect(await crossingsWith(plate2)).toBe(0);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.getByTestId('crossing-pending').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('pending-writes').count()).toBe(0);
    await expect.poll(() => page.getByTestId('crossing-last').innerText()).toContain(plate2);
    expect(await crossingsWith(plate2)).toBe(1);
    await context.close();
  });
});
