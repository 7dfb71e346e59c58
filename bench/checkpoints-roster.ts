/**
 * npm run bench:checkpoints:roster — a county's week of checkpoint duty (issue 15, point 3).
 *
 * A synthetic county like the one in DOMAIN.md: 1,200 posts in 300 villages of 20 towns, three 8-hour shifts a
 * day for 7 days (150 village gates close at night; 60 highway and border stations add a medic by day), about
 * 25,000 person-shifts to fill from 5,837 people with a 40-hour cap (some part-time, some weekday-only, some
 * deployed elsewhere for two days). Villages have uneven posts and people, so some people must travel.
 * Greedy fill first, then the optimiser with a time limit. Goals: a feasible roster in ≤ 10 s; within 5 % of
 * the lower bound in ≤ 60 s.
 *
 * Settings (environment):
 *   BENCH_ROSTER_POSTS       1200   posts
 *   BENCH_ROSTER_PEOPLE      5837   people
 *   BENCH_ROSTER_LIMIT_S     60     the optimiser's time limit (greedy included)
 *   BENCH_ROSTER_SEED        15     the county's random seed
 *   BENCH_ROSTER_COLD        0      1: the optimiser's threads are started by the solve (their 2–4 s of loading inside
 *                                   the limit), not ahead as the server starts them (ROSTER_WARM_THREADS)
 * Progress goes to stderr, each line with the seconds since the start and, once the bound is known, the gap as it
 * stands (what a shorter limit would have shown); the last line on stdout is the JSON of figures.
 */
import { mulberry32 } from '../src/domain/random';
import {
  type RosterPerson,
  type RosterProblem,
  type RosterShift,
  checkRoster,
  defaultRosterPolicy,
  solveRoster,
  stopRosterWorkers,
  warmRosterWorkers,
} from '../src/server/modules/checkpoints/roster';

const POSTS = Number(process.env.BENCH_ROSTER_POSTS ?? 1200);
const PEOPLE = Number(process.env.BENCH_ROSTER_PEOPLE ?? 5837);
const LIMIT_S = Number(process.env.BENCH_ROSTER_LIMIT_S ?? 60);
const SEED = Number(process.env.BENCH_ROSTER_SEED ?? 15);
const COLD = process.env.BENCH_ROSTER_COLD === '1';

const HOUR = 3_600_000;
// Monday 2026-03-02 00:00 in China.
const WEEK = Date.UTC(2026, 2, 1, 16);

export function county(posts = POSTS, people = PEOPLE, seed = SEED): RosterProblem {
  const rnd = mulberry32(seed);
  const towns = 20;
  const villagesPerTown = 15;
  const villages: string[] = [];
  for (let t = 0; t < towns; t++) for (let v = 0; v < villagesPerTown; v++) villages.push(`/county/t${t}/t${t}v${v}/`);
  // Uneven weights: some villages have many gates and few people, others the reverse.
  const postWeight = villages.map(() => 0.5 + rnd());
  const peopleWeight = villages.map(() => 0.5 + rnd());
  const pick = (weights: number[], total: number) => {
    let r = rnd() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r <= 0) return i;
    }
    return weights.length - 1;
  };
  const postTotal = postWeight.reduce((a, b) => a + b, 0);
  const peopleTotal = peopleWeight.reduce((a, b) => a + b, 0);
  const shifts: RosterShift[] = [];
  for (let k = 0; k < posts; k++) {
    const area = villages[k < villages.length ? k : pick(postWeight, postTotal)];
    const closedAtNight = k % 8 === 3; // 150 of 1,200
    const station = k % 20 === 7; // 60 of 1,200
    for (let d = 0; d < 7; d++) {
      for (const [hour, kind] of [
        [0, 'night'],
        [8, 'day'],
        [16, 'day'],
      ] as const) {
        if (closedAtNight && kind === 'night') continue;
        const needs = [{ role: 'guard', min: 1 }];
        if (station && kind === 'day') needs.push({ role: 'medic', min: 1 });
        const start = WEEK + (d * 24 + hour) * HOUR;
        shifts.push({ id: `p${k}-d${d}-h${hour}`, postId: `p${k}`, areaPath: area, startMs: start, endMs: start + 8 * HOUR, kind, needs });
      }
    }
  }
  const persons: RosterPerson[] = [];
  for (let i = 0; i < people; i++) {
    const r = rnd();
    const roles = r < 0.08 ? ['guard', 'medic'] : ['guard'];
    const p: RosterPerson = { id: `u${i}`, roles, homeAreaPath: villages[pick(peopleWeight, peopleTotal)], availability: null, busy: [] };
    const kind = rnd();
    if (kind < 0.12) {
      // Weekdays from 08:00 to midnight only.
      p.availability = [0, 1, 2, 3, 4].map((d) => ({ startMs: WEEK + (d * 24 + 8) * HOUR, endMs: WEEK + (d + 1) * 24 * HOUR }));
    } else if (kind < 0.2) {
      const d = Math.floor(rnd() * 6);
      p.busy = [{ startMs: WEEK + d * 24 * HOUR, endMs: WEEK + (d + 2) * 24 * HOUR }];
    } else if (kind < 0.25) {
      p.weeklyHourCap = 24;
    }
    persons.push(p);
  }
  return { weekStartMs: WEEK, shifts, people: persons };
}

