import { z } from 'zod';
import { calendarDate, id, plainText } from '../primitives';
import { HELP_KINDS } from './policy';

/**
 * Proactive care calls (主动关怀): each day the people on the outreach lists — elderly living alone, the bedridden,
 * dialysis patients, the pregnant, those under a measure at home — are called, and a need found becomes a
 * request. The lists themselves are policy data on the server (help_outreach_lists); this is what the web and the
 * server share about a call. Pure.
 */
export const OUTREACH_OUTCOMES = ['well', 'need', 'unreachable', 'declined'] as const;
export type OutreachOutcome = (typeof OUTREACH_OUTCOMES)[number];
/** What a list filter may ask for: a call not yet made, or an outcome. */
export const OUTREACH_STATES = ['pending', ...OUTREACH_OUTCOMES] as const;
/** An outcome after which the day's call is done: not reached may be tried again the same day. */
export const FINAL_OUTCOMES: readonly OutreachOutcome[] = ['well', 'need', 'declined'];

export const outreachCallBody = z.strictObject({
  outcome: z.enum(OUTREACH_OUTCOMES),
  note: plainText(300).nullish(),
  /** With outcome 'need': the request it becomes, matched to the person called. */
  need: z
    .strictObject({
      kind: z.enum(HELP_KINDS),
      need: plainText(500).min(1),
      tier: z.string().min(1).max(20).nullish(),
    })
    .nullish(),
});
export type OutreachCallInput = z.infer<typeof outreachCallBody>;

export const outreachPrepareBody = z.strictObject({ areaId: id, day: calendarDate.nullish() });
