import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Db, Queryable } from '../db/engine';
import { type AuditChainRow, CHAIN_ROW_COLUMNS, archiveRecords, archivedHead, detailsDigest, rowDigest } from './audit-chain';
import { todayIn } from './dates';
import { listMonthPartitions } from './month-partitions';

/**
 * The audit trail's old months leave the database (migration 0067), through the owner's tool
 * (`npm run audit:archive`; the app's role may not drop them). A month goes as one stretch of the chain: every row
 * from the one after the last archived up to the month's last row in chain order — also a late row of the next
 * month that the chain took before it (a transaction begun before midnight that appended after one begun after). The
 * stretch is checked as it is read (each hash recomputed; a broken chain is never archived), written to a gzipped
 * file of one JSON row per line (fsynced, then renamed into place), and recorded in `audit_archives` with the hash
 * it ends on and the file's SHA-256, in the transaction that drops the month. `npm run audit:verify` starts the
 * chain from that hash, and checks each archived file it finds against its record.
 */

export interface ArchivedMonth {
  partition: string;
  /** Rows written to the file (0: the month held only rows an earlier stretch took; no file). */
  rows: number;
  firstSeq: number | null;
  lastSeq: number | null;
  file: string | null;
}

const PAGE = 5000;

/** The first of the month `keepMonths` before this one, at midnight in the zone: months ending by then may go. */
async function cutoffOf(db: Queryable, p: { keepMonths: number; timeZone: string; now: Date }): Promise<Date> {
  const [y, m] = todayIn(p.timeZone, p.now).split('-').map(Number);
  const index = y * 12 + (m - 1) - p.keepMonths;
  const [{ at }] = await db.query<{ at: Date }>('SELECT make_timestamptz($1::int, $2::int, 1, 0, 0, 0, $3::text) AS at', [
    Math.floor(index / 12),
    (index % 12) + 1,
    p.timeZone,
  ]);
  return at;
}

/**
 * Archives each month of the trail that ended by the first of the month `keepMonths` before now, oldest first, into
 * `dir`. Run as the tables' owner. Answers the months archived; throws (leaving that month and the later ones in
 * the database) when the chain does not hold, or a file cannot be written.
 */
export async function archiveAuditMonths(db: Db, p: { dir: string; keepMonths: number; timeZone: string; now?: Date }): Promise<ArchivedMonth[]> {
  const cutoff = await cutoffOf(db, { ...p, now: p.now ?? new Date() });
  const months = (await listMonthPartitions(db, 'audit_log')).filter((x) => !x.isDefault && x.to && x.to.getTime() <= cutoff.getTime());
  const done: ArchivedMonth[] = [];
  for (const month of months) done.push(await archiveMonth(db, { partition: month.name, from: month.from as Date, to: month.to as Date }, p.dir));
  return done;
}

interface Month {
  partition: string;
  from: Date;
  to: Date;
}

/**
 * One month, in one transaction: the month locked against change first (a redaction of one of its rows waits, so
 * the file holds the rows as they are dropped), the stretch read, checked and written, then recorded and dropped.
 * Any failure rolls it all back and removes the unfinished file.
 */
async function archiveMonth(db: Db, month: Month, dir: string): Promise<ArchivedMonth> {
  const { partition, to } = month;
  if (!/^audit_log_y\d{4}m\d{2}$/.test(partition)) throw new Error(`not a month of the audit trail: ${partition}`);
  const file = `${partition}.ndjson.gz`;
  const final = path.join(dir, file);
  const temp = `${final}.partial`;
  try {
    return await db.tx(async (tx) => {
      await tx.exec(`LOCK TABLE ${partition} IN SHARE MODE`);
      const head = await archivedHead(tx);
      // The month's last row in chain order: the highest seq of any row before the month's end (in its own month,
      // an earlier one still here, or the default partition); each month's seq index read backwards.
      const [{ last }] = await tx.query<{ last: string | null }>('SELECT max(a.seq)::text AS last FROM audit_log a WHERE a.at < $1', [to]);
      const lastSeq = last === null ? head.lastSeq : Number(last);
      if (lastSeq <= head.lastSeq) {
        await dropMonth(tx, month, null);
        return { partition, rows: 0, firstSeq: null, lastSeq: null, file: null };
      }
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const state = { seq: head.lastSeq, hash: head.lastHash };
      await pipeline(Readable.from(stretchLines(tx, state, lastSeq)), createGzip(), createWriteStream(temp, { mode: 0o600 }));
      if (state.seq !== lastSeq) throw new Error(`audit rows #${state.seq + 1}…#${lastSeq} are missing: run npm run audit:verify`);
      const handle = await open(temp, 'r');
      await handle.sync();
      await handle.close();
      await rename(temp, final);
      await syncDir(dir);
      const { size } = await stat(final);
      const record = {
        firstSeq: head.lastSeq + 1,
        lastSeq,
        prevHash: head.lastHash,
        lastHash: state.hash as string,
        file,
        sha256: await fileSha256(final),
        bytes: size,
      };
      await dropMonth(tx, month, record);
      return { partition, rows: lastSeq - head.lastSeq, firstSeq: record.firstSeq, lastSeq, file: final };
    });
  } catch (err) {
    // Nothing was committed: no record names the file (a month archived is dropped, so never archived again).
    await rm(temp, { force: true });
    await rm(final, { force: true });
    throw err;
  }
}

