import { z } from 'zod';
import { calendarDate, id, idParam, instantInput, plainText } from '../primitives';
import { photoIds } from '../photos/api';
import { MODES, PLAN_KINDS, SEVERITIES, TARGET_KINDS } from './kinds';

/** Request shapes of the inspections module, shared by the server routes and the forms. */

const itemCode = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'invalid_format');

/** A new version of a kind's checklist. Weights are checked by the rules (none, zero or negative refused with why). */
export const checklistBody = z.strictObject({
  targetKind: z.enum(TARGET_KINDS),
  name: plainText(100).pipe(z.string().min(1)),
  passScore: z.number().finite(),
  items: z
    .array(
      z.strictObject({
        code: itemCode,
        text: plainText(300).pipe(z.string().min(1)),
        weight: z.number().finite(),
        severity: z.enum(SEVERITIES),
      }),
    )
    .max(100),
});

export const targetBody = z.strictObject({
  kind: z.enum(TARGET_KINDS),
  areaId: id,
  /** A village is named by its area; other places need a name. */
  name: plainText(100).optional(),
});

export const planBody = z.strictObject({
  kind: z.enum(PLAN_KINDS),
  name: plainText(100).pipe(z.string().min(1)),
  targetKind: z.enum(TARGET_KINDS),
  areaId: id,
  startsOn: calendarDate,
  endsOn: calendarDate,
  /** planned: the targets chosen. */
  targetIds: z.array(id).max(500).optional(),
  /** sampled: how many to draw, and the seed (made up by the server when not given, and kept). */
  sampleSize: z.number().int().min(1).max(500).optional(),
  seed: plainText(100).optional(),
});

const place = {
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracyM: z.number().min(0).max(100_000).optional(),
};

export const inspectionBody = z.strictObject({
  mode: z.enum(MODES),
  planId: id.optional(),
  targetId: id,
  /** When the inspector stood there (default now); never in the future. */
  inspectedAt: instantInput.optional(),
  ...place,
  note: plainText(1000).optional(),
  results: z
    .array(z.strictObject({ code: itemCode, passed: z.boolean(), note: plainText(500).optional(), photoIds: photoIds.optional() }))
    .min(1)
    .max(100),
  /**
   * Who rectifies the failures: an area holding the target (default the target's own), optionally a user or a role
   * there — or a command group (专班 / 工作组) whose area holds the target, its members' inboxes receiving the orders.
   */
  responsible: z
    .strictObject({
      areaId: id.optional(),
      userId: id.optional(),
      role: z
        .string()
        .regex(/^[a-z_]{1,40}$/)
        .optional(),
      groupId: id.optional(),
    })
    .refine((r) => [r.userId, r.role, r.groupId].filter((x) => x !== undefined).length <= 1, { message: 'one_assignee', path: ['groupId'] })
    .optional(),
});

export const reportBody = z.strictObject({ note: plainText(1000).optional(), photoIds });

export const reinspectBody = z.strictObject({ passed: z.boolean(), note: plainText(1000).optional(), photoIds: photoIds.optional(), ...place });

export const periodQuery = {
  under: idParam.optional(),
  from: calendarDate,
  to: calendarDate,
};
