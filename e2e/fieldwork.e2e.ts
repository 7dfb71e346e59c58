import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, signIn, TIME_ZONE } from './browser';

/**
 * Disinfection on a 375-px phone (issue 18 point 1): the demo cadre's village has a round of routine disinfection
 * planned for today; a worker opens the job from the list, records what was used and the square metres with a
 * photo before and after, and the job shows done in the list and in the overview's field-work panel.
 */
const base = inject('baseUrl');
let browser: Browser;
const PLACE = '村委会广场（消杀测试）';
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

beforeAll(async () => {
  browser = await launch();
  const cadre = await apiSession(base, 'cadre');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
  const res = await cadre.api.post('/api/fieldwork/disinfection/rounds', {
    data: { name: '公共场所日常消杀', areaId: cadre.scopeId, teamName: '村消杀队', places: [{ name: PLACE, areaId: cadre.scopeId }], dates: [today] },
    headers: { 'x-csrf-token': cadre.csrf },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await cadre.api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('disinfection on a phone', () => {
  it('a planned job recorded done with photos before and after', async () => {
    const page = await signedIn('cadre', '/fieldwork/disinfection');
    const card = page.getByTestId('list-card').filter({ hasText: PLACE }).first();
    await card.getByTestId('job-record').click();
    await page.waitForURL(/\/fieldwork\/disinfection\/new\?jobId=\d+$/);
    await expect.poll(() => page.getByTestId('job-planned').innerText()).toContain(PLACE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByTestId('job-disinfectant').fill('含氯消毒剂');
    await page.getByTestId('job-m2').fill('1500');
    const files = page.getByTestId('photo-file');
    await files.nth(0).setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.locator('img[src^="/api/photos/"]').count()).toBe(1);
    await files.nth(1).setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.locator('img[src^="/api/photos/"]').count()).toBe(2);
    await page.getByTestId('job-submit').click();
    await page.waitForURL((u) => u.pathname === '/fieldwork/disinfection');
    const done = page.locator('[data-testid="job-table"]', { hasText: PLACE });
    await expect.poll(() => done.innerText()).toContain('已完成');
    await expect.poll(() => done.innerText()).toContain('1500');

    // The overview's field-work panel counts it.
    await page.goto(`${base}/overview`);
    await expect.poll(() => page.getByTestId('fig-fieldwork').innerText(), { timeout: 15_000 }).toContain('1500');
  });
});
