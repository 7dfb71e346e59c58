import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newContext, signIn } from './browser';
import { pickArea } from './pick-area';

/**
 * Filling the week on the roster board: the demo's village cadre opens 排班表, picks the village, starts 一键排班,
 * watches it run to the end and sees people put on the red cells (fewer people missing than before).
 */
const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the roster board', () => {
  it('fills the village’s week and fewer people are missing', { timeout: 240_000 }, async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${base}/checkpoints/roster`);
    await page.waitForURL(/\/login/);
    await signIn(page, 'cadre');
    await page.getByTestId('roster-board').waitFor();
    await pickArea(page, page.getByTestId('roster-area'), '王隆集村');
    // A cell stays red until every role has its minimum, so what shrinks first is the people missing: the board
    // shows one tag per person on duty, and the fill adds them to the red cells.
    const gaps = page.getByTestId('roster-gap');
    const onDuty = page.locator('[data-testid="roster-gap"] .ant-tag, [data-testid="roster-cell"] .ant-tag');
    await expect.poll(() => gaps.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await onDuty.count();

    await page.getByTestId('roster-fill-button').click();
    await page.getByTestId('roster-fill-progress').waitFor({ timeout: 30_000 });
    // The optimiser runs until the fill's time limit (ROSTER_FILL_SECONDS) or proves its roster optimal.
    await page.getByTestId('roster-fill-result').waitFor({ timeout: 180_000 });
    await expect.poll(() => page.getByTestId('roster-fill-result').innerText()).toMatch(/已排 [1-9]/);
    await expect.poll(() => onDuty.count(), { timeout: 20_000 }).toBeGreaterThan(before);
    await context.close();
  });
});
