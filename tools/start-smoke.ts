/**
 * `npm run test:start` — the README's first command as a new user runs it: `npm start` with nothing set (no
 * NODE_ENV, a fresh data folder), then the platform must answer with the demo county loaded: the county's
 * commander signs in with the published password and the grid worker's inbox holds its demo tasks.
 * With START_SMOKE_REBUILD=1 the web build is removed first, so the start builds it in its own process — the path
 * that once left the server in production mode without its demo (tools/keep-node-env.ts). CI runs it that way.
 * START_SMOKE_PORT (3987) and START_SMOKE_TIMEOUT_SECONDS (420) for a busy machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.START_SMOKE_PORT ?? 3987);
const TIMEOUT_MS = Number(process.env.START_SMOKE_TIMEOUT_SECONDS ?? 420) * 1000;
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'Wangge@2026';

function fail(message: string): never {
  console.error(`test:start failed: ${message}`);
  process.exit(1);
}

async function signIn(username: string): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  await res.text();
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) fail(`npm start exited with ${server.exitCode} before answering`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  fail(`no answer from /api/health within ${TIMEOUT_MS / 1000} s`);
}

if (process.env.START_SMOKE_REBUILD === '1') rmSync(path.join(root, 'dist/web'), { recursive: true, force: true });
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-start-'));
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir };
// As a new user's shell has it: none of the settings a test run or CI may have exported.
for (const k of ['NODE_ENV', 'DATABASE_URL', 'TEST_DATABASE_URL', 'DEMO_SEED', 'VITEST']) delete env[k];
const started = Date.now();
const server = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
try {
  await waitForHealth(server);
  console.log(`npm start answered in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const command = await signIn('command');
  if (command.status !== 200) fail(`the demo commander could not sign in (${command.status}): was the demo county loaded?`);
  const grid = await signIn('grid');
  if (grid.status !== 200) fail(`the demo grid worker could not sign in (${grid.status})`);
  const inbox = await fetch(`${base}/api/tasks/mine`, { headers: { cookie: grid.cookie } });
  const items = ((await inbox.json()) as { items?: unknown[] }).items ?? [];
  if (inbox.status !== 200 || items.length === 0) fail(`the grid worker's inbox answered ${inbox.status} with ${items.length} tasks`);
  const page = await fetch(`${base}/login`);
  if (!page.ok || !(await page.text()).includes('<div id="root">')) fail('the web app is not served at /login');
  console.log(`test:start passed: demo county loaded, commander signed in, ${items.length} tasks in the grid worker's inbox, web app served`);
} finally {
  // npm start's whole process group: npm, tsx and the server.
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 2000));
  try {
    process.kill(-server.pid!, 'SIGKILL');
  } catch {
    // stopped by the SIGTERM
  }
  rmSync(dataDir, { recursive: true, force: true });
}
