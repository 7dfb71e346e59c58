import { z } from 'zod';
import { defineRoute } from '../../contract';
import { idParams, okBody } from '../../primitives';
import { createPostBody, createTeamBody, POST_KINDS, TEAM_KINDS, teamMembersBody, updatePostBody, updateTeamBody } from '../schemas';
import { optionalId } from './params';
import { post, team, teamPage } from './views';

/** Teams (service teams, assault squads, pioneer teams) and posts (model posts, responsibility areas). */

export const listTeams = defineRoute({
  method: 'GET',
  path: '/api/teams',
  summary: 'Teams in the caller’s scope that are not disbanded',
  query: z.strictObject({ under: optionalId, kind: z.enum(TEAM_KINDS).optional(), orgId: optionalId }),
  responses: { 200: z.object({ items: z.array(team) }) },
});

export const createTeam = defineRoute({
  method: 'POST',
  path: '/api/teams',
  summary: 'Forms a team',
  body: createTeamBody,
  responses: { 201: teamPage },
});

export const getTeam = defineRoute({
  method: 'GET',
  path: '/api/teams/:id',
  summary: 'One team with its members and sub-squads',
  params: idParams,
  responses: { 200: teamPage },
});

export const updateTeam = defineRoute({
  method: 'PATCH',
  path: '/api/teams/:id',
  summary: 'Renames a team, changes its leader or notes, or disbands it with its sub-squads',
  params: idParams,
  body: updateTeamBody,
  responses: { 200: teamPage },
});

export const deleteTeam = defineRoute({
  method: 'DELETE',
  path: '/api/teams/:id',
  summary: 'Deletes a team made by mistake (one with a history answers 409: disband it)',
  params: idParams,
  responses: { 200: okBody },
});

export const setTeamMembers = defineRoute({
  method: 'PUT',
  path: '/api/teams/:id/members',
  summary: 'Sets a team’s whole member list with roles',
  params: idParams,
  body: teamMembersBody,
  responses: { 200: teamPage },
});

export const listPosts = defineRoute({
  method: 'GET',
  path: '/api/posts',
  summary: 'Open posts and responsibility areas in the caller’s scope',
  query: z.strictObject({ under: optionalId, kind: z.enum(POST_KINDS).optional() }),
  responses: { 200: z.object({ items: z.array(post) }) },
});

export const createPost = defineRoute({
  method: 'POST',
  path: '/api/posts',
  summary: 'Sets up a post or responsibility area',
  body: createPostBody,
  responses: { 201: post },
});

export const updatePost = defineRoute({
  method: 'PATCH',
  path: '/api/posts/:id',
  summary: 'Changes a post, its holder, or closes it',
  params: idParams,
  body: updatePostBody,
  responses: { 200: post },
});

export const deletePost = defineRoute({
  method: 'DELETE',
  path: '/api/posts/:id',
  summary: 'Deletes a post entered by mistake',
  params: idParams,
  responses: { 200: okBody },
});
