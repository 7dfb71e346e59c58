import { matchPath } from 'react-router-dom';
import { askForSession } from '../auth';
import { MODULES, PUBLIC_PAGES } from '../modules';
import { FIRST_SCREENS } from './first-screens';

/**
 * What a cold load needs first, asked for at once: the session, then the code of the page it opens — side by side
 * rather than one after the other. The pages are lazy (modules.tsx), so without this a phone on a slow network would
 * ask for the page's code only once the session had answered: one round trip more before the first screen. Only
 * the field's first screens are fetched ahead; the page, once here, is drawn without a second pass (lazy-page.ts).
 * Public pages (a branch's enlistment form) never ask who is signed in. On a first screen the built page has started
 * both already (public/boot.js): the session's answer is taken over (auth.tsx) and the code is in the module map.
 * Settles once the page's code is there (or could not be had): main.tsx draws the app after it, so the first screen
 * is drawn in one pass — drawn before, the page suspended and the shell showed a spinner in its place for a second
 * on a slow phone (the import settles a few tasks after the main script has run, and React then held the page back).
 */
export function preloadFirstScreen(pathname: string): Promise<unknown> {
  if (PUBLIC_PAGES.some((p) => matchPath(p.path, pathname))) return Promise.resolve();
  // First, so that on a slow network it is not queued behind the page's code.
  askForSession();
  const path = FIRST_SCREENS.find((s) => matchPath(s.path, pathname))?.path;
  const page = path ? MODULES.find((m) => m.path === path) : undefined;
  return page ? page.component.preload().catch(() => undefined) : Promise.resolve();
}
