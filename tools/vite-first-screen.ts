import path from 'node:path';
import type { OutputBundle, OutputChunk } from 'rollup';
import type { Plugin } from 'vite';

/**
 * A cold load of a field worker's first screen (src/web/app/offline/first-screens.ts) starts the session check and
 * the page's code while the main script is still on its way: on a slow phone network that script takes seconds to
 * arrive and more to start, and only then did the app ask for the session and the page — one round trip and the
 * page's bytes more after it. The built page gets, before its main script:
 *   - a data block naming, for each first screen's route (as a RegExp), the files of its code the main script does
 *     not already carry (the page's own file and the shared files it imports);
 *   - `/boot.js` (src/web/public, deferred, so it runs first of the page's scripts and never holds the first paint):
 *     on a first screen it asks `/api/auth/me` and adds a `modulepreload` link for each of those files.
 * The page's policy allows no inline script; a data block is not run, and boot.js is the server's own file.
 */
export function firstScreen(webRoot: string, screens: readonly { path: string; page: string }[]): Plugin {
  return {
    name: 'wangge-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) throw new Error('first screens: no entry chunk');
        const inMain = staticClosure(entry.fileName, bundle);
        const routes = screens.map(({ path: route, page }) => {
          const file = path.join(webRoot, page);
          const chunk = chunks.find((c) => c.moduleIds.includes(file));
          if (!chunk) throw new Error(`first screens: no chunk holds ${page}`);
          const files = [...staticClosure(chunk.fileName, bundle)].filter((f) => !inMain.has(f)).map((f) => `/${f}`);
          return { pattern: `^${route.replace(/:[^/]+/g, '[^/]+').replace(/\/$/, '')}/?$`, files };
        });
        // `<` escaped so the data can never close its own script element.
        const data = JSON.stringify(routes).replace(/</g, '\\u003c');
        const head = `<script type="application/json" id="first-screens">${data}</script>\n    <script defer src="/boot.js"></script>\n    `;
        return html.replace(/<script type="module"/, `${head}<script type="module"`);
      },
    },
  };
}

/** A chunk's file and every file it imports statically, transitively. */
function staticClosure(fileName: string, bundle: OutputBundle): Set<string> {
  const seen = new Set<string>();
  const unvisited = [fileName];
  while (unvisited.length) {
    const f = unvisited.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const c = bundle[f];
    if (c?.type === 'chunk') unvisited.push(...c.imports);
  }
  return seen;
}
