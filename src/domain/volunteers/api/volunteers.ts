import { exportPurposeBody } from '../../platform/exports';
import { z } from 'zod';
import { defineRoute, type ResponseOf } from '../../contract';
import { calendarDate, day, fileDownload, idParams, plainText, queryBool } from '../../primitives';
import { CATEGORIES, createVolunteerBody, SKILLS, updateVolunteerBody } from '../schemas';
import { optionalId, pageQuery } from './params';
import { personLinks, volunteer, volunteerPage } from './views';

/** Volunteers: the roster, one person's page, their own assignments, the town's figures and the exports. */

const volunteerFilters = {
  q: plainText(50).optional(),
  under: optionalId,
  category: z.enum(CATEGORIES).optional(),
  skill: z.enum(SKILLS).optional(),
  orgId: optionalId,
  teamId: optionalId,
};

export const listVolunteers = defineRoute({
  method: 'GET',
  path: '/api/volunteers',
  summary: 'Volunteers in the caller’s scope, by name, ID or phone tail, category, skill, branch or team',
  query: z.strictObject({ ...volunteerFilters, ...pageQuery }),
  responses: { 200: z.object({ items: z.array(volunteer), total: z.number().int() }) },
});

export const createVolunteer = defineRoute({
  method: 'POST',
  path: '/api/volunteers',
  summary: 'Registers a volunteer, standalone or from a resident',
  body: createVolunteerBody,
  responses: { 201: volunteerPage },
});

export const getVolunteer = defineRoute({
  method: 'GET',
  path: '/api/volunteers/:id',
  summary: 'One volunteer with memberships, links, deployments, recent hours and history',
  params: idParams,
  responses: { 200: volunteerPage },
});

export const updateVolunteer = defineRoute({
  method: 'PATCH',
  path: '/api/volunteers/:id',
  summary: 'Changes a volunteer',
  params: idParams,
  body: updateVolunteerBody,
  responses: { 200: volunteerPage },
});

export const myAssignments = defineRoute({
  method: 'GET',
  path: '/api/me/assignments',
  summary: 'The signed-in person’s own work, wherever it is',
  responses: { 200: z.object({ volunteer: volunteer.nullable(), ...personLinks }) },
});

export const exportVolunteers = defineRoute({
  method: 'POST',
  path: '/api/volunteers/export.xlsx',
  summary: 'The filtered roster as a workbook for a stated purpose stamped in the file; ID numbers and phones masked unless revealed by one who may',
  query: z.strictObject({ ...volunteerFilters, reveal: queryBool.optional() }),
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});

// ——— figures ———

const figuresQuery = z.strictObject({ under: optionalId, on: calendarDate.optional() });

const counts = {
  enlisted: z.number(),
  pending: z.number(),
  approved: z.number(),
  refused: z.number(),
  volunteers: z.number(),
  onDuty: z.number(),
};

export const figureRow = z.object({ key: z.string(), name: z.string(), ...counts });

export const volunteerFigures = defineRoute({
  method: 'GET',
  path: '/api/volunteers/figures',
  summary: 'Enlisted, approved, serving and on duty on a day, by category, branch and area',
  query: figuresQuery,
  responses: {
    200: z.object({
      on: day,
      totals: z.object({ branches: z.number(), branchesReporting: z.number(), ...counts }),
      byCategory: z.array(figureRow),
      byBranch: z.array(figureRow),
      byArea: z.array(figureRow),
    }),
  },
});

export const exportFigures = defineRoute({
  method: 'POST',
  path: '/api/volunteers/figures.xlsx',
  summary: 'The figures as a workbook, one sheet per grouping; for a stated purpose stamped in the file',
  query: figuresQuery,
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});

export type FigureRow = z.infer<typeof figureRow>;
export type Figures = ResponseOf<typeof volunteerFigures>;
export type MyAssignments = ResponseOf<typeof myAssignments>;
