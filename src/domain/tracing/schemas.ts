import { z } from 'zod';
import { calendarDate, id, instantInput, plainText } from '../primitives';
import { CERTAINTIES, CONTACT_LEVELS, EXPOSURE_KINDS, FOUND_BY, PLACEMENTS, TRAJECTORY_KINDS, TRANSPORT_KINDS } from './kinds';

/** Request shapes of the tracing module, shared by the server routes and the forms. */
const classification = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'invalid_format');

const caseFields = {
  classification,
  onsetOn: calendarDate.nullish(),
  testedOn: calendarDate.nullish(),
  reportedOn: calendarDate,
  foundBy: z.enum(FOUND_BY),
  isolatedAt: plainText(200).nullish(),
  isolatedOn: calendarDate.nullish(),
  note: plainText(1000).nullish(),
};

export const createCaseBody = z.strictObject({ residentId: id, ...caseFields });
export const updateCaseBody = z.strictObject({
  classification: classification.optional(),
  onsetOn: calendarDate.nullish(),
  testedOn: calendarDate.nullish(),
  reportedOn: calendarDate.optional(),
  isolatedAt: plainText(200).nullish(),
  isolatedOn: calendarDate.nullish(),
  note: plainText(1000).nullish(),
});
/** Opening a case from a positive single-tube result: the rest comes from the result. */
export const caseFromResultBody = z.strictObject({
  classification: classification.optional(),
  isolatedAt: plainText(200).nullish(),
  isolatedOn: calendarDate.nullish(),
});

/** One row of the trajectory's line list: a place (text or an area) or a trip, with its time window. */
export const trajectoryRow = z.strictObject({
  kind: z.enum(TRAJECTORY_KINDS),
  startsAt: instantInput,
  endsAt: instantInput.nullish(),
  place: plainText(200).nullish(),
  areaId: id.nullish(),
  /** A place the system holds records of: exposure suggestions read who was there in the window. */
  samplingPointId: id.nullish(),
  postId: id.nullish(),
  venueId: id.nullish(),
  transportKind: z.enum(TRANSPORT_KINDS).nullish(),
  transportNumber: plainText(30).nullish(),
  seat: plainText(20).nullish(),
  note: plainText(500).nullish(),
});
export type TrajectoryRowInput = z.infer<typeof trajectoryRow>;
export const trajectoryBody = z.strictObject({ rows: z.array(trajectoryRow).min(1).max(200) });

export const contactInput = z.strictObject({
  residentId: id,
  level: z.enum(CONTACT_LEVELS),
  lastExposureOn: calendarDate,
  place: plainText(200).nullish(),
  exposureKind: z.enum(EXPOSURE_KINDS),
  certainty: z.enum(CERTAINTIES),
  /** The contact of this case the person met (a secondary contact's close contact). */
  viaContactId: id.nullish(),
});
export type ContactInput = z.infer<typeof contactInput>;
export const contactsBody = z.strictObject({ contacts: z.array(contactInput).min(1).max(200) });

export const placementBody = z.strictObject({
  state: z.enum(PLACEMENTS.filter((p) => p !== 'to_find') as ['placed', 'not_found', 'elsewhere']),
  note: plainText(500).nullish(),
});

/** Problems in a trajectory row (field → code), beyond its types: the window ends before it starts; a trip names its kind, a place its place. */
export function trajectoryRowProblems(r: TrajectoryRowInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.endsAt && Date.parse(r.endsAt) < Date.parse(r.startsAt)) out.endsAt = 'before_start';
  if (r.kind === 'place' && !r.place && !r.areaId && !r.samplingPointId && !r.postId && !r.venueId) out.place = 'required';
  if (r.kind === 'transport' && !r.transportKind) out.transportKind = 'required';
  return out;
}
