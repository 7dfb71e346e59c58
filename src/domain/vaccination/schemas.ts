import { z } from 'zod';
import { calendarDate, id, idParam, paging, plainText, queryBool } from '../primitives';
import { BANDS, CONTACT_KINDS, CONTRAINDICATIONS, OUTCOMES, REFUSAL_REASONS, STATES } from './kinds';

/** Request shapes of the vaccination module, shared by the server routes and the forms. */

/** A clock time, 24-hour HH:MM. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_format');

export const outreachQuery = z.strictObject({
  under: idParam.optional(),
  band: z.enum(BANDS).default('60plus'),
  state: z.enum(STATES).optional(),
  /** Only those whose next dose is due by today (the working list); false lists the whole band. */
  dueOnly: queryBool.optional(),
  ...paging,
});

/** A call or a visit and what it came to (refused: why; not suitable: the contraindication). */
export const contactBody = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  outcome: z.enum(OUTCOMES),
  reason: z.enum(REFUSAL_REASONS).optional(),
  contraindication: z.enum(CONTRAINDICATIONS).optional(),
  note: plainText(300).optional(),
  /** Whether the person needs a ride to the session, and a wheelchair place. */
  needsRide: z.boolean().optional(),
  wheelchair: z.boolean().optional(),
});

export const doseBody = z.strictObject({
  givenOn: calendarDate,
  product: plainText(100).pipe(z.string().min(1)),
  batch: plainText(50).pipe(z.string().min(1)),
  site: plainText(100).optional(),
});

export const callsBody = z.strictObject({
  areaId: id,
  band: z.enum(BANDS).default('60plus'),
  kind: z.enum(CONTACT_KINDS).default('call'),
});

export const vehicleBody = z.strictObject({
  areaId: id,
  name: plainText(50).pipe(z.string().min(1)),
  seats: z.number().int().min(1).max(60),
  wheelchairSpaces: z.number().int().min(0).max(10).default(0),
  driver: plainText(50).optional(),
});

export const sessionBody = z.strictObject({
  areaId: id,
  day: calendarDate,
  site: plainText(100).pipe(z.string().min(1)),
  startsAt: clockTime,
  endsAt: clockTime,
});

export const riderBody = z.strictObject({
  residentId: id,
  wheelchair: z.boolean().default(false),
  /** The pickup window. */
  from: clockTime,
  to: clockTime,
});

export const underQuery = z.strictObject({ under: idParam.optional() });
export const sessionsQuery = z.strictObject({ under: idParam.optional(), day: calendarDate.optional() });
export const ridePlanQuery = z.strictObject({ villageId: idParam, day: calendarDate });
