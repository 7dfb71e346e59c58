import { z } from 'zod';
import { temperature } from '../monitoring/schemas';
import { CODE_COLOURS, CONTACT_TYPES, SYMPTOMS } from '../policy/rules';
import { id, calendarDate as isoDate, plainText } from '../primitives';
import { RELATIONS } from '../residents/schemas';

/**
 * Door-to-door screening (敲门行动), arrivals and the risk-area list: request shapes shared by the server
 * routes and the phone form.
 */
export const LISTED_LEVELS = ['high', 'medium', 'low', 'lockdown', 'control', 'prevention'] as const;
export type ListedLevel = (typeof LISTED_LEVELS)[number];
export const VISIT_OUTCOMES = ['visited', 'nobody_home', 'refused'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
/** What a visit may find a household needs (特殊需求). */
export const NEEDS = ['medicine', 'food', 'elderly_care', 'disability', 'pregnancy', 'child_care', 'dialysis', 'psychological', 'other'] as const;
export const TRANSPORTS = ['train', 'plane', 'bus', 'car', 'ship', 'other'] as const;

const text = (max: number) => plainText(max).min(1);
/** A national division code of a county, town or village: 6, 9 or 12 digits. */
export const originCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, 'invalid_format');

const arrivalFields = {
  originCode: originCode.optional(),
  /** Required when there is no code (abroad): the place in words. */
  originName: text(100).optional(),
  abroad: z.boolean().optional(),
  arrivedOn: isoDate,
  transport: z.enum(TRANSPORTS).optional(),
  transportNo: text(30).optional(),
  reason: text(200).optional(),
  codeColour: z.enum(CODE_COLOURS).optional(),
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).optional(),
  contactType: z.enum(CONTACT_TYPES).optional(),
  exposedOn: isoDate.optional(),
};

export const arrivalBody = z.strictObject({ residentId: id, ...arrivalFields });
export type ArrivalInput = z.infer<typeof arrivalBody>;

export const proposeForArrivalBody = z.strictObject({
  on: isoDate.optional(),
  gridWorkerId: id.optional(),
  doctorId: id.optional(),
});

export const campaignBody = z
  .strictObject({
    name: text(100),
    areaId: id,
    startsOn: isoDate,
    endsOn: isoDate,
    lookbackDays: z.number().int().min(1).max(60).default(14),
    target: z.enum(['all', 'selection']).default('all'),
    householdIds: z.array(id).min(1).max(5000).optional(),
  })
  .refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], message: 'too_small' })
  .refine((b) => b.target === 'all' || (b.householdIds?.length ?? 0) > 0, { path: ['householdIds'], message: 'required' });
export type CampaignInput = z.infer<typeof campaignBody>;

/** A new person found living here: registered with a dated stay that starts on `movedInOn` (default: the visit day). */
const personAdded = z.strictObject({
  name: text(50),
  idType: plainText(30).optional(),
  idNumber: plainText(40).nullish(),
  sex: z.enum(['M', 'F']).nullish(),
  birthDate: isoDate.nullish(),
  phone: plainText(30).nullish(),
  relation: z.enum(RELATIONS).nullish(),
  movedInOn: isoDate.optional(),
});

export const visitBody = z
  .strictObject({
    /** Made by the phone (a UUID): a retry on a bad signal answers the first result and never counts twice. */
    clientId: z.uuid(),
    campaignId: id,
    householdId: id,
    outcome: z.enum(VISIT_OUTCOMES),
    /** The roster as registered was looked at and is right (apart from the changes below). */
    rosterConfirmed: z.boolean().optional(),
    added: z.array(personAdded).max(20).optional(),
    movedOut: z
      .array(z.strictObject({ residentId: id, on: isoDate.optional(), reason: text(200).optional() }))
      .max(20)
      .optional(),
    /** Arrivals in the campaign's look-back window: a member (`residentId`) or a person added on this visit (`addedIndex`). */
    arrivals: z
      .array(z.strictObject({ residentId: id.optional(), addedIndex: z.number().int().min(0).max(19).optional(), ...arrivalFields }))
      .max(20)
      .optional(),
    codeColour: z.enum(CODE_COLOURS).optional(),
    symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).optional(),
    temperature: temperature.optional(),
    /** Who has the fever or the symptoms (a member): the fever alert names them, else the household. */
    feverResidentId: id.optional(),
    testProof: plainText(200).optional(),
    needs: z.array(z.enum(NEEDS)).max(NEEDS.length).optional(),
    note: plainText(500).optional(),
    /** nobody_home: when to come back (default tomorrow). */
    revisitOn: isoDate.optional(),
  })
  .refine((b) => b.outcome === 'visited' || (!b.added?.length && !b.movedOut?.length && !b.arrivals?.length), {
    path: ['outcome'],
    message: 'visited_only',
  });
export type VisitInput = z.infer<typeof visitBody>;
