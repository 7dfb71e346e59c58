import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from './engine';
import { childServers, freePort } from '../testing/child-servers';

/**
 * The embedded database must survive the server being stopped while it writes: every write the server
 * acknowledged is there when the folder is reopened, and the server starts again on it.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-durability-'));
const ADMIN_PASSWORD = 'Durable-Pass-2026';

const servers = childServers(dataDir);
afterAll(() => servers.cleanUp());

const startServer = (port: number) => servers.startProduction(port, ADMIN_PASSWORD).proc;

async function waitForHealth(port: number, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return Date.now() - start;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}

const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));

describe('PGlite durability', () => {
  it('reopens intact after SIGTERM under write load, with every acknowledged write present', async () => {
    const port = await freePort();
    const server = startServer(port);
    let log = '';
    server.stderr!.on('data', (d) => (log += d));
    server.stdout!.on('data', (d) => (log += d));
    // The first start creates, migrates and seeds the folder: well over a minute on a machine running two suites,
    // 150 s not always enough beside a browser run as well.
    await waitForHealth(port, 240_000);
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status, log).toBe(200);
    const { csrfToken, user } = await login.json();
    const cookie = login.headers.get('set-cookie')!.split(';')[0];

    const acknowledged: number[] = [];
    let stop = false;
    let seq = 0;
    const writer = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${base}/api/areas`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
            body: JSON.stringify({ parentId: user.scope.id, name: `写入测试${++seq}`, kind: 'town' }),
          });
          if (res.status === 201) acknowledged.push((await res.json()).id);
        } catch {
          return; // connection refused once the server stops listening
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    await new Promise((r) => setTimeout(r, 1500));
    const exit = exited(server);
    server.kill('SIGTERM');
    const code = await exit;
    stop = true;
    await Promise.all(writers);
    expect(code, log).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(10);

    const db = await openDb({ dataDir });
    try {
      const rows = await db.query<{ id: number }>('SELECT id FROM areas WHERE id = ANY($1::int[])', [acknowledged]);
      expect(rows.length).toBe(acknowledged.length);
      const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'area' AND action = 'create'");
      expect(n).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await db.close();
    }

    // And the server starts again on the same folder and becomes healthy. 12–19 s measured at a load of 5–7 on two
    // cores (mostly CPU: loading the server's modules, opening the database); over 30 s beside a second suite and a
    // browser run. The bound says "it comes back", not how fast: the start's speed is not what this test guards.
    const again = startServer(port);
    const ms = await waitForHealth(port, 90_000);
    expect(ms).toBeLessThan(90_000);
    const done = exited(again);
    again.kill('SIGTERM');
    expect(await done).toBe(0);
    // Two server starts (the first creates and migrates the folder): a minute or more when the machine is busy.
  }, 480_000);
});
