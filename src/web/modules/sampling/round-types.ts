/** What the round setup and slot-plan screens read from the API: the contracts' answers (domain/sampling/api), not a copy. */
import type { ResponseOf } from '../../../domain/contract';
import type { computeSlotPlan, getRound, listPoints, planHomeSampling, slotNotices, getSlotPlan } from '../../../domain/sampling/api';

export type { ExemptionRules, PoolRule } from '../../../domain/sampling/rules';
export type RoundStatus = RoundFull['status'];
/** A round as listed (`counts` only from GET /api/sampling/rounds/:id and a status change). */
export type RoundFull = Omit<ResponseOf<typeof getRound>, 'counts'> & { counts?: ResponseOf<typeof getRound>['counts'] };
export type PointFull = ResponseOf<typeof listPoints>['items'][number];
export type HomeSamplingAnswer = ResponseOf<typeof planHomeSampling>;
export type StoredAnswer = ResponseOf<typeof getSlotPlan>;
export type PlanPoint = StoredAnswer['point'];
/** The stored plan with its loads recomputed (slot-plans.ts planView). */
export type StoredPlan = NonNullable<StoredAnswer['plan']>;
/** The computed plan (GET …/slot-plan), shown before one is saved. */
export type ComputedPlan = ResponseOf<typeof computeSlotPlan>;
export type NoticesAnswer = ResponseOf<typeof slotNotices>;
