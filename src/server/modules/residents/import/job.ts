import { BulkPlans } from '../../../db/bulk-plans';
import type { Db, Queryable } from '../../../db/engine';
import type { JobQueue } from '../../../platform/jobs';
import { type AuditActor, audit } from '../../../platform/audit';
import { isUniqueViolation } from '../../../platform/errors';
import type { Scope } from '../../../platform/scope';
import type { Ctx } from '../../../platform/context';
import * as imports from '../imports-repo';
import { AreaResolver } from './area-resolver';
import { type ReadyRow, type JobState, checkBatch, writeBatch } from './batch';
import type { ImportField } from './fields';
import { SheetError } from '../../../platform/spreadsheets/threaded-reader';
import { columnMap } from './row-rules';
import { breathe, commitBatchRows, parsedBatches, readAhead, withNameKeys } from './job-reading';
import { type CacheWriter, cacheKey, dropParsedCache, readParsedCache, writeParsedCache } from './parsed-cache';

/**
 * Validation and commit of an uploaded sheet, run as background jobs on the job queue (platform/jobs.ts):
 * one at a time per process, in whichever process is free on PostgreSQL. Live progress is kept in memory —
 * an all-or-nothing commit runs inside one transaction, whose progress no other connection could see — and
 * written to the import row when each phase ends.
 *
 * A job cut off by a stop or a crash is run again by the queue: validation starts over, and an
 * all-or-nothing commit was rolled back so it starts over too. A valid-rows commit has written the batches
 * before the cut, each with a marker of how far it got: it resumes after the marker (runCommit).
 */
