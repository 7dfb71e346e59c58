/**
 * bench:sampling, part 2 — the server killed with SIGKILL mid-load and started again while the desks retry.
 * BENCH_DESKS desks bind BENCH_CRASH_BINDINGS residents, each binding with its own clientId kept until it is
 * acknowledged (exactly the web desk's queue: no answer or a 5xx → retried with backoff). After
 * BENCH_CRASH_AFTER_MS of load the server process gets SIGKILL; it is started again at once (migrations, the
 * first-run checks) and the desks carry on. Then the database is asked:
 *   acknowledged  bindings answered 2xx
 *   present       of those, found in sampling_bindings under their clientId (exactly once: the scan id is claimed once, in client_writes)
 *   duplicated    extra live bindings of the same person in the round (a retry that bound twice)
 */
import { type Desk, type DeskRun, runDesk, signIn } from './sampling-desks';

export interface CrashPlan {
  base: string;
  roundId: number;
  pointId: number;
  residents: number[];
  desks: number;
  afterMs: number;
  tag: string;
  kill: () => Promise<void>;
  restart: () => Promise<void>;
  /** Reads the database once the load is over (for PGlite: after the server has stopped). */
  count: (clientIds: string[], residentIds: number[]) => Promise<{ present: number; duplicated: number }>;
  log: (...a: unknown[]) => void;
  /** A desk's session (default: the commander's, signed in over plain HTTP). */
  signIn?: () => Promise<Record<string, string>>;
}

/**
 * What the database holds after the crash, asked the same way on either engine: the acknowledged client ids
 * present (live), and any person bound more than once in the round (a retry that registered twice).
 */
export async function countAfterCrash(
  query: (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>,
  roundId: number,
  clientIds: string[],
  residentIds: number[],
): Promise<{ present: number; duplicated: number }> {
  const [a] = await query('SELECT count(*)::int AS present FROM sampling_bindings WHERE client_id = ANY($1::text[]) AND removed_at IS NULL', [clientIds]);
  const [b] = await query(
    `SELECT coalesce(sum(n - 1), 0)::int AS duplicated FROM (SELECT count(*) AS n FROM sampling_bindings WHERE round_id = $1 AND resident_id = ANY($2::int[]) AND removed_at IS NULL GROUP BY resident_id) x`,
    [roundId, residentIds],
  );
  return { present: Number(a.present), duplicated: Number(b.duplicated) };
}

export async function benchCrash(p: CrashPlan) {
  const sessions: Record<string, string>[] = [];
  for (let i = 0; i < p.desks; i++) sessions.push(await (p.signIn ? p.signIn() : signIn(p.base, 'command')));
  const run: DeskRun = { acknowledged: new Map(), bindTimes: [], refused: 0, errors: 0 };
  let next = 0;
  const desks: Desk[] = sessions.map((headers, i) => ({ headers, desk: i + 1, tubeId: null, tubes: 0 }));
  const load = Promise.all(
    desks.map((d) =>
      runDesk(
        { base: () => p.base, roundId: p.roundId, pointId: p.pointId, tag: p.tag, next: () => p.residents[next++], until: () => true, retry: true },
        d,
        run,
      ),
    ),
  );
  await new Promise((r) => setTimeout(r, p.afterMs));
  const before = run.acknowledged.size;
  const killedAt = performance.now();
  await p.kill();
  p.log(`SIGKILL after ${before} acknowledged bindings; starting again…`);
  await p.restart();
  p.log(`up again after ${((performance.now() - killedAt) / 1000).toFixed(1)} s`);
  await load;
  const ids = [...run.acknowledged.keys()];
  const { present, duplicated } = await p.count(ids, p.residents.slice(0, next));
  p.log(
    `crash: ${ids.length} acknowledged (${before} before the kill), ${present} present, ${duplicated} duplicated, ${run.errors} attempts without answer, ${run.refused} refused`,
  );
  return { acknowledged: ids.length, present, duplicated, acknowledged_before_kill: before, retried_attempts: run.errors, refused: run.refused };
}
