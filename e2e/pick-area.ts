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
    // The village opens on a click when it is not open yet (its grids load then). An open one may still be drawing
    // its grids when the tree appears: the name is given a moment before a closed branch is looked for, and a
    // branch is clicked only if one is closed (waiting for a closed one that never comes held a busy run 30 s).
    const shown = await node.waitFor({ state: 'visible', timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    if (!shown) {
      const closed = page.locator('.ant-select-tree-switcher_close:visible').first();
      if (await closed.count()) await closed.click();
    }
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
