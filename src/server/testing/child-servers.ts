import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** A port free at the time of asking, for a server a test starts as its own process. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The server processes a test file starts, and its data folder: `tracked` records each one, `cleanUp` (in
 * afterAll) kills any still running — a failed assertion must not leave one writing into the folder — and then
 * removes the folder.
 */
export function childServers(dataDir: string) {
  const servers: ChildProcess[] = [];
  const tracked = <T extends ChildProcess>(p: T): T => {
    servers.push(p);
    return p;
  };
  return {
    tracked,
    /**
     * The server as in production on the embedded database in `dataDir` (no demo, the given admin password),
     * tracked; its output collected for a failing test's message.
     */
    startProduction(port: number, adminPassword: string): { proc: ChildProcess; log: () => string } {
      const proc = tracked(
        spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
          cwd: root,
          env: {
            ...process.env,
            PORT: String(port),
            DATA_DIR: dataDir,
            DEMO_SEED: 'false',
            ADMIN_PASSWORD: adminPassword,
            LOG_LEVEL: 'warn',
            NODE_ENV: 'production',
            DATABASE_URL: '',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      let log = '';
      proc.stderr!.on('data', (d) => (log += d));
      proc.stdout!.on('data', (d) => (log += d));
      return { proc, log: () => log };
    },
    async cleanUp() {
      await Promise.all(
        servers
          .filter((p) => p.exitCode === null && p.signalCode === null)
          .map((p) => new Promise<void>((resolve) => (p.on('exit', () => resolve()), p.kill('SIGKILL')))),
      );
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
