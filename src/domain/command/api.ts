import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, day, id, idParam, idParams, instant, paging, plainText } from '../primitives';

/**
 * The command center's standing bodies (issue 18 point 6, server/modules/command): the leading group (领导小组), its
 * work groups (综合协调组, 现场管控组, 物资保障组 …), supervision groups (督导组), liaison groups (联络组) and task forces
 * (工作专班) for a place — each with its members, duties, area and dates; a group's page shows its open work.
 */
const BASE = '/api/command-groups';

export const GROUP_KINDS = ['leading', 'work', 'supervision', 'liaison', 'task_force'] as const;
export const MEMBER_ROLES = ['lead', 'deputy', 'member'] as const;

export const groupBody = z.strictObject({
  kind: z.enum(GROUP_KINDS),
  name: plainText(60).pipe(z.string().min(1)),
  duties: plainText(2000).optional(),
  areaId: id,
  startsOn: calendarDate,
  endsOn: calendarDate.optional(),
});

export const groupPatch = z.strictObject({
  name: plainText(60).pipe(z.string().min(1)).optional(),
  duties: plainText(2000).optional(),
  endsOn: calendarDate.nullable().optional(),
});

export const membersBody = z.strictObject({
  members: z
    .array(z.strictObject({ userId: id, role: z.enum(MEMBER_ROLES), duty: plainText(200).optional() }))
    .max(100)
    .refine((m) => new Set(m.map((x) => x.userId)).size === m.length, 'repeated'),
});

export const member = z.object({ userId: z.number(), name: z.string(), areaName: z.string(), role: z.enum(MEMBER_ROLES), duty: z.string().nullable() });

export const group = z.object({
  id: z.number(),
  kind: z.enum(GROUP_KINDS),
  name: z.string(),
  duties: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  startsOn: day,
  endsOn: day.nullable(),
  active: z.boolean(),
  memberCount: z.number(),
  leadName: z.string().nullable(),
});

export const groupDetail = group.extend({
  members: z.array(member),
  /** Open tasks addressed to the group, and those of its members by name under its area, oldest due first. */
  openTasks: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      titleKey: z.string().nullable(),
      titleParams: z.record(z.string(), z.unknown()).nullable(),
      assigneeName: z.string().nullable(),
      /** Addressed to the group itself (any member may act on it), not to one member by name. */
      toGroup: z.boolean(),
      dueAt: instant.nullable(),
      overdue: z.boolean(),
    }),
  ),
  openTaskCount: z.number(),
});

export const listGroups = defineRoute({
  method: 'GET',
  path: BASE,
  summary: 'The standing bodies in scope, the leading group first',
  query: z.strictObject({ under: idParam.optional(), kind: z.enum(GROUP_KINDS).optional(), active: z.enum(['true', 'false']).optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(group), total: z.number().int() }) },
});

export const createGroup = defineRoute({
  method: 'POST',
  path: BASE,
  summary: 'Sets up a group: kind, name, duties, area and dates',
  body: groupBody,
  responses: { 201: groupDetail },
});

export const getGroup = defineRoute({
  method: 'GET',
  path: `${BASE}/:id`,
  summary: 'A group with its members and their open work',
  params: idParams,
  responses: { 200: groupDetail },
});

export const updateGroup = defineRoute({
  method: 'PATCH',
  path: `${BASE}/:id`,
  summary: 'Renames a group, rewrites its duties or sets the day it stands down',
  params: idParams,
  body: groupPatch,
  responses: { 200: groupDetail },
});

export const setMembers = defineRoute({
  method: 'PUT',
  path: `${BASE}/:id/members`,
  summary: 'Replaces the members (each a user whose area holds the group’s or lies under it), with their role and duty',
  params: idParams,
  body: membersBody,
  responses: { 200: groupDetail },
});
