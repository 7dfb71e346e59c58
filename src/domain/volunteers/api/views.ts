import { z } from 'zod';
import { day, instant } from '../../primitives';
import { CAPTAIN_KINDS, CATEGORIES, HEALTH_STATUSES, MEMBER_ROLES, ORG_KINDS, POST_KINDS, SKILLS, TEAM_KINDS, TEAM_ROLES, WEEKDAYS } from '../schemas';
import { personShape } from '../../residents/api/registry';

/**
 * The answers of the party-organisation and volunteer routes, shared by several contracts. ID numbers
 * and phones are masked by the server before they reach these shapes; nothing here adds a field.
 */

export const availability = z.object({
  days: z.array(z.enum(WEEKDAYS)),
  from: z.string().optional(),
  to: z.string().optional(),
  remoteOnly: z.boolean().optional(),
  note: z.string().nullish(),
});

/** An emergency contact, its phone masked. */
export const contact = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

export const volunteer = z.object({
  ...personShape,
  residentId: z.number().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  category: z.enum(CATEGORIES),
  skills: z.array(z.enum(SKILLS)),
  availability: availability.nullable(),
  healthStatus: z.enum(HEALTH_STATUSES),
  emergencyContact: contact.nullable(),
  userId: z.number().nullable(),
  status: z.enum(['active', 'inactive']),
  notes: z.string().nullable(),
  createdAt: instant,
});

/** Another deployment of the same person at the same time elsewhere; outside the caller's scope only that it exists. */
export const conflict = z.object({
  deploymentId: z.number().nullable(),
  volunteerId: z.number(),
  volunteerName: z.string(),
  place: z.string().nullable(),
  areaName: z.string(),
  startsOn: day,
  endsOn: day,
});

export const deployment = z.object({
  id: z.number(),
  volunteerId: z.number().nullable(),
  volunteerName: z.string().nullable(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  orgId: z.number().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  place: z.string(),
  startsOn: day,
  endsOn: day,
  role: z.string().nullable(),
  hoursPerDay: z.number(),
  cancelledAt: instant.nullable(),
  notes: z.string().nullable(),
  conflicts: z.array(conflict),
});

export const postRef = z.object({ id: z.number(), kind: z.enum(POST_KINDS), name: z.string(), place: z.string().nullable(), areaName: z.string() });
export const captainRef = z.object({ id: z.number(), kind: z.enum(CAPTAIN_KINDS), areaId: z.number(), areaName: z.string(), floor: z.string().nullable() });
export const groupRef = z.object({ id: z.number(), areaId: z.number(), areaName: z.string(), villageGroup: z.string() });
export const teamRef = z.object({ teamId: z.number(), name: z.string(), kind: z.enum(TEAM_KINDS), role: z.enum(TEAM_ROLES) });
export const householdRef = z.object({ householdId: z.number(), address: z.string() });

/** Everything a person is linked to: their page and their own phone show it. */
export const personLinks = {
  teams: z.array(teamRef),
  posts: z.array(postRef),
  households: z.array(householdRef),
  captains: z.array(captainRef),
  groups: z.array(groupRef),
  deployments: z.array(deployment),
};

export const membership = z.object({
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  kind: z.enum(['home', 'temporary']),
  role: z.enum(MEMBER_ROLES),
  joinedOn: day,
  leftOn: day.nullable(),
});

/** One change of a record in the trail: who, what, which fields (the values stay in the audit log). */
export const historyEntry = z.object({ at: instant, action: z.string(), actorName: z.string().nullable(), changes: z.array(z.string()) });

export const volunteerPage = volunteer.extend({
  memberships: z.array(membership),
  ...personLinks,
  hours: z.object({ last30Days: z.number() }),
  history: z.array(historyEntry),
});

export const org = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  place: z.string().nullable(),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  closedAt: instant.nullable(),
  secretaryId: z.number().nullable(),
  secretaryName: z.string().nullable(),
  memberCount: z.number(),
  /** The branch's enlistment link: only for those who manage or approve. */
  enlistToken: z.string().nullable(),
  notes: z.string().nullable(),
});

export const orgMember = z.object({
  volunteerId: z.number(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  kind: z.enum(['home', 'temporary']),
  role: z.enum(MEMBER_ROLES),
  joinedOn: day,
  leftOn: day.nullable(),
});

export const orgPage = org.extend({ members: z.array(orgMember) });

export const enlistment = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  name: z.string(),
  idType: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  birthDate: day.nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  category: z.enum(CATEGORIES),
  skills: z.array(z.enum(SKILLS)),
  availability: availability.nullable(),
  healthStatus: z.enum(HEALTH_STATUSES),
  emergencyContact: contact.nullable(),
  pledge: z.string().nullable(),
  address: z.string().nullable(),
  submitCount: z.number(),
  /** Other applications with the same ID number at this branch (a resubmission, or someone else using the number). */
  sameIdCount: z.number(),
  submittedAt: instant,
  updatedAt: instant,
  decidedAt: instant.nullable(),
  decidedBy: z.string().nullable(),
  refusalReason: z.string().nullable(),
  volunteerId: z.number().nullable(),
  /** The resident with this ID number, when the approver may see them. */
  residentId: z.number().nullable(),
});

export const team = z.object({
  id: z.number(),
  kind: z.enum(TEAM_KINDS),
  name: z.string(),
  parentId: z.number().nullable(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  leaderId: z.number().nullable(),
  leaderName: z.string().nullable(),
  memberCount: z.number(),
  disbandedAt: instant.nullable(),
  notes: z.string().nullable(),
});

export const teamMember = z.object({ volunteerId: z.number(), name: z.string(), role: z.enum(TEAM_ROLES), category: z.enum(CATEGORIES) });
export const teamPage = team.extend({ members: z.array(teamMember), subTeams: z.array(team) });

export const post = z.object({
  id: z.number(),
  kind: z.enum(POST_KINDS),
  name: z.string(),
  place: z.string().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  orgId: z.number().nullable(),
  teamId: z.number().nullable(),
  holderId: z.number().nullable(),
  holderName: z.string().nullable(),
  closedAt: instant.nullable(),
  notes: z.string().nullable(),
});

export type Availability = z.infer<typeof availability>;
export type Volunteer = z.infer<typeof volunteer>;
export type Conflict = z.infer<typeof conflict>;
export type Deployment = z.infer<typeof deployment>;
export type PostRef = z.infer<typeof postRef>;
export type CaptainRef = z.infer<typeof captainRef>;
export type GroupRef = z.infer<typeof groupRef>;
export type Membership = z.infer<typeof membership>;
export type HistoryEntry = z.infer<typeof historyEntry>;
export type VolunteerPage = z.infer<typeof volunteerPage>;
export type Org = z.infer<typeof org>;
export type OrgMember = z.infer<typeof orgMember>;
export type OrgPage = z.infer<typeof orgPage>;
export type Enlistment = z.infer<typeof enlistment>;
export type Team = z.infer<typeof team>;
export type TeamMember = z.infer<typeof teamMember>;
export type TeamPage = z.infer<typeof teamPage>;
export type Post = z.infer<typeof post>;
