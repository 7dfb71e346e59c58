/**
 * `npm run bench:checkpoints`: the two checkpoint figures in one line. It runs the roster bench (no
 * database) and then the crossings bench (PostgreSQL, BENCH_DATABASE_URL) one after the other, each in its own
 * process so neither's memory or worker threads skew the other, and prints their last JSON lines merged.
 */
import { spawnSync } from 'node:child_process';

function lastJsonLine(script: string): Record<string, unknown> {
  const run = spawnSync('npx', ['tsx', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
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

const roster = lastJsonLine('bench/checkpoints-roster.ts');
const crossings = process.env.BENCH_DATABASE_URL ? lastJsonLine('bench/checkpoints-crossings.ts') : { crossings: 'skipped: BENCH_DATABASE_URL not set' };
console.log(JSON.stringify({ ...roster, ...crossings }));