/** The stretch's rows as lines, checked as they pass: `state` follows the chain (the last seq and hash read). */
async function* stretchLines(db: Queryable, state: { seq: number; hash: string | null }, lastSeq: number): AsyncGenerator<string> {
  for (;;) {
    const page = await db.query<AuditChainRow>(`SELECT ${CHAIN_ROW_COLUMNS} FROM audit_log a WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq LIMIT ${PAGE}`, [
      state.seq,
      lastSeq,
    ]);
    if (!page.length) return;
    const lines: string[] = [];
    for (const r of page) {
      const problem = rowProblem(r, state);
      if (problem) throw new Error(`${problem}: the chain does not hold, nothing archived from here (run npm run audit:verify)`);
      state.seq = Number(r.seq);
      state.hash = r.hash;
      lines.push(`${JSON.stringify(r)}\n`);
    }
    yield lines.join('');
  }
}

/** What is wrong with a row as the next of the chain after `state`, or null. A redaction is checked by audit:verify. */
function rowProblem(r: AuditChainRow, state: { seq: number; hash: string | null }): string | null {
  const seq = Number(r.seq);
  if (seq !== state.seq + 1) return seq <= state.seq ? `audit row #${seq} appears twice` : `audit row #${state.seq + 1} is missing`;
  if (rowDigest(state.hash, { ...r, seq, id: Number(r.id) }) !== r.hash) return `audit row id ${r.id} (#${seq}) was changed`;
  if (r.redacted_by === null && (detailsDigest(r.before) !== r.before_digest || detailsDigest(r.after) !== r.after_digest))
    return `the details of audit row id ${r.id} (#${seq}) were changed`;
  return null;
}

/** Records the month's stretch (none when it added no row) and drops the month, in the month's transaction. */
async function dropMonth(
  tx: Queryable,
  month: Month,
  record: { firstSeq: number; lastSeq: number; prevHash: string | null; lastHash: string; file: string; sha256: string; bytes: number } | null,
) {
  if (record) {
    await tx.query(
      `INSERT INTO audit_archives (partition, from_at, to_at, first_seq, last_seq, rows, prev_hash, last_hash, file, file_sha256, bytes)
       VALUES ($1, $2, $3, $4, $5, $5::bigint - $4::bigint + 1, $6, $7, $8, $9, $10)`,
      [month.partition, month.from, month.to, record.firstSeq, record.lastSeq, record.prevHash, record.lastHash, record.file, record.sha256, record.bytes],
    );
  }
  // Detaching takes the trail's lock for a moment; never queue every audited write behind it for long.
  await tx.exec(`SET LOCAL lock_timeout = '5s'`);
  await tx.exec(`ALTER TABLE audit_log DETACH PARTITION ${month.partition}`);
  await tx.exec(`DROP TABLE ${month.partition}`);
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function syncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse to sync a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
}

/**
 * Checks each archived month whose file is in `dir`: its bytes against the recorded SHA-256, then its rows as a
 * stretch of the chain from the recorded hash before it to the recorded last hash. A file not there is named, not
 * failed (archives may be moved to other storage).
 */
export async function verifyAuditArchives(db: Queryable, dir: string): Promise<{ partition: string; status: 'ok' | 'absent' | 'changed'; message: string }[]> {
  const out: { partition: string; status: 'ok' | 'absent' | 'changed'; message: string }[] = [];
  for (const r of (await archiveRecords(db)).records) {
    const file = path.join(dir, r.file);
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) {
      out.push({ partition: r.partition, status: 'absent', message: `${r.file}: not in ${dir}, not checked` });
      continue;
    }
    if ((await fileSha256(file)) !== r.file_sha256) {
      out.push({ partition: r.partition, status: 'changed', message: `${r.file}: its bytes are not the ones archived` });
      continue;
    }
    const state = { seq: Number(r.first_seq) - 1, hash: r.prev_hash };
    let problem: string | null = null;
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!line) continue;
      const row = JSON.parse(line) as AuditChainRow;
      problem = rowProblem(row, state);
      if (problem) break;
      state.seq = Number(row.seq);
      state.hash = row.hash;
    }
    if (!problem && (state.seq !== Number(r.last_seq) || state.hash !== r.last_hash)) problem = `ends at #${state.seq}, not at the recorded #${r.last_seq}`;
    out.push({ partition: r.partition, status: problem ? 'changed' : 'ok', message: problem ? `${r.file}: ${problem}` : `${r.file}: ${r.rows} rows hold` });
  }
  return out;
}
