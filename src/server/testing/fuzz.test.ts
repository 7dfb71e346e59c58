import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../platform/access';
import { CROSS_AREA_CASES, type CrossEnv, type CrossRequest } from './cross-area-cases';
import { type FuzzRequest, bodyMutations, urlMutations } from './fuzz-inputs';
import { type Agent, type TestApp, login } from './harness';
import { buildWalkEnv } from './walk-env';

/**
 * The fuzz walk: every registered API route, as a user who may call it (A's administrator, or nobody for a
 * public route), gets bad versions of a request that works (the cross-area walk's own requests, aimed at
 * A's records): malformed JSON, wrong types, U+0000 and lone surrogates in every string, impossible dates in
 * every date, unknown fields, invalid UTF-8, ids and numbers past any range, oversized strings. No answer may
 * be a 5xx, and what must be refused is a 4xx that wrote nothing (the audit trail did not grow — every
 * change writes an audit row in its own transaction). A route added later is walked the day it lands.
 */
let t: TestApp;
let env: CrossEnv;

beforeAll(async () => {
  ({ t, env } = await buildWalkEnv());
});
afterAll(() => t.close());

/** Good requests for the public routes, which the cross-area walk does not send. */
/** A's village's help page link, made once (the walk's world has none). */
async function helpToken(): Promise<string> {
  await t.db.query("INSERT INTO help_intake_links (area_id, area_path, token) VALUES ($1, $2, 'fuzzwalkhelptoken000001') ON CONFLICT (area_id) DO NOTHING", [
    env.a.village.id,
    env.a.village.path,
  ]);
  return (await t.db.query<{ token: string }>('SELECT token FROM help_intake_links WHERE area_id = $1', [env.a.village.id]))[0].token;
}

async function publicSeeds(route: ApiRoute): Promise<CrossRequest[]> {
  const token = async () => (await t.db.query<{ enlist_token: string }>('SELECT enlist_token FROM party_orgs WHERE id = $1', [env.vol.orgInA]))[0].enlist_token;
  switch (`${route.method} ${route.url}`) {
    case 'POST /api/auth/login':
      return [{ url: '/api/auth/login', body: { username: 'leakmark_a', password: 'wrong-but-well-formed' }, expect: 'no-leak' }];
    case 'GET /api/enlist/:branchToken':
      return [{ url: `/api/enlist/${await token()}`, expect: 'no-leak' }];
    case 'POST /api/enlist/:branchToken':
      return [
        {
          url: `/api/enlist/${await token()}`,
          body: { name: '模糊测试', idNumber: '110101199003070011', phone: '13812345678', category: 'volunteer', birthDate: '1990-03-07' },
          expect: 'no-leak',
        },
      ];
    case 'GET /api/help/intake/:token':
      return [{ url: `/api/help/intake/${await helpToken()}`, expect: 'no-leak' }];
    case 'POST /api/help/intake/:token':
      return [
        {
          url: `/api/help/intake/${await helpToken()}`,
          body: { clientId: randomUUID(), kind: 'medicine', need: '模糊测试', phone: '13812345678' },
          expect: 'no-leak',
        },
      ];
    case 'GET /api/help/track/:code':
      return [
        {
          url: `/api/help/track/${(await t.db.query<{ code: string }>('SELECT code FROM help_requests ORDER BY id LIMIT 1'))[0]?.code ?? 'ABCDEFGH'}`,
          expect: 'no-leak',
        },
      ];
    default:
      return [{ url: route.url, expect: 'no-leak' }];
  }
}

/**
 * Audit rows written under one request id. Counting the whole trail instead let a job the app runs meanwhile (a
 * sweep, on a slow machine a minute into the walk) look like a refused request that wrote.
 */
const auditRowsOf = async (requestId: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1', [requestId]))[0].n;

describe('bad input, every route', () => {
  it('never answers 5xx, and refuses with a 4xx that writes nothing what it must refuse', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of t.app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      const seeds = route.access === 'public' ? await publicSeeds(route) : await CROSS_AREA_CASES[key](env);
      const agent: Agent | null = route.access === 'public' ? null : await login(t.app, 'leakmark_a');
      for (const seed of seeds) {
        const url = seed.url || route.url;
        const mutations: FuzzRequest[] = urlMutations(route, url);
        const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
        if (hasBody && route.takes.body) mutations.push(...bodyMutations(url, (seed.body ?? {}) as never));
        for (const m of mutations) {
          const requestId = `fuzz-${sent}-${route.method}`;
          const headers = { ...(seed.headers ?? {}), ...(m.headers ?? {}), 'x-request-id': requestId };
          const opts = { method: route.method as 'GET', url: m.url, payload: m.payload, headers };
          const res = agent ? await agent.request(opts) : await t.app.inject(opts);
          sent++;
          const label = `${key} — ${m.label} → ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 160)}`);
          else if (m.must === 'refuse') {
            if (res.statusCode < 400) failures.push(`${label}: accepted what it must refuse`);
            else if ((await auditRowsOf(requestId)) > 0) failures.push(`${label}: wrote something while refusing`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 900_000);
});
