import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { DESKTOP, apiSession, launch, signIn } from './browser';

/**
 * From the desk to the positives board. Through the API this file makes its own people, round, point and three
 * tubes: two closed (three people and two people) and one still open. On a 375-px phone the sampler packs a box by
 * scanning: the open tube is refused with its reason and stays on the list until removed; the courier's wrong
 * count is shown against the box's, the right one hands the box over. The county's command uploads the lab's csv
 * (the three-person pool positive, the other negative, one barcode of no tube); the summary shows one positive
 * tube and the unknown barcode, and the positives board lists the pool's three people as held.
 */
const base = inject('baseUrl');
const TZ = process.env.TIME_ZONE || 'Asia/Shanghai';
const PHONE_375 = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: TZ };
const stamp = Date.now() % 100000;
const pad = String(stamp).padStart(8, '0');
const todayThere = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
const roundName = `转运测试轮次 ${stamp}`;
const pointName = `转运测试采样点 ${stamp}`;
const tubes = { pool: `LABA${pad}`, other: `LABB${pad}`, open: `LABC${pad}` };
const boxCode = `BOXL${pad}`;
const unknownBarcode = `LABZ${pad}`;
let browser: Browser;
let roundId = 0;

const session = (username: string) => apiSession(base, username);

/** A valid 18-digit ID number of this file's own (the sequence from the stamp). */
function idNumber(n: number): string {
  const first17 = `420106198502${String(10 + n).padStart(2, '0')}${String((stamp + n) % 1000).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

beforeAll(async () => {
  browser = await launch();
  const admin = await session('admin');
  const sampler = await session('sampler');
  const grid = await session('grid');
  const w = { headers: { 'x-csrf-token': admin.csrf } };
  const s = { headers: { 'x-csrf-token': sampler.csrf } };
  const household = await admin.api.post('/api/households', { ...w, data: { areaId: grid.scopeId, address: `转运测试 ${stamp} 号` } });
  expect(household.status(), await household.text()).toBe(201);
  const householdId = ((await household.json()) as { id: number }).id;
  const ids: string[] = [];
  for (let n = 1; n <= 6; n++) {
    const person = await admin.api.post('/api/residents', {
      ...w,
      data: { householdId, name: `转运${'甲乙丙丁戊己'[n - 1]}${stamp}`, idType: 'resident_id', idNumber: idNumber(n), movedInOn: '2020-01-01' },
    });
    expect(person.status(), await person.text()).toBe(201);
    ids.push(idNumber(n));
  }
  const round = await admin.api.post('/api/sampling/rounds', {
    ...w,
    data: { name: roundName, areaId: sampler.scopeId, startsOn: todayThere(), endsOn: todayThere(), rosterDate: todayThere() },
  });
  expect(round.status(), await round.text()).toBe(201);
  roundId = ((await round.json()) as { id: number }).id;
  const point = await admin.api.post(`/api/sampling/rounds/${roundId}/points`, { ...w, data: { name: pointName, areaId: sampler.scopeId, desks: 2 } });
  expect(point.status(), await point.text()).toBe(201);
  const pointId = ((await point.json()) as { id: number }).id;
  expect((await admin.api.post(`/api/sampling/rounds/${roundId}/status`, { ...w, data: { status: 'open' } })).status()).toBe(200);

  // The pool of three and the tube of two are closed at desk 1; the last tube is still open at desk 2.
  const fill = async (barcode: string, desk: number, people: string[], close: boolean) => {
    const opened = await sampler.api.post('/api/sampling/tubes', { ...s, data: { roundId, pointId, desk, barcode, capacity: 5 } });
    expect(opened.status(), await opened.text()).toBe(201);
    const tubeId = ((await opened.json()) as { id: number }).id;
    for (const id of people) {
      const bound = await sampler.api.post('/api/sampling/bindings', { ...s, data: { clientId: randomUUID(), tubeId, idNumber: id } });
      expect(bound.status(), await bound.text()).toBe(201);
    }
    if (close) expect((await sampler.api.post(`/api/sampling/tubes/${tubeId}/close`, { ...s, data: {} })).status()).toBe(200);
  };
  await fill(tubes.pool, 1, ids.slice(0, 3), true);
  await fill(tubes.other, 1, ids.slice(3, 5), true);
  await fill(tubes.open, 2, ids.slice(5), false);
  await Promise.all([admin.api.dispose(), sampler.api.dispose(), grid.api.dispose()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('boxes, lab results and the positives board', () => {
  it('packs a box by scanning, hands it over after a wrong count, and traces a positive pool to the board', async () => {
    const phone = await browser.newContext(PHONE_375);
    const page = await phone.newPage();
    await page.goto(`${base}/sampling/boxes?roundId=${roundId}`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'sampler');
    await page.waitForURL(/\/sampling\/boxes/);

    await page.getByTestId('box-point').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: pointName }).click();
    // The two closed tubes are in no box yet: listed so none is left behind.
    await expect.poll(() => page.getByTestId('box-loose-title').innerText()).toContain('2 支');
    await page.getByTestId('box-new-code').fill(boxCode);
    await page.getByTestId('box-new-submit').click();

    // The scanner types into the input that keeps the focus, each barcode ending with Enter.
    const scan = page.getByTestId('box-pack-scan');
    const scanIn = async (text: string) => {
      await expect.poll(() => scan.evaluate((el) => el === document.activeElement), { timeout: 5_000 }).toBe(true);
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    await scanIn(tubes.pool);
    await scanIn(tubes.other.toLowerCase());
    await scanIn(tubes.open);
    await expect.poll(() => page.getByTestId('box-pack-item').count()).toBe(3);
    await page.getByTestId('box-pack-submit').click();
    // The open tube is refused with its reason; nothing is packed and the list stays.
    await expect.poll(() => page.getByTestId('box-pack-problem').innerText()).toBe('尚未封管');
    await expect.poll(() => page.getByTestId('box-pack-item').count()).toBe(3);
    await page.getByTestId('box-pack-item').filter({ hasText: tubes.open }).getByRole('button').click();
    await page.getByTestId('box-pack-submit').click();
    await expect.poll(() => page.getByTestId('box-pack-note').innerText()).toContain(`2 支管已装入转运箱 ${boxCode}`);
    await expect.poll(() => page.getByTestId('box-pack-item').count()).toBe(0);
    const row = page.locator(`[data-testid="box-row"][data-code="${boxCode}"]`);
    await expect.poll(() => row.getByTestId('box-count').innerText()).toBe('2 支管');
    await expect.poll(() => page.getByTestId('box-loose-title').innerText()).toContain('0 支');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The courier counts three: refused, the box's two against the three counted.
    await row.getByTestId('box-handover-open').click();
    await page.getByTestId('box-handover-count').fill('3');
    await page.getByTestId('box-handover-lab').fill('县疾控中心实验室');
    await page.getByTestId('box-handover-ok').click();
    await expect.poll(() => page.getByTestId('box-mismatch-counts').innerText()).toContain('箱内登记 2 支，清点 3 支');
    await page.getByTestId('box-handover-count').fill('2');
    await page.getByTestId('box-handover-ok').click();
    await expect.poll(() => page.getByTestId('box-done').innerText()).toContain(`转运箱 ${boxCode} 的 2 支管已交接给 县疾控中心实验室`);
    await expect.poll(() => row.getByTestId('box-status').innerText()).toBe('已交接');
    await phone.close();

    // The county's command uploads the lab's file: the pool of three positive, the tube of two negative.
    const desk = await browser.newContext({ ...DESKTOP, locale: 'zh-CN', timezoneId: TZ });
    const lab = await desk.newPage();
    await lab.goto(`${base}/sampling/lab`);
    await lab.waitForURL(/\/login/);
    await signIn(lab, 'command');
    await lab.waitForURL(/\/sampling\/lab/);
    const at = `${todayThere()} 18:30`;
    const csv = `管码,结果,检测时间,检测机构\n${tubes.pool},阳性,${at},县疾控中心实验室\n${tubes.other},阴性,${at},县疾控中心实验室\n${unknownBarcode},阴性,${at},县疾控中心实验室\n`;
    await lab.locator('input[type="file"]').setInputFiles({ name: '检测结果.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await lab.getByTestId('lab-upload').click();
    await expect.poll(() => lab.getByTestId('lab-positives').innerText(), { timeout: 30_000 }).toContain('阳性 1 管：3 人已标记就地管控');
    await expect.poll(() => lab.getByTestId('lab-figure-applied').locator('.ant-statistic-content').innerText()).toBe('2');
    await expect.poll(() => lab.getByTestId('lab-unknown').innerText()).toContain(unknownBarcode);

    // The board of the round: the pool's three people, held for a retest, with the grid worker to call.
    await lab.getByTestId('lab-positives-link').filter({ hasText: roundName }).click();
    await lab.waitForURL(new RegExp(`/sampling/rounds/${roundId}/positives`));
    await expect.poll(() => lab.getByTestId('positive-row').count()).toBe(3);
    expect(await lab.locator('[data-testid="positive-row"][data-status="held"]').count()).toBe(3);
    await expect.poll(() => lab.getByTestId('positives-count-held').innerText()).toBe('待复核 3');
    const first = await lab.getByTestId('positive-row').first().innerText();
    expect(first).toContain(tubes.pool);
    expect(first).toContain(`转运测试 ${stamp} 号`);
    expect(first).toContain('网格员');
    expect(first).toContain('复核时限剩余');
    await desk.close();
  });
});
