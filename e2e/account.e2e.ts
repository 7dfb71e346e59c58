import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, newContext, signIn } from './browser';

/**
 * One's own account: a password an administrator handed over must be changed before anything else (the
 * change-password screen), and "my sessions" in the user menu lists the devices signed in and ends them.
 */
const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('my account', () => {
  it('a new account changes its handed-over password first, then sees its sessions and ends the others', async () => {
    const { api, csrf, scopeId } = await apiSession(base, 'admin');
    const username = `newcomer${Date.now() % 100000}`;
    const made = await api.post('/api/users', {
      headers: { 'x-csrf-token': csrf },
      data: { username, displayName: '新来的干部', roles: ['cadre'], scopeAreaId: scopeId, password: 'Handed-Over-2026' },
    });
    expect(made.status()).toBe(201);

    // Another device of the same person, signed in over the API (it too may only change the password for now).
    const elsewhere = await apiSession(base, username, 'Handed-Over-2026');
    expect((await elsewhere.api.get('/api/areas')).status()).toBe(403);

    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login/);
    await signIn(page, username, 'Handed-Over-2026');
    await page.getByTestId('forced-password-change').waitFor();
    expect(await page.getByTestId('forced-password-change').innerText()).toContain('请先修改密码');
    await page.getByTestId('password-current').fill('Handed-Over-2026');
    await page.getByTestId('password-new').fill('My-Own-Pass-2026');
    await page.getByTestId('password-confirm').fill('My-Own-Pass-2026');
    await page.getByTestId('password-submit').click();
    await page.getByText('新来的干部，您好').waitFor();
    // The change signed the other device out.
    expect((await elsewhere.api.get('/api/auth/me')).status()).toBe(401);

    const other = await apiSession(base, username, 'My-Own-Pass-2026');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('my-sessions').click();
    await page.waitForURL(/\/account\/sessions/);
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(2);
    expect(await page.getByTestId('sessions-list').innerText()).toContain('本设备');
    await page.getByTestId('sessions-end-others').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    expect((await other.api.get('/api/auth/me')).status()).toBe(401);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
