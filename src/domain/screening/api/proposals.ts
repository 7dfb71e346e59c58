import { z } from 'zod';
import { defineRoute } from '../../contract';
import { day, idParams, instant, plainText } from '../../primitives';
import { pageQuery } from './paging';

/**
 * Roster changes a visit proposed (server: modules/screening/proposals.ts): made by someone without the
 * registry's write permission, they wait for a cadre, who confirms (the registry changes then) or rejects.
 */

export const PROPOSAL_KINDS = ['add', 'move_out'] as const;
export const PROPOSAL_STATUSES = ['pending', 'confirmed', 'rejected'] as const;

export const rosterProposal = z.object({
  id: z.number(),
  /** Null once retention has cleared the proposal (its visit's month may then go). */
  visitId: z.number().nullable(),
  householdId: z.number(),
  address: z.string(),
  areaName: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  /** The person: the one moving out, or the one to add (then created on confirmation). */
  residentId: z.number().nullable(),
  name: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  /** add: the day they began living here; move_out: the day they left. */
  on: day,
  reason: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  proposedByName: z.string().nullable(),
  proposedAt: instant,
  decidedByName: z.string().nullable(),
  decidedAt: instant.nullable(),
  decisionReason: z.string().nullable(),
  /** Decided and past the visits' retention period: the person found, the reasons and the visit link are cleared. */
  anonymised: z.boolean(),
});
export type RosterProposal = z.infer<typeof rosterProposal>;

export const listRosterProposals = defineRoute({
  method: 'GET',
  path: '/api/screening/roster-proposals',
  summary: 'Roster changes proposed by visits, in the caller’s scope, pending first',
  query: z.strictObject({ status: z.enum(PROPOSAL_STATUSES).optional(), ...pageQuery }),
  responses: { 200: z.object({ items: z.array(rosterProposal), total: z.number().int() }) },
});

export const confirmRosterProposal = defineRoute({
  method: 'POST',
  path: '/api/screening/roster-proposals/:id/confirm',
  summary: 'Confirms a proposed change: the person is added or moved out through the registry’s own rules',
  params: idParams,
  responses: { 200: rosterProposal },
});

export const rejectRosterProposal = defineRoute({
  method: 'POST',
  path: '/api/screening/roster-proposals/:id/reject',
  summary: 'Rejects a proposed change; the registry stays as it is',
  params: idParams,
  body: z.strictObject({ reason: plainText(200).min(1) }),
  responses: { 200: rosterProposal },
});
