import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, newContext, signIn } from './browser';

/**
 * Round setup and the staggered slot plan on a desktop: a cadre of this file's own estate (two buildings of
 * 3 and 2 people, made here with a stamp — other browser files share the server) creates a round and a point
 * through the screens, opens the round, reads the plan beside its lower bound (one desk at 12 an hour: a
 * 15-minute slot holds 3, so 25 minutes at best and a 30-minute plan), moves the second building into the
 * first slot (over capacity, warned in red), saves, and prints: one notice per building.
 */
const base = inject('baseUrl');
const stamp = Date.now() % 100000;
const username = `rounds${stamp}`;
const estateName = `轮次测试小区${stamp}`;
const roundName = `错峰测试轮次 ${stamp}`;
const pointName = `错峰测试点 ${stamp}`;
const OWN_PASSWORD = 'Cuofeng#Own2026';
let browser: Browser;

const session = (username: string) => apiSession(base, username);

beforeAll(async () => {
  browser = await launch();
  const admin = await session('admin');
  const grid = await session('grid');
  const w = { headers: { 'x-csrf-token': admin.csrf } };
  const made = async (url: string, data: unknown) => {
    const res = await admin.api.post(url, { ...w, data });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { id: number }).id;
  };
  // The estate under the demo grid, two buildings with their people, and a cadre whose scope is the estate.
  const estate = await made('/api/areas', { parentId: grid.scopeId, name: estateName, kind: 'estate' });
  for (const [building, people] of [
    ['1栋', 3],
    ['2栋', 2],
  ] as const) {
    const areaId = await made('/api/areas', { parentId: estate, name: building, kind: 'building' });
    const householdId = await made('/api/households', { areaId, address: `${estateName}${building}101` });
    for (let n = 1; n <= people; n++) {
      await made('/api/residents', { householdId, name: `楼${building}${n}号${stamp}`, idType: 'none', phone: '13912345678', movedInOn: '2020-01-01' });
    }
  }
  await made('/api/users', { username, displayName: `轮次测试干部${stamp}`, roles: ['cadre'], scopeAreaId: estate, password: 'Wangge@2026' });
  // A password an administrator handed over must be changed first (the account test shows that screen).
  const cadre = await session(username);
  const changed = await cadre.api.post('/api/auth/password', {
    headers: { 'x-csrf-token': cadre.csrf },
    data: { currentPassword: 'Wangge@2026', newPassword: OWN_PASSWORD },
  });
  expect(changed.status(), await changed.text()).toBeLessThan(300);
  await Promise.all([admin.api.dispose(), grid.api.dispose(), cadre.api.dispose()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('round setup and the slot plan', () => {
  it('creates a round and a point, moves a building in the plan, saves it and prints the notices', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/sampling/rounds');
    await page.waitForURL(/\/login/);
    await signIn(page, username, OWN_PASSWORD);
    await page.waitForURL(/\/sampling\/rounds/);

    // A new round over the cadre's estate (the area picker starts at the user's area), dated today.
    await page.getByTestId('round-new').click();
    await page.getByTestId('round-name').fill(roundName);
    await expect.poll(() => page.getByTestId('round-form').textContent()).toContain(estateName);
    await page.getByTestId('round-save').click();
    await page.waitForURL(/\/sampling\/rounds\/\d+$/);
    await expect.poll(() => page.getByTestId('round-title').textContent()).toBe(roundName);
    expect(await page.getByTestId('round-link-coverage').getAttribute('href')).toMatch(/\/sampling\/rounds\/\d+\/coverage$/);

    // Open it, behind a confirmation.
    await page.getByTestId('round-open').click();
    await page.getByTestId('round-status-confirm').click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    // If the server refused, its words are in the error toast: say them.
    const refused = async () => ((await page.locator('.ant-message-error').count()) ? await page.locator('.ant-message-error').first().innerText() : '');
    await expect.poll(async () => `${await page.getByTestId('round-status').textContent()}${await refused()}`, { timeout: 15_000 }).toBe('进行中');

    // A point with one desk swabbing 12 an hour, serving its own area (the estate).
    await page.getByTestId('point-new').click();
    await page.getByTestId('point-name').fill(pointName);
    await page.getByTestId('point-address').fill(`${estateName}东门`);
    await page.locator('#desks').fill('1');
    await page.locator('#perDeskHour').fill('12');
    await expect.poll(() => page.getByTestId('point-capacity').textContent()).toContain('12 人/小时');
    await page.getByTestId('point-save').click();
    await page.getByTestId('point-table').getByText(pointName).waitFor();
    await page.getByTestId('point-slots').click();
    await page.waitForURL(/\/points\/\d+\/slots$/);

    // The computed plan beside its lower bound: 5 people at 12 an hour → 25 minutes at best; two 15-minute slots.
    await page.getByTestId('slot-not-stored').waitFor();
    await expect.poll(() => page.getByTestId('slot-lower-bound').textContent()).toContain('25 分钟');
    expect(await page.getByTestId('slot-plan-length').textContent()).toContain('30 分钟');
    await expect.poll(() => page.getByTestId('slot-card').count()).toBe(2);
    expect(await page.getByTestId('slot-strip').count()).toBe(1);
    expect(await page.getByTestId('slot-strip').getAttribute('aria-label')).toMatch(/07:00–07:15：\d+ \/ 3 人.*；07:15–07:30/);

    // 2栋 moves into the first slot: 5 people where 3 fit — warned, not refused.
    const second = page.getByTestId('slot-card').nth(1);
    await second.getByTestId('slot-move').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '07:00–07:15' }).click();
    await page.getByTestId('slot-overloaded').waitFor();
    const first = page.getByTestId('slot-card').nth(0);
    await expect.poll(() => first.getByTestId('slot-load').textContent()).toContain('5 / 3');
    expect(await first.getByTestId('slot-unit').count()).toBe(2);

    await page.getByTestId('slot-save').click();
    await page.getByTestId('slot-stored').waitFor();
    expect(await page.getByTestId('slot-pending').count()).toBe(0);
    await expect.poll(() => page.getByTestId('slot-card').nth(0).getByTestId('slot-unit').count()).toBe(2);
    // After a reload the stored plan keeps the hand edit.
    await page.reload();
    await page.getByTestId('slot-stored').waitFor();
    await expect.poll(() => page.getByTestId('slot-card').nth(0).getByTestId('slot-load').textContent()).toContain('5 / 3');

    // The print view: one notice per building, in Chinese, with its time and place.
    await page.getByTestId('slot-print').click();
    await page.waitForURL(/print=1/);
    await expect.poll(() => page.getByTestId('notice').count()).toBe(2);
    const notice = await page.getByTestId('notice').first().textContent();
    expect(notice).toContain('错峰核酸采样通知');
    expect(notice).toContain('07:00–07:15');
    expect(notice).toContain(pointName);
    expect(notice).toContain('身份证');
    await context.close();
  }, 120_000);
});
