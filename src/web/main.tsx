// antd's styles as one static, cached stylesheet (its zero-runtime mode, App.tsx): on a slow phone, building them in
// the browser on first render cost over a second of the workbench's start.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageReady } from './app/i18n';
import { App } from './app/App';
import { registerServiceWorker } from './app/offline/register-sw';
import { preloadFirstScreen } from './app/offline/first-screen';

const firstScreen = preloadFirstScreen(window.location.pathname);

/**
 * The built page's stylesheet arrives without holding the first paint (tools/vite-deferred-styles.ts): switched on
 * here once loaded (or failed: the app is still usable unstyled rather than never drawn). In development Vite
 * injects the styles itself and there is no such link.
 */
function stylesReady(): Promise<void> {
  const link = document.querySelector<HTMLLinkElement>('link[data-app-styles]');
  if (!link) return Promise.resolve();
  return new Promise((resolve) => {
    const on = () => {
      link.media = 'all';
      resolve();
    };
    if (link.sheet) on();
    else {
      link.addEventListener('load', on, { once: true });
      link.addEventListener('error', on, { once: true });
    }
  });
}

// The page's own loading mark (index.html) stays until the texts of the chosen language, the styles and a first
// screen's code are there.
void Promise.all([languageReady, stylesReady(), firstScreen]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
registerServiceWorker();
