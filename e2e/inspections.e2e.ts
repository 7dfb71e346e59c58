import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, signIn, TIME_ZONE } from './browser';

/**
 * Inspections with rectification on a 375-px phone (issue 18 point 4): the county's inspector checks the demo
 * cadre's village item by item, fails one with a photo; the order lands with the village; the cadre reports it
 * fixed with a photo; the inspector re-inspects and the order is closed.
 */
const base = inject('baseUrl');
let browser: Browser;
let targetId: number;
let groupId: number;
const GROUP = '宣传整改专班';
/** A real 1×1 PNG: what the phone "takes". */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

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

async function takePhoto(page: Page, scope: ReturnType<Page['getByTestId']> | Page) {
  await scope.getByTestId('photo-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await expect.poll(() => scope.locator('img[src^="/api/photos/"]').count()).toBeGreaterThan(0);
}

beforeAll(async () => {
  browser = await launch();
  // The cadre's village as a place to inspect (registered by the command center, as the form does on a pick).
  const cadre = await apiSession(base, 'cadre');
  const command = await apiSession(base, 'command');
  const res = await command.api.post('/api/inspections/targets', {
    data: { kind: 'village', areaId: cadre.scopeId },
    headers: { 'x-csrf-token': command.csrf },
  });
  expect(res.ok()).toBe(true);
  targetId = ((await res.json()) as { id: number }).id;
  // A task force over the cadre's village, the cadre its lead: the second test addresses its orders to it.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
  const made = await command.api.post('/api/command-groups', {
    data: { kind: 'task_force', name: GROUP, areaId: cadre.scopeId, startsOn: today },
    headers: { 'x-csrf-token': command.csrf },
  });
  expect(made.ok()).toBe(true);
  groupId = ((await made.json()) as { id: number }).id;
  const members = await command.api.put(`/api/command-groups/${groupId}/members`, {
    data: { members: [{ userId: cadre.userId, role: 'lead' }] },
    headers: { 'x-csrf-token': command.csrf },
  });
  expect(members.ok()).toBe(true);
  await cadre.api.dispose();
  await command.api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('inspections on a phone', () => {
  it('a failed item with its photo → a rectification order → the unit reports it fixed → a re-inspection closes it', async () => {
    const inspector = await signedIn('command', `/inspections/new?kind=village&targetId=${targetId}`);
    expect(await inspector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // One card per item: everything passes but the publicity item, which fails with a note and a photo.
    const codes = ['duty', 'roster', 'checkpoint', 'publicity', 'disinfection', 'gathering'];
    for (const code of codes) {
      const card = inspector.getByTestId(`item-${code}`);
      await card.getByText(code === 'publicity' ? '不合格' : '合格', { exact: true }).click();
    }
    const failed = inspector.getByTestId('item-publicity');
    await failed.locator('textarea').fill('宣传横幅缺失');
    // Without its photo the submit is refused by the server, naming the item.
    await inspector.getByTestId('inspect-submit').click();
    await expect.poll(() => inspector.getByTestId('inspect-error').innerText()).toContain('不合格项必须附照片');
    await takePhoto(inspector, failed);
    await inspector.getByTestId('inspect-submit').click();
    await inspector.waitForURL(/\/inspections\/\d+$/);
    await expect.poll(() => inspector.getByTestId('inspection-score').innerText()).toBe('90');

    // The order made for the failure, due in seven days (a minor item).
    await inspector.getByTestId('order-link').click();
    await inspector.waitForURL(/\/inspections\/rectifications\/\d+$/);
    const orderPath = new URL(inspector.url()).pathname;
    await expect.poll(() => inspector.getByTestId('order-status').innerText()).toBe('待整改');

    // The village cadre reports it fixed, with a photo of the new banner.
    const unit = await signedIn('cadre', orderPath);
    expect(await unit.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await unit.locator('textarea').first().fill('已重新悬挂横幅');
    await takePhoto(unit, unit);
    await unit.getByTestId('order-report').click();
    await expect.poll(() => unit.getByTestId('order-status').innerText()).toBe('已上报待复查');

    // Only the re-inspection closes it.
    await inspector.reload();
    await expect.poll(() => inspector.getByTestId('order-status').innerText()).toBe('已上报待复查');
    await inspector.getByTestId('order-fixed').getByText('整改到位', { exact: true }).click();
    await inspector.getByTestId('order-reinspect').click();
    await expect.poll(() => inspector.getByTestId('order-status').innerText()).toBe('已复查销号');
  });

  it('the orders of a failed inspection handed to a task force reach its members', async () => {
    const inspector = await signedIn('command', `/inspections/new?kind=village&targetId=${targetId}`);
    for (const code of ['duty', 'roster', 'checkpoint', 'publicity', 'disinfection', 'gathering']) {
      await inspector
        .getByTestId(`item-${code}`)
        .getByText(code === 'disinfection' ? '不合格' : '合格', { exact: true })
        .click();
    }
    const failed = inspector.getByTestId('item-disinfection');
    await failed.locator('textarea').fill('公共场所未按时消杀');
    await takePhoto(inspector, failed);
    // The responsible unit appears once an item fails; the task force is chosen instead of the village.
    await inspector.getByTestId('inspect-unit-group').click();
    await inspector.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: GROUP }).first().click();
    await inspector.getByTestId('inspect-submit').click();
    await inspector.waitForURL(/\/inspections\/\d+$/);
    await inspector.getByTestId('order-link').click();
    await inspector.waitForURL(/\/inspections\/rectifications\/\d+$/);
    await expect.poll(() => inspector.getByTestId('order-unit').innerText()).toContain(GROUP);

    // The group's open work holds the order's task, addressed to the group itself (any member may act on it).
    const command = await apiSession(base, 'command');
    const detail = (await (await command.api.get(`/api/command-groups/${groupId}`)).json()) as { openTasks: { toGroup: boolean }[] };
    expect(detail.openTasks.filter((t) => t.toGroup).length).toBeGreaterThan(0);
    // … and the cadre, its lead, has it in their own inbox.
    const cadre = await apiSession(base, 'cadre');
    const mine = (await (await cadre.api.get('/api/tasks/mine?all=true')).json()) as { items: { assignee: { groupName: string | null } }[] };
    expect(mine.items.some((t) => t.assignee.groupName === GROUP)).toBe(true);
    await command.api.dispose();
    await cadre.api.dispose();
  });
});
