import { z } from 'zod';
import { CODE_COLOURS } from '../policy/rules';
import { calendarDate, id, instantInput, plainText } from '../primitives';
import { originCode } from '../screening/schemas';
import { CHECK_ITEMS, DECISIONS, DIRECTIONS, LEAVE_MAX_DAYS, POST_KINDS, ROSTER_REQUEST_KINDS, STAFF_ROLES, SUPPLIES, VEHICLE_TYPES } from './kinds';
import { SHIFT_KINDS, TIME_OF_DAY } from './shifts';

/** Request shapes of the checkpoints module, shared by the server routes and the forms. */
const text = (max: number) => plainText(max).min(1);
const timeOfDay = z.string().regex(TIME_OF_DAY, 'invalid_format');

export const staffing = z.strictObject(
  Object.fromEntries(STAFF_ROLES.map((r) => [r, z.number().int().min(0).max(50).optional()])) as Record<
    (typeof STAFF_ROLES)[number],
    z.ZodOptional<z.ZodNumber>
  >,
);
export type Staffing = Partial<Record<(typeof STAFF_ROLES)[number], number>>;

export const shift = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'invalid_format'),
  name: text(20),
  start: timeOfDay,
  end: timeOfDay,
});

const postFields = {
  name: text(100),
  kind: z.enum(POST_KINDS),
  place: plainText(200).optional(),
  directions: z.array(z.enum(DIRECTIONS)).min(1).max(2).optional(),
  lanes: z.number().int().min(1).max(50).optional(),
  /** Opening hours, local time; both absent = around the clock. */
  opensAt: timeOfDay.nullish(),
  closesAt: timeOfDay.nullish(),
  staffing: staffing.optional(),
  opensOn: calendarDate,
  closesOn: calendarDate.nullish(),
  /** A temporary party branch at the post (made in the volunteers module). */
  branchId: id.nullish(),
};
const hoursBoth = (b: { opensAt?: string | null; closesAt?: string | null }) => !b.opensAt === !b.closesAt;
const datesInOrder = (b: { opensOn?: string; closesOn?: string | null }) => !b.opensOn || !b.closesOn || b.closesOn >= b.opensOn;

export const createPostBody = z
  .strictObject({ areaId: id, ...postFields, shiftKind: z.enum(SHIFT_KINDS).optional(), shifts: z.array(shift).max(6).optional() })
  .refine(hoursBoth, { path: ['closesAt'], message: 'required' })
  .refine(datesInOrder, { path: ['closesOn'], message: 'too_small' });
export type CreatePostInput = z.infer<typeof createPostBody>;

export const updatePostBody = z
  .strictObject({
    name: postFields.name.optional(),
    kind: postFields.kind.optional(),
    place: postFields.place,
    directions: postFields.directions,
    lanes: postFields.lanes,
    opensAt: postFields.opensAt,
    closesAt: postFields.closesAt,
    staffing: postFields.staffing,
    opensOn: calendarDate.optional(),
    closesOn: postFields.closesOn,
    branchId: postFields.branchId,
  })
  .refine(hoursBoth, { path: ['closesAt'], message: 'required' })
  .refine(datesInOrder, { path: ['closesOn'], message: 'too_small' });
export type UpdatePostInput = z.infer<typeof updatePostBody>;

export const shiftsBody = z.strictObject({
  shiftKind: z.enum(SHIFT_KINDS),
  /** Required for custom; the built-in templates' own shifts otherwise. */
  shifts: z.array(shift).min(1).max(6).optional(),
  handoverMinutes: z.number().int().min(0).max(120).optional(),
});
export type ShiftsInput = z.infer<typeof shiftsBody>;

export const assignBody = z.strictObject({
  postId: id,
  day: calendarDate,
  shiftCode: shift.shape.code,
  userId: id,
  role: z.enum(STAFF_ROLES),
});
export type AssignInput = z.infer<typeof assignBody>;

/** Fill the week (一键排班): an area's posts from a day, up to seven days. */
export const fillBody = z.strictObject({
  areaId: id,
  from: calendarDate,
  days: z.number().int().min(1).max(7).default(7),
});
export type FillInput = z.infer<typeof fillBody>;

export const checkInBody = z.strictObject({
  /** The post's QR code as scanned (or its token). */
  code: text(100),
});

