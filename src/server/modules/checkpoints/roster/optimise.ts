import { greedyRoster } from './greedy';
import { type ImproveProgress, isWholeMip } from './lns';
import { prepare, rosterCost } from './model';
import { checkPrepared } from './rules';
import { readyRosterWorkers, refillRosterWorkers, takeRosterWorker } from './worker-pool';
import { type RosterAssignment, type RosterPolicy, type RosterProblem, type RosterSolution, defaultRosterPolicy } from './types';

/**
 * solveRoster: the greedy fill at once, then the optimiser until the time limit. A county gets two worker
 * threads side by side: one solves the relaxation for the lower bound (HiGHS), the other improves the roster
 * (class search, then neighbourhood MIPs); a small roster gets one, solving it whole. The answer is the better of
 * greedy and optimised, with a proven lower bound beside it, so the gap shown is honest.
 */

export interface SolveRosterOptions {
  /** Wall time for the whole call, greedy included. Default 60 s. 0 = greedy only. */
  timeLimitMs?: number;
  /** The worker's JavaScript heap (HiGHS's WebAssembly memory comes on top). Default 1,024 MB. */
  workerHeapMb?: number;
  /**
   * Time the lower bound's relaxation may take, as a share of what is left after the greedy fill. Default 1: it has
   * a thread of its own beside the improving one, and a bound cut short proves nothing.
   */
  boundShare?: number;
  /** The optimiser's random seed (the class search's moves): the same seed and the same number of moves give the same roster. Default 15. */
  seed?: number;
  /** Called as the optimiser goes (objective so far, neighbourhoods solved). */
  onProgress?: (p: ImproveProgress & { bound?: number }) => void;
}

export interface WorkerJob {
  problem: RosterProblem;
  policy: RosterPolicy;
  start: RosterAssignment[];
  deadline: number;
  boundShare: number;
  /** 'bound': the relaxation only; 'improve': the roster only (the bound comes from a thread beside it); 'both' in turn. */
  task: 'bound' | 'improve' | 'both';
  seed: number;
}

export type WorkerMessage =
  | ({ type: 'progress' } & ImproveProgress)
  | { type: 'bound'; bound: number; boundMs: number }
  /** A roster better than the start, sent as soon as found so a worker ended at the limit does not lose it. */
  | { type: 'roster'; assignments: RosterAssignment[] }
  | { type: 'done'; assignments: RosterAssignment[] | null; bound: number; boundMs: number; optimal: boolean; neighbourhoods: number }
  | { type: 'failed'; message: string }
  /** A warm thread has loaded what it needs and waits for its job (worker-pool.ts). */
  | { type: 'ready' };

// Time kept for the worker to hand back its result and for the checks after it (a county's roster is 25,000
// rows to pass between threads and check again: 1.5–2 s on two busy cores, so a share of the limit alone let a 10 s
// limit end at 11 s), and how long past the limit a silent worker is given.
const marginMs = (limitMs: number, slots: number) => Math.max(300, Math.min(6_000, limitMs * 0.08 + slots * 0.04));
const GRACE_MS = 500;
// The bound's thread is ended this long before the limit (its answer is a number: nothing to pass or check).
const BOUND_MARGIN_MS = 300;

interface WorkerControl {
  stop?: () => void;
}

interface Optimised {
  assignments: RosterAssignment[] | null;
  error: string | null;
  bound: number;
  boundMs: number;
  optimal: boolean;
}

/** `control.stop` ends the worker early (its answer so far stands). */
function runWorker(
  job: WorkerJob,
  heapMb: number,
  hardStopAt: number,
  onProgress?: SolveRosterOptions['onProgress'],
  control: WorkerControl = {},
): Promise<Optimised> {
  return new Promise((resolve) => {
    const got: Optimised = { assignments: null, error: null, bound: Number.NEGATIVE_INFINITY, boundMs: 0, optimal: false };
    const w = takeRosterWorker(heapMb);
    w.postMessage({ type: 'job', job });
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void w.terminate();
      resolve(got);
    };
    control.stop = finish;
    // The worker checks the clock between solves; should one solve overrun, the thread is ended and the best
    // answer already known (the greedy roster, the bound if it came) stands.
    const timer = setTimeout(finish, Math.max(0, hardStopAt - Date.now()));
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') return;
      if (m.type === 'progress') onProgress?.(m);
      else if (m.type === 'bound') {
        got.bound = m.bound;
        got.boundMs = m.boundMs;
        onProgress?.({ objective: Number.NaN, neighbourhoods: 0, improved: 0, elapsedMs: m.boundMs, bound: m.bound });
      } else if (m.type === 'roster') {
        got.assignments = m.assignments;
      } else if (m.type === 'done') {
        Object.assign(got, {
          assignments: m.assignments ?? got.assignments,
          bound: Math.max(got.bound, m.bound),
          boundMs: m.boundMs || got.boundMs,
          optimal: m.optimal,
        });
        finish();
      } else {
        got.error = m.message;
        finish();
      }
    });
    w.on('error', (e) => {
      got.error = e.message;
      finish();
    });
    w.on('exit', finish);
  });
}

