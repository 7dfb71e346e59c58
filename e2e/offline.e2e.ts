import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { apiSession, launch, signIn } from './browser';

/**
 * The field without network, on a 375-px phone. Once a page has been opened with the app installed (its service
 * worker in control), a reload with the network cut still opens it: the sampling desk with its open tube, and the
 * visit form with its household. Writes made there wait on the phone, counted in the header; when the network
 * returns they go out by themselves, each exactly once.
 */
const base = inject('baseUrl');
const TZ = process.env.TIME_ZONE || 'Asia/Shanghai';
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const stamp = Date.now() % 100000;
const todayThere = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
let browser: Browser;
let roundId = 0;
let pointId = 0;
let campaignId = 0;
const idNumbers: string[] = [];
const roundName = `离线测试轮次 ${stamp}`;
const barcode = `OFFL${String(stamp).padStart(8, '0')}`;
const householdAddress = `离线走访 ${stamp} 号`;

const session = (username: string) => apiSession(base, username);

function idNumber(n: number): string {
  const first17 = `420106198802${String(10 + n).padStart(2, '0')}${String((stamp + n) % 1000).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

/** The app's service worker controls the page (it registers shortly after the first load and takes over at once). */
async function installed(page: Page) {
  await expect
    .poll(() => page.evaluate(() => !!navigator.serviceWorker?.controller), { timeout: 30_000, message: 'the service worker took over the page' })
    .toBe(true);
}

/** The header's count of writes waiting on the phone (0 when the mark is not shown). */
async function waiting(page: Page): Promise<number> {
  const badge = page.getByTestId('pending-writes');
  return (await badge.count()) ? Number(await badge.getAttribute('data-count')) : 0;
}

beforeAll(async () => {
  browser = await launch();
  const admin = await session('admin');
  const sampler = await session('sampler');
  const grid = await session('grid');
  const cadre = await session('cadre');
  const w = { headers: { 'x-csrf-token': admin.csrf } };
  const household = await admin.api.post('/api/households', { ...w, data: { areaId: grid.scopeId, address: householdAddress } });
  expect(household.status(), await household.text()).toBe(201);
  const householdId = ((await household.json()) as { id: number }).id;
  for (let n = 1; n <= 2; n++) {
    const id = idNumber(n);
    const person = await admin.api.post('/api/residents', {
      ...w,
      data: { householdId, name: `离线${'甲乙'[n - 1]}${stamp}`, idType: 'resident_id', idNumber: id, movedInOn: '2020-01-01' },
    });
    expect(person.status(), await person.text()).toBe(201);
    idNumbers.push(id);
  }
  const round = await admin.api.post('/api/sampling/rounds', {
    ...w,
    data: { name: roundName, areaId: sampler.scopeId, startsOn: todayThere(), endsOn: todayThere(), rosterDate: todayThere() },
  });
  expect(round.status(), await round.text()).toBe(201);
  roundId = ((await round.json()) as { id: number }).id;
  const point = await admin.api.post(`/api/sampling/rounds/${roundId}/points`, {
    ...w,
    data: { name: `离线采样点 ${stamp}`, areaId: sampler.scopeId, desks: 1 },
  });
  expect(point.status(), await point.text()).toBe(201);
  pointId = ((await point.json()) as { id: number }).id;
  const opened = await admin.api.post(`/api/sampling/rounds/${roundId}/status`, { ...w, data: { status: 'open' } });
  expect(opened.status(), await opened.text()).toBe(200);
  const campaign = await cadre.api.post('/api/screening/campaigns', {
    headers: { 'x-csrf-token': cadre.csrf },
    data: {
      name: `离线敲门 ${stamp}`,
      areaId: grid.scopeId,
      startsOn: todayThere(),
      endsOn: todayThere(),
      lookbackDays: 14,
      target: 'selection',
      householdIds: [householdId],
    },
  });
  expect(campaign.status(), await campaign.text()).toBe(201);
  campaignId = ((await campaign.json()) as { id: number }).id;
  await Promise.all([admin.api.dispose(), sampler.api.dispose(), grid.api.dispose(), cadre.api.dispose()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('the field without network', () => {
  it('the desk opens after a reload with the network cut, and its scan is bound once when the network returns', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/sampling/desk');
    await page.waitForURL(/\/login/);
    await signIn(page, 'sampler');
    await page.waitForURL(/\/sampling\/desk/);
    await page.getByTestId('desk-round').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: roundName }).click();
    await page.getByTestId('desk-point').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `离线采样点 ${stamp}` }).click();
    const scan = page.getByTestId('desk-scan');
    const scanIn = async (text: string) => {
      await scan.click();
      await scan.fill(text);
      await scan.press('Enter');
    };
    await scanIn(barcode);
    await expect.poll(() => page.getByTestId('desk-tube').innerText()).toContain(barcode);
    await scanIn(idNumbers[0]);
    await expect.poll(() => page.getByTestId('desk-last').innerText()).toContain('第1人');

    // Installed: a reload with the network still up lets the worker keep the desk's reads.
    await installed(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('desk-member').count()).toBe(1);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('desk-tube').innerText()).toContain(barcode);
    await expect.poll(() => page.getByTestId('desk-member').count()).toBe(1);
    await scanIn(idNumbers[1]);
    await expect.poll(() => page.getByTestId('desk-pending').innerText()).toBe('待同步 1 条');
    await expect.poll(() => waiting(page)).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await context.setOffline(false);
    await expect.poll(() => waiting(page), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('desk-member').count()).toBe(2);

    const sampler = await session('sampler');
    const tubes = (await (await sampler.api.get(`/api/sampling/tubes?roundId=${roundId}&pointId=${pointId}`)).json()) as {
      items: { id: number; barcode: string }[];
    };
    const tube = tubes.items.find((t) => t.barcode === barcode)!;
    const detail = (await (await sampler.api.get(`/api/sampling/tubes/${tube.id}`)).json()) as { bound: number; members: { seq: number }[] };
    expect(detail.bound).toBe(2);
    expect(detail.members.map((m) => m.seq).sort()).toEqual([1, 2]);
    await sampler.api.dispose();
    await context.close();
  });

  it('the visit form opens after a reload with the network cut, keeps the visit on the phone, and sends it once when the network returns', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/me/tasks');
    await page.waitForURL(/\/login/);
    await signIn(page, 'grid');
    await page.waitForURL(/\/me\/tasks/);
    const card = page.getByTestId('task-card').filter({ hasText: householdAddress }).first();
    await card.getByTestId('task-visit').click();
    await page.waitForURL(/\/screening\/visit\/\d+$/);
    await expect.poll(() => page.getByTestId('visit-address').innerText()).toContain(householdAddress);

    await installed(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('visit-address').innerText()).toContain(householdAddress);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('visit-address').innerText()).toContain(householdAddress);
    await page.getByTestId('visit-roster-confirmed').click();
    await page.getByTestId('visit-temperature').locator('xpath=self::input|descendant::input').first().fill('36.5');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('saved-offline').waitFor();
    await expect.poll(() => waiting(page)).toBe(1);
    // Still waiting after another reload without network: the visit is kept on the phone, not in the page.
    await page.reload();
    await expect.poll(() => waiting(page)).toBe(1);

    await context.setOffline(false);
    await expect.poll(() => waiting(page), { timeout: 20_000 }).toBe(0);
    // The page that was open shows the visit's result once it went in.
    await page.getByTestId('visit-done').waitFor();
    const grid = await session('grid');
    const visits = (await (await grid.api.get(`/api/screening/visits?campaignId=${campaignId}`)).json()) as { total: number; items: { address: string }[] };
    expect(visits.total).toBe(1);
    expect(visits.items[0].address).toContain(householdAddress);
    await grid.api.dispose();
    await context.close();
  });
});
