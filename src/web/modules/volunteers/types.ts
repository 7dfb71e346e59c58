/**
 * Shapes of the party-organisation and volunteer JSON (docs/api-volunteers.md). Kept on the web side,
 * like app/types.ts, so the bundle never pulls in server code; the kinds come from the shared domain.
 */
import type {
  CAPTAIN_KINDS,
  CATEGORIES,
  HEALTH_STATUSES,
  MEMBER_ROLES,
  ORG_KINDS,
  POST_KINDS,
  SKILLS,
  TEAM_KINDS,
  TEAM_ROLES,
  WEEKDAYS,
} from '../../../domain/volunteers/schemas';

export type Category = (typeof CATEGORIES)[number];
export type Skill = (typeof SKILLS)[number];
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export type Weekday = (typeof WEEKDAYS)[number];
export type OrgKind = (typeof ORG_KINDS)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type TeamKind = (typeof TEAM_KINDS)[number];
export type TeamRole = (typeof TEAM_ROLES)[number];
export type PostKind = (typeof POST_KINDS)[number];
export type CaptainKind = (typeof CAPTAIN_KINDS)[number];

export interface Availability {
  days: Weekday[];
  from?: string;
  to?: string;
  remoteOnly?: boolean;
  note?: string | null;
}

export interface Contact {
  name: string;
  /** Masked. */
  phone: string;
}

export interface Volunteer {
  id: number;
  name: string;
  idType: string;
  /** Masked. */
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  age: number | null;
  /** Masked. */
  phone: string | null;
  residentId: number | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  category: Category;
  skills: Skill[];
  availability: Availability | null;
  healthStatus: HealthStatus;
  emergencyContact: Contact | null;
  userId: number | null;
  status: 'active' | 'inactive';
  notes: string | null;
  createdAt: string;
}

export interface Membership {
  orgId: number;
  orgName: string;
  orgKind: OrgKind;
  kind: 'home' | 'temporary';
  role: MemberRole;
  joinedOn: string;
  leftOn: string | null;
}

export interface Conflict {
  deploymentId: number | null;
  volunteerId: number;
  volunteerName: string;
  place: string | null;
  areaName: string;
  startsOn: string;
  endsOn: string;
}

export interface Deployment {
  id: number;
  volunteerId: number | null;
  volunteerName: string | null;
  teamId: number | null;
  teamName: string | null;
  orgId: number | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  place: string;
  startsOn: string;
  endsOn: string;
  role: string | null;
  hoursPerDay: number;
  cancelledAt: string | null;
  notes: string | null;
  conflicts: Conflict[];
}

export interface PostRef {
  id: number;
  kind: PostKind;
  name: string;
  place: string | null;
  areaName: string;
}

export interface CaptainRef {
  id: number;
  kind: CaptainKind;
  areaId: number;
  areaName: string;
  floor: string | null;
}

export interface GroupRef {
  id: number;
  areaId: number;
  areaName: string;
  villageGroup: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  actorName: string | null;
  changes: string[];
}

export interface VolunteerPage extends Volunteer {
  memberships: Membership[];
  teams: { teamId: number; name: string; kind: TeamKind; role: TeamRole }[];
  posts: PostRef[];
  households: { householdId: number; address: string }[];
  captains: CaptainRef[];
  groups: GroupRef[];
  deployments: Deployment[];
  hours: { last30Days: number };
  history: HistoryEntry[];
}

export interface Org {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  name: string;
  areaId: number;
  areaPath: string;
  areaName: string;
  place: string | null;
  startsOn: string | null;
  endsOn: string | null;
  closedAt: string | null;
  secretaryId: number | null;
  secretaryName: string | null;
  memberCount: number;
  enlistToken: string | null;
  notes: string | null;
}

export interface OrgMember {
  volunteerId: number;
  name: string;
  category: Category;
  kind: 'home' | 'temporary';
  role: MemberRole;
  joinedOn: string;
  leftOn: string | null;
}

export interface OrgPage extends Org {
  members: OrgMember[];
}

export interface Enlistment {
  id: number;
  orgId: number;
  orgName: string;
  status: 'pending' | 'approved' | 'refused';
  name: string;
  idType: string;
  /** Masked. */
  idNumber: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  /** Masked. */
  phone: string;
  category: Category;
  skills: Skill[];
  availability: Availability | null;
  healthStatus: HealthStatus;
  emergencyContact: Contact | null;
  pledge: string | null;
  address: string | null;
  submitCount: number;
  submittedAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  refusalReason: string | null;
  volunteerId: number | null;
  residentId: number | null;
}

export interface ApproveResult {
  enlistment: Enlistment;
  volunteer: Volunteer;
  account?: { userId: number; username: string; initialPassword?: string };
}

export interface Team {
  id: number;
  kind: TeamKind;
  name: string;
  parentId: number | null;
  orgId: number | null;
  orgName: string | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  leaderId: number | null;
  leaderName: string | null;
  memberCount: number;
  disbandedAt: string | null;
  notes: string | null;
}

export interface TeamMember {
  volunteerId: number;
  name: string;
  role: TeamRole;
  category: Category;
}

export interface TeamPage extends Team {
  members: TeamMember[];
  subTeams: Team[];
}

export interface HouseholdLink {
  householdId: number;
  address: string;
  areaId: number;
  areaName: string;
  volunteerId: number;
  volunteerName: string;
  /** Masked. */
  phone: string | null;
}

export interface SplitResult {
  households: number;
  linked: number;
  members: number;
  perMember: { min: number; max: number };
  ms: number;
}

export interface Captain {
  id: number;
  kind: CaptainKind;
  areaId: number;
  areaName: string;
  floor: string | null;
  volunteerId: number;
  volunteerName: string;
}

export interface MyAssignments {
  volunteer: Volunteer | null;
  deployments: Deployment[];
  teams: VolunteerPage['teams'];
  posts: PostRef[];
  households: VolunteerPage['households'];
  captains: CaptainRef[];
  groups: GroupRef[];
}

export interface FigureRow {
  key: string | number;
  name: string;
  enlisted: number;
  pending: number;
  approved: number;
  refused: number;
  volunteers: number;
  onDuty: number;
}

export interface Figures {
  on: string;
  totals: {
    branches: number;
    branchesReporting: number;
    enlisted: number;
    pending: number;
    approved: number;
    refused: number;
    volunteers: number;
    onDuty: number;
  };
  byCategory: FigureRow[];
  byBranch: FigureRow[];
  byArea: FigureRow[];
}

export interface EnlistForm {
  org: { name: string; kind: OrgKind; place: string | null; areaName: string };
  categories: Category[];
  skills: Skill[];
}
