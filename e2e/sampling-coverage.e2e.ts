import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { maskName } from '../src/domain/sampling/rules';
import { TIME_ZONE, apiSession, exportWithPurpose, launch, signIn } from './browser';

/**
 * The coverage dashboard on a 375-px phone, over a round of this file's own: an estate with two buildings and
 * two people in each, one of each building sampled through the API. The dashboard shows the figures worked out
 * by hand (due 4, sampled 2, missing 2, 50 %), drills into one building (due 2, sampled 1) and back up by the
 * breadcrumb, lists the two missing people with masked names, and the workbook downloads with the session.
 * Then a resident's page prints their QR card: one card whose code is the desk's WG:R:<id>.
 */
const base = inject('baseUrl');
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: TIME_ZONE };
const stamp = Date.now() % 100000;
const todayThere = () => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
let browser: Browser;
let roundId = 0;
let estateId = 0;
const buildings: { id: number; name: string }[] = [];
const people: { id: number; name: string }[] = [];

const session = (username: string) => apiSession(base, username);

function idNumber(n: number): string {
  const first17 = `420106198503${String(10 + n).padStart(2, '0')}${String((stamp + n) % 1000).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

beforeAll(async () => {
  browser = await launch();
  const admin = await session('admin');
  const grid = await session('grid');
  const w = { headers: { 'x-csrf-token': admin.csrf } };
  const created = async (path: string, data: object) => {
    const res = await admin.api.post(path, { ...w, data });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: number };
  };
  // Places of this file's own under the grid worker's grid, so the demo's residents are not in the figures.
  estateId = (await created('/api/areas', { parentId: grid.scopeId, name: `覆盖测试小区${stamp}`, kind: 'estate' })).id;
  for (const n of [1, 2]) {
    const name = `${n}号楼${stamp}`;
    buildings.push({ id: (await created('/api/areas', { parentId: estateId, name, kind: 'building' })).id, name });
  }
  // Two people in each building; the last character differs, so their masked names differ too.
  for (const [b, building] of buildings.entries()) {
    const household = await created('/api/households', { areaId: building.id, address: `覆盖测试 ${stamp} ${b + 1} 号楼 101` });
    for (const k of [0, 1]) {
      const n = b * 2 + k;
      const name = `测${stamp}${'甲乙丙丁'[n]}`;
      const person = await created('/api/residents', {
        householdId: household.id,
        name,
        idType: 'resident_id',
        idNumber: idNumber(n),
        movedInOn: '2020-01-01',
      });
      people.push({ id: person.id, name });
    }
  }
  const today = todayThere();
  roundId = (await created('/api/sampling/rounds', { name: `覆盖测试轮次 ${stamp}`, areaId: estateId, startsOn: today, endsOn: today, rosterDate: today })).id;
  const pointId = (await created(`/api/sampling/rounds/${roundId}/points`, { name: `覆盖测试点 ${stamp}`, areaId: estateId })).id;
  const opened = await admin.api.post(`/api/sampling/rounds/${roundId}/status`, { ...w, data: { status: 'open' } });
  expect(opened.status(), await opened.text()).toBe(200);
  // The first person of each building sampled: 甲 and 丙; 乙 and 丁 are missing.
  const tube = await created('/api/sampling/tubes', { roundId, pointId, desk: 1, barcode: `COV${String(stamp).padStart(9, '0')}` });
  for (const person of [people[0], people[2]]) {
    const bound = await admin.api.post('/api/sampling/bindings', { ...w, data: { clientId: crypto.randomUUID(), tubeId: tube.id, residentId: person.id } });
    expect(bound.status(), await bound.text()).toBe(201);
  }
  await Promise.all([admin.api.dispose(), grid.api.dispose()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('the coverage dashboard', () => {
  it('shows the hand-computed figures, drills into a building and back, lists the missing masked, and exports', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(`${base}/sampling/rounds/${roundId}/coverage`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'command');
    await page.waitForURL(/\/sampling\/rounds\/\d+\/coverage/);

    const figure = (key: string) => page.getByTestId(`coverage-${key}`).locator('.ant-statistic-content-value').innerText();
    await expect.poll(() => figure('due')).toBe('4');
    expect(await figure('sampled')).toBe('2');
    expect(await figure('missing')).toBe('2');
    expect(await figure('exempt')).toBe('0');
    expect(await page.getByTestId('coverage-rate').innerText()).toBe('50%');
    await expect.poll(() => page.getByTestId('coverage-updated').innerText()).toMatch(/^更新于 \d\d:\d\d:\d\d$/);

    // One row per building, each half sampled.
    await expect.poll(() => page.getByTestId('coverage-row').count()).toBe(2);
    expect(await page.getByTestId('coverage-row-rate').allInnerTexts()).toEqual(['50%', '50%']);
    // The chart has the hour of the two bindings; the missing list the two people not sampled, masked.
    // (The chart is a canvas; its label tells the hours: "2026-…-… 09:00：本小时 2 人，累计 2 人".)
    const label = async () => (await page.getByTestId('coverage-chart').getAttribute('aria-label')) ?? '';
    await expect.poll(label).toContain('累计 2 人');
    const chart = await label();
    expect(chart).toMatch(/\d{4}-\d\d-\d\d \d\d:00：本小时 [12] 人，累计 [12] 人/);
    expect(chart).toContain('应检 4 人');
    await expect
      .poll(() => page.getByTestId('coverage-missing-name').allInnerTexts())
      .toEqual(expect.arrayContaining([maskName(people[1].name), maskName(people[3].name)]));
    expect(await page.getByTestId('coverage-missing-name').count()).toBe(2);
    expect(await page.getByTestId('coverage-missing-list').innerText()).not.toContain(people[1].name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The workbook holds personal data: its purpose is asked first, then the answer downloads (issue 14).
    const download = await exportWithPurpose(page, 'coverage-export', '督促未采人员');
    expect(download.suggestedFilename()).toMatch(/^应检尽检-.*\.xlsx$/);

    // Drill into the first building: its own figures, `under` in the URL, the breadcrumb back up.
    await page.getByTestId('coverage-row').filter({ hasText: buildings[0].name }).click();
    await page.waitForURL(new RegExp(`under=${buildings[0].id}`));
    await expect.poll(() => figure('due')).toBe('2');
    expect(await figure('sampled')).toBe('1');
    expect(await figure('missing')).toBe('1');
    await expect.poll(() => page.getByTestId('coverage-trail-current').innerText()).toBe(buildings[0].name);
    await expect.poll(() => page.getByTestId('coverage-missing-name').allInnerTexts()).toEqual([maskName(people[1].name)]);
    // A building has no areas below: no table, nothing more to drill.
    expect(await page.getByTestId('coverage-row').count()).toBe(0);

    // The link is shareable: a reload shows the same building.
    await page.reload();
    await expect.poll(() => page.getByTestId('coverage-trail-current').innerText()).toBe(buildings[0].name);
    await expect.poll(() => figure('due')).toBe('2');

    await page
      .getByTestId('coverage-trail-link')
      .filter({ hasText: `覆盖测试小区${stamp}` })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('under')).toBeNull();
    await expect.poll(() => figure('due')).toBe('4');
    await context.close();
  });

  it('finds the round from the menu page, open rounds first', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(`${base}/sampling/coverage?roundId=${roundId}`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'command');
    await page.waitForURL(/\/sampling\/coverage/);
    await expect.poll(() => page.getByTestId('coverage-round').innerText()).toContain(`覆盖测试轮次 ${stamp}`);
    await expect.poll(() => page.getByTestId('coverage-due').locator('.ant-statistic-content-value').innerText()).toBe('4');
    await context.close();
  });
});

describe('resident QR cards', () => {
  it("opens the card view from a resident's page with the desk's code drawn as a QR image", async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(`${base}/residents/${people[1].id}`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'admin');
    await page.waitForURL(/\/residents\/\d+/);
    await page.getByTestId('print-qr').click();
    await page.waitForURL(new RegExp(`/sampling/qr-cards\\?residentId=${people[1].id}`));
    await expect.poll(() => page.getByTestId('qr-card').count()).toBe(1);
    const qr = page.getByTestId('qr-code');
    expect(await qr.getAttribute('data-code')).toBe(`WG:R:${people[1].id}`);
    // A real symbol: the path has many dark runs, and it is drawn at a size a scanner can read.
    expect(((await qr.locator('path').getAttribute('d')) ?? '').split('z').length).toBeGreaterThan(50);
    expect((await qr.boundingBox())!.width).toBeGreaterThan(100);
    // The name as the registry shows it, the ID number masked, the card face in Chinese.
    expect(await page.getByTestId('qr-card-title').innerText()).toBe(people[1].name);
    const card = await page.getByTestId('qr-card').innerText();
    expect(card).toContain('核酸采样码 · 出示给采样人员');
    expect(card).not.toContain(idNumber(1));
    expect(card).toMatch(/\*{4,}/);
    await expect.poll(() => page.getByTestId('qr-print').isEnabled()).toBe(true);

    // The household page prints the group code first, then one card per member.
    await page.goto(`${base}/residents/households/${(await (await page.request.get(`${base}/api/residents/${people[1].id}`)).json()).householdId}`);
    await page.getByTestId('print-household-qr').click();
    await expect.poll(() => page.getByTestId('qr-card').count()).toBe(3);
    expect(await page.getByTestId('qr-code').first().getAttribute('data-code')).toMatch(/^WG:H:\d+$/);

    // In batch for an area: the four people of the estate (all 40 or older), one card each.
    await page.goto(`${base}/sampling/qr-cards?areaId=${estateId}&minAge=40`);
    await expect.poll(() => page.getByTestId('qr-card').count()).toBe(4);
    expect((await page.getByTestId('qr-card-title').allInnerTexts()).sort()).toEqual(people.map((p) => p.name).sort());
    await page.goto(`${base}/sampling/qr-cards?areaId=${estateId}&minAge=100`);
    await expect.poll(() => page.getByTestId('qr-empty').count()).toBe(1);
    await context.close();
  });
});
