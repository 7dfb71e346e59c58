/**
 * bench:sampling, part 1 — bindings/s from BENCH_DESKS (64) desks over HTTP, the load generator in this process on
 * the same machine, against a bare Fastify endpoint under the same load (the same 64 clients posting the same body
 * through the same client) in the same run. BENCH_ROUNDS rounds of BENCH_SECONDS each, alternating which side goes first;
 * medians of the rounds (the ratio: the median of each round's paired ratio).
 */
import { randomUUID } from 'node:crypto';
import { type Desk, type DeskRun, postJson, runDesk, signIn } from './sampling-desks';

export interface LoadPlan {
  base: string;
  bareBase: string;
  roundId: number;
  pointId: number;
  residents: number[];
  desks: number;
  rounds: number;
  seconds: number;
  tag: string;
  log: (...a: unknown[]) => void;
  /**
   * Measures the CPU of the server, the database and this process over each round of bindings (bench/cpu-share.ts):
   * what one binding costs each, so the figure with the load generator's share removed can be told on a shared machine.
   */
  cpu?: () => { end(operations: number): CpuShareFigures };
}

type CpuShareFigures = { server_cpu_ms_per_op: number; db_cpu_ms_per_op: number; generator_cpu_ms_per_op: number; capacity_per_s: number };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];
const median = (xs: number[]) => pct(xs, 50);

async function bareRound(url: string, desks: number, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const client = async () => {
    while (performance.now() < end) {
      const res = await postJson(url, {}, { clientId: randomUUID(), tubeId: 123456, residentId: 765432 });
      if (res.status === 201) n++;
    }
  };
  await Promise.all(Array.from({ length: desks }, client));
  return n / seconds;
}

export async function benchLoad(p: LoadPlan) {
  const sessions: Record<string, string>[] = [];
  for (let i = 0; i < p.desks; i++) sessions.push(await signIn(p.base, 'command'));
  const desks: Desk[] = sessions.map((headers, i) => ({ headers, desk: i + 1, tubeId: null, tubes: 0 }));
  let next = 0;
  const deskRound = async (round: number) => {
    const run: DeskRun = { acknowledged: new Map(), bindTimes: [], refused: 0, errors: 0 };
    const end = performance.now() + p.seconds * 1000;
    const started = performance.now();
    await Promise.all(
      desks.map((d) =>
        runDesk(
          {
            base: () => p.base,
            roundId: p.roundId,
            pointId: p.pointId,
            tag: `${p.tag}R${round}`,
            next: () => p.residents[next++],
            until: () => performance.now() < end,
            retry: false,
          },
          // A fresh tube for each round: the barcodes of a round carry its number.
          Object.assign(d, { tubeId: null, tubes: 0 }),
          run,
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    if (run.refused || run.errors) p.log(`round ${round}: ${run.refused} refused, ${run.errors} without answer`);
    return { rps: run.acknowledged.size / seconds, p99: pct(run.bindTimes, 99), p50: pct(run.bindTimes, 50), acknowledged: run.acknowledged.size };
  };
  // Warm-up: a second of each.
  await bareRound(`${p.bareBase}/bare`, p.desks, 1);
  const warm = p.seconds;
  p.seconds = 1;
  await deskRound(0);
  p.seconds = warm;
  const bare: number[] = [];
  const binds: number[] = [];
  const p99s: number[] = [];
  const p50s: number[] = [];
  const ratios: number[] = [];
  const shares: CpuShareFigures[] = [];
  const measured = async (round: number) => {
    const cpu = p.cpu?.();
    const d = await deskRound(round);
    if (cpu) shares.push(cpu.end(d.acknowledged));
    return d;
  };
  for (let i = 1; i <= p.rounds; i++) {
    let b: number;
    let d: Awaited<ReturnType<typeof deskRound>>;
    if (i % 2) {
      b = await bareRound(`${p.bareBase}/bare`, p.desks, p.seconds);
      d = await measured(i);
    } else {
      d = await measured(i);
      b = await bareRound(`${p.bareBase}/bare`, p.desks, p.seconds);
    }
    bare.push(b);
    binds.push(d.rps);
    p99s.push(d.p99);
    p50s.push(d.p50);
    ratios.push(d.rps / b);
    p.log(`round ${i}: bare ${b.toFixed(0)}/s, bindings ${d.rps.toFixed(0)}/s (p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms)`);
  }
  return {
    bindings_per_s: Math.round(median(binds)),
    bare_rps: Math.round(median(bare)),
    ratio: Number(median(ratios).toFixed(3)),
    p99_ms: Number(median(p99s).toFixed(1)),
    p50_ms: Number(median(p50s).toFixed(1)),
    ...(shares.length
      ? {
          server_cpu_ms_per_binding: median(shares.map((x) => x.server_cpu_ms_per_op)),
          db_cpu_ms_per_binding: median(shares.map((x) => x.db_cpu_ms_per_op)),
          generator_cpu_ms_per_binding: median(shares.map((x) => x.generator_cpu_ms_per_op)),
          capacity_per_s: median(shares.map((x) => x.capacity_per_s)),
        }
      : {}),
    residents_used: next,
  };
}
