import { createHash } from 'node:crypto';
import { CLASS_ACTION, DATA_CLASSES, type DataClass, digestInput, type PurgeOutcome, type PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Db, Queryable } from '../../db/engine';
import type { AuditEntity } from '../../../domain/audit/events';
import { type AuditActor, audit } from '../../platform/audit';
import { redactAuditDetails } from '../../platform/audit-redact';
import { conflict } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import * as checkpoints from '../checkpoints';
import * as monitoring from '../monitoring';
import * as policy from '../policy';
import * as residents from '../residents';
import * as sampling from '../sampling';
import * as screening from '../screening';
import * as volunteers from '../volunteers';
import * as repo from './repo';

/**
 * Retention runs. Each data class is purged by the module that owns its table, through that module's face — this
 * module never touches another's rows — with a cutoff from the class's period (policy data) and the areas under a
 * legal hold kept out. A run is one transaction: every class or none, and its destruction record (per class: what
 * was done, how many rows, the SHA-256 of their sorted ids) and audit row commit with it.
 */
const OWNERS: Record<DataClass, (tx: Queryable, p: PurgeRequest) => Promise<PurgeOutcome>> = {
  arrivals: screening.purgeArrivals,
  visits: screening.purgeVisits,
  measures: monitoring.purgeMeasures,
  follow_ups: monitoring.purgeFollowUps,
  fever_alerts: monitoring.purgeFeverAlerts,
  enlistments: volunteers.purgeEnlistments,
  import_errors: residents.purgeImportErrors,
  sampling: sampling.purgeSampling,
  crossings: checkpoints.purgeCrossings,
};

/**
 * The audit rows about a purged record speak of the same person: their details are redacted with it (migration
 * 0030, platform/audit-redact.ts). Import errors are rows of an import, whose own audit rows hold counts only. A class
 * whose unit is not one row (a person in a sampling round) names the records its audit rows speak of itself.
 */
const AUDIT_ENTITY: Partial<Record<DataClass, AuditEntity>> = {
  arrivals: 'arrival',
  visits: 'screening_visit',
  measures: 'measure',
  follow_ups: 'follow_up',
  fever_alerts: 'fever_alert',
  enlistments: 'enlistment',
  // crossings: the purge names the crossings whose people it anonymised (their audit rows hold the masked plate).
};

const DAY_MS = 86_400_000;
const SYSTEM: AuditActor = { actorId: null, actorName: 'system:retention', requestId: null, clientIp: null };

export type RunKind = 'scheduled' | 'emergency_ended';
export interface RunResult {
  runId: number | null;
  items: { dataClass: DataClass; action: 'anonymise' | 'delete'; count: number; digest: string; partitionsDropped?: { partition: string; rows: number }[] }[];
  total: number;
}

/**
 * Purges what has passed its purpose at `now`: for a scheduled run, rows whose reference date is more than the
 * class's period before `now`; when the emergency has ended, every finished row whose reference date is before
 * `now`. A dry run finds and counts only. `expectTotal`: refuse (and roll back) unless the run touched exactly
 * that many rows — what the person confirming was shown.
 */
export async function runRetention(
  tx: Queryable,
  p: { now: Date; kind: RunKind; dryRun: boolean; who?: AuditActor; expectTotal?: number },
): Promise<RunResult> {
  const periods = new Map((await policy.retentionPeriods(tx)).map((r) => [r.data_class, r.period_days]));
  const holds = await repo.activeHoldsUnscoped(tx);
  const items: RunResult['items'] = [];
  const who = p.who ?? SYSTEM;
  let auditRowsRedacted = 0;
  for (const dataClass of DATA_CLASSES) {
    const period = periods.get(dataClass);
    // A class without a period in the policy is kept: deleting by default would be the wrong way round.
    if (period === undefined) continue;
    const before = p.kind === 'emergency_ended' ? p.now : new Date(p.now.getTime() - period * DAY_MS);
    const heldPaths = holds.filter((h) => h.data_classes.length === 0 || h.data_classes.includes(dataClass)).map((h) => h.area_path);
    const out = await OWNERS[dataClass](tx, { before, heldPaths, dryRun: p.dryRun });
    const digest = createHash('sha256').update(digestInput(dataClass, out.ids)).digest('hex');
    const entity = AUDIT_ENTITY[dataClass];
    if (!p.dryRun && entity) auditRowsRedacted += await redactAuditDetails(tx, who, { entity, entityIds: out.ids, reason: dataClass });
    for (const a of p.dryRun ? [] : (out.auditOf ?? []))
      auditRowsRedacted += await redactAuditDetails(tx, who, { entity: a.entity, entityIds: a.ids, reason: dataClass });
    // A class stored by month may drop whole months besides (follow-ups): the record names them and their rows.
    items.push({
      dataClass,
      action: CLASS_ACTION[dataClass],
      count: out.count,
      digest,
      ...(out.partitions?.length ? { partitionsDropped: out.partitions } : {}),
    });
  }
  const total = items.reduce((n, i) => n + i.count, 0);
  if (p.expectTotal !== undefined && p.expectTotal !== total) throw conflict('RETENTION_PREVIEW_CHANGED', { shown: p.expectTotal, now: total });
  if (p.dryRun) return { runId: null, items, total };
  const runId = await repo.insertRun(tx, { kind: p.kind, startedAt: p.now, actorId: who.actorId, items, total });
  await audit(tx, who, {
    entity: 'retention_run',
    action: p.kind === 'scheduled' ? 'run' : 'emergency_ended',
    entityId: runId,
    after: {
      total,
      auditRowsRedacted,
      items: items.map((i) => ({ dataClass: i.dataClass, action: i.action, count: i.count, digest: i.digest, partitionsDropped: i.partitionsDropped })),
    },
  });
  return { runId, items, total };
}

/**
 * The areas under a hold of every class (a hold naming no class): those keep every record out of every purge —
 * also the records no data class names, which their module sweeps on its own policy (the venue-code scans).
 */
export async function areasHeldFromEveryPurge(tx: Queryable): Promise<string[]> {
  return (await repo.activeHoldsUnscoped(tx)).filter((h) => h.data_classes.length === 0).map((h) => h.area_path);
}

/** The daily run, at 03:30 in the deployment's time zone; a run that finds nothing still leaves its record. */
export async function defineLifecycleJobs(jobs: JobQueue, db: Db): Promise<void> {
  await jobs.define({
    name: 'lifecycle.retention',
    policy: 'stately',
    cron: '30 3 * * *',
    expireInSeconds: 3600,
    run: async () => void (await db.tx((tx) => runRetention(tx, { now: new Date(), kind: 'scheduled', dryRun: false }))),
  });
}
