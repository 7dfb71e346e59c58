import { z } from 'zod';

/**
 * Request bodies of the task inbox, and the values monitoring shares with it and with screening. The
 * measure, follow-up and fever-alert bodies are with their routes in ./api.ts; the state machine in ./measures.ts.
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

/** 34.0–43.0 °C, at most one decimal. */
export const temperature = z
  .number()
  .min(34)
  .max(43)
  .refine((t) => Math.abs(Math.round(t * 10) - t * 10) < 1e-9, 'one_decimal');

export const followUpTimes = z.array(hhmm).min(1).max(6);
