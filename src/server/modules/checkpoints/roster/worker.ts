import { parentPort, workerData } from 'node:worker_threads';
import loadHighs, { type Highs } from 'highs';
import { relaxationBound } from './bound';
import { classSearch } from './class-search';
import { improveRoster, isWholeMip } from './lns';
import { type Prepared, prepare, rosterCost } from './model';
import type { RosterAssignment } from './types';
import type { WorkerJob, WorkerMessage } from './optimise';

/**
 * The optimiser's thread: HiGHS (WebAssembly) blocks while it solves, so it runs here, away from the server's
 * event loop. It waits for its job (a message), posts progress as it goes and its result at the end; the caller
 * ends it at the time limit. A county's roster gets two such threads, one for the bound and one improving the
 * roster (`job.task`). A warm thread (worker-pool.ts) loads HiGHS while it waits and says when it is ready.
 */
const post = (m: WorkerMessage) => parentPort?.postMessage(m);

/**
 * The share of the time given to the class search, the rest going to neighbourhood MIPs. On the county bench the
 * MIPs gained nothing after the search in their 15 %, so a roster with every slot filled leaves them little; one
 * with slots open leaves them more, since only they can fill a slot by moving several people at once.
 */
const searchShare = (open: boolean) => (open ? 0.7 : 0.95);

/** Below this much time left, loading HiGHS and building a neighbourhood cannot pay off. */
const MIN_MIP_MS = 500;

let began = Date.now();

// HiGHS is loaded when first needed: the class search, first on a county, starts half a second sooner without it.
let loaded: Promise<Highs> | null = null;
const highs = () => {
  loaded ??= loadHighs();
  return loaded;
};

async function improve(job: WorkerJob, prep: Prepared, given: RosterAssignment[], deadline: number, bound: number, boundMs: number) {
  const whole = isWholeMip(prep);
  let start = given;
  // A county first gets the search over time classes (moves costed in microseconds: nearly all the gain), then
  // neighbourhood MIPs with the time left. A small roster is one MIP.
  if (!whole) {
    const { cost, unfilled } = rosterCost(prep, start);
    const searched = classSearch(prep, start, Date.now() + (deadline - Date.now()) * searchShare(unfilled.length > 0), {
      seed: job.seed,
      onProgress: (p) =>
        post({ type: 'progress', objective: cost.total - p.startCost + p.cost, neighbourhoods: 0, improved: p.accepted, elapsedMs: Date.now() - began }),
    });
    start = searched.assignments;
    post({ type: 'progress', objective: rosterCost(prep, start).cost.total, neighbourhoods: 0, improved: searched.accepted, elapsedMs: Date.now() - began });
    // Too little time left for a neighbourhood (a thread started late on a busy machine): the search's roster it is.
    if (deadline - Date.now() < MIN_MIP_MS) {
      post({ type: 'done', assignments: start, bound, boundMs, optimal: false, neighbourhoods: 0 });
      return;
    }
    post({ type: 'roster', assignments: start });
  }
  const result = improveRoster(await highs(), prep, start, deadline, (p) => post({ type: 'progress', ...p }));
  post({
    type: 'done',
    assignments: result.assignments,
    bound: Math.max(bound, result.bound ?? Number.NEGATIVE_INFINITY),
    boundMs,
    optimal: result.optimal,
    neighbourhoods: result.neighbourhoods,
  });
}

async function solve(job: WorkerJob) {
  began = Date.now();
  try {
    const prep = prepare(job.problem, job.policy);
    const deadline = job.deadline;
    let bound = Number.NEGATIVE_INFINITY;
    let boundMs = 0;
    // The bound: without it no gap can be claimed. A small roster is one MIP whose own bound is better.
    if (job.task !== 'improve' && !isWholeMip(prep)) {
      const t0 = Date.now();
      bound = relaxationBound(await highs(), prep, Math.max(0.5, ((deadline - Date.now()) / 1000) * job.boundShare));
      boundMs = Date.now() - t0;
      post({ type: 'bound', bound, boundMs });
    }
    if (job.task === 'bound') post({ type: 'done', assignments: null, bound, boundMs, optimal: false, neighbourhoods: 0 });
    else await improve(job, prep, job.start, deadline, bound, boundMs);
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

let taken = false;
parentPort?.on('message', (m: { type: string; job?: WorkerJob }) => {
  if (m.type !== 'job' || !m.job || taken) return;
  taken = true;
  void solve(m.job);
});
// Waiting warm: HiGHS is loaded now rather than in the solve. A thread started for a solve loads it when first
// needed (the class search, first on a county, starts half a second sooner without it).
if ((workerData as { warm?: boolean } | null)?.warm) {
  highs().then(
    () => post({ type: 'ready' }),
    () => post({ type: 'ready' }),
  );
}
