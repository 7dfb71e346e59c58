import { Worker } from 'node:worker_threads';
import { type HeaderScore, chooseHeader, chooseSheetHeader, noHeaderScore } from './header-row';
import { SheetError, type SheetFormat, type SheetHead, type SheetInfo, type SheetRow, type SheetSource } from './read-sheet';
import type { WorkerJob, WorkerMessage } from './sheet-worker';

/**
 * What every importer reads spreadsheets through. The reading itself (unzipping, XML, the shared strings)
 * runs in a worker thread with a bounded heap: a file that passes the zip directory's checks and still
 * expands past that (a lying directory, a sheet built to fill memory) ends only its worker, and the upload
 * is refused as too large — the server's own memory is not touched. Headers are scored here, on rows the
 * worker read, so each importer keeps its own way of recognising them.
 */
export { SheetError, sniff, type SheetInfo, type SheetRow, type SheetSource, type HeaderScore } from './read-sheet';

export const sheetReaderLimits = {
  /** The worker's heap. A 100,000-row roster's shared strings take well under 200 MB. */
  heapMb: 512,
};

const boot = new URL('./sheet-worker-boot.mjs', import.meta.url);

/**
 * Starting a worker (loading the reader) costs about a second, so a worker that finished its job cleanly waits
 * for the next one; a few are kept, unreferenced so an idle one never holds the process open. A worker whose job
 * was cut short, failed or ran out of heap is ended, never reused.
 */
const IDLE_KEPT = 2;
const idle: Array<{ w: Worker; heapMb: number }> = [];

/** The idle workers, for a test that ends one behind the pool's back. */
export const idleSheetWorkers = () => idle.map((k) => k.w);

/** A worker for one job: an idle one if there is one (`reused`), else a new one. */
function take(fresh = false): { w: Worker; reused: boolean } {
  for (let kept = fresh ? undefined : idle.pop(); kept; kept = idle.pop()) {
    // A worker started under another heap limit (tests change it) is not reused.
    if (kept.heapMb !== sheetReaderLimits.heapMb) {
      void kept.w.terminate();
      continue;
    }
    kept.w.ref();
    return { w: kept.w, reused: true };
  }
  const w = new Worker(boot, {
    resourceLimits: { maxOldGenerationSizeMb: sheetReaderLimits.heapMb, maxYoungGenerationSizeMb: 32 },
    stdout: false,
    stderr: false,
  });
  return { w: Object.assign(w, { heapMb: sheetReaderLimits.heapMb }), reused: false };
}

/**
 * Starts a worker for a file about to arrive (its upload has begun) when none is idle: it boots (about 0.4 s) while
 * the file is received, and the file's first job finds it waiting. It joins the idle ones like a worker that
 * finished a job, so an upload that never comes to be read leaves one idle worker, as a finished import does.
 */
export function readyASheetWorker(): void {
  warmSheetWorkers(1);
}

/**
 * The server at its start (SHEET_WARM_WORKERS): workers started ahead and kept idle, so the first lab file of the
 * day finds one ready, as every later file does. Its boot is most of a first file's wait once the upload is fast.
 */
export function warmSheetWorkers(count: number): void {
  for (let i = idle.length; i < Math.min(count, IDLE_KEPT); i++) giveBack(take(true).w, true);
}

function giveBack(w: Worker, clean: boolean) {
  w.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
  if (clean && idle.length < IDLE_KEPT) {
    w.unref();
    const kept = { w, heapMb: (w as Worker & { heapMb?: number }).heapMb ?? sheetReaderLimits.heapMb };
    // An idle worker that fails or dies (it should not) leaves the pool at its first sign, not only at its exit.
    const leave = () => {
      const i = idle.indexOf(kept);
      if (i >= 0) idle.splice(i, 1);
    };
    w.once('exit', leave);
    w.on('error', leave);
    idle.push(kept);
  } else {
    void w.terminate();
  }
}

function failure(e: Error): Error {
  // The heap limit was reached: the file is too big to read, not the server broken.
  if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return new SheetError('too_big', {}, e);
  return e;
}

