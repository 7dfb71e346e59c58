import path from 'node:path';
import type { GetModuleInfo } from 'rollup';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { deferredStyles } from './tools/vite-deferred-styles';
import { firstScreen } from './tools/vite-first-screen';
import { FIRST_SCREENS } from './src/web/app/offline/first-screens';
import { precompress } from './tools/vite-precompress';

/**
 * The field's reads a reload without network may need (the session, the area switcher's areas, my tasks, the
 * visit form's household, the doctor's list, the desk's round/point/tube, the crossing form's posts): answered by
 * the network while there is one, by the last answer kept on the device when not. Only these: the device keeps no other person's data.
 * The cache is emptied at sign-out (app/offline/api-cache.ts).
 */
const OFFLINE_READS =
  /\/api\/(auth\/me|areas\/\d+(\/(ancestors|children))?|roles|tasks\/mine|screening\/targets\/\d+|follow-ups\/today|sampling\/(rounds|rounds\/\d+\/points|tubes|tubes\/\d+)|checkpoints\/posts|supplies\/(items|kits|stores\/\d+))(\?.*)?$/;

/**
 * The workbench's own code in one file. Left to itself the bundler cuts what the workbench needs beyond the main
 * script into some thirty small shared files (a domain's contracts here, a label there), and a browser opens only
 * six connections to one server over HTTP/1.1: on a slow phone network they came in five waves of one round trip
 * each. Everything the workbench reaches that the main script does not carry goes into one file instead; another
 * page using a piece of it fetches that file (cached for good after its first use).
 */
function workbenchChunk(entry: string, page: string) {
  let members: Set<string> | null = null;
  const reach = (from: string, getModuleInfo: GetModuleInfo) => {
    const seen = new Set<string>();
    const unvisited = [from];
    while (unvisited.length) {
      const id = unvisited.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      unvisited.push(...(getModuleInfo(id)?.importedIds ?? []));
    }
    return seen;
  };
  return (id: string, { getModuleInfo }: { getModuleInfo: GetModuleInfo }) => {
    if (!members) {
      const main = reach(entry, getModuleInfo);
      members = new Set([...reach(page, getModuleInfo)].filter((m) => !main.has(m)));
    }
    return members.has(id) ? 'workbench' : undefined;
  };
}
const web = path.resolve(import.meta.dirname, 'src/web');

// The web app is built into dist/web and served by the API server itself (one port, one process).
// In development `npm run dev:web` proxies /api to the server on PORT (default 3000).
export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    VitePWA({
      // Registered by main.tsx once the first screen has loaded, so the precache does not compete with it.
      injectRegister: false,
      manifest: {
        name: '网格 · 基层防控平台',
        short_name: '网格',
        description: '基层突发公共卫生事件防控平台 · Grassroots public-health emergency platform',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#001529',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      includeAssets: ['favicon.svg', 'favicon.ico', 'apple-touch-icon.png'],
      workbox: {
        // The app shell and every page's code, so any page opens without network. Left to the first use: the
        // overview's charts (a desktop page of the command center) and the camera's barcode reader.
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        globIgnores: ['**/*.br', '**/*.gz', '**/OverviewPage-*.js'],
        maximumFileSizeToCacheInBytes: 2_000_000,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first install takes over the open page (so its reads are kept from the start); a new version waits
        // until every tab of the old one is closed, so a half-filled form never reloads under a field worker.
        clientsClaim: true,
        skipWaiting: false,
        runtimeCaching: [
          {
            // Hashed names: a file once fetched never changes. (Patterns are RegExps: the worker is generated, so a
            // function here would be copied without the constants it names.)
            urlPattern: /\/assets\/[^/?]+$/,
            handler: 'CacheFirst',
            options: { cacheName: 'wangge-assets', expiration: { maxEntries: 60 } },
          },
          {
            urlPattern: OFFLINE_READS,
            handler: 'NetworkFirst',
            options: { cacheName: 'wangge-api', expiration: { maxEntries: 200, maxAgeSeconds: 7 * 24 * 3600 } },
          },
        ],
      },
    }),
    deferredStyles(),
    firstScreen(web, FIRST_SCREENS),
    precompress(),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Only the modules named go into the workbench's file, not also the main script's modules they import.
      output: { manualChunks: workbenchChunk(path.join(web, 'main.tsx'), path.join(web, 'modules/home/HomePage.tsx')), onlyExplicitManualChunks: true },
      // zod's sources carry /* @__PURE__ */ notes in places rollup cannot use; it drops them and says
      // so at length on every first start. Nothing to act on, so the build stays quiet about it.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
