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
import http from 'node:http';
import https from 'node:https';

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
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The load generator's client: node:http over kept-alive connections, one per desk. fetch() costs the generator
 * about twice the CPU per request, and the generator shares the machine's two cores with the server.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
/** The same over TLS (a reverse proxy in front): `trustCertificate` adds a test's own certificate authority. */
let tlsAgent = new https.Agent({ keepAlive: true, maxSockets: 256 });

export function trustCertificate(ca: string) {
  tlsAgent = new https.Agent({ keepAlive: true, maxSockets: 256, ca });
}

export function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; text: string }> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const tls = url.startsWith('https:');
    const req = (tls ? https : http).request(
      url,
      { method: 'POST', agent: tls ? tlsAgent : agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(data.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A GET through the same keep-alive agent as postJson. */
export function getText(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function post(base: string, path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; json: any } | null> {
  try {
    const res = await postJson(`${base}${path}`, headers, body);
    return { status: res.status, json: res.text ? JSON.parse(res.text) : null };
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
