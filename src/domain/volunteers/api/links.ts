import { z } from 'zod';
import { defineRoute, type ResponseOf } from '../../contract';
import { idParams, okBody } from '../../primitives';
import { CAPTAIN_KINDS, captainBody, groupLinkBody, householdLinksBody, splitBody } from '../schemas';
import { optionalId } from './params';

/** The links that route work: member ↔ households, building and floor captains, cadre ↔ village group. */

export const householdLink = z.object({
  householdId: z.number(),
  address: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  volunteerId: z.number(),
  volunteerName: z.string(),
  /** Masked. */
  phone: z.string().nullable(),
});

export const listHouseholdLinks = defineRoute({
  method: 'GET',
  path: '/api/household-links',
  summary: 'Member–household links by household, by member or under an area',
  query: z.strictObject({ householdId: optionalId, volunteerId: optionalId, under: optionalId }),
  responses: { 200: z.object({ items: z.array(householdLink) }) },
});

export const linkHouseholds = defineRoute({
  method: 'POST',
  path: '/api/household-links',
  summary: 'Links households to a member',
  body: householdLinksBody,
  responses: { 200: z.object({ added: z.number() }) },
});

export const unlinkHouseholds = defineRoute({
  method: 'POST',
  path: '/api/household-links/remove',
  summary: 'Removes households from a member',
  body: householdLinksBody,
  responses: { 200: z.object({ removed: z.number() }) },
});

export const splitHouseholds = defineRoute({
  method: 'POST',
  path: '/api/household-links/split',
  summary: 'Shares the households under an area evenly among members',
  body: splitBody,
  responses: {
    200: z.object({
      households: z.number(),
      linked: z.number(),
      members: z.number(),
      perMember: z.object({ min: z.number(), max: z.number() }),
      ms: z.number(),
    }),
  },
});

export const captain = z.object({
  id: z.number(),
  kind: z.enum(CAPTAIN_KINDS),
  areaId: z.number(),
  areaName: z.string(),
  floor: z.string().nullable(),
  volunteerId: z.number(),
  volunteerName: z.string(),
});
const captains = z.object({ items: z.array(captain) });

export const listCaptains = defineRoute({
  method: 'GET',
  path: '/api/captains',
  summary: 'Building and floor captains under an area or of a person',
  query: z.strictObject({ under: optionalId, volunteerId: optionalId }),
  responses: { 200: captains },
});

export const setCaptain = defineRoute({
  method: 'PUT',
  path: '/api/captains',
  summary: 'Sets or clears the captain of a building or floor; answers the area’s captains',
  body: captainBody,
  responses: { 200: captains },
});

export const groupLink = z.object({
  id: z.number(),
  volunteerId: z.number(),
  volunteerName: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  villageGroup: z.string(),
});

export const listGroupLinks = defineRoute({
  method: 'GET',
  path: '/api/group-links',
  summary: 'Cadre–village group links under an area or of a person',
  query: z.strictObject({ under: optionalId, volunteerId: optionalId }),
  responses: { 200: z.object({ items: z.array(groupLink) }) },
});

export const addGroupLink = defineRoute({
  method: 'POST',
  path: '/api/group-links',
  summary: 'Links a cadre to a village group; answers the person’s links',
  body: groupLinkBody,
  responses: { 200: z.object({ id: z.number(), items: z.array(groupLink) }) },
});

export const removeGroupLink = defineRoute({
  method: 'POST',
  path: '/api/group-links/:id/remove',
  summary: 'Ends a cadre–village group link',
  params: idParams,
  responses: { 200: okBody },
});

export type HouseholdLink = z.infer<typeof householdLink>;
export type Captain = z.infer<typeof captain>;
export type GroupLink = z.infer<typeof groupLink>;
export type SplitResult = ResponseOf<typeof splitHouseholds>;