function fromMessage(m: WorkerMessage): Error | null {
  if (m.type === 'sheetError') return new SheetError(m.problem, m.detail, m.cause ?? undefined);
  if (m.type === 'failed') return new Error(`spreadsheet reader: ${m.message}`);
  return null;
}

/**
 * A worker that ends with no word about the job it was given. If it was an idle one reused, it most likely died
 * between jobs (its end reached us only now), and the job is run again once on a new worker; a new worker that
 * ends so has failed on this file.
 */
function ended(code: number): SheetError {
  return new SheetError('broken', {}, new Error(`the spreadsheet reader ended (exit code ${code}) before answering`));
}

/** Runs one job that answers once (the top rows). */
function once<T>(job: WorkerJob, fresh = false): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { w, reused } = take(fresh);
    let settled = false;
    const settle = (clean: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      giveBack(w, clean);
      fn();
    };
    const retryOrFail = (err: Error) => settle(false, () => (reused ? once<T>(job, true).then(resolve, reject) : reject(err)));
    w.on('message', (m: WorkerMessage) => {
      const err = fromMessage(m);
      // A file the reader refused leaves a worker in good order; a reader's own failure does not.
      if (err) settle(err instanceof SheetError, () => reject(err));
      else if (m.type === 'result') settle(true, () => resolve(m.value as T));
    });
    w.on('error', (e) => (reused ? retryOrFail(e) : settle(false, () => reject(failure(e)))));
    w.on('exit', (code) => retryOrFail(ended(code)));
    w.postMessage(job);
  });
}

/** The sheets of a file, the one that holds the roster and its header row: what the mapping step shows. */
export async function inspect(path: string, headerScore: HeaderScore = noHeaderScore): Promise<SheetInfo> {
  return chooseHeader(path, await once<SheetHead>({ op: 'head', path }), headerScore);
}

/** The header row of `sheet` (for a sheet chosen in the mapping step). */
export async function inspectSheet(path: string, format: SheetFormat, sheet: string, headerScore: HeaderScore = noHeaderScore) {
  if (format !== 'xlsx') throw new SheetError('no_sheet', { sheet });
  return chooseSheetHeader(format, sheet, await once<{ found: boolean; rows: SheetRow[] }>({ op: 'sheetHead', path, sheet }), headerScore);
}

/** The data rows below the header row, in batches, empty rows skipped; the worker reads a few batches ahead at most (sheet-worker.ts). */
export async function* readBatches(src: SheetSource, onBytes?: (bytes: number) => void): AsyncGenerator<SheetRow[]> {
  for (let fresh = false; ; fresh = true) {
    const { w, reused } = take(fresh);
    const queue: Array<WorkerMessage | { type: 'crash'; error: Error }> = [];
    let wake: (() => void) | null = null;
    const push = (m: WorkerMessage | { type: 'crash'; error: Error }) => {
      queue.push(m);
      wake?.();
      wake = null;
    };
    w.on('message', push);
    w.on('error', (e) => push({ type: 'crash', error: failure(e) }));
    w.on('exit', (code) => push({ type: 'crash', error: ended(code) }));
    let clean = false;
    let answered = false;
    try {
      w.postMessage({ op: 'rows', src } satisfies WorkerJob);
      for (;;) {
        if (!queue.length) await new Promise<void>((r) => (wake = r));
        const m = queue.shift()!;
        if (m.type === 'crash') {
          // A reused worker that died before its first word: run the job again on a new one (see `ended`).
          if (reused && !answered) break;
          throw m.error;
        }
        answered = true;
        const err = fromMessage(m);
        if (err) {
          clean = err instanceof SheetError;
          throw err;
        }
        if (m.type === 'end') {
          clean = true;
          onBytes?.(m.bytes);
          return;
        }
        if (m.type !== 'rows') continue;
        onBytes?.(m.bytes);
        w.postMessage('more');
        yield m.rows as SheetRow[];
      }
    } finally {
      // Stopped early (the consumer broke off): the worker is still reading, so it is ended rather than reused.
      giveBack(w, clean);
    }
  }
}
