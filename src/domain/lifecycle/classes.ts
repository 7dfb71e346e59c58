import type { AuditEntity } from '../audit/events';

/**
 * The classes of personal records the data lifecycle watches (PIPL Art. 19, 47). Each is owned by one server
 * module, which knows its reference date and how it is purged; its retention period is policy data (the
 * `retention_policy` table). A later module adds its class here, its default period by migration, and its
 * purge to the lifecycle module's table of owners.
 *
 * 'anonymise': the row stays without its person (the figures counted from it stay); 'delete': the row goes.
 */
export const DATA_CLASSES = ['arrivals', 'visits', 'measures', 'follow_ups', 'fever_alerts', 'enlistments', 'import_errors', 'sampling', 'crossings'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const CLASS_ACTION: Record<DataClass, 'anonymise' | 'delete'> = {
  arrivals: 'anonymise',
  visits: 'anonymise',
  measures: 'anonymise',
  follow_ups: 'anonymise',
  fever_alerts: 'anonymise',
  enlistments: 'delete',
  import_errors: 'delete',
  // Mass testing: a closed round's people (roster, bindings, positive-pool flags, exemptions) — one class, because one
  // stand-in per person in a round must replace them in all four at once for the round's figures to hold.
  sampling: 'anonymise',
  // A checkpoint's people (name, ID number, phone, registry and arrival links); their month then goes whole.
  crossings: 'anonymise',
};

export function isDataClass(s: string): s is DataClass {
  return (DATA_CLASSES as readonly string[]).includes(s);
}

/** The digest of a destruction record: SHA-256 input text of a class and the sorted ids it touched. */
export function digestInput(dataClass: string, ids: readonly number[]): string {
  return `${dataClass}:${[...ids].sort((a, b) => a - b).join(',')}`;
}

/**
 * What a run asks an owner: the rows of a class whose reference date is before `before`, outside the held area
 * paths, anonymised or deleted (or only found, on a dry run). The owner answers the rows' count and the ids the
 * destruction record's digest is taken over.
 */
export interface PurgeRequest {
  before: Date;
  heldPaths: readonly string[];
  dryRun: boolean;
}
export interface PurgeOutcome {
  count: number;
  ids: number[];
  /** The records whose audit rows speak of the purged people, when they are not the counted rows themselves. */
  auditOf?: { entity: AuditEntity; ids: number[] }[];
  /** Whole month partitions dropped (or, on a dry run, that would be): their rows went with them, already anonymised. */
  partitions?: { partition: string; rows: number }[];
}
