/**
 * `npm run bench:checkpoints`: the issue's checkpoint figures in one line. It runs the roster bench (no database)
 * and then the crossings bench (PostgreSQL, BENCH_DATABASE_URL) twice, each in its own process so none's memory or
 * worker threads skew another, and prints their last JSON lines merged:
 *   - at capacity (each phone sends its next crossing as soon as the last is answered): `crossings_per_s`, with
 *     its p99 as `crossing_p99_at_capacity_ms` — there the latency is the phones' queue (200 phones ÷ the rate);
 *   - the 200 phones offering the goal's rate together (BENCH_GOAL_RATE, 2,000 a second): `crossing_p99_ms`, the
 *     latency a phone sees at that rate, and `crossings_per_s_at_goal_rate`.
 * `lost` and `duplicated` add up both runs.
 */
import { spawnSync } from 'node:child_process';

function lastJsonLine(script: string, env: Record<string, string> = {}): Record<string, unknown> {
  const run = spawnSync('npx', ['tsx', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
    env: { ...process.env, ...env },
  });
  process.stdout.write(run.stdout);
  if (run.status !== 0) throw new Error(`${script} exited with ${run.status}`);
  const line = run.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`${script} printed no JSON line`);
  return JSON.parse(line);
}

const GOAL_RATE = process.env.BENCH_GOAL_RATE ?? '2000';
const roster = lastJsonLine('bench/checkpoints-roster.ts');
let crossings: Record<string, unknown> = { crossings: 'skipped: BENCH_DATABASE_URL not set' };
if (process.env.BENCH_DATABASE_URL) {
  const capacity = lastJsonLine('bench/checkpoints-crossings.ts', { BENCH_RATE: '0' });
  const atGoal = lastJsonLine('bench/checkpoints-crossings.ts', { BENCH_RATE: GOAL_RATE });
  crossings = {
    crossings_per_s: capacity.crossings_per_s,
    crossing_p99_ms: atGoal.crossing_p99_ms,
    lost: Number(capacity.lost) + Number(atGoal.lost),
    duplicated: Number(capacity.duplicated) + Number(atGoal.duplicated),
    crossing_p99_at_capacity_ms: capacity.crossing_p99_ms,
    crossings_per_s_at_goal_rate: atGoal.crossings_per_s,
    goal_rate_per_s: Number(GOAL_RATE),
    capacity_cpu_ms_per_op: { server: capacity.server_cpu_ms_per_op, db: capacity.db_cpu_ms_per_op, generator: capacity.generator_cpu_ms_per_op },
  };
}
console.log(JSON.stringify({ ...roster, ...crossings }));
