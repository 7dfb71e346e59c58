import { z } from 'zod';
import { calendarDate, id, idParam, paging, plainText } from '../primitives';
import { DOCUMENT_KINDS, ENTERPRISE_STATES } from './policy';

/** Request shapes of the enterprises module (复工复产), shared by the server routes and the forms. */

const count = z.number().int().min(0).max(1_000_000);

/** The credit code is checked by the rules (its check character refused with why), so here only its size. */
export const enterpriseBody = z.strictObject({
  creditCode: z.string().max(40),
  name: plainText(100).pipe(z.string().min(1)),
  industry: plainText(60).pipe(z.string().min(1)),
  headcount: count,
  hasDormitory: z.boolean(),
  hasCanteen: z.boolean(),
  areaId: id,
  /** The cadre in charge (包保干部): a user whose area holds the enterprise's. */
  cadreUserId: id.optional(),
});

/** What the enterprise declares as it goes: its headcount, stock in days of cover, its prevention officer. */
export const enterprisePatch = z.strictObject({
  headcount: count.optional(),
  hasDormitory: z.boolean().optional(),
  hasCanteen: z.boolean().optional(),
  cadreUserId: id.nullable().optional(),
  stockDays: z.number().min(0).max(365).optional(),
  officerName: plainText(40).optional(),
  officerPhone: plainText(20).optional(),
});

export const listQuery = z.strictObject({
  under: idParam.optional(),
  status: z.enum(ENTERPRISE_STATES).optional(),
  q: plainText(50).optional(),
  ...paging,
});

export const documentQuery = z.strictObject({ kind: z.enum(DOCUMENT_KINDS) });

/** The six in place, each answered; and the plans chosen among those uploaded (default: the latest of each kind). */
export const applicationBody = z.strictObject({
  selfCheck: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.boolean()),
  note: plainText(500).optional(),
});

export const decisionBody = z.strictObject({
  approve: z.boolean(),
  /** Required when refusing: the enterprise is told it. */
  reason: plainText(500).optional(),
});

/** Origins are division codes (2–12 digits); the day's risk-area list decides the flag. */
export const ledgerBody = z.strictObject({
  day: calendarDate.optional(),
  present: count,
  temperatureAbnormal: count,
  returnees: z
    .array(
      z.strictObject({
        staffId: id,
        originCode: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'invalid_format'),
        returnedOn: calendarDate,
      }),
    )
    .max(500)
    .default([]),
  note: plainText(500).optional(),
});

export const ledgerQuery = z.strictObject({ ...paging });
