import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Picks an area in a tree picker by name, opening its parent when needed. A click on a node while the tree
 * is still taking in freshly loaded children can go unheard, so the picked name is checked and the pick
 * tried again (a person would see the field unchanged and click again).
 */
export async function pickArea(page: Page, select: Locator, name: string) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-tree-treenode:visible').first().waitFor();
    const node = page.locator('.ant-select-tree-node-content-wrapper:visible', { hasText: name }).first();
    // The village opens on a click when it is not open yet (its grids load then).
    if (!(await node.isVisible())) await page.locator('.ant-select-tree-switcher_close:visible').first().click();
    await node.click();
    try {
      await expect.poll(() => select.innerText(), { timeout: 3_000 }).toContain(name);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}
