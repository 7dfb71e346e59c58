/**
 * `npm start`: builds the web app when its sources are newer than the last build (first start, or after
 * a pull), then starts the server. A start on an unchanged tree skips the build, so the API answers
 * within seconds.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  // Vite's build sets process.env.NODE_ENV to 'production' when it is unset, and the server started below reads the
  // same environment: a first start would then run as production — no demo county, contrary to the README.
  const nodeEnv = process.env.NODE_ENV;
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
}
await import('../src/server/main');
