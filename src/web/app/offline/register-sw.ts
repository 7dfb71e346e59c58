/**
 * Registers the service worker (generated at build: the app shell and the field's reads, see vite.config.ts) once
 * the first screen has loaded and a moment has passed, so that filling its cache does not slow that screen on a
 * slow network. Not where the browser has none (plain http on a
 * village server's address: service workers need https or localhost).
 */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  };
  const later = () => setTimeout(register, 1500);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
