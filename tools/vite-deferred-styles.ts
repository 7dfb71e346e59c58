import type { Plugin } from 'vite';

/**
 * The built page's stylesheet (antd's static styles, ~75 KB compressed) must not hold the first paint: on a slow
 * phone network a render-blocking stylesheet kept the page white until it arrived, where the page's own loading
 * mark (index.html) can show at once. Its link is emitted as `media="print"` (fetched in parallel with the script,
 * never blocking the paint) and marked; main.tsx switches it on and draws the app once it has loaded.
 */
export function deferredStyles(): Plugin {
  return {
    name: 'wangge-deferred-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/<link rel="stylesheet"(?![^>]*data-app-styles)([^>]*)>/g, '<link rel="stylesheet" media="print" data-app-styles$1>'),
    },
  };
}
