import { type Browser, type Locator, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, launch, newContext, signIn } from './browser';
import { pickArea } from './pick-area';

/**
 * Classified control and health monitoring, the main loop of issue 5 through its screens: a village cadre
 * proposes a measure for a resident on a desktop (the policy's decision shown before proposing), confirms
 * and starts it; the village doctor, on a 375-px phone, records 38.2 °C on the day's follow-up and is told a
 * fever alert went out; the command center finds the urgent task in its inbox, follows it to the alert
 * board and resolves the alert (fever clinic), which then shows who resolved it and when.
 */
const base = inject('baseUrl');
// The server's TIME_ZONE (default): "today" on the phone is the server's today.
const TZ = process.env.TIME_ZONE || 'Asia/Shanghai';
let browser: Browser;
let resident = { id: 0, name: '', idNumber: '' };
let gridArea = '';
let measureUrl = '';

function inputOf(l: Locator): Locator {
  return l.locator('xpath=self::input|descendant::input|self::textarea|descendant::textarea').first();
}

async function pickOption(page: Page, select: Locator, text: string | RegExp) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

const confirmPop = (page: Page) =>
  page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const todayThere = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());

beforeAll(async () => {
  browser = await launch();
  // A resident of the cadre's village without a measure, found the way the registry screen finds them.
  const api = await request.newContext({ baseURL: base });
  expect((await api.post('/api/auth/login', { data: { username: 'cadre', password: 'Wangge@2026' } })).ok()).toBe(true);
  const { items } = (await (await api.get('/api/residents?pageSize=50')).json()) as {
    items: { id: number; name: string; idNumber: string | null; status: string }[];
  };
  for (const r of items) {
    if (!r.idNumber || r.status !== 'present') continue;
    const measures = (await (await api.get(`/api/measures?residentId=${r.id}`)).json()) as { total: number };
    if (measures.total === 0) {
      resident = { id: r.id, name: r.name, idNumber: r.idNumber };
      break;
    }
  }
  expect(resident.id).toBeGreaterThan(0);
  await api.dispose();
  // The grid the grid worker looks after: a task for them belongs there.
  const grid = await request.newContext({ baseURL: base });
  const me = await grid.post('/api/auth/login', { data: { username: 'grid', password: 'Wangge@2026' } });
  gridArea = ((await me.json()) as { user: { scope: { name: string } } }).user.scope.name;
  await grid.dispose();
});
afterAll(async () => {
  await browser?.close();
});

