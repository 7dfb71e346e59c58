/**
 * bench:sampling, part 4 — a lab's file (PostgreSQL). A second round holds BENCH_LAB_TUBES (100,000) tubes of 10,
 * boxed, every resident of the county in one (bulk SQL, as in part 3). A csv of all of them, 1% positive, goes
 * through POST /api/sampling/results/import (multipart) as the county's commander; the time is the request's, end
 * to end: upload, reading, results in batches, and the trace-back of the positives (a flag and a retest task per
 * member, a task per tube for the command, audit rows) — checked in the answer.
 */
import type pg from 'pg';
import { bulkBind } from './sampling-coverage';

export async function benchLab(p: {
  client: pg.Client;
  base: string;
  headers: Record<string, string>;
  roundId: number;
  pointId: number;
  tubes: number;
  log: (...a: unknown[]) => void;
}) {
  const people = (await p.client.query(`SELECT id FROM residents WHERE merged_into IS NULL ORDER BY area_path, id LIMIT $1`, [p.tubes * 10])).rows.map(
    (r) => r.id as number,
  );
  const t0 = performance.now();
  const made = await bulkBind(p.client, { roundId: p.roundId, pointId: p.pointId, people, prefix: 'LABBULK', status: 'boxed' });
  // Vacuumed now, not by autovacuum during the measured import: a million bindings just inserted (and the round's
  // roster) cross autovacuum's insert threshold, and its pass over them was seen landing inside the import.
  await p.client.query('VACUUM (ANALYZE) sampling_bindings, sampling_tubes, sampling_roster, client_writes');
  // The million bindings just written are flushed now, not by a checkpoint spread over the measured import.
  await p.client
    .query('CHECKPOINT')
    .catch((e) => p.log(`no CHECKPOINT before the lab file (${(e as Error).message}): its figure may carry the setup's writes`));
  p.log(`lab round: ${people.length} people in ${made} tubes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const lines = ['管码,检测结果,检测时间,检测机构'];
  for (let g = 0; g < made; g++)
    lines.push(`LABBULK${String(g).padStart(8, '0')},${g % 100 === 50 ? '阳性' : '阴性'},2026-12-01 10:${String(g % 60).padStart(2, '0')}:00,县疾控中心`);
  const csv = Buffer.from(lines.join('\r\n') + '\r\n');
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), '检测结果.csv');
  const { 'content-type': _json, ...headers } = p.headers;
  const t = performance.now();
  const res = await fetch(`${p.base}/api/sampling/results/import`, { method: 'POST', headers, body: form });
  const body = (await res.json()) as { applied: number; positives: { tubes: number; flagged: number; tasks: number } };
  const seconds = (performance.now() - t) / 1000;
  if (res.status !== 200) throw new Error(`lab import answered ${res.status}: ${JSON.stringify(body)}`);
  p.log(
    `lab file: ${made} tubes (${(csv.length / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s: applied ${body.applied}, positive tubes ${body.positives.tubes}, flagged ${body.positives.flagged}, tasks ${body.positives.tasks}`,
  );
  if (body.applied !== made || body.positives.flagged !== body.positives.tubes * 10) throw new Error(`lab import: unexpected answer ${JSON.stringify(body)}`);
  return {
    lab_import_100k_s: Number(((seconds * 100_000) / made).toFixed(2)),
    lab_tubes: made,
    lab_seconds: Number(seconds.toFixed(2)),
    lab_flagged: body.positives.flagged,
  };
}
