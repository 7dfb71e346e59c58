import { mkdirSync } from 'node:fs';
import { afterEach } from 'vitest';
import { launched } from './browser';

/**
 * When a browser test fails, print what each open screen showed (its address and the start of its text) and
 * keep a screenshot under e2e-artifacts/: a timeout's call log says what was awaited, not what was there
 * instead, and CI keeps only the printed log.
 */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  mkdirSync('e2e-artifacts', { recursive: true });
  let n = 0;
  for (const browser of launched) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        n += 1;
        const text = await page
          .locator('body')
          .innerText({ timeout: 2_000 })
          .catch(() => '(no text)');
        const shot = `e2e-artifacts/${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}-${n}.png`;
        await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 }).catch(() => {});
        console.log(`\n--- screen ${n} at ${page.url()} (${shot}) ---\n${text.slice(0, 2_000)}\n`);
      }
    }
  }
});
