/**
 * Inspections (督导检查): the kinds of target a checklist is written for, the severities of its items, how an
 * inspection came about, and the states of a rectification order (整改). Shared by the server and the web.
 */
export const TARGET_KINDS = ['village', 'checkpoint', 'sampling_point', 'isolation_site', 'sealed_estate', 'enterprise', 'market'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** critical = 一票否决: failing it fails the whole inspection whatever the score. */
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** planned: on a plan's list; unannounced: walked in (暗访); sampled: drawn at random by a plan; reinspection is an order's own step. */
export const MODES = ['planned', 'unannounced', 'sampled'] as const;
export type Mode = (typeof MODES)[number];

/** open → reported (the unit says done, with photos) → closed (a re-inspection found it fixed); a failed re-inspection reopens. */
export const ORDER_STATES = ['open', 'reported', 'closed'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const PLAN_KINDS = ['planned', 'sampled'] as const;

/** Deployment-wide policy: hours to rectify by severity, and where the red and black lists start. */
export interface InspectionPolicy {
  deadlineHours: Record<Severity, number>;
  /** Average score at or above which a village or town makes the red list (no vetoed inspection in the period). */
  redMin: number;
  /** Average score below which — or any vetoed inspection — puts it on the black list. */
  blackBelow: number;
}

export const DEFAULT_POLICY: InspectionPolicy = { deadlineHours: { critical: 24, major: 72, minor: 168 }, redMin: 90, blackBelow: 60 };

/** When an order made from a failed item must be done: the inspection's time plus the policy's hours for its severity. */
export function deadlineOf(inspectedAt: Date, severity: Severity, policy: InspectionPolicy): Date {
  return new Date(inspectedAt.getTime() + policy.deadlineHours[severity] * 3_600_000);
}