export async function solveRoster(
  problem: RosterProblem,
  policy: RosterPolicy = defaultRosterPolicy,
  options: SolveRosterOptions = {},
): Promise<RosterSolution> {
  const t0 = Date.now();
  const timeLimitMs = options.timeLimitMs ?? 60_000;
  const prep = prepare(problem, policy);
  const slots = prep.shifts.reduce((n, sh) => n + sh.src.needs.reduce((m, x) => m + x.min, 0), 0);
  const deadline = t0 + timeLimitMs - marginMs(timeLimitMs, slots);
  const seed = options.seed ?? 15;
  const heapMb = options.workerHeapMb ?? 1024;
  const hardStopAt = t0 + timeLimitMs + GRACE_MS;
  const boundControl: WorkerControl = {};
  const improveControl: WorkerControl = {};
  const policyJob = { problem, policy, deadline, boundShare: options.boundShare ?? 1, seed };
  // The bound may use the time kept for the checks too: it is not waited for until they are done.
  const boundJob: WorkerJob = { ...policyJob, start: [], task: 'bound', deadline: t0 + timeLimitMs - BOUND_MARGIN_MS };
  const large = timeLimitMs > 0 && !isWholeMip(prep);
  // The bound needs no roster: a thread already loaded and waiting (worker-pool.ts) starts it beside the greedy
  // fill, a second sooner — the relaxation is what a short limit runs out of.
  let bounding = large && readyRosterWorkers(heapMb) > 0 ? runWorker(boundJob, heapMb, hardStopAt, options.onProgress, boundControl) : null;
  const greedy = greedyRoster(prep);
  const greedyMs = Date.now() - t0;
  // Otherwise a county gets its two threads side by side as soon as the greedy roster is there (not before: on two
  // busy cores, threads starting beside the greedy fill slowed it from 1–2 s to 6–17 s): the bound's and the
  // improving one. The greedy roster's checks run while they start.
  const job: WorkerJob = { ...policyJob, start: greedy, task: 'improve' };
  const county = large && deadline - Date.now() > 100;
  if (county && !bounding) bounding = runWorker(boundJob, heapMb, hardStopAt, options.onProgress, boundControl);
  const improving = county ? runWorker(job, heapMb, hardStopAt, options.onProgress, improveControl) : null;
  // Each roster is checked once (a county's check takes a second on a busy machine, after the time limit's margin).
  let violations = checkPrepared(prep, greedy).filter((v) => v.kind !== 'understaffed');
  const greedyRules = violations.length;
  let best = greedy;
  let bestCost = rosterCost(prep, greedy);
  const greedyResult = { objective: bestCost.cost.total, feasible: greedyRules === 0 && bestCost.unfilled.length === 0 };
  let bound = 0;
  let boundMs = 0;
  let optimal = false;
  let method: RosterSolution['method'] = 'greedy';
  let optimiserError: string | null = null;
  const optimiseStart = Date.now();
  if (timeLimitMs > 0 && deadline - Date.now() > 100 && bestCost.cost.total > 0) {
    const got = improving ? await improving : await runWorker({ ...job, start: greedy, task: 'both' }, heapMb, hardStopAt, options.onProgress);
    bound = Math.max(bound, got.bound);
    optimiserError = got.error;
    boundMs = got.boundMs;
    if (got.assignments) {
      const cost = rosterCost(prep, got.assignments);
      // Never worse than greedy, and never a roster breaking a rule the greedy one kept.
      const broken = checkPrepared(prep, got.assignments).filter((v) => v.kind !== 'understaffed');
      if (broken.length <= greedyRules && cost.cost.total <= bestCost.cost.total + 1e-9) {
        if (cost.cost.total < bestCost.cost.total - 1e-9) method = 'optimised';
        best = got.assignments;
        bestCost = cost;
        violations = broken;
        optimal = got.optimal;
      }
    }
    // The bound's thread had until just before the limit (it ran on while this one checked the roster).
    if (bounding) {
      // Not past the limit: a relaxation still building its model when the limit comes proves nothing anyway.
      const timer = setTimeout(() => boundControl.stop?.(), Math.max(0, t0 + timeLimitMs - Date.now()));
      const bounded = await bounding;
      clearTimeout(timer);
      bound = Math.max(bound, bounded.bound);
      boundMs = bounded.boundMs;
      optimiserError ??= bounded.error;
    }
  }
  // A roster costing nothing (or no time left) needs neither thread.
  boundControl.stop?.();
  improveControl.stop?.();
  // The threads taken are replaced now that the solve no longer needs the cores.
  refillRosterWorkers(heapMb);
  const optimiseMs = Date.now() - optimiseStart;
  const objective = bestCost.cost.total;
  // All costs are non-negative, so 0 is always a bound; rounding in the solver must not put the bound above the roster.
  const lowerBound = Math.min(objective, Math.max(0, bound));
  return {
    assignments: best,
    unfilled: bestCost.unfilled,
    objective,
    cost: bestCost.cost,
    lowerBound: optimal ? objective : lowerBound,
    gapPct: objective > 0 ? ((objective - (optimal ? objective : lowerBound)) / objective) * 100 : 0,
    feasible: bestCost.unfilled.length === 0 && violations.length === 0,
    violations,
    method,
    optimal: optimal || objective === 0,
    greedy: greedyResult,
    optimiserError,
    timings: { greedyMs, boundMs, optimiseMs, totalMs: Date.now() - t0 },
  };
}
