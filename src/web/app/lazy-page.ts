import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

type PageModule = { default: ComponentType };
export type PageComponent = LazyExoticComponent<ComponentType> & {
  /** Fetches the page's code now (the first screen of a cold load, beside the session's check). */
  preload(): Promise<unknown>;
};

/**
 * A page whose code is fetched on first use, like React.lazy — and which renders at once when its code is already
 * there. React.lazy alone suspends on the fresh import() promise even for code fetched ahead: the shell commits its
 * spinner, and React holds the page back for its reveal throttle (300 ms), a long time on a slow phone. Here a page
 * fetched ahead hands React its module synchronously, so the first screen is drawn in one pass.
 */
export function lazyPage(load: () => Promise<PageModule>): PageComponent {
  let loaded: PageModule | undefined;
  let pending: Promise<PageModule> | undefined;
  const preload = () => {
    pending ??= load().then(
      (m) => (loaded = m),
      (e: unknown) => {
        // Offline or a new version's file gone: a later attempt fetches again.
        pending = undefined;
        throw e;
      },
    );
    return pending;
  };
  // A thenable that calls back at once: React.lazy then takes the module without suspending.
  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, for React.lazy only (never awaited).
  const now = (m: PageModule) => ({ then: (resolve: (m: PageModule) => void) => resolve(m) }) as unknown as Promise<PageModule>;
  return Object.assign(
    lazy(() => (loaded ? now(loaded) : preload())),
    { preload },
  );
}
