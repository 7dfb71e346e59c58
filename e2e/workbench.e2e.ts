import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { apiSession, launch, signIn } from './browser';

/**
 * The grid worker's workbench on a 375-px phone (issue 13, points 1 and 6): signed in, they land on today's work
 * and reach the first household visit in two taps; a visit at 38.5 °C answers with a fever alert, which is on
 * the fever board; and a visit task offers no bare "done" — the server refuses one too.
 */
const base = inject('baseUrl');
const TZ = process.env.TIME_ZONE || 'Asia/Shanghai';
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: TZ };
let browser: Browser;
const householdAddress = `工作台测试 ${Date.now() % 100000} 号`;
const todayThere = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());

function inputOf(l: Locator): Locator {
  return l.locator('xpath=self::input|descendant::input').first();
}

beforeAll(async () => {
  browser = await launch();
  // A household of this file's own in the grid worker's grid, in a campaign of today: at least one visit is due.
  const grid = await apiSession(base, 'grid');
  const cadre = await apiSession(base, 'cadre');
  // Two, so one is still unvisited after the first test has visited the first of the inbox.
  const householdIds: number[] = [];
  for (const n of ['甲', '乙']) {
    const household = await cadre.api.post('/api/households', {
      headers: { 'x-csrf-token': cadre.csrf },
      data: { areaId: grid.scopeId, address: `${householdAddress}${n}` },
    });
    expect(household.status(), await household.text()).toBe(201);
    householdIds.push(((await household.json()) as { id: number }).id);
  }
  const created = await cadre.api.post('/api/screening/campaigns', {
    headers: { 'x-csrf-token': cadre.csrf },
    data: {
      name: '工作台测试走访',
      areaId: grid.scopeId,
      startsOn: todayThere(),
      endsOn: todayThere(),
      lookbackDays: 14,
      target: 'selection',
      householdIds,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await Promise.all([grid.api.dispose(), cadre.api.dispose()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('the grid worker’s workbench', () => {
  it('reaches today’s first visit in two taps, records 38.5 °C, and the alert is on the fever board', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login/);
    await signIn(page, 'grid');
    // Lands on the workbench: counts, and the next visit as one big button; the role by its name, never its code.
    await page.getByTestId('wb-next').waitFor();
    expect(await page.getByTestId('wb-roles').innerText()).toContain('网格员');
    expect(await page.locator('body').innerText()).not.toContain('grid_worker');
    expect(Number(await page.getByTestId('wb-own-count').locator('.ant-statistic-content').innerText())).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByTestId('wb-next').click();
    await page.waitForURL(/\/screening\/visit\/\d+$/);
    await page.getByTestId('visit-address').waitFor();
    await inputOf(page.getByTestId('visit-temperature')).fill('38.5');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-done').waitFor();
    expect(await page.getByTestId('visit-done-title').innerText()).toBe('已记录入户走访，已发出发热预警');
    await page.getByTestId('visit-alert').waitFor();
    const href = (await page.getByTestId('visit-open-alert').getAttribute('href')) ?? '';
    const alertId = href.match(/focus=(\d+)/)?.[1];
    expect(alertId, href).toBeTruthy();

    await page.getByTestId('visit-open-alert').click();
    await page.waitForURL(/\/monitoring\/alerts/);
    const card = page.locator(`[data-testid="fever-alert"][data-alert-id="${alertId}"]`);
    await card.waitFor();
    await expect.poll(() => card.getByTestId('alert-temperature').innerText()).toContain('38.5');
    await context.close();
  });

  it('a visit task cannot be closed without a visit: no "done" on its card, and the server refuses one', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/me/tasks');
    await page.waitForURL(/\/login/);
    await signIn(page, 'grid');
    const card = page.getByTestId('task-card').filter({ hasText: householdAddress }).first();
    await card.waitFor();
    await card.getByTestId('task-visit').waitFor();
    expect(await card.getByTestId('task-done').count()).toBe(0);
    expect(await card.getByTestId('task-fail').count()).toBe(0);

    const grid = await apiSession(base, 'grid');
    const mine = (await (await grid.api.get('/api/tasks/mine')).json()) as { items: { id: number; title: string; subject: { kind: string } | null }[] };
    const task = mine.items.find((x) => x.subject?.kind === 'screening_target');
    expect(task).toBeTruthy();
    const done = await grid.api.post(`/api/tasks/${task!.id}/done`, { headers: { 'x-csrf-token': grid.csrf }, data: {} });
    expect(done.status()).toBe(409);
    expect(((await done.json()) as { error: { code: string } }).error.code).toBe('TASK_NEEDS_VISIT');
    await grid.api.dispose();
    // Still there, still open.
    await page.reload();
    await page.getByTestId('task-card').filter({ hasText: householdAddress }).first().waitFor();
    await context.close();
  });
});

describe('the branch secretary’s workbench', () => {
  it('lands on the applications waiting for approval, counted as the server counts them, one tap from the queue', async () => {
    // An application of this test's own, through the branch's public form: at least one waits.
    const secretary = await apiSession(base, 'secretary');
    const orgs = (await (await secretary.api.get('/api/party/orgs')).json()) as {
      items: { kind: string; enlistToken: string | null; closedAt: string | null }[];
    };
    const token = orgs.items.find((o) => o.kind === 'branch' && o.enlistToken && !o.closedAt)!.enlistToken!;
    const id17 = `41162719900412${String(Date.now() % 1000).padStart(3, '0')}`;
    const sent = await secretary.api.post(`/api/enlist/${token}`, {
      data: { name: '工作台报到测试', idNumber: id17 + checkDigit(id17), phone: '13900007788', category: 'party_rural' },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const figures = (await (await secretary.api.get(`/api/volunteers/figures?under=${secretary.scopeId}`)).json()) as {
      totals: { pending: number; volunteers: number; onDuty: number };
    };
    expect(figures.totals.pending).toBeGreaterThan(0);
    await secretary.api.dispose();

    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login/);
    await signIn(page, 'secretary');
    await page.getByTestId('wb-branch').waitFor();
    expect(await page.getByTestId('wb-roles').innerText()).toContain('党支部书记');
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('branch_secretary');
    expect(Number(await page.getByTestId('wb-pending').locator('.ant-statistic-content-value').innerText())).toBe(figures.totals.pending);
    expect((await page.getByTestId('wb-on-duty').innerText()).replace(/\s+/g, '')).toContain(`${figures.totals.onDuty}/${figures.totals.volunteers}`);
    expect(await page.getByTestId('wb-enlistments').innerText()).toContain(`${figures.totals.pending} 份待审批`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByTestId('wb-enlistments').click();
    await page.waitForURL(/\/volunteers\/enlistments$/);
    await page.getByTestId('queue-table').locator('tr', { hasText: '工作台报到测试' }).first().waitFor();
    await context.close();
  });
});

describe('the administrator’s workbench', () => {
  it('lands on what waits for them: unanswered data requests and the disclosures watch, each one tap away', async () => {
    // A request of this test's own: at least one is unanswered.
    const admin = await apiSession(base, 'admin');
    const made = await admin.api.post('/api/lifecycle/requests', {
      headers: { 'x-csrf-token': admin.csrf },
      data: { areaId: admin.scopeId, kind: 'correction', requesterName: '工作台更正测试', details: '本人手机号登记有误，请更正。' },
    });
    expect(made.status(), await made.text()).toBe(201);
    const open = ((await (await admin.api.get('/api/lifecycle/requests?status=open&limit=1&offset=0')).json()) as { total: number }).total;
    expect(open).toBeGreaterThan(0);
    await admin.api.dispose();

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: TZ });
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login/);
    await signIn(page, 'admin');
    await page.getByTestId('wb-admin').waitFor();
    expect(Number(await page.getByTestId('wb-requests-open').locator('.ant-statistic-content-value').innerText())).toBe(open);
    await page.getByTestId('wb-disclosures-over').waitFor();
    expect(await page.getByTestId('wb-requests').innerText()).toContain(`${open} 件`);
    expect(await page.locator('body').innerText()).not.toMatch(/\b[a-z]+_[a-z_]+\b/);

    await page.getByTestId('wb-requests').click();
    await page.waitForURL(/\/data-requests$/);
    await page.getByText('工作台更正测试').first().waitFor();
    await context.close();
  });
});
