import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newContext, signIn } from './browser';

/**
 * The web shell as a village cadre uses it: sign in in Chinese, switch to English, see only their own
 * village in the area switcher, sign out; on a phone without sideways scrolling; and back to the page
 * they wanted after signing in again.
 */
const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function switcherOptions(page: Page): Promise<string[]> {
  await page.getByTestId('area-switcher').click();
  const nodes = page.locator('.ant-select-tree-treenode:not([aria-hidden="true"])');
  await nodes.first().waitFor();
  // Expand everything the tree offers (lazy levels load on expand) a couple of levels deep.
  for (let round = 0; round < 2; round++) {
    const closed = page.locator('.ant-select-tree-switcher_close');
    const n = await closed.count();
    for (let i = 0; i < n; i++)
      await closed
        .first()
        .click()
        .catch(() => {});
    await page.waitForTimeout(400);
  }
  return nodes.allInnerTexts();
}

describe('web shell', () => {
  it('a village cadre signs in in Chinese, switches to English, sees only their village, signs out', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login/);
    await expect.poll(() => page.locator('h1, h2, h3').first().innerText()).toContain('网格');
    await signIn(page, 'cadre');
    await page.getByText('王隆集村干部（演示），您好').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);

    await page.getByTestId('lang-switch').first().click();
    await page.getByText('Hello, 王隆集村干部（演示）').waitFor();
    await expect.poll(() => page.locator('.ant-menu').first().innerText()).toContain('System');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const options = await switcherOptions(page);
    expect(options.join('|')).toContain('王隆集村');
    expect(options.some((o) => o.includes('第一网格'))).toBe(true);
    for (const outside of ['太康县', '毛庄镇', '朱口东村', '朱口镇']) {
      expect(options.join('|')).not.toContain(outside);
    }
    await page.keyboard.press('Escape');

    // The API agrees: the county above the cadre's village is "not found".
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    const county = me.user.scope.path.split('/').filter(Boolean)[0];
    const status = await page.evaluate(async (id) => (await fetch(`/api/areas/${id}`)).status, county);
    expect(status).toBe(404);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    // The language choice is remembered after signing out.
    await page.reload();
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toMatch(/Sign in|Log in/i);
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    await context.close();
  });

  it('works on a 360-px phone without sideways scrolling, and returns to the wanted page after signing in', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(base + '/areas');
    await page.waitForURL(/\/login\?next=/);
    await signIn(page, 'grid');
    await page.waitForURL(/\/areas$/);
    await page.getByText('第一网格').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.goto(base + '/no-such-page');
    await page.getByText('404').first().waitFor();
    await context.close();
  });

  it('an administrator sees the user management page with the demo accounts', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/admin/users');
    await signIn(page, 'admin');
    await page.waitForURL(/\/admin\/users/);
    await page.getByText('cadre2').first().waitFor();
    await context.close();
  });
  it('an administrator adds an area and archives it: the tree, the details and the header switcher follow without a reload', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(base + '/areas');
    await signIn(page, 'admin');
    await page.waitForURL(/\/areas$/);
    const name = `壳测试镇${Date.now() % 100000}`;
    // The header switcher (its root open by default) has read the top level before the change.
    const switcherTree = page.locator('.ant-select-tree');
    await page.getByTestId('area-switcher').click();
    await switcherTree.locator('.ant-select-tree-treenode').nth(1).waitFor();
    expect(await switcherTree.innerText()).not.toContain(name);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '添加下级' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ant-card-head').getByText(name).waitFor();
    await page.locator('.ant-tree').first().getByText(name).waitFor();
    await page.getByTestId('area-switcher').click();
    await switcherTree.getByText(name).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '更多操作' }).click();
    await page.getByRole('menuitem', { name: '归档' }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /^归\s*档$/ })
      .click();
    // The archive and the tree's refetch take a while on a busy machine: expect.poll's own 1 s is too short.
    await expect.poll(() => page.locator('.ant-tree').first().innerText(), { timeout: 10_000 }).not.toContain(name);
    await page.getByTestId('area-switcher').click();
    await expect.poll(() => switcherTree.innerText(), { timeout: 10_000 }).not.toContain(name);
    await context.close();
  });
});
