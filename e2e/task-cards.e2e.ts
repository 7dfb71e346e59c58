import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, signIn } from './browser';

/**
 * Field work on a 375-px phone (issue 13): the sampler's home-sampling cards say where to go and whom to ring —
 * address, name, masked phone and a big call button whose number is fetched (and audited) only on the tap —
 * and sort by place; the grid worker's 日报 opens on their village's report with a note, not on an error.
 */
const base = inject('baseUrl');
const TZ = process.env.TIME_ZONE || 'Asia/Shanghai';
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: TZ };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('field cards on a phone', () => {
  it('a home-sampling card shows the address and a masked phone, calls through an audited reveal, and sorts by place', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await signIn(page, 'sampler');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${base}/me/tasks`);
    await page.getByText('含以后').click();
    const card = page
      .getByTestId('task-card')
      .filter({ has: page.getByTestId('task-person') })
      .first();
    await card.waitFor();
    expect(await card.getByTestId('task-title').innerText()).toContain('上门采样');
    expect((await card.getByTestId('task-address').innerText()).trim().length).toBeGreaterThan(4);
    const person = await card.getByTestId('task-person').innerText();
    // A masked number, never the full one.
    expect(person).toMatch(/\d{3}\*{4}\d{4}/);
    expect(person).not.toMatch(/\d{11}/);
    const call = card.getByTestId('task-call');
    expect((await call.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    // The tap fetches the number (the server writes the reveal) and hands it to the dialler.
    const answered = page.waitForResponse((r) => /\/api\/tasks\/\d+\/call$/.test(r.url()));
    await call.click();
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { phone: string }).phone).toMatch(/^\d{11}$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // By place: the cards follow area, then address.
    await page.getByTestId('task-sort').getByText('按地点').click();
    const addresses = await page.getByTestId('task-address').allInnerTexts();
    expect(addresses.length).toBeGreaterThan(0);
    await context.close();
  });

  it('the grid worker’s 日报 opens on their village’s report with a note, read only, with no error', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await signIn(page, 'grid');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${base}/reports/daily`);
    // On a phone the figures read as cards, one per area (the table is the desktop's).
    await page.getByTestId('report-cards').waitFor();
    const note = await page.getByTestId('report-village-above').innerText();
    expect(note).toContain('日报从村（社区）一级开始');
    expect(note).toContain('只读');
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    expect(await page.getByTestId('report-submit').count()).toBe(0);
    await context.close();
  });

  it('the policy page’s thresholds form refuses a threshold out of 37.0–39.0 °C before anything is saved', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await signIn(page, 'admin');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${base}/monitoring/policy`);
    await page.getByTestId('policy-edit-thresholds').click();
    const fever = page.getByTestId('thresholds-fever');
    await fever.fill('39.5');
    const saves: string[] = [];
    page.on('request', (r) => r.method() !== 'GET' && r.url().includes('/api/policy/') && saves.push(r.url()));
    await page.getByTestId('thresholds-save').click();
    await page.getByText('发热阈值须在 37.0–39.0 °C 之间，保留一位小数').waitFor();
    expect(saves).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
