import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageReady } from './app/i18n';
import { App } from './app/App';
import { registerServiceWorker } from './app/offline/register-sw';
import { preloadFirstScreen } from './app/offline/first-screen';

preloadFirstScreen(window.location.pathname);

// The page's own loading mark (index.html) stays until the texts of the chosen language are there.
void languageReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
registerServiceWorker();
