import { z } from 'zod';
import { calendarDate, id, plainText } from '../primitives';

/**
 * Party organisations and volunteers: kinds and request bodies, shared with the web forms (the public
 * enlistment form among them). Identity rules are the resident registry's (domain/residents/identity.ts).
 */
export const CATEGORIES = [
  'party_cadre',
  'party_retired',
  'party_rural',
  'party_mobile',
  'party_probationary',
  'activist',
  'league',
  'volunteer',
  'medical',
  'police',
  'cadre',
] as const;
export const SKILLS = ['medical', 'pharmacist', 'driver', 'data_entry', 'dialect', 'sign_language', 'disinfection', 'psychological', 'logistics'] as const;
export const HEALTH_STATUSES = ['healthy', 'unwell', 'isolating', 'unknown'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const ORG_KINDS = ['committee', 'branch', 'temporary_branch'] as const;
export const MEMBER_ROLES = ['member', 'secretary', 'deputy_secretary', 'committee_member'] as const;
export const TEAM_KINDS = ['service_team', 'assault_squad', 'pioneer_team'] as const;
export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;
export const POST_KINDS = ['model_post', 'demo_post', 'responsibility_area'] as const;
export const CAPTAIN_KINDS = ['building', 'floor'] as const;

export const CATEGORY_NAMES: Record<(typeof CATEGORIES)[number], { zh: string; en: string }> = {
  party_cadre: { zh: '在职党员干部', en: 'Party member, serving cadre' },
  party_retired: { zh: '退休党员', en: 'Party member, retired' },
  party_rural: { zh: '农村无职党员', en: 'Rural party member without post' },
  party_mobile: { zh: '流动党员', en: 'Mobile party member' },
  party_probationary: { zh: '预备党员', en: 'Probationary party member' },
  activist: { zh: '入党积极分子', en: 'Party activist' },
  league: { zh: '共青团员', en: 'Youth League member' },
  volunteer: { zh: '其他志愿者', en: 'Other volunteer' },
  medical: { zh: '医务人员', en: 'Medical staff' },
  police: { zh: '公安民警', en: 'Police' },
  cadre: { zh: '机关干部', en: 'Government cadre' },
};

export const SKILL_NAMES: Record<(typeof SKILLS)[number], { zh: string; en: string }> = {
  medical: { zh: '医疗', en: 'Medical' },
  pharmacist: { zh: '药师', en: 'Pharmacist' },
  driver: { zh: '驾驶（有车）', en: 'Driver with a vehicle' },
  data_entry: { zh: '信息录入', en: 'Data entry' },
  dialect: { zh: '方言', en: 'Local dialect' },
  sign_language: { zh: '手语', en: 'Sign language' },
  disinfection: { zh: '消杀', en: 'Disinfection' },
  psychological: { zh: '心理疏导', en: 'Counselling' },
  logistics: { zh: '物资配送', en: 'Deliveries' },
};

const text = plainText;
const optionalText = (max: number) => plainText(max).nullish();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_format');
const ids = z.array(id).min(1).max(2000);

export const availabilitySchema = z.strictObject({
  days: z.array(z.enum(WEEKDAYS)).max(7).default([]),
  from: hhmm.optional(),
  to: hhmm.optional(),
  remoteOnly: z.boolean().optional(),
  note: optionalText(200),
});

export const emergencyContactSchema = z.strictObject({ name: text(50).min(1), phone: text(30).min(1) });

const personFields = {
  name: text(50).min(1),
  idType: plainText(30).optional(),
  idNumber: text(40).nullish(),
  sex: z.enum(['M', 'F']).nullish(),
  birthDate: calendarDate.nullish(),
  phone: text(30).nullish(),
  category: z.enum(CATEGORIES),
  skills: z.array(z.enum(SKILLS)).max(SKILLS.length).optional(),
  availability: availabilitySchema.nullish(),
  healthStatus: z.enum(HEALTH_STATUSES).optional(),
  emergencyContact: emergencyContactSchema.nullish(),
};

/** The public enlistment form: an ID number and a phone are required (the secretary calls back). */
export const enlistBody = z.strictObject({
  ...personFields,
  idNumber: text(40).min(1),
  phone: text(30).min(1),
  pledge: optionalText(1000),
  address: optionalText(200),
  remote: z.boolean().optional(),
});

export const approveBody = z.strictObject({
  account: z
    .strictObject({
      username: z
        .string()
        .trim()
        .min(3)
        .max(40)
        .regex(/^[A-Za-z0-9_.-]+$/, 'invalid_format'),
      password: z.string().max(200).optional(),
    })
    .optional(),
  areaId: id.optional(),
});
export const refuseBody = z.strictObject({ reason: text(200).min(1) });

export const createVolunteerBody = z.strictObject({
  ...personFields,
  name: text(50).min(1).optional(),
  residentId: id.optional(),
  areaId: id.optional(),
  notes: optionalText(500),
});
export const updateVolunteerBody = z.strictObject({
  name: personFields.name.optional(),
  idType: personFields.idType,
  idNumber: personFields.idNumber,
  sex: personFields.sex,
  birthDate: personFields.birthDate,
  phone: personFields.phone,
  category: personFields.category.optional(),
  skills: personFields.skills,
  availability: personFields.availability,
  healthStatus: personFields.healthStatus,
  emergencyContact: personFields.emergencyContact,
  areaId: id.optional(),
  status: z.enum(['active', 'inactive']).optional(),
  notes: optionalText(500),
});

export const createOrgBody = z.strictObject({
  kind: z.enum(ORG_KINDS),
  name: text(100).min(1),
  areaId: id,
  parentId: id.optional(),
  place: optionalText(200),
  startsOn: calendarDate.optional(),
  endsOn: calendarDate.optional(),
  notes: optionalText(500),
});
export const updateOrgBody = z.strictObject({
  name: text(100).min(1).optional(),
  place: optionalText(200),
  endsOn: calendarDate.nullish(),
  notes: optionalText(500),
  secretaryId: id.nullish(),
});
export const drawMembersBody = z.strictObject({ volunteerIds: ids, role: z.enum(MEMBER_ROLES).optional() });
export const leaveMembersBody = z.strictObject({ volunteerIds: ids });

export const createTeamBody = z.strictObject({
  kind: z.enum(TEAM_KINDS),
  name: text(100).min(1),
  areaId: id,
  parentId: id.optional(),
  orgId: id.optional(),
  leaderId: id.optional(),
  notes: optionalText(500),
});
export const updateTeamBody = z.strictObject({
  name: text(100).min(1).optional(),
  leaderId: id.nullish(),
  notes: optionalText(500),
  disbanded: z.boolean().optional(),
});
export const teamMembersBody = z.strictObject({
  members: z.array(z.strictObject({ volunteerId: id, role: z.enum(TEAM_ROLES) })).max(2000),
});

export const createPostBody = z.strictObject({
  kind: z.enum(POST_KINDS),
  name: text(100).min(1),
  place: optionalText(200),
  areaId: id,
  orgId: id.optional(),
  teamId: id.optional(),
  holderId: id.optional(),
  notes: optionalText(500),
});
export const moveOrgBody = z.strictObject({
  /** The new parent committee; null makes it a top-level organisation. */
  parentId: id.nullable(),
  /** Bind it to another area too (its subtree must lie under that area); default: it stays where it is. */
  areaId: id.optional(),
});
export const updatePostBody = z.strictObject({
  name: text(100).min(1).optional(),
  place: optionalText(200),
  holderId: id.nullish(),
  notes: optionalText(500),
  closed: z.boolean().optional(),
});

export const householdLinksBody = z.strictObject({ volunteerId: id, householdIds: z.array(id).min(1).max(5000) });
export const splitBody = z.strictObject({ areaId: id, volunteerIds: ids, replace: z.boolean().optional() });
export const captainBody = z.strictObject({ areaId: id, kind: z.enum(CAPTAIN_KINDS), floor: text(20).min(1).optional(), volunteerId: id.nullable() });
export const groupLinkBody = z.strictObject({ volunteerId: id, areaId: id, villageGroup: text(40).min(1) });

export const createDeploymentBody = z.strictObject({
  volunteerId: id.optional(),
  teamId: id.optional(),
  areaId: id,
  place: text(200).min(1),
  startsOn: calendarDate,
  endsOn: calendarDate,
  role: optionalText(100),
  hoursPerDay: z.number().positive().max(24).optional(),
  orgId: id.optional(),
  notes: optionalText(500),
});
export const serviceRecordBody = z.strictObject({
  volunteerId: id,
  on: calendarDate,
  hours: z.number().min(0).max(24).optional(),
  work: optionalText(200),
  note: optionalText(1000),
  /** The liaison group (联络组) whose note on how the person performs this is. */
  liaisonGroup: optionalText(60),
});

export type EnlistInput = z.infer<typeof enlistBody>;
export type CreateVolunteerInput = z.infer<typeof createVolunteerBody>;
export type UpdateVolunteerInput = z.infer<typeof updateVolunteerBody>;
export type CreateOrgInput = z.infer<typeof createOrgBody>;
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;
export type MoveOrgInput = z.infer<typeof moveOrgBody>;
export type CreateTeamInput = z.infer<typeof createTeamBody>;
export type UpdateTeamInput = z.infer<typeof updateTeamBody>;
export type CreatePostInput = z.infer<typeof createPostBody>;
export type UpdatePostInput = z.infer<typeof updatePostBody>;
export type CreateDeploymentInput = z.infer<typeof createDeploymentBody>;
export type ServiceRecordInput = z.infer<typeof serviceRecordBody>;
export type Availability = z.infer<typeof availabilitySchema>;

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
