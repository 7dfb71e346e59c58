/**
 * `npm start`: builds the web app when its sources are newer than the last build (first start, or after
 * a pull), then starts the server. A start on an unchanged tree skips the build, so the API answers
 * within seconds.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepingNodeEnv } from './keep-node-env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/web/index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = ['src/web', 'src/domain', 'vite.config.ts'].map((p) => path.join(root, p));
const stale = !existsSync(built) || Math.max(...sources.map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs))) > statSync(built).mtimeMs;
if (stale) {
  console.log('Building the web app (first start or changed sources)…');
  const { build } = await import('vite');
  // The server below reads the same environment the build ran in (see keep-node-env.ts).
  await keepingNodeEnv(() => build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' }));
}
await import('../src/server/main');
