import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { creditCheckChar } from '../src/domain/enterprises/credit-code';
import { checkDigit } from '../src/domain/residents/identity';
import { apiSession, launch, signIn, TIME_ZONE } from './browser';

/**
 * Enterprises (复工复产, issue 18 point 5) on a 375-px phone: the demo cadre's enterprise with its staff list; the
 * daily ledger sent from the phone with a returnee from the demo's high-risk district, flagged in the answer and on
 * the enterprise's page; the register lists it.
 */
const base = inject('baseUrl');
let browser: Browser;
let enterpriseId: number;
let enterpriseName: string;

const phone = () =>
  browser.newContext({ viewport: { width: 375, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: TIME_ZONE });

async function signedIn(username: string, path: string): Promise<Page> {
  const page = await (await phone()).newPage();
  await page.goto(base + path);
  await page.waitForURL(/\/login/);
  await signIn(page, username);
  await page.waitForURL((u) => u.pathname === path.split('?')[0]);
  return page;
}

/** A valid 18-digit ID (the registry's own check digit). */
const idNumber = (body17: string) => body17 + checkDigit(body17);

beforeAll(async () => {
  browser = await launch();
  const cadre = await apiSession(base, 'cadre');
  const headers = { 'x-csrf-token': cadre.csrf };
  const body17 = `91411627MA${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  enterpriseName = `金帝鞋业${Date.now() % 10_000}`;
  const made = await cadre.api.post('/api/enterprises', {
    data: {
      creditCode: body17 + creditCheckChar(body17),
      name: enterpriseName,
      industry: '制鞋',
      headcount: 80,
      hasDormitory: true,
      hasCanteen: true,
      areaId: cadre.scopeId,
    },
    headers,
  });
  expect(made.status(), await made.text()).toBe(201);
  enterpriseId = ((await made.json()) as { id: number }).id;
  const csv = `姓名,身份证号,岗位\n返岗员工,${idNumber('41162719900101123')},车间\n本地员工,${idNumber('41162719910202234')},仓库\n`;
  const staff = await cadre.api.post(`/api/enterprises/${enterpriseId}/staff/import`, {
    multipart: { file: { name: '员工名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
    headers,
  });
  expect(staff.status(), await staff.text()).toBe(200);
  await cadre.api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('enterprises on a phone', () => {
  it('the daily ledger flags a returnee from a high-risk district; the page and the register show it', async () => {
    const page = await signedIn('cadre', `/enterprises/${enterpriseId}/ledger`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByTestId('ledger-present').fill('2');
    await page.getByTestId('returnee-add').click();
    await page.getByTestId('returnee-person').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '返' }).first().click();
    await page.getByTestId('returnee-origin').fill('420106');
    await page.getByTestId('ledger-submit').click();
    const done = page.getByTestId('ledger-done');
    await expect.poll(() => done.innerText()).toContain('来自风险地区');
    expect(await done.innerText()).toContain('武昌区');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.goto(`${base}/enterprises/${enterpriseId}`);
    await expect.poll(() => page.getByTestId('ledger-flagged').first().innerText()).toContain('1');
    await page.goto(`${base}/enterprises`);
    await expect.poll(() => page.getByTestId('enterprise-table').innerText()).toContain(enterpriseName);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
