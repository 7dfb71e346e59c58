import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ALL_PERMISSIONS } from '../src/domain/auth/permissions';
import { launch, signIn, TIME_ZONE } from './browser';

/**
 * Navigation as people meet it: every menu entry of every demo account, in Chinese, shows no code word
 * (snake_case, a working file's name, a permission key); on a 1440×900 screen the last menu entry can be
 * clicked (it once sat under the collapse button); and a field role on a phone gets its bottom tab bar.
 */
const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ACCOUNTS = ['admin', 'command', 'sampler', 'cadre', 'doctor', 'grid', 'volunteer', 'secretary'];
const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
const PERMISSION = new RegExp(`(?:^|[^\\w.])(${ALL_PERMISSIONS.map((p) => p.replace('.', '\\.')).join('|')})(?![\\w.])`, 'g');
const RULE_VERSION = /\b[a-z0-9-]+@\d+#[a-z0-9-]+/g;

/** The code words on the page as a person reads it. */
function codeWords(text: string): string[] {
  const hits = [...(text.match(SNAKE) ?? []), ...[...text.matchAll(PERMISSION)].map((m) => m[1]), ...(text.match(RULE_VERSION) ?? [])];
  if (text.includes('DOMAIN.md')) hits.push('DOMAIN.md');
  return [...new Set(hits)];
}

async function signedIn(username: string, viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: TIME_ZONE, ...(mobile ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await signIn(page, username);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

const SIDE_MENU = '.ant-layout-sider .ant-menu-root';

/** Opens every group of the side menu and answers the paths of its entries, top to bottom. */
async function menuPaths(page: Page): Promise<string[]> {
  await page.locator(SIDE_MENU).waitFor();
  const closed = page.locator(`${SIDE_MENU} .ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title`);
  for (let guard = 0; (await closed.count()) > 0 && guard < 20; guard++) {
    await closed.first().click();
    await page.waitForTimeout(250);
  }
  const ids = await page.locator(`${SIDE_MENU} .ant-menu-item`).evaluateAll((els) => els.map((e) => e.getAttribute('data-menu-id') ?? ''));
  // antd names an item `<menu id>-<key>`; the key is the page's path.
  return ids.map((id) => id.slice(id.indexOf('-/') + 1));
}

describe('navigation', () => {
  // One test per account, so each has its own time on a busy machine.
  it.each(ACCOUNTS)(
    'every menu entry of %s, in Chinese, shows no code word',
    async (username) => {
      const found: string[] = [];
      const page = await signedIn(username, { width: 1440, height: 900 });
      const paths = await menuPaths(page);
      expect(paths.length, username).toBeGreaterThan(2);
      for (const path of paths) {
        await page.goto(base + path);
        await page.getByTestId('page-trail').or(page.locator('.ant-layout-content h3, .ant-layout-content h4')).first().waitFor();
        await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
        await page
          .locator('.ant-spin-spinning')
          .first()
          .waitFor({ state: 'detached', timeout: 5_000 })
          .catch(() => {});
        const words = codeWords(await page.locator('body').innerText());
        if (words.length) found.push(`${path}: ${words.join(', ')}`);
      }
      await page.context().close();
      expect(found, username).toEqual([]);
    },
    300_000,
  );

  it('at 1440×900 the last menu entry of a long menu can be clicked, above the collapse button', async () => {
    for (const username of ['command', 'cadre', 'grid']) {
      const page = await signedIn(username, { width: 1440, height: 900 });
      const paths = await menuPaths(page);
      const last = page.locator(`${SIDE_MENU} .ant-menu-item`).last();
      await last.scrollIntoViewIfNeeded();
      const box = (await last.boundingBox())!;
      // The element a click at the entry's centre lands on is the entry itself, not the collapse button.
      const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.ant-menu-item, .ant-layout-sider-trigger')?.className ?? '', {
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
      });
      expect(hit, username).toContain('ant-menu-item');
      await last.click();
      await page.waitForURL((u) => u.pathname === paths[paths.length - 1]);
      await page.context().close();
    }
  }, 180_000);

  it('pages carry a breadcrumb trail: group, list, record', async () => {
    const page = await signedIn('cadre', { width: 1440, height: 900 });
    await page.goto(`${base}/monitoring/measures`);
    const trail = page.getByTestId('page-trail');
    await expect.poll(() => trail.innerText()).toMatch(/排查管控\s*\/\s*分类管控/);
    await page.context().close();
  });

  it('a field role on a 375-px phone gets the bottom tab bar; a desk role scans from it, an office role has none', async () => {
    const grid = await signedIn('grid', { width: 375, height: 740 }, true);
    const tabs = grid.getByTestId('bottom-tabs');
    await tabs.waitFor();
    expect((await tabs.innerText()).replace(/\s+/g, ' ')).toMatch(/工作台 任务 查人 我的/);
    await grid.getByTestId('tab-tasks').click();
    await grid.waitForURL(/\/me\/tasks$/);
    await expect.poll(() => grid.getByTestId('tab-tasks').getAttribute('aria-current')).toBe('page');
    // Nothing of the page hides behind the bar: the page scrolls clear of it.
    const box = (await tabs.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    expect(box.width).toBeLessThanOrEqual(375);
    await grid.context().close();

    const sampler = await signedIn('sampler', { width: 375, height: 740 }, true);
    await sampler.getByTestId('tab-scan').click();
    await sampler.waitForURL(/\/sampling\/desk$/);
    await sampler.context().close();

    const cadre = await signedIn('cadre', { width: 375, height: 740 }, true);
    await cadre.locator('.ant-layout-header').waitFor();
    expect(await cadre.getByTestId('bottom-tabs').count()).toBe(0);
    // 任务督办 on the phone: cards with the due time and the action, no table scrolled sideways.
    await cadre.goto(`${base}/tasks`);
    await cadre.getByTestId('task-row-card').first().waitFor();
    expect(await cadre.locator('[data-testid="task-table"] table').count()).toBe(0);
    expect(await cadre.getByTestId('task-row-card').first().innerText()).toMatch(/截止/);
    expect(await cadre.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await cadre.context().close();
  }, 120_000);
});