describe('classified control and health monitoring', () => {
  it('a cadre sees the policy decision, proposes a measure with the village doctor, confirms and starts it', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/monitoring/measures/new');
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/monitoring\/measures\/new$/);

    // The registry's search: type the name, pick the one with this ID number.
    await page.getByTestId('propose-resident').click();
    await page.keyboard.type(resident.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: resident.idNumber }).first().click();

    // Came back from a high-risk area today.
    await pickOption(page, page.getByTestId('sit-risk'), '高风险地区');
    const arrived = inputOf(page.getByTestId('sit-arrived'));
    await arrived.click();
    await arrived.fill(todayThere());
    await arrived.press('Enter');

    await page.getByTestId('propose-preview').click();
    const decision = page.getByTestId('decision');
    await decision.waitFor();
    await expect.poll(() => decision.innerText()).toContain('居家隔离');
    expect(await page.getByTestId('decision-rule').innerText()).toMatch(/依据规则：.+（.+第 \d+ 版）/);

    await pickOption(page, page.getByTestId('propose-doctor'), /村医|doctor/i);
    await page.getByTestId('propose-submit').click();
    await page.waitForURL(/\/monitoring\/measures\/\d+$/);
    measureUrl = page.url();
    await expect.poll(() => page.getByTestId('measure-state').first().innerText()).toBe('待确认');
    expect(await page.getByTestId('measure-resident').innerText()).toBe(resident.name);

    // Only what the state allows is offered: a proposal is confirmed or cancelled, not started.
    expect(await page.getByTestId('measure-start').count()).toBe(0);
    await page.getByTestId('measure-confirm').click();
    await confirmPop(page);
    await expect.poll(() => page.getByTestId('measure-state').first().innerText()).toBe('已确认');
    await page.getByTestId('measure-start').click();
    await confirmPop(page);
    await expect.poll(() => page.getByTestId('measure-state').first().innerText()).toBe('管控中');
    expect(await page.getByTestId('measure-release_early').count()).toBe(1);
    // The history shows each step, with who did it.
    await expect.poll(() => page.getByTestId('measure-history').innerText()).toContain('开始管控');
    await context.close();
  });

  it('the doctor on a 375-px phone records 38.2 °C and is told a fever alert went out', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: TZ });
    const page = await context.newPage();
    await page.goto(base + '/monitoring/today');
    await page.waitForURL(/\/login/);
    await signIn(page, 'doctor');
    await page.waitForURL(/\/monitoring\/today$/);
    await page.getByTestId('follow-up-count').waitFor();

    const card = page
      .getByTestId('follow-up')
      .filter({ hasText: resident.name })
      .filter({ has: page.getByTestId('follow-up-record') })
      .first();
    // Late in the evening today's windows are over; the first follow-up is tomorrow morning then.
    if (!(await card.count())) {
      await page.getByTestId('follow-up-day').getByText('明天').click();
      await page.getByTestId('follow-up-count').waitFor();
    }
    await card.waitFor();
    expect(await noSideways(page)).toBeLessThanOrEqual(375);

    await card.getByTestId('follow-up-record').click();
    const form = page.getByTestId('record-form');
    // Out of range is caught on the phone before anything is sent.
    await inputOf(form.getByTestId('record-temperature')).fill('44');
    await form.getByTestId('record-submit').click();
    await form.getByText('体温应在 34.0–43.0 °C 之间').waitFor();

    await inputOf(form.getByTestId('record-temperature')).fill('38.2');
    await form.getByText('咳嗽').click();
    await form.getByTestId('record-submit').click();
    const recorded = page
      .getByTestId('follow-up')
      .filter({ has: page.getByTestId('alert-raised') })
      .filter({ hasText: resident.name });
    await recorded.waitFor();
    expect(await recorded.getByTestId('follow-up-reading').innerText()).toContain('38.2 °C');
    expect(await recorded.getByTestId('alert-raised').innerText()).toContain('已触发发热预警');
    expect(await noSideways(page)).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('the command center follows the urgent task to the alert board and resolves it; who and when are shown', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/me/tasks');
    await page.waitForURL(/\/login/);
    await signIn(page, 'command');
    await page.waitForURL(/\/me\/tasks$/);
    const task = page.getByTestId('task-card').filter({ hasText: resident.name }).first();
    await task.waitFor();
    expect(await task.innerText()).toContain('紧急');
    expect(await task.getByTestId('task-title').innerText()).toContain('38.2');

    await task.getByTestId('task-subject').click();
    await page.waitForURL(/\/monitoring\/alerts\?focus=\d+$/);
    const alert = page.getByTestId('fever-alert').filter({ hasText: resident.name }).first();
    await alert.waitFor();
    expect(await alert.getByTestId('alert-temperature').innerText()).toBe('38.2 °C');
    expect(await alert.innerText()).toContain('待处置');
    // Open alerts come first.
    expect(await page.getByTestId('fever-alert').first().innerText()).toContain('待处置');

    await alert.getByTestId('alert-resolve').click();
    await page.locator('.ant-modal:visible').getByText('已送发热门诊').click();
    await inputOf(page.getByTestId('resolve-note')).fill('已由村医陪同送县医院发热门诊');
    await page.getByTestId('resolve-ok').click();
    const resolved = page.getByTestId('fever-alert').filter({ hasText: resident.name }).first();
    await expect.poll(() => resolved.getByTestId('alert-resolution').count()).toBe(1);
    const line = await resolved.getByTestId('alert-resolution').innerText();
    expect(line).toContain('已送发热门诊');
    expect(line).toMatch(/\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await resolved.innerText()).toContain('已处置');

    // The urgent task closed with the alert.
    await page.goto(base + '/me/tasks');
    await page.getByTestId('my-task-count').waitFor();
    expect(await page.getByTestId('task-card').filter({ hasText: resident.name }).count()).toBe(0);
    await context.close();
  });

  it('a cadre extends the measure with a reason, opens an isolation site, moves the resident into a room and releases them early', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/monitoring/sites');
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/monitoring\/sites$/);
    await page.getByTestId('site-new').click();
    await inputOf(page.getByTestId('site-name')).fill('村卫生室隔离观察点');
    await inputOf(page.getByTestId('site-rooms')).fill('101-102');
    await page.getByTestId('site-ok').click();
    const site = page.getByTestId('site-card').filter({ hasText: '村卫生室隔离观察点' });
    await site.waitFor();
    expect(await site.getByTestId('room').count()).toBe(2);

    await page.goto(measureUrl);
    const period = page.getByTestId('measure-period');
    await period.waitFor();
    const endsOn = (await period.innerText()).split('→')[1].trim();
    const later = new Date(Date.parse(endsOn + 'T00:00:00Z') + 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('measure-end_date').click();
    const ends = inputOf(page.getByTestId('measure-ends-on'));
    await ends.click();
    await ends.fill(later);
    await ends.press('Enter');
    await inputOf(page.getByTestId('measure-reason')).fill('同住人核酸阳性，延长两天');
    await page.getByTestId('measure-action-ok').click();
    await expect.poll(() => period.innerText()).toContain(later);

    await page.getByTestId('measure-transfer').click();
    await pickOption(page, page.getByTestId('site-pick'), '村卫生室隔离观察点');
    await pickOption(page, page.getByTestId('room-pick'), '101');
    await inputOf(page.getByTestId('measure-reason')).fill('居家条件不具备');
    await page.getByTestId('measure-action-ok').click();
    await expect.poll(() => page.getByText('村卫生室隔离观察点 · 101').count()).toBe(1);

    await page.getByTestId('measure-release_early').click();
    await page.getByTestId('measure-action-ok').click();
    // A reason is required for an early release.
    await page.locator('.ant-modal:visible .ant-form-item-explain-error').first().waitFor();
    await inputOf(page.getByTestId('measure-reason')).fill('复核为误判，提前解除');
    await page.getByTestId('measure-action-ok').click();
    await expect.poll(() => page.getByTestId('measure-state').first().innerText()).toBe('已解除');
    expect(await page.getByTestId('measure-actions').locator('button').count()).toBe(0);
    const history = await page.getByTestId('measure-history').innerText();
    for (const step of ['发起', '确认', '开始管控', '调整结束日期', '转运', '解除']) expect(history).toContain(step);
    expect(history).toContain('同住人核酸阳性，延长两天');

    // The bed is free again.
    await page.goto(base + '/monitoring/sites');
    await expect.poll(() => page.getByTestId('site-card').filter({ hasText: '村卫生室隔离观察点' }).innerText()).toContain('0/2');
    await context.close();
  });

  it('the policy page shows the set in force with its rules in order, and "try it" names the rule that decided', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/monitoring/policy');
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/monitoring\/policy$/);
    await page.getByTestId('rule-list').waitFor();
    expect(await page.getByTestId('policy-set').filter({ hasText: '现行' }).count()).toBe(1);

    const tryIt = page.getByTestId('try-it');
    await pickOption(page, tryIt.getByTestId('sit-contact'), '密切接触者');
    const exposed = inputOf(tryIt.getByTestId('sit-exposed'));
    await exposed.click();
    await exposed.fill(todayThere());
    await exposed.press('Enter');
    await page.getByTestId('try-it-run').click();
    await tryIt.getByTestId('decision').waitFor();
    expect(await tryIt.getByTestId('decision').innerText()).toContain('集中隔离');
    // The rule that made the decision is marked in the list.
    expect(await page.getByTestId('rule-list').locator('.ant-list-item', { hasText: '命中' }).count()).toBe(1);
    await context.close();
  });

  it('a cadre makes two tasks by hand, reassigns both at once to the grid worker, who does one and cannot do the other on a phone', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/tasks');
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.waitForURL(/\/tasks$/);
    // Named afresh on each try: a retry after a failure must not find the first try's tasks under the same titles.
    const mark = Date.now().toString(36).slice(-4);
    const titles = [`核对东口卡点物资 ${mark}`, `电话回访昨日返乡人员 ${mark}`];
    // The list puts urgent and dated work first: by the time this runs the village has pages of visit and
    // retest tasks, so the cadre looks at hand-made tasks only, as they would to follow their own.
    await pickOption(page, page.getByTestId('task-type-filter'), '人工任务');
    for (const [i, title] of titles.entries()) {
      await page.getByTestId('task-create').click();
      await inputOf(page.getByTestId('task-title-input')).fill(title);
      if (i === 0) {
        // A grid worker would not see a task of the whole village: the form says so.
        await pickOption(page, page.getByTestId('task-assignee'), '网格员（演示）');
        await page.getByTestId('task-out-of-sight').waitFor();
      }
      await pickArea(page, page.getByTestId('task-area'), gridArea);
      await expect.poll(() => page.getByTestId('task-out-of-sight').count(), { timeout: 5_000 }).toBe(0);
      await pickOption(page, page.getByTestId('task-assignee'), '王隆集村干部（演示）');
      await page.getByTestId('task-create-ok').click();
      await page.getByTestId('task-table').getByText(title).waitFor();
    }
    const table = page.getByTestId('task-table');
    for (const title of titles) await table.locator('tr', { hasText: title }).locator('.ant-checkbox-input').check();
    await page.getByTestId('bulk-reassign').click();
    await pickOption(page, page.getByTestId('reassign-user'), '网格员（演示）');
    await page.getByTestId('reassign-ok').click();
    await expect.poll(() => table.locator('tr', { hasText: titles[0] }).innerText()).toContain('网格员（演示）');
    expect(await table.locator('tr', { hasText: titles[1] }).innerText()).toContain('网格员（演示）');
    // Counts per person, drawn as bars.
    await page.getByTestId('counts-by').getByText('按人员').click();
    await expect.poll(() => page.getByTestId('task-counts').innerText()).toContain('网格员（演示）');
    await context.close();

    const phone = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: TZ });
    const mobile = await phone.newPage();
    await mobile.goto(base + '/me/tasks');
    await mobile.waitForURL(/\/login/);
    await signIn(mobile, 'grid');
    await mobile.waitForURL(/\/me\/tasks$/);
    const first = mobile.getByTestId('task-card').filter({ hasText: titles[0] });
    await first.waitFor();
    await first.getByTestId('task-start').click();
    await expect.poll(() => first.getByTestId('task-status').innerText()).toBe('进行中');
    await first.getByTestId('task-done').click();
    await expect.poll(() => first.count()).toBe(0);
    const second = mobile.getByTestId('task-card').filter({ hasText: titles[1] });
    await second.getByTestId('task-fail').click();
    await inputOf(mobile.getByTestId('fail-reason')).fill('电话无人接听，明日再联系');
    await mobile.getByTestId('fail-confirm').click();
    await expect.poll(() => second.count()).toBe(0);
    expect(await noSideways(mobile)).toBeLessThanOrEqual(375);
    await phone.close();
  });
});
