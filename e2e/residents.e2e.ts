import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { PHONE, launch, newContext, signIn } from './browser';

/**
 * The resident registry as the demo administrator uses it: a household and a resident entered through
 * the forms, found again by pinyin initials, the ID number revealed with a reason, a dated move to
 * another household; the quick lookup on a 375-px phone; the duplicate review. All data is synthetic.
 */
const base = inject('baseUrl');
let browser: Browser;

const NAME = '雷振华'; // lei zhen hua → initials "lzh"
const ID17 = '41162719500315123';
const ID_NUMBER = ID17 + checkDigit(ID17);
const ADDR1 = '测试村第三组12号';
const ADDR2 = '测试村第五组8号';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The <input> of an antd control, whether the test id landed on the input itself or on its wrapper. */
function inputOf(l: Locator): Locator {
  return l.locator('xpath=self::input|descendant::input').first();
}

async function pickDate(l: Locator, date: string) {
  const input = inputOf(l);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function addHousehold(page: Page, address: string): Promise<string> {
  await page.goto(base + '/residents');
  await page.getByTestId('add-household').click();
  await inputOf(page.getByTestId('household-address')).fill(address);
  await page.getByTestId('household-save').click();
  await page.waitForURL(/\/residents\/households\/\d+$/);
  await page.getByTestId('household-title').getByText(address).waitFor();
  return page.url();
}

describe('resident registry', () => {
  it('an administrator enters a household and a resident, finds them by initials, reveals the ID number and records a dated move', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/residents');
    await page.waitForURL(/\/login/);
    await signIn(page, 'admin');
    await page.waitForURL(/\/residents$/);
    await page.getByTestId('residents-table').waitFor();

    const household1 = await addHousehold(page, ADDR1);
    await addHousehold(page, ADDR2);

    // A member of the first household, moved in on a past day.
    await page.goto(household1);
    await page.getByTestId('add-member').click();
    await inputOf(page.getByTestId('resident-name')).fill(NAME);
    await inputOf(page.getByTestId('resident-id-number')).fill(ID_NUMBER);
    await inputOf(page.getByTestId('resident-phone')).fill('13800001234');
    await pickDate(page.getByTestId('resident-moved-in'), '2024-01-01');
    await page.getByTestId('resident-save').click();
    await page.getByTestId('members-table').getByText(NAME).waitFor();

    // Found by pinyin initials; identifiers masked in the list.
    await page.goto(base + '/residents');
    const search = inputOf(page.getByTestId('residents-search'));
    await search.fill('lzh');
    await search.press('Enter');
    await page.waitForURL(/q=lzh/);
    const row = page.getByTestId('residents-table').locator('tr', { hasText: NAME });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain(`411***********${ID_NUMBER.slice(-4)}`);
    expect(rowText).toContain('138****1234');
    expect(rowText).not.toContain(ID_NUMBER);
    expect(rowText).toContain(ADDR1);

    // The resident's page: reveal the ID number with a reason.
    await row.getByRole('link', { name: NAME }).click();
    await page.waitForURL(/\/residents\/\d+$/);
    await page.getByTestId('resident-title').getByText(NAME).waitFor();
    await page.getByTestId('reveal-idNumber').click();
    await inputOf(page.getByTestId('reveal-reason')).fill('入户核对身份');
    await page.getByTestId('reveal-confirm').click();
    await expect.poll(() => page.getByTestId('revealed-idNumber').innerText()).toBe(ID_NUMBER);

    // A dated move to the second household.
    await page.getByTestId('move-resident').click();
    await page.getByTestId('move-household').click();
    await page.keyboard.type('第五组');
    await page.locator('.ant-select-item-option', { hasText: ADDR2 }).first().click();
    await pickDate(page.getByTestId('move-on'), '2025-06-01');
    await page.getByTestId('move-submit').click();
    const stays = page.getByTestId('stays');
    await expect.poll(() => stays.innerText()).toContain('2025-06-01 至今');
    expect(await stays.innerText()).toContain('2024-01-01 至 2025-06-01');
    expect(await stays.innerText()).toContain(ADDR2);
    // The history shows the entry, the reveal and the move.
    const history = await page.getByTestId('history').innerText();
    for (const action of ['新建', '查看完整信息', '迁移']) expect(history).toContain(action);
    await context.close();
  });

  it('the quick lookup finds the resident on a 375-px phone without sideways scrolling', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(base + '/residents/lookup');
    await signIn(page, 'admin');
    await page.waitForURL(/\/residents\/lookup/);
    await inputOf(page.getByTestId('lookup-input')).fill('lzh');
    const card = page.getByTestId('lookup-result').filter({ hasText: NAME });
    await card.first().waitFor();
    expect(await card.first().innerText()).toContain(ADDR2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The resident's page works on the phone too.
    await card.first().click();
    await page.waitForURL(/\/residents\/\d+$/);
    await page.getByTestId('stays').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('the duplicate review shows pairs or says there are none', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/residents/duplicates');
    await signIn(page, 'admin');
    await page.waitForURL(/\/residents\/duplicates/);
    await page.locator('[data-testid="duplicates-empty"], [data-testid="duplicate-pair"]').first().waitFor();
    await context.close();
  });
});
