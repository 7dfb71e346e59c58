/**
 * bench:sampling, the desks: each desk is one sampler's session with its own open tube at one point of an open
 * round. It binds the next resident of a shared queue by `residentId` with a fresh `clientId`, and opens a new
 * tube when the answer says `full` — what the desk page does. Only 2xx bindings count.
 *
 * With `retry` (the crash part) a desk behaves like the web desk's queue: a binding keeps its clientId until it is
 * acknowledged; no answer or a 5xx is retried with backoff; a tube found full (its `full` answer was lost) gets a
 * new tube and the same binding again.
 */
import { randomUUID } from 'node:crypto';

export interface Desk {
  headers: Record<string, string>;
  desk: number;
  tubeId: number | null;
  tubes: number;
}

export interface DeskRun {
  /** clientIds answered 2xx. */
  acknowledged: Map<string, number>;
  bindTimes: number[];
  refused: number;
  errors: number;
}

export async function signIn(base: string, username: string, password = 'Wangge@2026'): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(base: string, path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; json: any } | null> {
  try {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  } catch {
    return null; // no answer: the server is down or the connection broke
  }
}

export interface DeskPlan {
  base: () => string;
  roundId: number;
  pointId: number;
  /** Unique per run, so every tube barcode is new. */
  tag: string;
  next: () => number | undefined;
  until: () => boolean;
  retry: boolean;
}

async function openTube(p: DeskPlan, d: Desk, run: DeskRun): Promise<void> {
  const barcode = `${p.tag}${String(d.desk).padStart(2, '0')}${String(++d.tubes).padStart(5, '0')}`; // ≤ 20 characters
  for (let attempt = 0; ; attempt++) {
    const res = await post(p.base(), '/api/sampling/tubes', d.headers, { roundId: p.roundId, pointId: p.pointId, desk: d.desk, barcode });
    if (res && res.status < 300) {
      d.tubeId = res.json.id;
      return;
    }
    if (res && res.status < 500) throw new Error(`opening tube ${barcode} answered ${res.status}: ${JSON.stringify(res.json)}`);
    run.errors++;
    if (!p.retry) throw new Error(`opening tube ${barcode}: ${res ? res.status : 'no answer'}`);
    await sleep(Math.min(1000, 50 * 2 ** attempt));
  }
}

export async function runDesk(p: DeskPlan, d: Desk, run: DeskRun): Promise<void> {
  while (p.until()) {
    const residentId = p.next();
    if (residentId === undefined) return;
    const clientId = randomUUID();
    for (let attempt = 0; ; attempt++) {
      if (d.tubeId === null) await openTube(p, d, run);
      const t = performance.now();
      const res = await post(p.base(), '/api/sampling/bindings', d.headers, { clientId, tubeId: d.tubeId, residentId });
      if (res && res.status < 300) {
        run.bindTimes.push(performance.now() - t);
        run.acknowledged.set(clientId, residentId);
        if (res.json.full) d.tubeId = null;
        break;
      }
      if (res && res.status === 409 && ['TUBE_FULL', 'TUBE_NOT_OPEN'].includes(res.json?.error?.code)) {
        // The answer that said `full` was lost (or another desk's tube): a new tube, the same binding.
        d.tubeId = null;
        continue;
      }
      if (res && res.status < 500) {
        run.refused++;
        break;
      }
      run.errors++;
      if (!p.retry) break;
      await sleep(Math.min(1000, 50 * 2 ** attempt));
    }
  }
}
