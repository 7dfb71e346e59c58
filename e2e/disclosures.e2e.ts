import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, newContext, signIn } from './browser';

/**
 * The disclosures watch (个人信息查看监测): the administrator sees today's reveals per user and changes the
 * threshold on the screen; the new value is what the server keeps.
 */
const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('disclosures watch', () => {
  it("lists today's reveals of a user and saves a new threshold", async () => {
    const { api, csrf } = await apiSession(base, 'admin');
    const residents = await api.get('/api/residents?pageSize=1');
    expect(residents.status()).toBe(200);
    const [person] = (await residents.json()).items;
    const reveal = await api.post(`/api/residents/${person.id}/reveal`, {
      headers: { 'x-csrf-token': csrf },
      data: { field: 'phone', reason: '核实联系方式' },
    });
    expect(reveal.status()).toBe(200);
    const before = (await (await api.get('/api/audit/disclosures')).json()).threshold.perDay as number;

    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${base}/admin/disclosures`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'admin');
    await page.waitForURL(/\/admin\/disclosures/);
    await expect.poll(() => page.getByTestId('disclosures-list').innerText()).toContain('系统管理员');
    const input = page.getByTestId('disclosure-threshold');
    await input.fill(String(before + 7));
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('阈值已保存').waitFor();
    await expect.poll(async () => (await (await api.get('/api/audit/disclosures')).json()).threshold.perDay).toBe(before + 7);
    await context.close();
  });
});
