import { type Browser, type Locator, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { PHONE, TIME_ZONE, exportWithPurpose, launch, newContext, signIn } from './browser';

/**
 * Party organisations and volunteers as the issue asks: a stranger enlists on a 375-px phone through the
 * branch's link (twice — the second time updates the same application), the branch secretary approves on
 * a desktop with an account, refuses another with a reason, sees the branch's QR code, deploys the new
 * volunteer twice on one day (flagged); the volunteer signs in on the phone and sees both. Then a
 * temporary branch from opening to closing, a team with its members, the even split of households and
 * the day's figures with their workbook; the roster as a workbook, a liaison group's note on the person's
 * page, a team made by mistake deleted and a branch moved under a new committee. All data is synthetic.
 */
const base = inject('baseUrl');
let browser: Browser;
let token = '';

const NAME = '祁晓岚';
const ID17 = '41162719880412342';
const ID_NUMBER = ID17 + checkDigit(ID17);
const USERNAME = 'qixiaolan';
const PASSWORD = 'Hongmajia#2026';
const PLACE = '测试卡点东口';
const PLACE2 = '测试采样点西门';

function inputOf(l: Locator): Locator {
  return l.locator('xpath=self::input|descendant::input|self::textarea|descendant::textarea').first();
}

async function pickDate(l: Locator, date: string) {
  const input = inputOf(l);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function pickOption(page: Page, select: Locator, text: string | RegExp) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** The first volunteer a picker offers (the list before anything is typed). */
async function pickFirstVolunteer(page: Page, select: Locator): Promise<string> {
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  await option.waitFor();
  const name = (await option.innerText()).split(' · ')[0].trim();
  await option.click();
  await page.keyboard.press('Escape');
  return name;
}

const confirmPop = (page: Page) =>
  page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

beforeAll(async () => {
  browser = await launch();
  // The branch's link, as the secretary would hand it out.
  const api = await request.newContext({ baseURL: base });
  const login = await api.post('/api/auth/login', { data: { username: 'secretary', password: 'Wangge@2026' } });
  expect(login.ok()).toBe(true);
  const orgs = (await (await api.get('/api/party/orgs')).json()) as { items: { kind: string; enlistToken: string | null; closedAt: string | null }[] };
  token = orgs.items.find((o) => o.kind === 'branch' && o.enlistToken && !o.closedAt)!.enlistToken!;
  await api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('party organisations and volunteers', () => {
  it('a stranger enlists on a 375-px phone without an account, and sending again updates the same application', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: TIME_ZONE });
    const page = await context.newPage();
    await page.goto(`${base}/enlist/${token}`);
    // Public: no detour through the login page.
    await page.getByTestId('enlist-org').waitFor();
    expect(page.url()).toContain(`/enlist/${token}`);
    expect(await noSideways(page)).toBeLessThanOrEqual(375);

    // A wrong ID number is caught on the phone before anything is sent.
    await inputOf(page.getByTestId('enlist-name')).fill(NAME);
    await inputOf(page.getByTestId('enlist-id-number')).fill(ID17 + (checkDigit(ID17) === '1' ? '2' : '1'));
    await inputOf(page.getByTestId('enlist-phone')).fill('13900004321');
    await page.getByTestId('enlist-submit').click();
    await page.getByTestId('enlist-error').waitFor();

    await inputOf(page.getByTestId('enlist-id-number')).fill(ID_NUMBER);
    await page.getByText('驾驶（有车）').click();
    await page.getByText('周六').click();
    await inputOf(page.getByTestId('enlist-pledge')).fill('我有车，可以帮忙运送物资。');
    await page.getByTestId('enlist-submit').click();
    await page.getByTestId('enlist-done').getByText('报到成功').waitFor();
    expect(await noSideways(page)).toBeLessThanOrEqual(375);

    // Sending again makes a second application beside the first (nothing sent is overwritten), with the same answer.
    await page.getByTestId('enlist-again').click();
    await inputOf(page.getByTestId('enlist-pledge')).fill('我有车，周末随时可以出车运送物资。');
    await page.getByTestId('enlist-submit').click();
    await page.getByTestId('enlist-done').getByText('报到成功').waitFor();

    // English on the same phone.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('enlist-done').getByText('You have enlisted').waitFor();
    await page.getByTestId('lang-switch').click();

    // A link that is not a branch's says so.
    await page.goto(`${base}/enlist/not-a-real-token`);
    await page.getByTestId('enlist-unavailable').waitFor();
    await context.close();
  });

  it('the branch secretary approves with an account on a desktop, refuses another with a reason, and deploys the new volunteer', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/volunteers/enlistments');
    await page.waitForURL(/\/login/);
    await signIn(page, 'secretary');
    await page.waitForURL(/\/volunteers\/enlistments$/);
    const table = page.getByTestId('queue-table');
    // Both applications of the number wait side by side, each flagged; the second (with the new pledge) is approved.
    await expect.poll(() => table.locator('tr', { hasText: NAME }).count()).toBe(2);
    const row = table.locator('tr', { hasText: '周末随时可以出车' });
    const text = await row.innerText();
    expect(text).toContain(`411***********${ID_NUMBER.slice(-4)}`);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).toContain('同一证件号另有 1 份申请');

    // Approve with an account.
    await row.getByTestId('approve').click();
    // Not in the registry: a standalone volunteer record.
    await page.getByTestId('approve-resident').getByText('台账中没有此证件号').waitFor();
    await page.getByTestId('approve-with-account').click();
    await inputOf(page.getByTestId('approve-username')).fill(USERNAME);
    await inputOf(page.getByTestId('approve-password')).fill(PASSWORD);
    await page.getByTestId('approve-confirm').click();
    await page.getByTestId('approve-account').getByText(USERNAME).waitFor();
    await page.getByRole('button', { name: /OK|确\s*定/ }).click();
    await expect.poll(() => table.locator('tr', { hasText: '周末随时可以出车' }).count()).toBe(0);

    // Refuse one of the waiting applications (the demo's, or the first one of this number).
    const other = table.locator('tbody tr.ant-table-row').first();
    const otherName = (await other.locator('strong').first().innerText()).trim();
    await other.getByTestId('refuse').click();
    await inputOf(page.getByTestId('refuse-reason')).fill('本村名额已满，请联系所在社区报到');
    await page.getByTestId('refuse-confirm').click();
    await expect.poll(() => table.locator('tr', { hasText: otherName }).count()).toBe(0);
    await page.getByTestId('queue-status').getByText('已拒绝').click();
    await table.locator('tr', { hasText: otherName }).getByText('本村名额已满').waitFor();

    // The approved one has a volunteer page; deploy them for today.
    await page.getByTestId('queue-status').getByText('已通过').click();
    await table.locator('tr', { hasText: NAME }).getByRole('link', { name: '查看志愿者' }).click();
    await page.waitForURL(/\/volunteers\/\d+$/);
    await page.getByTestId('volunteer-title').getByText(NAME).waitFor();
    await page.getByTestId('memberships').getByText('党支部').first().waitFor();
    await page.getByTestId('deploy-volunteer').click();
    await inputOf(page.getByTestId('deploy-place')).fill(PLACE);
    await page.getByTestId('deploy-save').click();
    await page.getByTestId('deployments').getByText(PLACE, { exact: true }).waitFor();

    // Sent somewhere else on the same day: saved, and flagged as two places at once.
    await page.getByTestId('deploy-volunteer').click();
    await inputOf(page.getByTestId('deploy-place')).fill(PLACE2);
    await page.getByTestId('deploy-save').click();
    await page.locator('.ant-modal:visible').getByTestId('conflicts').getByText(PLACE).waitFor();
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await expect.poll(() => page.getByTestId('conflict-flag').count()).toBe(2);

    // The branch's QR code and link on the organisation tree.
    await page.goto(base + '/volunteers/orgs');
    await page.getByTestId('org-tree').getByText('党支部', { exact: false }).first().click();
    await page.getByTestId('enlist-link-card').locator('canvas').waitFor();
    expect(await page.getByTestId('enlist-link').innerText()).toContain('/enlist/');
    await context.close();
  });

  it('the new volunteer signs in on a phone and sees the deployments, clash flagged, under "my assignments"', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: TIME_ZONE });
    const page = await context.newPage();
    await page.goto(base + '/me/assignments');
    await signIn(page, USERNAME, PASSWORD);
    await page.waitForURL(/\/me\/assignments$/);
    // The secretary chose this password: the volunteer sets their own first, then lands where they were going.
    await page.getByTestId('forced-password-change').waitFor();
    await page.getByTestId('password-current').fill(PASSWORD);
    await page.getByTestId('password-new').fill('Red-Vest#Own2026');
    await page.getByTestId('password-confirm').fill('Red-Vest#Own2026');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('my-name').getByText(NAME).waitFor();
    await page.getByTestId('deployments').getByText(PLACE, { exact: true }).waitFor();
    await page.getByTestId('deployments').getByText(PLACE2, { exact: true }).waitFor();
    // Their own clash is shown to them too.
    expect(await page.getByTestId('conflict-flag').count()).toBe(2);
    expect(await noSideways(page)).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('a temporary branch opens at a place, draws a member in and closes, its link stopping', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/volunteers/orgs');
    await signIn(page, 'secretary');
    await page.waitForURL(/\/volunteers\/orgs$/);
    await page.getByTestId('org-create').click();
    await pickOption(page, page.getByTestId('org-kind'), '临时党支部');
    await inputOf(page.getByTestId('org-name')).fill('测试采样点临时党支部');
    await inputOf(page.getByTestId('org-place')).fill('村委会广场采样点');
    await pickDate(page.getByTestId('org-starts'), '2026-01-05');
    await page.getByTestId('org-save').click();
    await page.waitForURL(/org=\d+/);
    await page.getByTestId('org-title').getByText('测试采样点临时党支部').waitFor();
    const link = await page.getByTestId('enlist-link').innerText();

    await page.getByTestId('org-draw').click();
    const member = await pickFirstVolunteer(page, page.locator('.ant-modal:visible .ant-select').first());
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /OK|确\s*定/ })
      .click();
    await page.getByTestId('org-members').getByText(member).waitFor();
    expect(await page.getByTestId('org-members').innerText()).toContain('临时');

    await page.getByTestId('org-close').click();
    await confirmPop(page);
    await page.getByTestId('org-detail').getByText('已撤销').first().waitFor();
    await expect.poll(() => page.getByTestId('org-members').getByText(member).count()).toBe(0);

    // The closed branch's link no longer takes applications.
    await page.goto(link);
    await page.getByTestId('enlist-unavailable').waitFor();
    await context.close();
  });

  it("a team is made with its members, a building's households are split evenly, and the figures are drawn and exported", async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/volunteers/teams');
    await signIn(page, 'secretary');
    await page.waitForURL(/\/volunteers\/teams$/);
    await page.getByTestId('team-create').click();
    await inputOf(page.getByTestId('team-name')).fill('测试物资配送服务队');
    await page.getByTestId('team-save').click();
    await page.getByTestId('team-drawer').waitFor();
    await page.getByTestId('team-edit-members').click();
    const member = await pickFirstVolunteer(page, page.getByTestId('team-add-member'));
    await page
      .getByTestId('team-drawer')
      .getByRole('button', { name: /加\s*入/ })
      .click();
    await page.getByTestId('team-save-members').click();
    await page.getByTestId('team-members').getByText(member).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('team-card').filter({ hasText: '测试物资配送服务队' }).waitFor();

    // The village's households shared among two members.
    await page.goto(base + '/volunteers/links');
    await page.getByTestId('links-table').locator('tr.ant-table-row').first().waitFor();
    const households = await page.getByTestId('links-table').locator('tr.ant-table-row').count();
    await pickFirstVolunteer(page, page.getByTestId('split-members'));
    await page.getByTestId('split-members').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-selected)').first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('split-submit').click();
    await confirmPop(page);
    await page.getByTestId('split-result').getByText('2 名党员').waitFor();
    await expect.poll(() => page.getByTestId('link-tag').count()).toBe(households);

    // The day's figures, and the same as a workbook.
    await page.goto(base + '/volunteers/figures');
    await page.getByTestId('figures-totals').waitFor();
    await page.getByTestId('figures-by-category').locator('tr.ant-table-row').first().waitFor();
    await page.getByTestId('service-totals').waitFor();
    const figuresFile = await exportWithPurpose(page, 'figures-export', '向镇党委汇报');
    expect(figuresFile.suggestedFilename()).toMatch(/^志愿者统计-.*\.xlsx$/);
    await context.close();
  });
  it("the roster downloads as a workbook, a liaison group's note shows on the person's page, a team made by mistake is deleted, a branch moves under a committee", async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/volunteers');
    await signIn(page, 'secretary');
    await page.waitForURL(/\/volunteers$/);
    await page.getByTestId('volunteers-table').locator('tr.ant-table-row').first().waitFor();
    // An export of personal data asks its purpose first, then downloads the workbook the answer carries.
    await page.getByTestId('volunteers-export').click();
    await inputOf(page.getByTestId('export-purpose')).fill('核对本支部志愿者排班');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出并下载' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^志愿者名册-.*\.xlsx$/);
    // The secretary may not see full numbers: no such button.
    expect(await page.getByTestId('volunteers-export-full').count()).toBe(0);

    await page.getByTestId('volunteers-table').locator('tr.ant-table-row a').first().click();
    await page.getByTestId('volunteer-title').waitFor();
    await page.getByTestId('record-service').click();
    await inputOf(page.getByTestId('record-note')).fill('连续值守卡点，耐心细致');
    await inputOf(page.getByTestId('record-liaison-group')).fill('组织部第三联络组');
    await page.getByTestId('record-save').click();
    await page.getByTestId('service-records').getByText('连续值守卡点，耐心细致').waitFor();
    expect(await page.getByTestId('service-records').innerText()).toContain('组织部第三联络组');
    // The village's latest notes on the figures page, with the person's name.
    const person = (await page.getByTestId('volunteer-title').innerText()).trim();
    await page.goto(base + '/volunteers/figures');
    await page.getByTestId('liaison-notes').getByText('连续值守卡点，耐心细致').waitFor();
    expect(await page.getByTestId('liaison-notes').innerText()).toContain(person);

    await page.goto(base + '/volunteers/teams');
    await page.getByTestId('team-create').click();
    await inputOf(page.getByTestId('team-name')).fill('测试建错的队');
    await page.getByTestId('team-save').click();
    await page.getByTestId('team-drawer').waitFor();
    await page.getByTestId('team-delete').click();
    await confirmPop(page);
    await expect.poll(() => page.getByTestId('team-card').filter({ hasText: '测试建错的队' }).count()).toBe(0);

    // A new village committee; a branch set up on its own moves under it.
    await page.goto(base + '/volunteers/orgs');
    await page.getByTestId('org-create').click();
    await pickOption(page, page.getByTestId('org-kind'), '党委');
    await inputOf(page.getByTestId('org-name')).fill('测试村党总支');
    await page.getByTestId('org-save').click();
    await page.getByTestId('org-title').getByText('测试村党总支').waitFor();
    await page.getByTestId('org-create').click();
    await pickOption(page, page.getByTestId('org-kind'), /^党支部$/);
    await inputOf(page.getByTestId('org-name')).fill('测试村第五党支部');
    await page.getByTestId('org-save').click();
    await page.getByTestId('org-title').getByText('测试村第五党支部').waitFor();
    await page.getByTestId('org-move').click();
    await pickOption(page, page.getByTestId('org-move-parent'), '测试村党总支');
    await page.getByTestId('org-move-ok').click();
    await page.getByTestId('org-detail').getByText('测试村党总支').first().waitFor();
    await context.close();
  });
});
