import { z } from 'zod';
import { defineRoute } from '../contract';
import { TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES } from '../monitoring/schemas';
import { id, idParam, idParams, instant, instantInput, plainText, queryBool } from '../primitives';

/**
 * The task inbox's routes (server/modules/tasks): my work, supervisors' lists and counts, hand-made tasks,
 * reassignment and completion. Tasks are made by other modules too (screening visits, measures, sampling),
 * so a task's `type` in an answer is any type a module writes (ALL_TASK_TYPES), not only TASK_TYPES.
 */

/** Every type a module writes: the monitoring ones, and the sampling, audit and checkpoint modules' own. */
export const ALL_TASK_TYPES = [
  ...TASK_TYPES,
  'home_sampling',
  'sampling_retest',
  'audit_disclosures',
  'checkpoint_understaffed',
  'checkpoint_roster_request',
  'trace_contact',
  'supply_low',
  'vaccination_call',
  'vaccination_observe',
  'vaccination_followup',
] as const;

/** A role code as the roles table spells it. */
const roleCode = z.string().regex(/^[a-z_]{2,40}$/, 'invalid_format');

const assignee = {
  assigneeUserId: id.optional(),
  assigneeTeamId: id.optional(),
  assigneeRole: roleCode.optional(),
  /** A command group (专班 / 工作组, server/modules/command): the task is in each member's inbox. */
  assigneeGroupId: id.optional(),
};
const oneAssignee = (v: { assigneeUserId?: number; assigneeTeamId?: number; assigneeRole?: string; assigneeGroupId?: number }) =>
  [v.assigneeUserId, v.assigneeTeamId, v.assigneeRole, v.assigneeGroupId].filter((x) => x !== undefined).length <= 1;

export const createTaskBody = z
  .strictObject({
    title: plainText(200).min(1),
    areaId: id,
    dueAt: instantInput.optional(),
    priority: z.enum(TASK_PRIORITIES).default('normal'),
    ...assignee,
  })
  .refine(oneAssignee, { message: 'one_assignee', path: ['assigneeUserId'] });
export type CreateTaskInput = z.infer<typeof createTaskBody>;

export const reassignBody = z
  .strictObject({ taskIds: z.array(id).min(1).max(500), ...assignee })
  .refine(oneAssignee, { message: 'one_assignee', path: ['assigneeUserId'] })
  .refine((v) => v.assigneeUserId || v.assigneeTeamId || v.assigneeRole || v.assigneeGroupId, { message: 'required', path: ['assigneeUserId'] });
export type ReassignInput = z.infer<typeof reassignBody>;

export const doneBody = z.strictObject({ note: plainText(500).optional() });
export const failBody = z.strictObject({ reason: plainText(200).min(1) });

// ——— answers ———

/** The person a home-sampling or retest task is about: where to go and whether the caller may ring them. */
export const taskPerson = z.object({
  residentId: z.number(),
  name: z.string(),
  /** The household's address; null when the person has none on record. */
  address: z.string().nullable(),
  areaName: z.string(),
  /** Masked (138****5678): the full number only through the call route, which audits it. */
  phone: z.string().nullable(),
  /** A number on record, the task open, and the caller allowed to reveal it to call (tasks.call or residents.reveal). */
  canCall: z.boolean(),
});
export type TaskPerson = z.infer<typeof taskPerson>;

export const task = z.object({
  id: z.number(),
  type: z.string(),
  title: z.string(),
  /** The title by key and parameters (server-made tasks), for the reader's language; null: show `title`. */
  titleKey: z.string().nullable(),
  titleParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  subject: z.object({ kind: z.string(), id: z.number() }).nullable(),
  /** Who the task is about, for subjects naming a person (home sampling, a retest); null otherwise. */
  person: taskPerson.nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  assignee: z.object({
    userId: z.number().nullable(),
    userName: z.string().nullable(),
    teamId: z.number().nullable(),
    teamName: z.string().nullable(),
    role: z.string().nullable(),
    groupId: z.number().nullable(),
    groupName: z.string().nullable(),
  }),
  dueAt: instant.nullable(),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  failReason: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: instant,
  doneAt: instant.nullable(),
  doneByName: z.string().nullable(),
});
export type Task = z.infer<typeof task>;

/** Open / overdue / done of one child area (key: its id) or one assignee (a user id, `team:<id>`, `group:<id>`, `role:<code>`). */
export const taskCount = z.object({
  key: z.string(),
  name: z.string().nullable(),
  open: z.number(),
  overdue: z.number(),
  done: z.number(),
});
export type TaskCount = z.infer<typeof taskCount>;

// ——— routes ———

export const myTasks = defineRoute({
  method: 'GET',
  path: '/api/tasks/mine',
  summary:
    'My open tasks due before the end of today or within 12 hours, whichever is later (or all with all=true): overdue first, then priority, then due time',
  query: z.strictObject({ all: queryBool.optional() }),
  responses: { 200: z.object({ items: z.array(task) }) },
});

export const listTasks = defineRoute({
  method: 'GET',
  path: '/api/tasks',
  summary: 'Tasks in the caller’s scope, for supervision (任务督办)',
  query: z.strictObject({
    under: idParam.optional(),
    status: z.enum(TASK_STATUSES).optional(),
    type: z.enum(ALL_TASK_TYPES).optional(),
    assigneeUserId: idParam.optional(),
    assigneeGroupId: idParam.optional(),
    overdue: queryBool.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  }),
  responses: { 200: z.object({ items: z.array(task), total: z.number().int() }) },
});

export const taskCounts = defineRoute({
  method: 'GET',
  path: '/api/tasks/counts',
  summary: 'Open, overdue and done tasks per child area or per assignee',
  query: z.strictObject({ under: idParam.optional(), by: z.enum(['area', 'person']).default('area') }),
  responses: { 200: z.object({ items: z.array(taskCount) }) },
});

export const createTask = defineRoute({
  method: 'POST',
  path: '/api/tasks',
  summary: 'A hand-made task for a person, a team, a command group or a role',
  body: createTaskBody,
  responses: { 201: task },
});

export const reassignTasks = defineRoute({
  method: 'POST',
  path: '/api/tasks/reassign',
  summary: 'Gives open tasks to another person, team, command group or role',
  body: reassignBody,
  responses: { 200: z.object({ updated: z.number().int() }) },
});

export const startTask = defineRoute({
  method: 'POST',
  path: '/api/tasks/:id/start',
  summary: 'The assignee starts the task',
  params: idParams,
  responses: { 200: task },
});

export const completeTask = defineRoute({
  method: 'POST',
  path: '/api/tasks/:id/done',
  summary: 'The task is done, with an optional note',
  params: idParams,
  body: doneBody.optional(),
  responses: { 200: task },
});

export const failTask = defineRoute({
  method: 'POST',
  path: '/api/tasks/:id/fail',
  summary: 'The task could not be done, with the reason',
  params: idParams,
  body: failBody,
  responses: { 200: task },
});

export const callTaskPerson = defineRoute({
  method: 'POST',
  path: '/api/tasks/:id/call',
  summary: 'The full phone number of the person an open task is about, to call them; written into the audit trail as a reveal',
  params: idParams,
  responses: { 200: z.object({ phone: z.string() }) },
});
