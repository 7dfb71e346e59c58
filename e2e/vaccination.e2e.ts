import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launch, signIn, TIME_ZONE } from './browser';

/**
 * Rides to vaccination (专车接送) on a 375-px phone (issue 18 point 3): the demo cadre's village has a van and a car with
 * a wheelchair place, a session today, and four elders booked — one in a wheelchair. The cadre opens the day's ride
 * plan on a phone: trips within seats, the wheelchair rider in the car with the space; printed, only the plan shows.
 */
const base = inject('baseUrl');
let browser: Browser;
let wheelchairRider = '';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

beforeAll(async () => {
  browser = await launch();
  const cadre = await apiSession(base, 'cadre');
  const post = async (url: string, data: object) => {
    const res = await cadre.api.post(url, { data, headers: { 'x-csrf-token': cadre.csrf } });
    if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  await post('/api/vaccination/vehicles', { areaId: cadre.scopeId, name: '村委面包车', seats: 3, driver: '张师傅' });
  await post('/api/vaccination/vehicles', { areaId: cadre.scopeId, name: '无障碍小车', seats: 2, wheelchairSpaces: 1 });
  const session = await post('/api/vaccination/sessions', { areaId: cadre.scopeId, day: today, site: '乡卫生院接种点', startsAt: '08:00', endsAt: '12:00' });
  const list = (await (await cadre.api.get('/api/vaccination/outreach?band=60plus&limit=4')).json()) as { items: { residentId: number; name: string }[] };
  expect(list.items.length).toBeGreaterThanOrEqual(3);
  for (const [i, p] of list.items.entries()) {
    const wheelchair = i === 0;
    if (wheelchair) wheelchairRider = p.name;
    await post(`/api/vaccination/sessions/${session.id}/riders`, { residentId: p.residentId, wheelchair, from: '08:00', to: i < 2 ? '08:30' : '09:30' });
  }
  await cadre.api.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('a ride plan on a phone', () => {
  it('one village’s day: trips within seats, the wheelchair rider in the car with the space, printable', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 375, height: 780 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: TIME_ZONE,
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/vaccination/rides`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL((u) => u.pathname === '/vaccination/rides');
    await expect.poll(() => page.getByTestId('ride-plan-title').innerText()).toContain(`${today} 专车接送安排`);
    await expect.poll(() => page.getByTestId('ride-trip').count()).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const trips = await page.getByTestId('ride-trip').evaluateAll((cards) =>
      cards.map((c) => ({
        title: c.querySelector('.ant-card-head-title')?.textContent ?? '',
        rows: c.querySelectorAll('tbody tr').length,
        text: c.textContent ?? '',
      })),
    );
    // No trip over its vehicle's seats (3 in the van, 2 in the car).
    for (const t of trips) expect(t.rows).toBeLessThanOrEqual(t.title.includes('面包车') ? 3 : 2);
    const withWheelchair = trips.filter((t) => t.text.includes(wheelchairRider));
    expect(withWheelchair).toHaveLength(1);
    expect(withWheelchair[0].title).toContain('无障碍小车');
    expect(await page.getByTestId('ride-unplaced').count()).toBe(0);

    // On paper: the plan, without the day picker and the print button.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('ride-trip').first().isVisible()).toBe(true);
    expect(await page.getByTestId('ride-print').isVisible()).toBe(false);
    await ctx.close();
  });
});
