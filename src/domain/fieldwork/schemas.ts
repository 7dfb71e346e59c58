import { z } from 'zod';
import { calendarDate, id, idParam, instantInput, plainText } from '../primitives';
import { photoIds } from '../photos/api';
import { JOB_KINDS, JOB_STATUSES, METHODS } from './kinds';

/** Request shapes of the field work module, shared by the server routes and the phone forms. */

const code = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'invalid_format');
const name = (max: number) => plainText(max).pipe(z.string().min(1));

const place = {
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracyM: z.number().min(0).max(100_000).optional(),
};

/** Who did it: a team of the volunteers module, or a team's name where none is registered. */
const team = { teamId: id.optional(), teamName: plainText(100).optional() };

/** What was done: checked by the rules (an after-photo on a terminal job, a believable area, not in the future). */
const work = {
  disinfectant: name(100),
  concentration: plainText(50).optional(),
  method: z.enum(METHODS),
  areaM2: z.number().finite(),
  beforePhotoIds: photoIds.optional(),
  afterPhotoIds: photoIds.optional(),
  doneAt: instantInput.optional(),
  note: plainText(1000).optional(),
  ...place,
};

/** A job recorded as done on the spot (a routine one, or a terminal one nobody planned). */
export const jobBody = z.strictObject({ kind: z.enum(JOB_KINDS), areaId: id, place: name(200), ...team, ...work });

/** A planned job (a round's or a case's) recorded done. */
export const jobDoneBody = z.strictObject({ ...team, ...work });

export const jobsQuery = {
  under: idParam.optional(),
  kind: z.enum(JOB_KINDS).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  overdue: z.enum(['true']).optional(),
};

/** A round: public places × dates, one planned job each, in the team's inbox. */
export const roundBody = z.strictObject({
  name: name(100),
  areaId: id,
  ...team,
  places: z
    .array(z.strictObject({ name: name(200), areaId: id }))
    .min(1)
    .max(100),
  dates: z.array(calendarDate).min(1).max(31),
});

export const rangeQuery = { under: idParam.optional(), from: calendarDate, to: calendarDate };

export const publicityBody = z.strictObject({
  kind: code,
  /** A village or community (counts are per village). */
  areaId: id,
  place: plainText(200).optional(),
  count: z.number().int().min(1).max(100_000),
  placedOn: calendarDate,
  photoIds,
  note: plainText(500).optional(),
});

export const campaignBody = z.strictObject({
  name: name(100),
  areaId: id,
  startsOn: calendarDate,
  endsOn: calendarDate,
  /** A template of the policy; or the items themselves. */
  template: code.optional(),
  items: z
    .array(z.strictObject({ code, text: name(200) }))
    .max(50)
    .optional(),
});

/** A household's checklist on a visit: the items ticked now (added to those ticked before). */
export const campaignVisitBody = z.strictObject({ householdId: id, ticked: z.array(code).max(50), note: plainText(500).optional() });