async function main() {
  const problem = county();
  const demand = problem.shifts.reduce((n, s) => n + s.needs.reduce((m, x) => m + x.min, 0), 0);
  console.error(`county: ${POSTS} posts, ${problem.shifts.length} shifts, ${demand} person-shifts, ${problem.people.length} people`);
  const policy = defaultRosterPolicy;
  if (!COLD) {
    // As the server does at its start: the threads load their code and HiGHS before anyone asks for a roster.
    const t = Date.now();
    await warmRosterWorkers(1024);
    console.error(`optimiser threads ready in ${((Date.now() - t) / 1000).toFixed(1)} s (before the clock starts, as at the server's start)`);
  }
  const began = Date.now();
  let bound = 0;
  const solution = await solveRoster(problem, policy, {
    timeLimitMs: LIMIT_S * 1000,
    onProgress: (p) => {
      // The gap as it stands, once the bound is known: what a shorter time limit would have shown.
      if (p.bound !== undefined) bound = p.bound;
      const gap = Number.isFinite(p.objective) && bound > 0 ? ` gap ${(((p.objective - bound) / p.objective) * 100).toFixed(2)} %` : '';
      console.error(`  ${JSON.stringify(p)}${gap} at ${((Date.now() - began) / 1000).toFixed(1)} s`);
    },
  });
  await stopRosterWorkers();
  const { timings } = solution;
  const greedyS = timings.greedyMs / 1000;
  console.error(`greedy: ${greedyS.toFixed(2)} s, objective ${solution.greedy.objective}, feasible ${solution.greedy.feasible}`);
  console.error(
    `optimised: ${(timings.totalMs / 1000).toFixed(1)} s, objective ${solution.objective} (${JSON.stringify(solution.cost)}), bound ${solution.lowerBound.toFixed(1)} (${(timings.boundMs / 1000).toFixed(1)} s), gap ${solution.gapPct.toFixed(2)} %, feasible ${solution.feasible}, method ${solution.method}`,
  );
  // The solver checks its own answer; the bench checks it once more, from the ids.
  const recheck = checkRoster(problem, solution.assignments, policy).filter((v) => v.kind !== 'understaffed');
  if (recheck.length > 0) throw new Error(`the roster breaks ${recheck.length} rules, e.g. ${JSON.stringify(recheck[0])}`);
  console.log(
    JSON.stringify({
      roster_posts: POSTS,
      roster_people: problem.people.length,
      roster_feasible_s: solution.greedy.feasible ? Number(greedyS.toFixed(2)) : null,
      roster_s: Number((timings.totalMs / 1000).toFixed(1)),
      roster_gap_pct: Number(solution.gapPct.toFixed(2)),
      roster_objective: solution.objective,
      roster_bound: Number(solution.lowerBound.toFixed(1)),
      roster_greedy_objective: solution.greedy.objective,
      roster_limit_s: LIMIT_S,
      roster_threads: COLD ? 'cold' : 'warm',
    }),
  );
}

if (process.argv[1]?.endsWith('checkpoints-roster.ts')) await main();
