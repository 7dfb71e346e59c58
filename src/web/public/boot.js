/*
 * Runs before the main script (a deferred script placed ahead of it, tools/vite-first-screen.ts): on a cold load of a
 * field worker's first screen it asks who is signed in and fetches the page's code at once, while the main script
 * is still arriving on a slow network. The app takes the session's answer over (app/auth.tsx); the code waits in
 * the browser's module map for the page's import. Elsewhere (the sign-in page, a public form) it does nothing.
 */
(() => {
  const data = document.getElementById('first-screens');
  if (!data) return;
  const path = location.pathname;
  const screen = JSON.parse(data.textContent).find((s) => new RegExp(s.pattern).test(path));
  if (!screen) return;
  let lang = 'zh-CN';
  try {
    if (localStorage.getItem('wangge.lang') === 'en') lang = 'en';
  } catch {
    // Storage blocked: the default language, as the app itself falls back to.
  }
  // Headers as the app's own request() sends them.
  const session = fetch('/api/auth/me', { headers: { Accept: 'application/json', 'Accept-Language': lang }, credentials: 'same-origin' });
  session.catch(() => undefined);
  window.wanggeEarlySession = session;
  for (const href of screen.files) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.appendChild(link);
  }
})();
