import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

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
  return {
    tracked<T extends ChildProcess>(p: T): T {
      servers.push(p);
      return p;
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
