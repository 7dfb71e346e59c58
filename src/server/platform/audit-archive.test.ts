import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/engine';
import { freshDb } from '../testing/harness';
import { audit } from './audit';
import { archiveAuditMonths, verifyAuditArchives } from './audit-archive';
import { verifyAuditChain } from './audit-chain';
import { redactAuditDetails } from './audit-redact';
import { ensureMonths, listMonthPartitions } from './month-partitions';

/**
 * The audit trail split by month (migration 0067) and its old months archived (audit-archive.ts), on PGlite and
 * (TEST_DATABASE_URL) PostgreSQL. Rows written into January to March 2025 by their time; January's stretch of the
 * chain takes a February row the chain appended before January's last (a late transaction), February's starts after
 * it; March holds nothing. Archived with 13 months kept (today is later than February 2026).
 */
const ZONE = 'Asia/Shanghai';
const who = { actorId: null, actorName: 'archive-test', requestId: null, clientIp: null };
let db: Db;
let dir: string;

/** A row at a given time, chained by the trigger like any other. */
const rowAt = (at: string, entityId: string, after: object = { note: entityId }) =>
  db.query(`INSERT INTO audit_log (at, action, entity, entity_id, after) VALUES ($1, 'update', 'area', $2, $3)`, [at, entityId, JSON.stringify(after)]);
const months = async () => (await listMonthPartitions(db, 'audit_log')).filter((m) => !m.isDefault).map((m) => m.name);
const seqOf = async (entityId: string) => Number((await db.query<{ seq: string }>(`SELECT seq::text FROM audit_log WHERE entity_id = $1`, [entityId]))[0].seq);

beforeAll(async () => {
  db = await freshDb();
  dir = await mkdtemp(path.join(os.tmpdir(), 'audit-archive-'));
  await ensureMonths(db, { table: 'audit_log', timeZone: ZONE, ahead: 2, now: new Date('2025-01-15T00:00:00+08:00') });
  const start = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log'))[0].n);
  expect(start).toBe(0);
  await rowAt('2025-01-05T10:00:00+08:00', 'jan-1');
  await rowAt('2025-01-20T10:00:00+08:00', 'jan-2', { name: '张*', phone: '138****8000' });
  await rowAt('2025-02-01T00:00:01+08:00', 'feb-1');
  // Begun a second before February, appended after feb-1: January's last row in chain order.
  await rowAt('2025-01-31T23:59:59+08:00', 'jan-late');
  await rowAt('2025-02-10T10:00:00+08:00', 'feb-2');
  // jan-2's details erased later (the lifecycle's redaction), as a row of today.
  await db.tx((tx) => redactAuditDetails(tx, who, { entity: 'area', entityIds: ['jan-2'], reason: 'test' }));
  await db.tx((tx) => audit(tx, who, { entity: 'area', action: 'create', entityId: 'today' }));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the audit trail by month', () => {
  it('keeps each row in the month of its time, chained across months as one chain', async () => {
    const parts = await db.query<{ entity_id: string; p: string }>(`SELECT entity_id, tableoid::regclass::text AS p FROM audit_log WHERE entity_id LIKE '%-%'`);
    const where = Object.fromEntries(parts.map((r) => [r.entity_id, r.p.replace(/^.*\./, '')]));
    expect(where).toMatchObject({ 'jan-1': 'audit_log_y2025m01', 'jan-late': 'audit_log_y2025m01', 'feb-1': 'audit_log_y2025m02' });
    expect(await seqOf('jan-late')).toBe((await seqOf('feb-1')) + 1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 7, archived: 0 });
  });

  it('refuses to archive a chain that does not hold, and drops nothing', async () => {
    await db.tx(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await tx.query(`UPDATE audit_log SET entity_id = 'feb-x' WHERE entity_id = 'feb-2'`);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    await expect(archiveAuditMonths(db, { dir, keepMonths: 13, timeZone: ZONE })).rejects.toThrow(/was changed: the chain does not hold/);
    // January went (its stretch holds); February, whose stretch holds the changed row, stays with its file unwritten.
    expect(await months()).toContain('audit_log_y2025m02');
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    await db.tx(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await tx.query(`UPDATE audit_log SET entity_id = 'feb-2' WHERE entity_id = 'feb-x'`);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
  });

  it('archives each old month as its stretch of the chain, and the chain verifies from the last archived hash', async () => {
    const feb2 = await seqOf('feb-2');
    const done = await archiveAuditMonths(db, { dir, keepMonths: 13, timeZone: ZONE });
    const byMonth = Object.fromEntries(done.map((m) => [m.partition, m]));
    // January went in the run above; February's stretch starts after jan-late; March held nothing.
    expect(byMonth.audit_log_y2025m02).toMatchObject({ rows: 1, firstSeq: feb2, lastSeq: feb2 });
    expect(byMonth.audit_log_y2025m03).toMatchObject({ rows: 0, file: null });
    expect(await months()).not.toContain('audit_log_y2025m01');
    expect(await months()).not.toContain('audit_log_y2025m02');

    const records = await db.query<{ partition: string; first_seq: string; last_seq: string; rows: string }>(
      'SELECT partition, first_seq::text, last_seq::text, rows::text FROM audit_archives ORDER BY first_seq',
    );
    expect(records.map((r) => [r.partition, Number(r.first_seq), Number(r.last_seq)])).toEqual([
      ['audit_log_y2025m01', 1, 4],
      ['audit_log_y2025m02', 5, 5],
    ]);
    // January's file holds its stretch in chain order, feb-1 inside it; jan-2 as redacted, its details gone.
    const lines = gunzipSync(await readFile(path.join(dir, 'audit_log_y2025m01.ndjson.gz')))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.entity_id)).toEqual(['jan-1', 'jan-2', 'feb-1', 'jan-late']);
    expect(lines[1].after).not.toContain('138');
    expect(lines[1].redacted_by).not.toBeNull();

    // What is left: the redaction row and today's; the chain holds from the archived hash, and so does each file.
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 2, archived: 5, lastSeq: 7 });
    expect((await verifyAuditArchives(db, dir)).map((a) => [a.partition, a.status])).toEqual([
      ['audit_log_y2025m01', 'ok'],
      ['audit_log_y2025m02', 'ok'],
    ]);
    // A second run finds nothing old enough.
    expect(await archiveAuditMonths(db, { dir, keepMonths: 13, timeZone: ZONE })).toEqual([]);
  });

  it('names an archived file whose rows were changed, a file moved away, and a month missing from the record', async () => {
    const file = path.join(dir, 'audit_log_y2025m01.ndjson.gz');
    const original = await readFile(file);
    const text = gunzipSync(original).toString('utf8').replace('"jan-1"', '"jan-9"');
    await writeFile(file, gzipSync(text));
    expect((await verifyAuditArchives(db, dir))[0]).toMatchObject({ partition: 'audit_log_y2025m01', status: 'changed' });
    await rm(file);
    expect((await verifyAuditArchives(db, dir))[0]).toMatchObject({ status: 'absent' });
    await writeFile(file, original);
    expect((await verifyAuditArchives(db, dir)).every((a) => a.status === 'ok')).toBe(true);

    // The record of January removed (by its owner): the chain no longer starts at #1.
    await db.query(`DELETE FROM audit_archives WHERE partition = 'audit_log_y2025m01'`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, problem: 'missing' });
  });

  it("the app's months function refuses to drop a month of the trail", async () => {
    await expect(db.query(`SELECT month_partition_drop('audit_log', 'audit_log_y2025m04')`)).rejects.toThrow(/archived by its owner/);
  });
});
