import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts `npm start`'s code path once for all browser tests: builds the web app if needed, then the
 * server with the demo county on a temporary PGlite folder. Tests read the address from E2E_BASE_URL.
 */
let server: ChildProcess | undefined;
let dataDir = '';

export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '..');
  dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-e2e-'));
  const port = Number(process.env.E2E_PORT ?? 3917);
  // A server left answering on the port (an earlier run that did not stop) would be tested instead of this
  // build, and fail in confusing ways: refuse at once and say so.
  const earlier = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    () => true,
    () => false,
  );
  if (earlier) throw new Error(`port ${port} is already answering: stop the server on it, or choose another with E2E_PORT`);
  server = spawn(process.execPath, ['--import', 'tsx', 'tools/start.ts'], {
    cwd: root,
    // Every sign-in of every browser file comes from 127.0.0.1: a test's deliberate wrong passwords must not
    // add up to the per-address limit (30 failures in 15 minutes, tested in signin.test.ts) for the later files.
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // The browser tests sign in as the demo's accounts, which a production start refuses to create.
      NODE_ENV: 'development',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', base);
  return async () => {
    if (server && server.exitCode === null) {
      const done = new Promise((r) => server!.on('exit', r));
      server.kill('SIGTERM');
      await done;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
