/**
 * A build step that writes a brotli (.br) and a gzip (.gz) sibling next to every text asset of the web build, so the
 * server sends compressed bytes without compressing on each request (@fastify/static's `preCompressed`).
 * A sibling is kept only when it is smaller; the tiny files are left alone.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const br = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|wasm|ico|txt)$/;

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'wangge-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // writeBundle runs before closeBundle, where the service worker's precache list is made: that list skips the
    // siblings by pattern (vite.config.ts), so the order is safe either way.
    async writeBundle(_, bundle) {
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const file = path.join(outDir, name);
            const raw = await readFile(file);
            if (raw.length < 1024) return;
            const [b, g] = await Promise.all([
              // The best brotli for what every first load carries; the camera's large WebAssembly (rarely fetched,
              // then kept) gets a quick one: the best would add a minute to every build.
              br(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: name.endsWith('.wasm') ? 5 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
              gz(raw, { level: 9 }),
            ]);
            if (b.length < raw.length) await writeFile(`${file}.br`, b);
            if (g.length < raw.length) await writeFile(`${file}.gz`, g);
          }),
      );
    },
  };
}
