import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, signIn } from './browser';

/**
 * Door-to-door screening through its screens: the administrator has imported the risk-area list and a village
 * cadre has started a campaign over one grid; the grid worker, on a 375-px phone, opens a visit task from
 * "my tasks", records an arrival from a listed county with a temperature — the first answer is lost on the
 * way back, so they save again and it still counts once — and is shown the origin's level looked up for the
 * arrival date. The cadre's campaign page then counts the household in its grid, the arrival gets the policy's
 * measure from the arrivals list, and closing the campaign shows its coverage report.
 */
const base = inject('baseUrl');
const TZ = process.env.TIME_ZONE || 'Asia/Shanghai';
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
let browser: Browser;
let campaignId = 0;
/** The household this file visits (the demo's own campaign also puts visit tasks in the grid worker's inbox). */
const householdAddress = `敲门测试 ${Date.now() % 100000} 号`;

const todayThere = (daysAgo = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(Date.now() - daysAgo * 86_400_000));

const session = (username: string) => apiSession(base, username);

function inputOf(l: Locator): Locator {
  return l.locator('xpath=self::input|descendant::input').first();
}

async function pickFirstOption(page: Page, select: Locator) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
}

beforeAll(async () => {
  browser = await launch();
  const admin = await session('admin');
  const csv = `区划代码,风险等级,开始日期\n420106,高风险,${todayThere(5)}\n`;
  const imported = await admin.api.post('/api/risk-areas/import', {
    headers: { 'x-csrf-token': admin.csrf },
    multipart: { file: { name: '风险地区名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  const grid = await session('grid');
  const cadre = await session('cadre');
  // A household of its own, linked to no party member: the other browser files share this server, and the
  // volunteers' test links the demo households to members, whose visit tasks would then go to them.
  const household = await cadre.api.post('/api/households', {
    headers: { 'x-csrf-token': cadre.csrf },
    data: { areaId: grid.scopeId, address: householdAddress },
  });
  expect(household.status(), await household.text()).toBe(201);
  const householdId = ((await household.json()) as { id: number }).id;
  for (const name of ['敲门甲', '敲门乙']) {
    const person = await cadre.api.post('/api/residents', {
      headers: { 'x-csrf-token': cadre.csrf },
      data: { householdId, name, idType: 'none', movedInOn: '2020-01-01' },
    });
    expect(person.status(), await person.text()).toBe(201);
  }
  const created = await cadre.api.post('/api/screening/campaigns', {
    headers: { 'x-csrf-token': cadre.csrf },
    data: {
      name: '浏览器测试敲门行动',
      areaId: grid.scopeId,
      startsOn: todayThere(),
      endsOn: todayThere(),
      lookbackDays: 14,
      target: 'selection',
      householdIds: [householdId],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  campaignId = ((await created.json()) as { id: number }).id;
  await Promise.all([admin.api.dispose(), grid.api.dispose(), cadre.api.dispose()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('door-to-door screening', () => {
  it('the grid worker records a visit with an arrival on a 375-px phone, has a lost answer sent again by itself, and sees the looked-up risk level', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/me/tasks');
    await page.waitForURL(/\/login/);
    await signIn(page, 'grid');
    await page.waitForURL(/\/me\/tasks/);
    const card = page.getByTestId('task-card').filter({ hasText: householdAddress }).first();
    await card.waitFor();
    const address = (await card.getByTestId('task-title').innerText()).replace(/^入户走访：/, '');
    await card.getByTestId('task-visit').click();
    await page.waitForURL(/\/screening\/visit\/\d+$/);
    await expect.poll(() => page.getByTestId('visit-address').innerText()).toBe(address);

    await page.getByTestId('visit-add-arrival').click();
    const arrival = page.getByTestId('visit-arrival-form').first();
    await pickFirstOption(page, arrival.getByTestId('visit-arrival-who'));
    await arrival.getByTestId('visit-arrival-origin').fill('420106');
    // Today from the picker; a click that lands while the picker is still opening picks nothing, so look.
    const dateInput = inputOf(arrival.getByTestId('visit-arrival-date'));
    await expect
      .poll(async () => {
        if (await dateInput.inputValue()) return true;
        await arrival.getByTestId('visit-arrival-date').click();
        await page
          .locator('.ant-picker-dropdown:visible .ant-picker-cell-today')
          .click({ timeout: 3000 })
          .catch(() => {});
        return !!(await dateInput.inputValue());
      })
      .toBe(true);
    await arrival.getByTestId('visit-arrival-no').fill('G502');
    await page.getByTestId('visit-roster-confirmed').click();
    await inputOf(page.getByTestId('visit-temperature')).fill('36.6');
    // Nothing on the form is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // A bad signal: the server records the visit but the phone never hears back. Sending again is the same visit.
    let lost = false;
    await page.route('**/api/screening/visits', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByTestId('visit-submit').click();
    // The lost answer keeps the visit on the phone (已保存在本机) and the outbox sends it again by itself, with the
    // same id, a second later; a form the browser refused to send would show its field errors instead.
    await page.getByTestId('saved-offline').or(page.getByTestId('visit-done')).or(page.locator('.ant-form-item-explain-error')).first().waitFor();
    expect(await page.locator('.ant-form-item-explain-error').allInnerTexts(), 'the form refused to send').toEqual([]);

    await page.getByTestId('visit-done').waitFor();
    await expect.poll(() => page.getByTestId('visit-arrival-level').first().innerText()).toBe('高风险地区');
    await expect.poll(() => page.getByTestId('visit-arrival').first().innerText()).toContain('湖北省武汉市武昌区');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Two sends, one visit.
    const grid = await session('grid');
    const visits = (await (await grid.api.get(`/api/screening/visits?campaignId=${campaignId}`)).json()) as { total: number; items: { address: string }[] };
    expect(visits.total).toBe(1);
    expect(visits.items[0].address).toBe(address);
    await grid.api.dispose();

    // The visit closed its task: the household is no longer on the worker's list.
    await page.goto(base + '/me/tasks');
    // Its only task was this one, unless other browser files left it work: a card or the empty inbox.
    await page.getByTestId('task-card').or(page.getByTestId('no-tasks')).first().waitFor();
    await expect.poll(() => page.getByTestId('task-title').allInnerTexts()).not.toContain(`入户走访：${address}`);
    await context.close();
  });

  it('the cadre sees the household counted in its grid, proposes a measure for the arrival, closes the campaign and reads the coverage report', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/screening/campaigns/${campaignId}`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(new RegExp(`/screening/campaigns/${campaignId}$`));
    const bar = page.getByTestId('grid-progress').first();
    await expect.poll(() => bar.innerText()).toMatch(/\b1 \/ \d+/);
    // The arrival the visit found is on the arrivals list with its level; the policy in force gives it a measure.
    await page.goto(`${base}/screening/arrivals`);
    const row = page.getByTestId('arrivals-table').locator('tr', { hasText: '湖北省武汉市武昌区' }).first();
    await expect.poll(() => row.innerText()).toContain('高风险地区');
    await row.getByTestId('arrival-propose').click();
    await page.getByTestId('decision').waitFor();
    await page.getByTestId('arrival-measure').click();
    await page.waitForURL(/\/monitoring\/measures\/\d+$/);

    await page.goto(`${base}/screening/campaigns/${campaignId}`);
    await page.getByTestId('campaign-close').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('campaign-coverage').waitFor();
    expect(await page.getByTestId('campaign-coverage').innerText()).toContain('发现返乡人员');
    await context.close();
  });
});