export interface Live {
  rows: number;
  permille: number;
  ok: number;
  errors: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface JobRequest {
  importId: number;
  path: string;
  scope: Scope;
  today: string;
  actor: AuditActor;
  log?: Ctx['log'];
}

/** What the queue keeps for a job (plain JSON: the logger stays behind). */
export type ImportJobData = Omit<JobRequest, 'log'> & ({ kind: 'validate' } | { kind: 'commit'; mode: 'all-or-nothing' | 'valid-only' });
export const IMPORT_JOB = 'residents.import';

/** Registers the import job with the queue; the routes send it (sendImportJob). */
export async function defineImportJobs(queue: JobQueue, db: Db, log: Ctx['log']): Promise<void> {
  await queue.define<ImportJobData>({
    name: IMPORT_JOB,
    retryLimit: 3,
    retryDelaySeconds: 2,
    // A county's 100,000-row file takes well under a minute; an hour means the process is gone.
    expireInSeconds: 3600,
    pollingIntervalSeconds: 1,
    run: async (data, job) => {
      const req: JobRequest = { ...data, log };
      if (data.kind === 'validate') return runValidate(db, req);
      // A valid-rows commit run again after a stop or a crash resumes after its last committed batch.
      return runCommit(db, req, data.mode);
    },
  });
}

export async function sendImportJob(queue: JobQueue, data: ImportJobData): Promise<void> {
  await queue.send(IMPORT_JOB, data);
}

/** Thrown between batches when the server is stopping: the job is left for the queue to run again. */
class Stopping extends Error {}

class RollBack extends Error {}

const live = new Map<number, Live>();
let stopping = false;

export function liveProgress(importId: number): Live | undefined {
  return live.get(importId);
}

/**
 * The server is stopping: running jobs end at their next batch (the queue waits for them, then runs them
 * again at the next start). Called before the queue's own graceful stop.
 */
export function stopTaking() {
  stopping = true;
}

/** The server is (re)starting in this process (tests build several apps in one). */
export function startTaking() {
  stopping = false;
}

async function jobState(db: Db, job: imports.ImportRow, req: JobRequest): Promise<{ st: JobState; columns: ReturnType<typeof columnMap> }> {
  const columns = columnMap(job.headers, (job.mapping ?? {}) as Record<string, ImportField | null>);
  const areas = await AreaResolver.load(db, { id: job.area_id, path: job.area_path, name: '' });
  return {
    columns,
    st: {
      importId: job.id,
      scope: req.scope,
      today: req.today,
      areas,
      headerOf: (f) => columns.headerOf[f] ?? f,
      seenIds: new Map(),
      households: new Map(),
      actor: req.actor,
      bulk: db.engine === 'postgres' ? 'copy' : 'unnest',
      plans: new BulkPlans(db.engine),
    },
  };
}

function failureOf(e: unknown, req: JobRequest): string {
  if (e instanceof RollBack) return 'rows_failed';
  const failure = e instanceof SheetError ? e.problem : 'internal';
  // The person sees "broken file" or "internal"; the log keeps the reader's own error so it can be traced.
  if (failure === 'internal' || (e instanceof SheetError && e.cause !== undefined)) {
    req.log?.warn({ err: e instanceof SheetError ? e.cause : e, importId: req.importId }, `resident import failed: ${failure}`);
  }
  return failure;
}

function rowsWithErrors(errors: imports.ImportError[]) {
  return new Set(errors.map((e) => e.row)).size;
}

export async function runValidate(db: Db, req: JobRequest): Promise<void> {
  const l: Live = { rows: 0, permille: 0, ok: 0, errors: 0, created: 0, updated: 0, unchanged: 0 };
  live.set(req.importId, l);
  {
    const [job] = await db.query<imports.ImportRow>('SELECT * FROM resident_imports WHERE id = $1', [req.importId]);
    let cache: CacheWriter | undefined;
    try {
      await imports.clearErrors(db, job.id);
      const { st, columns } = await jobState(db, job, req);
      cache = await writeParsedCache(req.path, cacheKey(job, req.today));
      for await (const batch of readAhead(parsedBatches(job, req, columns, l))) {
        if (stopping) throw new Stopping();
        const { rows, parsed, errors } = batch;
        await cache.add(batch);
        const { ready, problems } = await checkBatch(db, st, parsed);
        errors.push(...problems);
        await imports.addErrors(db, job.id, errors);
        l.rows += rows;
        l.ok += ready.length;
        l.errors += rowsWithErrors(errors);
      }
      await cache.finish();
      await imports.transition(db, job.id, ['validating'], 'validated', {
        total_rows: l.rows,
        processed_rows: l.rows,
        read_permille: 1000,
        ok_rows: l.ok,
        error_rows: l.errors,
      });
      // Validation answers, row by row, whether ID numbers are registered (here or elsewhere): a look at personal data.
      await audit(db, req.actor, {
        action: 'validate',
        entity: 'resident_import',
        entityId: job.id,
        areaPath: job.area_path,
        after: { file: job.file_name, rows: l.rows, okRows: l.ok, errorRows: l.errors },
      });
    } catch (e) {
      await cache?.abandon();
      if (e instanceof Stopping) throw e;
      await imports.transition(db, job.id, ['validating'], 'failed', { failure: failureOf(e, req), processed_rows: l.rows });
    } finally {
      live.delete(job.id);
    }
  }
}

/**
 * Commits the rows. 'all-or-nothing': one transaction; the first row that fails (say, an ID number
 * registered elsewhere since validation) rolls everything back and the job reports every failing row.
 * 'valid-only': a transaction per batch, failing rows reported and skipped; each batch's transaction also
 * stores its last sheet row and the running counts (committed_row), so a run cut off by a stop or a crash
 * resumes after the last committed batch with true counts, and the rows end up all there.
 * Progress is the rows committed out of the rows validation counted.
 */
export async function runCommit(db: Db, req: JobRequest, mode: 'all-or-nothing' | 'valid-only'): Promise<void> {
  const [job] = await db.query<imports.ImportRow>('SELECT * FROM resident_imports WHERE id = $1', [req.importId]);
  // A retry of a run that had already finished (the process died between our 'done' and the queue's record).
  if (!job || job.status !== 'committing') return;
  const from = mode === 'valid-only' ? job.committed_row : 0;
  const l: Live =
    from > 0
      ? {
          rows: job.processed_rows,
          permille: 0,
          ok: job.ok_rows,
          errors: job.error_rows,
          created: job.created_count,
          updated: job.updated_count,
          unchanged: job.unchanged_count,
        }
      : { rows: 0, permille: 0, ok: 0, errors: 0, created: 0, updated: 0, unchanged: 0 };
  const total = job.total_rows ?? 0;
  const progress = () => (l.permille = total > 0 ? Math.min(1000, Math.floor((l.rows * 1000) / total)) : 0);
  progress();
  live.set(req.importId, l);
  const allErrors: imports.ImportError[] = [];
  const totals = () => ({
    processed_rows: l.rows,
    read_permille: l.permille,
    ok_rows: l.ok,
    error_rows: l.errors,
    created_count: l.created,
    updated_count: l.updated,
    unchanged_count: l.unchanged,
  });
  const finish = async (tx: Queryable) => {
    await audit(tx, req.actor, {
      action: 'import',
      entity: 'resident_import',
      entityId: job.id,
      areaPath: job.area_path,
      after: { file: job.file_name, mode, rows: l.rows, created: l.created, updated: l.updated, unchanged: l.unchanged, errorRows: l.errors },
    });
    await imports.transition(tx, job.id, ['committing'], 'done', { ...totals(), read_permille: 1000 });
  };
  try {
    const { st, columns } = await jobState(db, job, req);
    if (from === 0) await imports.clearErrors(db, job.id);
    // The rows as validation parsed them, when it kept them under this mapping and day; else the sheet again.
    const size = commitBatchRows(db);
    const cached = await readParsedCache(req.path, cacheKey(job, req.today), size);
    const batches = readAhead(withNameKeys(cached ?? parsedBatches(job, req, columns, null, size)));
    if (mode === 'all-or-nothing') {
      await db.tx(async (tx) => {
        for await (const { rows, parsed, errors } of batches) {
          if (stopping) throw new Stopping();
          const { ready, problems } = await checkBatch(tx, st, parsed);
          errors.push(...problems);
          if (!errors.length && !allErrors.length) {
            const counts = await writeWithRetry(tx, st, ready, req.today, errors);
            l.created += counts.created;
            l.updated += counts.updated;
            l.unchanged += counts.unchanged;
            l.ok += ready.length;
          }
          allErrors.push(...errors);
          l.rows += rows;
          l.errors += rowsWithErrors(errors);
          progress();
          await breathe(db);
        }
        if (allErrors.length) throw new RollBack();
        await finish(tx);
      });
    } else {
      for await (const { rows, rowNos, parsed, errors, lastRow } of batches) {
        if (stopping) throw new Stopping();
        // Rows a run cut off earlier committed: skipped, their ID numbers remembered for the in-file duplicate check.
        const unread = from > 0 ? parsed.filter((p) => p.row > from) : parsed;
        if (from > 0) {
          for (const p of parsed) if (p.row <= from && p.idNumber && !st.seenIds.has(p.idNumber)) st.seenIds.set(p.idNumber, p.row);
          if (lastRow <= from) continue;
        }
        const fresh = from > 0 ? errors.filter((e) => e.row > from) : errors;
        const after = { ...l };
        await db.tx(async (tx) => {
          const { ready, problems } = await checkBatch(tx, st, unread);
          fresh.push(...problems);
          const counts = await writeWithRetry(tx, st, ready, req.today, fresh);
          after.created += counts.created;
          after.updated += counts.updated;
          after.unchanged += counts.unchanged;
          after.ok += ready.length;
          after.rows += from > 0 ? rowNos.filter((r) => r > from).length : rows;
          after.errors += rowsWithErrors(fresh);
          await imports.addErrors(tx, job.id, fresh);
          const permille = total > 0 ? Math.min(1000, Math.floor((after.rows * 1000) / total)) : 0;
          await imports.update(tx, job.id, {
            committed_row: lastRow,
            processed_rows: after.rows,
            read_permille: permille,
            ok_rows: after.ok,
            error_rows: after.errors,
            created_count: after.created,
            updated_count: after.updated,
            unchanged_count: after.unchanged,
          });
        });
        // Only what is committed shows as done.
        Object.assign(l, after);
        progress();
        await breathe(db);
      }
      await db.tx(finish);
    }
    await dropParsedCache(req.path);
  } catch (e) {
    // Cut off by a stop: the queue runs the job again at the next start. All-or-nothing was rolled back and starts
    // over; valid-rows resumes after its last committed batch (both from the kept rows, which stay for it).
    if (e instanceof Stopping) throw e;
    await dropParsedCache(req.path);
    const rolledBack = mode === 'all-or-nothing';
    await imports.addErrors(db, job.id, rolledBack ? allErrors : []);
    await imports.transition(db, job.id, ['committing'], 'failed', {
      failure: failureOf(e, req),
      ...(rolledBack ? { processed_rows: l.rows, error_rows: l.errors, created_count: 0, updated_count: 0, unchanged_count: 0 } : totals()),
    });
  } finally {
    live.delete(job.id);
  }
}

/**
 * Another import or a cadre may register the same ID number between our check and our insert: the
 * unique index refuses it and the batch is checked again, when the number is found as existing.
 */
async function writeWithRetry(tx: Queryable, st: JobState, ready: ReadyRow[], today: string, errors: imports.ImportError[]) {
  // Each row's key checks keep a plan instead of planning one per row (engine.ts, bulk-plans.ts).
  await st.plans.beforeBatch(tx);
  st.plans.wrote(ready.length);
  try {
    await tx.query('SAVEPOINT import_batch');
    const counts = await writeBatch(tx, st, ready, today);
    await tx.query('RELEASE SAVEPOINT import_batch');
    return counts;
  } catch (e) {
    if (!isUniqueViolation(e, 'residents_id_number_uq')) throw e;
    await tx.query('ROLLBACK TO SAVEPOINT import_batch');
    const again = await checkBatch(
      tx,
      { ...st, seenIds: new Map() },
      ready.map((r) => r.p),
    );
    errors.push(...again.problems);
    return writeBatch(tx, st, again.ready, today);
  }
}
