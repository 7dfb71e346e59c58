import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkDigit } from '../src/domain/residents/identity';
import { exportWithPurpose, launch, newContext, signIn } from './browser';

/**
 * The spreadsheet import wizard end to end: a small CSV made here (two good rows, one with an impossible
 * birth date in its ID number) goes through upload → column mapping → validation report → commit of
 * the valid rows, and the imported residents appear in the list. All data is synthetic.
 */
const base = inject('baseUrl');
let browser: Browser;

const id = (seventeen: string) => seventeen + checkDigit(seventeen);
const CSV = [
  '姓名,身份证号,性别,联系电话,现住址,与户主关系',
  `导入甲,${id('41162719660708201')},男,13600000001,导入村第一组1号,户主`,
  `导入乙,${id('41162719700912202')},女,13600000002,导入村第一组1号,配偶`,
  '导入丙,411627199913321234,男,13600000003,导入村第二组2号,户主',
].join('\r\n');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('resident import wizard', () => {
  it('uploads a CSV, maps its columns, reports the bad row and imports the good ones', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(base + '/residents/import');
    await signIn(page, 'admin');
    await page.waitForURL(/\/residents\/import$/);

    const template = await page.evaluate(async () => (await fetch('/api/residents/template.xlsx')).status);
    expect(template).toBe(200);

    // 1. Upload (the default area is the header's current area, the county).
    await page.locator('input[type="file"]').setInputFiles({ name: '居民导入测试.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.getByTestId('import-upload').click();

    // 2. Mapping: the Chinese headers were recognised.
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    await expect.poll(() => mapping.innerText()).toContain('现住址');
    expect(await page.getByTestId('map-姓名').innerText()).toContain('姓名');
    expect(await page.getByTestId('map-身份证号').innerText()).toContain('证件号码');
    expect(await page.getByTestId('map-现住址').innerText()).toContain('住址');
    await page.getByTestId('import-validate').click();

    // 3. Report: one bad row, with its reason, and the marked-up file to download.
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 60_000 });
    const errorsText = await errors.innerText();
    expect(errorsText).toMatch(/\b4\b/); // the header is row 1: the third data row is row 4
    const download = await exportWithPurpose(page, 'import-errors-file', '修正导入错误');
    expect(download.suggestedFilename()).toMatch(/错误报告\.xlsx$/);
    await page.getByTestId('import-next').click();

    // 4. Commit the valid rows only; "all or nothing" is refused while a row has problems.
    await page.getByTestId('mode-all').click();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.getByTestId('mode-valid').click();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(false);
    await page.getByTestId('import-commit').click();
    const done = page.getByTestId('import-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.innerText()).toContain('新增 2 人');

    // The imported residents are in the list.
    await page.goto(base + '/residents?q=' + encodeURIComponent('导入'));
    const table = page.getByTestId('residents-table');
    await table.getByText('导入甲').waitFor();
    await table.getByText('导入乙').waitFor();
    expect(await table.innerText()).not.toContain('导入丙');
    await context.close();
  });
});
