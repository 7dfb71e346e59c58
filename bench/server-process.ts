/**
 * Starting and stopping the server (or another script) as its own process for a bench, the way it runs in the
 * field: `node --import tsx <script>` with the bench's environment, ready when it says so on stdout.
 *
 * BENCH_CPU_PROF=<folder> starts it with `--cpu-prof`: a CPU profile of the measured server is written there
 * when it stops, to see where a missed goal's time goes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * The server's old-generation cap, as `npm start` sets it (README, SERVER_HEAP_MB): benches measure the server as it
 * runs in the field, where this cap is what keeps its heap near what it holds. The default is read from the start
 * script itself, so it is written in one place.
 */
export const serverHeapFlag = () => `--max-old-space-size=${process.env.SERVER_HEAP_MB || startScriptHeapMb()}`;

function startScriptHeapMb(): number {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const found = /\$\{SERVER_HEAP_MB:-(\d+)\}/.exec(scripts.start);
  if (!found) throw new Error('package.json: the start script no longer sets SERVER_HEAP_MB with a default; update bench/server-process.ts');
  return Number(found[1]);
}

export function startProcess(env: Record<string, string>, options: { script?: string; ready?: RegExp } = {}): Promise<ChildProcess> {
  const script = options.script ?? 'src/server/main.ts';
  const ready = options.ready ?? /ready|is running on/;
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, serverHeapFlag(), '--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`${script} exited ${code}: ${out}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (d) => {
      out += d;
      if (ready.test(out)) {
        child.off('exit', onExit);
        resolve(child);
      }
    });
  });
}

/** Stops it (SIGTERM: a clean shutdown; SIGKILL: the crash a crash test wants) and waits for it to be gone. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await done;
}
