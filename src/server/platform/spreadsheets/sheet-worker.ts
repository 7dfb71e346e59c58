import { parentPort } from 'node:worker_threads';
import { SheetError, type SheetRow, type SheetSource, readBatches, readHead, readSheetHead } from './read-sheet';

/**
 * The body of a sheet-reading worker thread (threaded-reader.ts starts it with a bounded heap and reuses it). Each
 * job reads one file — its top rows, one sheet's top rows, or every data row — and posts what it read; rows go
 * a batch at a time, at most AHEAD batches before the main thread has taken them, so neither side holds more.
 */
export type WorkerJob = { op: 'head'; path: string } | { op: 'sheetHead'; path: string; sheet: string } | { op: 'rows'; src: SheetSource };

export type WorkerMessage =
  | { type: 'result'; value: unknown }
  | { type: 'rows'; rows: unknown[]; bytes: number }
  | { type: 'end'; bytes: number }
  | { type: 'sheetError'; problem: SheetError['problem']; detail: Record<string, string | number>; cause: string | null }
  | { type: 'failed'; message: string };

const port = parentPort!;
/**
 * Batches posted and not yet taken. One was too few: an import's main thread gathers 4,000 rows and parses them
 * at once, and a worker allowed one batch ahead then sat idle through it (bench:import: the worker and the main
 * thread were each half busy while a file was validated).
 */
const AHEAD = 4;
/**
 * Rows gathered before they are posted. The reader gives a batch per chunk of the sheet's XML, a few dozen rows:
 * posted as they came, four of them were all the worker could read ahead of a main thread busy with 4,000 rows,
 * and each message's own cost (cloning, a wake-up on both sides) was paid a hundred times per 4,000 rows.
 */
const POST_ROWS = 1000;
let untaken = 0;
let more: (() => void) | null = null;
/** Whether a job is being read: an error thrown outside it is a finished job's leftover. */
let busy = false;

// A reader stream can fail after its job has answered (a part's stream we stopped early, closing late; ExcelJS's
// own reader, used before xlsx-parts.ts, did so with its temporary files). Uncaught, that ended the worker while
// it sat idle, and the next job handed to it was refused as a broken file. During a job it is the job's failure;
// after one it is ignored.
process.on('uncaughtException', (e) => {
  if (busy) report(e);
});

// One job at a time: the main thread sends a job, or 'more' each time it has taken a batch of rows.
port.on('message', (m: WorkerJob | 'more') => {
  if (m === 'more') {
    untaken--;
    more?.();
    more = null;
  } else {
    busy = true;
    untaken = 0;
    run(m)
      .catch(report)
      .finally(() => (busy = false));
  }
});

async function run(job: WorkerJob) {
  if (job.op === 'head') return port.postMessage({ type: 'result', value: await readHead(job.path) } satisfies WorkerMessage);
  if (job.op === 'sheetHead') return port.postMessage({ type: 'result', value: await readSheetHead(job.path, job.sheet) } satisfies WorkerMessage);
  let bytes = 0;
  let gathered: SheetRow[] = [];
  const post = async () => {
    port.postMessage({ type: 'rows', rows: gathered, bytes } satisfies WorkerMessage);
    gathered = [];
    if (++untaken >= AHEAD) await new Promise<void>((resolve) => (more = resolve));
  };
  for await (const rows of readBatches(job.src, (b) => (bytes = b))) {
    for (const row of rows) gathered.push(row);
    if (gathered.length >= POST_ROWS) await post();
  }
  if (gathered.length) await post();
  port.postMessage({ type: 'end', bytes } satisfies WorkerMessage);
}

function report(e: unknown) {
  if (e instanceof SheetError) {
    const cause = e.cause === undefined ? null : String((e.cause as Error)?.stack ?? e.cause);
    port.postMessage({ type: 'sheetError', problem: e.problem, detail: e.detail, cause } satisfies WorkerMessage);
  } else {
    port.postMessage({ type: 'failed', message: String((e as Error)?.stack ?? e) } satisfies WorkerMessage);
  }
}
