import { z } from 'zod';
import { defineRoute } from '../../contract';
import { idParams, queryBool } from '../../primitives';
import { createOrgBody, drawMembersBody, leaveMembersBody, moveOrgBody, ORG_KINDS, updateOrgBody } from '../schemas';
import { optionalId } from './params';
import { org, orgPage } from './views';

/** Party organisations: committees, branches, temporary branches, and who belongs to them. */

export const listOrgs = defineRoute({
  method: 'GET',
  path: '/api/party/orgs',
  summary: 'Party organisations in the caller’s scope (closed ones on request)',
  query: z.strictObject({ under: optionalId, kind: z.enum(ORG_KINDS).optional(), includeClosed: queryBool.optional() }),
  responses: { 200: z.object({ items: z.array(org) }) },
});

export const createOrg = defineRoute({
  method: 'POST',
  path: '/api/party/orgs',
  summary: 'Opens a committee, branch or temporary branch',
  body: createOrgBody,
  responses: { 201: orgPage },
});

export const getOrg = defineRoute({
  method: 'GET',
  path: '/api/party/orgs/:id',
  summary: 'One organisation with its members',
  params: idParams,
  responses: { 200: orgPage },
});

export const updateOrg = defineRoute({
  method: 'PATCH',
  path: '/api/party/orgs/:id',
  summary: 'Renames an organisation, sets its place, end date, notes or secretary',
  params: idParams,
  body: updateOrgBody,
  responses: { 200: orgPage },
});

export const drawMembers = defineRoute({
  method: 'POST',
  path: '/api/party/orgs/:id/members',
  summary: 'Draws volunteers into an organisation',
  params: idParams,
  body: drawMembersBody,
  responses: { 200: z.object({ added: z.number(), org: orgPage }) },
});

export const leaveMembers = defineRoute({
  method: 'POST',
  path: '/api/party/orgs/:id/members/leave',
  summary: 'Ends memberships of an organisation today',
  params: idParams,
  body: leaveMembersBody,
  responses: { 200: z.object({ ended: z.number(), org: orgPage }) },
});

export const moveOrg = defineRoute({
  method: 'POST',
  path: '/api/party/orgs/:id/move',
  summary: 'Moves an organisation with its subtree under another committee, or to another area',
  params: idParams,
  body: moveOrgBody,
  responses: { 200: orgPage },
});

export const closeOrg = defineRoute({
  method: 'POST',
  path: '/api/party/orgs/:id/close',
  summary: 'Closes a temporary branch: its memberships end today, its link stops',
  params: idParams,
  responses: { 200: orgPage },
});

export const rotateEnlistToken = defineRoute({
  method: 'POST',
  path: '/api/party/orgs/:id/enlist-token',
  summary: 'Gives a branch a new enlistment link; the old one stops',
  params: idParams,
  responses: { 200: orgPage },
});
