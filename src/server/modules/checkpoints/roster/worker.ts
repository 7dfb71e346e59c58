import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';
import { relaxationBound } from './bound';
import { classSearch } from './class-search';
import { improveRoster, isWholeMip } from './lns';
import { prepare, rosterCost } from './model';
import type { WorkerJob, WorkerMessage } from './optimise';

/**
 * The optimiser's thread: HiGHS (WebAssembly) blocks while it solves, so it runs here, away from the server's
 * event loop. It posts progress as it goes and its result at the end; the caller ends it at the time limit.
 */
const job = workerData as WorkerJob;
const post = (m: WorkerMessage) => parentPort?.postMessage(m);

// The share of the time after the bound given to the class search; the neighbourhood MIPs get the rest.
const CLASS_SEARCH_SHARE = 0.85;

const began = Date.now();
try {
  const highs = await loadHighs();
  const prep = prepare(job.problem, job.policy);
  const deadline = job.deadline;
  let start = job.start;
  let bound = Number.NEGATIVE_INFINITY;
  let boundMs = 0;
  const whole = isWholeMip(prep);
  // The bound first: without it no gap can be claimed. A small roster is one MIP whose own bound is better.
  if (!job.skipRelaxation && !whole) {
    const t0 = Date.now();
    bound = relaxationBound(highs, prep, Math.max(0.5, ((deadline - Date.now()) / 1000) * job.boundShare));
    boundMs = Date.now() - t0;
    post({ type: 'bound', bound, boundMs });
  }
  // A county then gets the search over time classes (moves costed in microseconds: nearly all the gain), then
  // neighbourhood MIPs with the time left, which may also fill slots the search leaves open.
  if (!whole) {
    const constant = rosterCost(prep, start).cost.total;
    const searched = classSearch(prep, start, Date.now() + (deadline - Date.now()) * CLASS_SEARCH_SHARE, {
      seed: job.seed,
      onProgress: (p) =>
        post({ type: 'progress', objective: constant - p.startCost + p.cost, neighbourhoods: 0, improved: p.accepted, elapsedMs: Date.now() - began }),
    });
    start = searched.assignments;
    post({ type: 'roster', assignments: start });
    post({ type: 'progress', objective: rosterCost(prep, start).cost.total, neighbourhoods: 0, improved: searched.accepted, elapsedMs: Date.now() - began });
  }
  const result = improveRoster(highs, prep, start, deadline, (p) => post({ type: 'progress', ...p }));
  post({
    type: 'done',
    assignments: result.assignments,
    bound: Math.max(bound, result.bound ?? Number.NEGATIVE_INFINITY),
    boundMs,
    optimal: result.optimal,
    neighbourhoods: result.neighbourhoods,
  });
} catch (e) {
  post({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
