import { z } from 'zod';
import { isoDate } from '../residents/schemas';
import { SYMPTOMS } from '../policy/rules';
import { situationSchema } from '../policy/schemas';

/**
 * Request bodies of the task inbox, measures, follow-ups and fever alerts — shared with the web forms.
 * The measure state machine is in ./measures.ts.
 */
export const TASK_TYPES = ['fever_alert', 'release_check', 'follow_up', 'visit', 'revisit', 'manual'] as const;
export const TASK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'failed'] as const;
export const RESOLUTIONS = ['fever_clinic', 'false_alarm', 'other'] as const;

const id = z.number().int().positive();
const reason = z.string().trim().min(1).max(200);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_format');
/** A role code as the roles table spells it. */
const roleCode = z.string().regex(/^[a-z_]{2,40}$/, 'invalid_format');

const assignee = {
  assigneeUserId: id.optional(),
  assigneeTeamId: id.optional(),
  assigneeRole: roleCode.optional(),
};
const oneAssignee = (v: { assigneeUserId?: number; assigneeTeamId?: number; assigneeRole?: string }) =>
  [v.assigneeUserId, v.assigneeTeamId, v.assigneeRole].filter((x) => x !== undefined).length <= 1;

export const createTaskBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    areaId: id,
    dueAt: z.iso.datetime({ offset: true }).optional(),
    priority: z.enum(TASK_PRIORITIES).default('normal'),
    ...assignee,
  })
  .refine(oneAssignee, { message: 'one_assignee', path: ['assigneeUserId'] });

export const reassignBody = z
  .strictObject({ taskIds: z.array(id).min(1).max(500), ...assignee })
  .refine(oneAssignee, { message: 'one_assignee', path: ['assigneeUserId'] })
  .refine((v) => v.assigneeUserId || v.assigneeTeamId || v.assigneeRole, { message: 'required', path: ['assigneeUserId'] });

export const doneBody = z.strictObject({ note: z.string().trim().max(500).optional() });
export const failBody = z.strictObject({ reason });

export const proposeMeasureBody = z.strictObject({
  residentId: id,
  situation: situationSchema,
  on: isoDate.optional(),
  gridWorkerId: id.optional(),
  doctorId: id.optional(),
  place: z.enum(['home', 'site']).optional(),
  siteId: id.optional(),
  roomId: id.optional(),
});
export const reasonBody = z.strictObject({ reason });
export const optionalReasonBody = z.strictObject({ reason: reason.optional() });
export const endDateBody = z.strictObject({ endsOn: isoDate, reason });
export const transferBody = z.strictObject({ place: z.enum(['home', 'site']), siteId: id.optional(), roomId: id.optional(), reason });
export const assignMeasureBody = z.strictObject({ gridWorkerId: id.nullish(), doctorId: id.nullish() });

export const siteBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200).optional(),
  areaId: id,
  rooms: z
    .array(z.strictObject({ code: z.string().trim().min(1).max(30), capacity: z.number().int().min(1).max(20).default(1) }))
    .max(1000)
    .optional(),
});
export const roomsBody = z.strictObject({ rooms: siteBody.shape.rooms.unwrap().min(1) });

/** 34.0–43.0 °C, at most one decimal. */
export const temperature = z
  .number()
  .min(34)
  .max(43)
  .refine((t) => Math.abs(Math.round(t * 10) - t * 10) < 1e-9, 'one_decimal');

export const recordFollowUpBody = z.strictObject({
  temperature,
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
  note: z.string().trim().max(500).optional(),
});
export const resolveAlertBody = z.strictObject({ resolution: z.enum(RESOLUTIONS), note: z.string().trim().max(500).optional() });
export const followUpTimes = z.array(hhmm).min(1).max(6);
