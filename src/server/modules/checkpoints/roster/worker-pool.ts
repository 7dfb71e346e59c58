import { Worker } from 'node:worker_threads';

/**
 * The optimiser's threads, started ahead. A thread loads its TypeScript through tsx (worker-boot.mjs) and then
 * HiGHS: 2–4 s on two busy cores, which a 10-second limit cannot spare. A process that fills rosters (the server,
 * a bench) asks for warm threads at its start; a solve then takes ready ones and only posts them its job. Each
 * thread solves once (the caller ends it at the limit: a solve in HiGHS cannot be interrupted otherwise); the
 * pool is made full again after the solve, not during it — threads starting beside a solve slow it on a small
 * machine. Without warm threads (tests, a process that never asked) a solve starts its own, as before.
 */
const boot = new URL('./worker-boot.mjs', import.meta.url);

interface Pooled {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
}

/** Warm threads by JavaScript heap size (a thread's heap is fixed when it starts), and how many are wanted. */
const pools = new Map<number, Pooled[]>();
const wanted = new Map<number, number>();

function start(heapMb: number, warm: boolean): Pooled {
  const worker = new Worker(boot, { workerData: { warm }, resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: false, stderr: false });
  const pooled: Pooled = { worker, ready: Promise.resolve(), isReady: false };
  pooled.ready = new Promise<void>((resolve) => {
    const onMessage = (m: { type?: string }) => {
      if (m?.type !== 'ready') return;
      worker.off('message', onMessage);
      pooled.isReady = true;
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('exit', () => resolve());
  });
  return pooled;
}

function refill(heapMb: number) {
  const pool = pools.get(heapMb) ?? [];
  pools.set(heapMb, pool);
  while (pool.length < (wanted.get(heapMb) ?? 0)) {
    const p = start(heapMb, true);
    // A thread waiting idle neither keeps the process alive nor takes it down: one that fails leaves the pool.
    // (Held until it is ready, so that a caller waiting for it is not left with an empty event loop.)
    void p.ready.then(() => {
      if (pool.includes(p)) p.worker.unref();
    });
    p.worker.on('error', () => {});
    p.worker.once('exit', () => {
      const i = pool.indexOf(p);
      if (i >= 0) pool.splice(i, 1);
    });
    pool.push(p);
  }
}

/**
 * Keeps `count` threads of `heapMb` started and waiting (two: a county's solve uses the bound's and the improving
 * one side by side). Resolves when they are ready.
 */
export async function warmRosterWorkers(heapMb: number, count = 2): Promise<void> {
  wanted.set(heapMb, count);
  refill(heapMb);
  await Promise.all((pools.get(heapMb) ?? []).map((p) => p.ready));
}

/** Threads taken warm and started for a solve: for tests and benches. */
export const rosterWorkerStats = { warmTaken: 0, startedForSolve: 0 };

/** How many warm threads of `heapMb` wait (ready or still loading). */
export function waitingRosterWorkers(heapMb: number): number {
  return pools.get(heapMb)?.length ?? 0;
}

/** How many warm threads of `heapMb` have loaded and wait. */
export function readyRosterWorkers(heapMb: number): number {
  return (pools.get(heapMb) ?? []).filter((p) => p.isReady).length;
}

/** A thread for one solve: a warm one when there is one (a ready one first), else one started now. */
export function takeRosterWorker(heapMb: number): Worker {
  const pool = pools.get(heapMb) ?? [];
  const i = pool.findIndex((p) => p.isReady);
  const p = pool.splice(Math.max(i, 0), 1)[0];
  if (!p) {
    rosterWorkerStats.startedForSolve++;
    return start(heapMb, false).worker;
  }
  rosterWorkerStats.warmTaken++;
  p.worker.ref();
  return p.worker;
}

/** After a solve: the threads it took are replaced (when warm ones were asked for). */
export function refillRosterWorkers(heapMb: number): void {
  if (wanted.get(heapMb)) refill(heapMb);
}

/** Ends the warm threads (a process shutting down, a test). */
export async function stopRosterWorkers(): Promise<void> {
  const all = [...pools.values()].flat();
  wanted.clear();
  pools.clear();
  await Promise.all(all.map((p) => p.worker.terminate()));
}
