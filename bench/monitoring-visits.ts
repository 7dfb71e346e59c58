/**
 * bench:monitoring, part 3 — door-to-door visits from 50 phones on a bad signal. A campaign over one town
 * (one visit task per household), then BENCH_PHONES (50) clients submit BENCH_VISITS (10,000) visits
 * through POST /api/screening/visits, each with its own client id; a fifth of them are sent again after
 * their answer (the phone never saw it) and one in twenty twice at once. Every answer is timed.
 * Then the database is asked: every acknowledged client id present (else `lost`), no client id twice
 * and no household visited twice (else `duplicated`).
 *
 * The phones post through node's http client on a keep-alive agent (as bench:sampling's desks do): `fetch` cost the
 * generator, on the same two cores, more CPU than the server spent answering. The CPU each part spent per visit is
 * reported too (`visit_*_cpu_ms`, bench/cpu-share.ts), with `visits_capacity_per_s`: what the server and the
 * database could carry with the machine to themselves.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { cpuShare } from './cpu-share';
import { type Session, pct, signIn } from './monitoring-http';
import { postJson } from './sampling-desks';

const PHONES = Number(process.env.BENCH_PHONES ?? 50);
const VISITS = Number(process.env.BENCH_VISITS ?? 10_000);

export async function benchVisits(p: { base: string; url: string; serverPid: number; log: (...a: unknown[]) => void }): Promise<Record<string, number | null>> {
  const client = new pg.Client(p.url);
  await client.connect();
  try {
    // The town with the most households.
    const [town] = (
      await client.query(
        `SELECT t.id, t.name, count(h.id)::int AS households FROM areas t JOIN households h ON h.area_path LIKE t.path || '%'
          WHERE t.kind = 'town' GROUP BY t.id, t.name ORDER BY households DESC LIMIT 1`,
      )
    ).rows;
    const phones: Session[] = [];
    for (let i = 0; i < PHONES; i++) phones.push(await signIn(p.base, 'command'));
    const today = new Date().toISOString().slice(0, 10);
    const t0 = performance.now();
    const created = await fetch(`${p.base}/api/screening/campaigns`, {
      method: 'POST',
      headers: phones[0].headers,
      body: JSON.stringify({
        name: `压测敲门行动 ${randomUUID().slice(0, 8)}`,
        areaId: town.id,
        startsOn: today,
        endsOn: today,
        lookbackDays: 14,
        target: 'all',
      }),
    });
    if (created.status !== 201) throw new Error(`campaign answered ${created.status}: ${await created.text()}`);
    const campaign = (await created.json()) as { id: number };
    const campaignSeconds = (performance.now() - t0) / 1000;
    p.log(`campaign over ${town.name}: ${town.households} households, created with its tasks in ${campaignSeconds.toFixed(2)} s`);
    const households = (
      await client.query('SELECT household_id FROM screening_targets WHERE campaign_id = $1 ORDER BY hashtext(household_id::text) LIMIT $2', [
        campaign.id,
        VISITS,
      ])
    ).rows.map((r) => r.household_id as number);

    const times: number[] = [];
    const acknowledged = new Set<string>();
    let failures = 0;
    const send = async (phone: Session, body: unknown, clientId: string) => {
      const t = performance.now();
      const res = await postJson(`${p.base}/api/screening/visits`, phone.headers, body);
      times.push(performance.now() - t);
      if (res.status === 200 || res.status === 201) acknowledged.add(clientId);
      else failures++;
    };
    let next = 0;
    const phone = async (i: number) => {
      while (next < households.length) {
        const householdId = households[next++];
        const clientId = randomUUID();
        const body = {
          clientId,
          campaignId: campaign.id,
          householdId,
          outcome: 'visited',
          rosterConfirmed: true,
          codeColour: 'green',
          temperature: 36.5,
        };
        const roll = Math.random();
        if (roll < 0.05) await Promise.all([send(phones[i], body, clientId), send(phones[i], body, clientId)]);
        else await send(phones[i], body, clientId);
        if (roll >= 0.05 && roll < 0.25) await send(phones[i], body, clientId);
      }
    };
    const started = performance.now();
    const cpu = cpuShare(p.serverPid, new URL(p.url).pathname.slice(1));
    await Promise.all(phones.map((_, i) => phone(i)));
    const seconds = (performance.now() - started) / 1000;
    const spent = cpu.end(acknowledged.size);

    const stored = (await client.query('SELECT client_id::text AS id, household_id FROM screening_visits WHERE campaign_id = $1', [campaign.id])).rows as {
      id: string;
      household_id: number;
    }[];
    const storedIds = new Set(stored.map((r) => r.id));
    const lost = [...acknowledged].filter((id) => !storedIds.has(id)).length;
    const duplicated = stored.length - storedIds.size + (stored.length - new Set(stored.map((r) => r.household_id)).size);
    p.log(`visits: ${acknowledged.size} acknowledged of ${households.length}, ${times.length} requests, ${failures} refused, ${stored.length} stored`);
    return {
      campaign_households: town.households,
      campaign_create_s: Number(campaignSeconds.toFixed(2)),
      visits_per_s: Math.round(acknowledged.size / seconds),
      requests_per_s: Math.round(times.length / seconds),
      visit_p50_ms: Number(pct(times, 50).toFixed(1)),
      visit_p99_ms: Number(pct(times, 99).toFixed(1)),
      refused: failures,
      visit_server_cpu_ms: spent.server_cpu_ms_per_op,
      visit_db_cpu_ms: spent.db_cpu_ms_per_op,
      visit_generator_cpu_ms: spent.generator_cpu_ms_per_op,
      visits_capacity_per_s: spent.capacity_per_s,
      lost,
      duplicated,
    };
  } finally {
    await client.end();
  }
}