export const handoverBody = z.strictObject({
  shiftCode: shift.shape.code.optional(),
  incidents: plainText(1000).optional(),
  suppliesShort: z.array(z.enum(SUPPLIES)).max(SUPPLIES.length).optional(),
  note: plainText(500).optional(),
});

export const crossingPerson = z.strictObject({
  name: plainText(50).optional(),
  idNumber: plainText(40).optional(),
  phone: plainText(30).optional(),
  /** Checked against 34–43 °C by the service (a clear error rather than a schema message). */
  temperature: z.number().min(0).max(100),
  codeColour: z.enum(CODE_COLOURS).optional(),
});

export const crossingBody = z.strictObject({
  /** Made by the phone (a UUID): the same crossing sent twice is one record. */
  clientId: z.uuid(),
  postId: id,
  /** When it happened on the phone (offline, synced later); default: when it arrives. */
  at: instantInput.optional(),
  direction: z.enum(DIRECTIONS),
  /** Checked by the service (a clear error naming the plate). */
  plate: plainText(16).optional(),
  vehicleType: z.enum(VEHICLE_TYPES).optional(),
  passNo: plainText(40).optional(),
  originCode: originCode.optional(),
  destinationAreaId: id.optional(),
  checks: z.array(z.enum(CHECK_ITEMS)).max(CHECK_ITEMS.length).optional(),
  people: z.array(crossingPerson).min(1).max(80),
  /** A stricter decision than the policy's, when the person recording sees a reason. */
  decision: z.enum(DECISIONS).optional(),
});
export type CrossingInput = z.infer<typeof crossingBody>;

/**
 * A swap or leave request. A swap names one of my shifts and the colleague to take it; leave names one of my
 * shifts, or a range of days (every shift of mine in it).
 */
export const rosterRequestBody = z
  .strictObject({
    kind: z.enum(ROSTER_REQUEST_KINDS),
    assignmentId: id.optional(),
    colleagueId: id.optional(),
    fromDay: calendarDate.optional(),
    toDay: calendarDate.optional(),
    reason: plainText(200).optional(),
  })
  .superRefine((v, ctx) => {
    const need = (path: string) => ctx.addIssue({ code: 'custom', message: 'required', path: [path] });
    if (v.kind === 'swap') {
      if (!v.assignmentId) need('assignmentId');
      if (!v.colleagueId) need('colleagueId');
      if (v.fromDay || v.toDay) ctx.addIssue({ code: 'custom', message: 'not_allowed', path: ['fromDay'] });
      return;
    }
    if (v.colleagueId) ctx.addIssue({ code: 'custom', message: 'not_allowed', path: ['colleagueId'] });
    if (v.assignmentId) {
      if (v.fromDay || v.toDay) ctx.addIssue({ code: 'custom', message: 'not_allowed', path: ['fromDay'] });
      return;
    }
    if (!v.fromDay) need('fromDay');
    if (!v.toDay) need('toDay');
    if (v.fromDay && v.toDay) {
      const days = (Date.parse(v.toDay) - Date.parse(v.fromDay)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: 'custom', message: 'before_start', path: ['toDay'] });
      else if (days >= LEAVE_MAX_DAYS) ctx.addIssue({ code: 'custom', message: 'leave_too_long', path: ['toDay'] });
    }
  });
export type RosterRequestInput = z.infer<typeof rosterRequestBody>;

/** Accepting, declining, withdrawing, approving or refusing a request: an optional note (a refusal's reason). */
export const requestDecisionBody = z.strictObject({ note: plainText(200).optional() });

/**
 * A new version of the roster rules and weights (policy data): every value given, each within what a roster can
 * live with — rest 0–24 hours, a weekly cap of 8–84 hours (one shift to seven 12-hour ones).
 */
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
export const rosterPolicyBody = z.strictObject({
  restHours: whole(0, 24),
  weeklyHourCap: whole(8, 84),
  maxShiftsPerDay: whole(1, 3),
  banNightThenMorning: z.boolean(),
  morningStartsBeforeHour: whole(1, 23),
  freeNights: whole(0, 7),
  freeWeekendShifts: whole(0, 6),
  weights: z.strictObject({
    travelPerStep: whole(0, 100),
    unfilled: whole(1, 100_000),
    extraNight: whole(0, 1000),
    extraWeekendShift: whole(0, 1000),
  }),
  /** Why the rules change (shown beside the version). */
  note: plainText(200).min(1),
});
export type RosterPolicyInput = z.infer<typeof rosterPolicyBody>;
