/**
 * npm run bench:audit — what the audit trail's hash chain (migration 0017) costs, measured against the same
 * inserts with the chain's trigger switched off, alternated in one process (so a loaded machine slows both alike):
 * 5,000 rows in one statement (auditMany, a spreadsheet import's path), 400 one-row transactions (audit()), and on
 * PostgreSQL the same 400 from 8 connections at once (the chain's lock serialises them until each commits).
 * PGlite in memory; PostgreSQL when BENCH_DATABASE_URL is set (a schema of its own, dropped after).
 * Last line: the engine and the medians of 5 rounds in ms, with chain/plain ratios.
 */
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { audit, auditMany } from '../src/server/platform/audit';

const who = { actorId: 1, actorName: 'bench', requestId: 'req-bench-0001', clientIp: '127.0.0.1' };
const url = process.env.BENCH_DATABASE_URL;
const db = url ? await openDb({ databaseUrl: url, schema: `bench_${process.pid}`, poolSize: 8 }) : await openDb({});
await migrate(db);
await db.exec('ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL');
const setChain = (on: boolean) => db.exec(`ALTER TABLE audit_log ${on ? 'ENABLE' : 'DISABLE'} TRIGGER audit_log_chain`);
const ev = (i: number) => ({
  entity: 'resident' as const,
  action: 'import' as const,
  entityId: i,
  areaPath: '1.2.3.',
  before: { phone: '13800138000', status: 'present' },
  after: { phone: '13912345678', status: 'away', importId: 7, row: i },
});

async function bulk() {
  const t = performance.now();
  await db.tx((tx) =>
    auditMany(
      tx,
      who,
      Array.from({ length: 5000 }, (_, i) => ev(i)),
    ),
  );
  return performance.now() - t;
}
async function singles(conc: number) {
  const t = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async (_, w) => {
      for (let i = 0; i < 400 / conc; i++) await db.tx((tx) => audit(tx, who, ev(w * 1000 + i)));
    }),
  );
  return performance.now() - t;
}
const res: Record<string, number[]> = {};
const add = (k: string, v: number) => (res[k] ??= []).push(v);
await bulk();
await singles(1); // warm up
for (let r = 0; r < 5; r++) {
  for (const on of [false, true]) {
    await setChain(on);
    const tag = on ? 'chain' : 'plain';
    add(`bulk5000_${tag}`, await bulk());
    add(`single400_${tag}`, await singles(1));
    if (url) add(`single400x8_${tag}`, await singles(8));
    if (!on)
      await db.exec(
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET seq = -id WHERE seq IS NULL; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update',
      );
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out: Record<string, number> = {};
for (const [k, v] of Object.entries(res)) out[k] = Math.round(med(v));
for (const k of Object.keys(out))
  if (k.endsWith('_chain')) out[k.replace('_chain', '_ratio')] = Number((out[k] / out[k.replace('_chain', '_plain')]).toFixed(2));
console.log(db.engine, JSON.stringify(out));
if (url) await db.exec(`DROP SCHEMA bench_${process.pid} CASCADE`);
await db.close();
