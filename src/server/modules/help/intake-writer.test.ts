import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicIntakeWriter } from './intake-writer';
import { type HelpFixture, helpFixture, MOTHER_PHONE, publicBody } from './test-fixture';

/**
 * The public page under a rush: submissions arriving together are written in shared transactions, yet each is
 * recorded once, a resend (even inside the same batch) is answered from the first, and every one is answered.
 */
let f: HelpFixture;
beforeAll(async () => {
  // A generous throttle: this is about many phones at once, not one address flooding.
  f = await helpFixture({ HELP_MAX_PER_ADDRESS: 10_000 });
}, 120_000);
afterAll(() => f.t.close());

describe('public submissions at a rush', () => {
  it('60 phones at once, each sending twice, are 60 requests, answered with their own codes', async () => {
    const bodies = Array.from({ length: 60 }, (_, i) => publicBody({ clientId: randomUUID(), phone: `1391000${String(i).padStart(4, '0')}` }));
    const send = (b: object) => f.t.app.inject({ method: 'POST', url: `/api/help/intake/${f.token}`, payload: b });
    const before = publicIntakeWriter(f.t.db).stats.batches;
    const answers = await Promise.all([...bodies, ...bodies].map(send));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(60).fill(200), ...Array(60).fill(201)].sort());
    // The first and the resend of one submission carry the same tracking code.
    const codes = answers.map((a) => a.json().code as string);
    for (let i = 0; i < 60; i++) expect(codes[i]).toBe(codes[i + 60]);
    expect(new Set(codes).size).toBe(60);
    const [n] = await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM help_requests WHERE channel = 'public'`);
    expect(n.n).toBe(60);
    const [audited] = await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'help_request' AND action = 'submit'`);
    expect(audited.n).toBe(60);
    // They went in fewer transactions than submissions.
    expect(publicIntakeWriter(f.t.db).stats.batches - before).toBeLessThan(120);
  });

  it('in one batch, a wrong link fails only itself and a registered phone is matched to its person', async () => {
    const send = (token: string, b: object) => f.t.app.inject({ method: 'POST', url: `/api/help/intake/${token}`, payload: b });
    const mother = publicBody({ clientId: randomUUID(), phone: MOTHER_PHONE });
    const strangers = Array.from({ length: 10 }, (_, i) => publicBody({ clientId: randomUUID(), phone: `1392000${String(i).padStart(4, '0')}` }));
    const answers = await Promise.all([send('no-such-link-token', publicBody()), send(f.token, mother), ...strangers.map((b) => send(f.token, b))]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 201, ...Array(10).fill(201)]);
    const [row] = await f.t.db.query<{ resident_id: number | null; household_id: number | null; area_id: number }>(
      'SELECT resident_id, household_id, area_id FROM help_requests WHERE client_id = $1',
      [mother.clientId],
    );
    expect(row).toEqual({ resident_id: f.mother, household_id: f.household, area_id: expect.any(Number) });
    const [stranger] = await f.t.db.query<{ resident_id: number | null; area_id: number }>(
      'SELECT resident_id, area_id FROM help_requests WHERE client_id = $1',
      [strangers[0].clientId],
    );
    expect(stranger).toEqual({ resident_id: null, area_id: f.village.id });
  });
});
