import { type APIRequestContext, type Browser, type BrowserContext, type Download, type Page, chromium, request } from 'playwright-core';

/** The system Chromium, launched the way this kind of machine needs (no sandbox as root, no background network); `extraArgs` e.g. a fake camera. */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
  launched.add(browser);
  browser.on('disconnected', () => launched.delete(browser));
  return browser;
}

/** Every browser a test file launched, so a failed test can show what its screens said (e2e/on-failure.ts). */
export const launched = new Set<Browser>();

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1366, height: 850 } };

/** The server's time zone (its default): a form's "today" is the server's today at any hour of the day. */
export const TIME_ZONE = process.env.TIME_ZONE || 'Asia/Shanghai';

export async function newContext(browser: Browser, kind: 'phone' | 'desktop', locale = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({ ...(kind === 'phone' ? PHONE : DESKTOP), locale, timezoneId: TIME_ZONE });
}

/** Fills the sign-in form; every demo account shares the demo password. */
export async function signIn(page: Page, username: string, password = 'Wangge@2026') {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** A demo account signed in over the API, for a test's own setup: the client, its CSRF token and its scope area. */
export async function apiSession(
  baseURL: string,
  username: string,
  password = 'Wangge@2026',
): Promise<{ api: APIRequestContext; csrf: string; scopeId: number; userId: number }> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`sign-in of ${username} failed: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string; user: { id: number; scope: { id: number } } };
  return { api, csrf: body.csrfToken, scopeId: body.user.scope.id, userId: body.user.id };
}

/**
 * An export of personal data (the ExportButton): clicks the button, states the purpose in the dialog and answers
 * with the file the browser downloads.
 */
export async function exportWithPurpose(page: Page, testId: string, purpose: string): Promise<Download> {
  await page.getByTestId(testId).click();
  await page.getByTestId('export-purpose').fill(purpose);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出并下载|Export and download/ }).click()]);
  return download;
}
