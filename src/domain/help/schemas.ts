import { z } from 'zod';
import { calendarDate, id, plainText } from '../primitives';
import { photoIds } from '../photos/api';
import { HELP_KINDS, WORKER_CHANNELS } from './policy';

/** Request bodies of the help module. Phone and resident are both optional here: the service refuses, with why, a request that names neither. */
const TRACKING = /^[A-HJ-NP-Z2-9]{8}$/;
export const trackingCode = z.string().regex(TRACKING, 'invalid_code');
const tier = z.string().min(1).max(20);

const need = {
  kind: z.enum(HELP_KINDS),
  need: plainText(500).min(1),
  name: plainText(50).nullish(),
  phone: plainText(30).nullish(),
  address: plainText(200).nullish(),
  tier: tier.nullish(),
};

/** The public page: a client id made by the page, so a resend after a lost answer is recorded once. */
export const publicSubmitBody = z.strictObject({ clientId: z.uuid(), ...need });

/** A worker recording on someone's behalf (a phone call, the 12345 hotline's list, a walk-in). */
export const recordBody = z.strictObject({
  ...need,
  channel: z.enum(WORKER_CHANNELS),
  areaId: id,
  residentId: id.nullish(),
  /** The 12345 hotline's own number for the case, kept for replies to it. */
  externalRef: plainText(40).nullish(),
});

export const stepBody = z.strictObject({
  /** The step the worker saw: a request moved on meanwhile is refused rather than decided twice. */
  step: z.string().min(1).max(40),
  option: z.string().min(1).max(40),
  tier: tier.nullish(),
  note: plainText(300).nullish(),
});

export const assignBody = z.strictObject({ userId: id.nullish() });
/** Proof of delivery: a photo, or the code the recipient reads out (given to them at intake). */
export const deliverBody = z.strictObject({
  code: z
    .string()
    .regex(/^\d{4}$/, 'invalid_code')
    .nullish(),
  photoIds: z.array(id).max(10).nullish(),
  /** Cash the deliverer advanced for the purchase, in yuan (垫付); then a photo of the receipt is required. */
  advanceYuan: z.number().positive().max(100_000).multipleOf(0.01).nullish(),
  receiptPhotoIds: z.array(id).max(5).nullish(),
});
export const closeBody = z.strictObject({ outcome: z.enum(['done', 'impossible']), reason: plainText(300).nullish() });
/** To an office (an area), optionally addressed to a command group (专班 / 工作组) whose area holds it: its members decide. */
export const transferBody = z.strictObject({ areaId: id, groupId: id.optional(), reason: plainText(300).min(1) });
export const refuseBody = z.strictObject({ reason: plainText(300).min(1) });
export const followUpBody = z.strictObject({ satisfaction: z.number().int().min(1).max(5), note: plainText(300).nullish() });
export const linkBody = z.strictObject({ areaId: id });
export const closureQuery = z.strictObject({ under: z.coerce.number().int().positive().max(2_147_483_647).optional(), from: calendarDate, to: calendarDate });

export type PublicSubmitInput = z.infer<typeof publicSubmitBody>;
export type RecordInput = z.infer<typeof recordBody>;
export type StepInput = z.infer<typeof stepBody>;
