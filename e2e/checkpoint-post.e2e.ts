import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, signIn } from './browser';

/**
 * One post's page on a 375-px phone: the demo cadre sets up a post, puts themself on the shift running now and
 * checks in with the post's code; a car is turned back there. On the phone the cadre opens the post from the
 * list and sees today's figures and hourly chart, themself on duty, the printable check-in code (the one the
 * server gives), the crossing; records a handover and renames the post — with nothing wider than the screen.
 */
const base = inject('baseUrl');
const TZ = process.env.TIME_ZONE || 'Asia/Shanghai';
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const stamp = Date.now() % 100000;
const postName = `测试卡点 ${stamp}`;
const plate = `豫P${String((stamp + 11) % 100000).padStart(5, '0')}`;
let browser: Browser;
let postId = 0;
let qrText = '';
let shiftHours = '';

/** The local day and hour where the deployment is, to pick the three-shift template's shift running now. */
function localNow() {
  const entries = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date())
    .map((p) => [p.type, p.value]);
  const parts = Object.fromEntries(entries);
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

beforeAll(async () => {
  browser = await launch();
  const cadre = await apiSession(base, 'cadre');
  const w = { headers: { 'x-csrf-token': cadre.csrf } };
  const me = (await (await cadre.api.get('/api/auth/me')).json()) as { user: { id: number } };
  const { day, hour } = localNow();
  const created = await cadre.api.post('/api/checkpoints/posts', {
    ...w,
    data: { areaId: cadre.scopeId, name: postName, kind: 'village_entrance', place: '测试路口', opensOn: day, staffing: { party_member: 1, volunteer: 1 } },
  });
  expect(created.status(), await created.text()).toBe(201);
  postId = ((await created.json()) as { id: number }).id;
  // three_8: A 08–16, B 16–24, C 00–08, all on the local day.
  const shiftCode = hour < 8 ? 'C' : hour < 16 ? 'A' : 'B';
  shiftHours = { A: '08:00–16:00', B: '16:00–00:00', C: '00:00–08:00' }[shiftCode];
  const assigned = await cadre.api.post('/api/checkpoints/assignments', { ...w, data: { postId, day, shiftCode, userId: me.user.id, role: 'party_member' } });
  expect(assigned.status(), await assigned.text()).toBe(201);
  qrText = ((await (await cadre.api.get(`/api/checkpoints/posts/${postId}/qr`)).json()) as { text: string }).text;
  const checkedIn = await cadre.api.post('/api/checkpoints/check-in', { ...w, data: { code: qrText } });
  expect(checkedIn.status(), await checkedIn.text()).toBe(200);
  const crossing = await cadre.api.post('/api/checkpoints/crossings', {
    ...w,
    data: {
      clientId: crypto.randomUUID(),
      postId,
      direction: 'in',
      plate,
      vehicleType: 'private',
      decision: 'turned_back',
      people: [
        { temperature: 36.5, name: '测试甲' },
        { temperature: 36.6, name: '测试乙' },
      ],
    },
  });
  expect(crossing.status(), await crossing.text()).toBe(201);
  await cadre.api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('the post page', () => {
  it('shows a post’s day, who is on duty, its code and crossings on a 375-px phone, and takes a handover and an edit', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/checkpoints/posts');
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/checkpoints\/posts/);
    await page.getByRole('link', { name: postName }).click();
    await page.waitForURL(new RegExp(`/checkpoints/posts/${postId}$`));
    await expect.poll(() => page.getByTestId('post-title').innerText()).toBe(postName);

    // Today: 2 people checked and turned back, one vehicle turned back, drawn by hour.
    await expect.poll(() => page.getByTestId('post-figure-checked').innerText()).toContain('2');
    expect(await page.getByTestId('post-figure-turnedBack').innerText()).toContain('2');
    expect(await page.getByTestId('post-figure-vehiclesTurnedBack').innerText()).toContain('1');
    await expect.poll(() => page.getByTestId('post-hourly').getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/:00 2\/2/);

    // On duty now: the cadre, checked in; the volunteer the post needs is short.
    const duty = page.getByTestId('post-on-duty');
    await expect.poll(() => duty.innerText()).toContain('已签到');
    // The shift in the post's own hours, whatever the phone's clock says.
    expect(await duty.innerText()).toContain(shiftHours);
    expect(await duty.innerText()).toContain('缺：志愿者');

    // The printable check-in code is the server's.
    expect(await page.getByTestId('post-qr-code').getAttribute('data-code')).toBe(qrText);
    await expect.poll(() => page.getByTestId('post-crossings').innerText()).toContain(plate);
    // Names masked in the list, as every list of people is.
    expect(await page.getByTestId('post-crossings').innerText()).not.toContain('测试甲');

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // A handover for the shift running now.
    expect(await page.getByTestId('post-handovers').innerText()).toContain('尚无交接班记录');
    await page.getByTestId('handover-add').click();
    await page.getByTestId('handover-incidents').fill(`劝返一辆车 ${stamp}`);
    await page.getByTestId('handover-save').click();
    await expect.poll(() => page.getByTestId('handover-item').first().innerText()).toContain(`劝返一辆车 ${stamp}`);

    // The cadre manages posts: the name is edited in place.
    await page.getByTestId('post-edit').click();
    await page.getByTestId('post-edit-name').fill(`${postName} 改`);
    await page.getByTestId('post-edit-save').click();
    await expect.poll(() => page.getByTestId('post-title').innerText()).toBe(`${postName} 改`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('reads in English on a desk, two columns wide, with no code word on screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(base + `/checkpoints/posts/${postId}`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.getByTestId('post-page').waitFor();
    await page.getByTestId('lang-switch').first().click();
    await expect.poll(() => page.getByTestId('post-today').innerText()).toContain('Vehicles turned back');
    await expect.poll(() => page.getByTestId('post-on-duty').innerText()).toContain('checked in');
    await expect.poll(() => page.getByTestId('post-handovers').innerText()).toContain('Handover log');
    const text = await page.getByTestId('post-page').innerText();
    expect(text).not.toMatch(/checkpoints\.|party_member|village_entrance|turned_back/);
    // Side by side: today's card and the details card share a row.
    const today = await page.getByTestId('post-today').boundingBox();
    const details = await page.getByTestId('post-details').boundingBox();
    expect(details!.x).toBeGreaterThan(today!.x + today!.width - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await context.close();
  });

  it('opens a post that is not there as "not found"', async () => {
    const context = await browser.newContext(PHONE_375);
    const page = await context.newPage();
    await page.goto(base + '/checkpoints/posts/999999');
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await expect.poll(() => page.getByTestId('post-missing').innerText(), { timeout: 15_000 }).toContain('卡点不存在');
    await context.close();
  });
});
