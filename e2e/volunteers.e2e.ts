import { type Browser, type Locator, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { PHONE, launch, newContext, signIn } from './browser';

/**
 * Party organisations and volunteers as the issue asks: a stranger enlists on a 375-px phone through the
 * branch's link (twice — the second time updates the same application), the branch secretary approves on
 * a desktop with an account, refuses another with a reason, sees the branch's QR code, deploys the new
 * volunteer; the volunteer signs in on the phone and sees the deployment. All data is synthetic.
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

function inputOf(l: Locator): Locator {
  return l.locator('xpath=self::input|descendant::input|self::textarea|descendant::textarea').first();
}

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
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
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

    // Sending again is safe: the pending application is updated, not doubled.
    await page.getByTestId('enlist-again').click();
    await inputOf(page.getByTestId('enlist-pledge')).fill('我有车，周末随时可以出车运送物资。');
    await page.getByTestId('enlist-submit').click();
    await page.getByTestId('enlist-done').getByText('报到信息已更新').waitFor();

    // English on the same phone.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('enlist-done').getByText('Your application has been updated').waitFor();
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
    const row = table.locator('tr', { hasText: NAME });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(`411***********${ID_NUMBER.slice(-4)}`);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).toContain('提交 2 次');
    expect(text).toContain('周末随时可以出车');

    // Approve with an account.
    await row.getByTestId('approve').click();
    await page.getByTestId('approve-with-account').click();
    await inputOf(page.getByTestId('approve-username')).fill(USERNAME);
    await inputOf(page.getByTestId('approve-password')).fill(PASSWORD);
    await page.getByTestId('approve-confirm').click();
    await page.getByTestId('approve-account').getByText(USERNAME).waitFor();
    await page.getByRole('button', { name: /OK|确\s*定/ }).click();
    await expect.poll(() => table.locator('tr', { hasText: NAME }).count()).toBe(0);

    // Refuse one of the demo's waiting applications.
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
    await page.getByTestId('deployments').getByText(PLACE).waitFor();

    // The branch's QR code and link on the organisation tree.
    await page.goto(base + '/volunteers/orgs');
    await page.getByTestId('org-tree').getByText('党支部', { exact: false }).first().click();
    await page.getByTestId('enlist-link-card').locator('canvas').waitFor();
    expect(await page.getByTestId('enlist-link').innerText()).toContain('/enlist/');
    await context.close();
  });

  it('the new volunteer signs in on a phone and sees the deployment under "my assignments"', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(base + '/me/assignments');
    await signIn(page, USERNAME, PASSWORD);
    await page.waitForURL(/\/me\/assignments$/);
    await page.getByTestId('my-name').getByText(NAME).waitFor();
    await page.getByTestId('deployments').getByText(PLACE).waitFor();
    expect(await noSideways(page)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
