import { z } from 'zod';
import { calendarDate, id, instantInput, plainText } from '../primitives';
import { EXEMPTION_KINDS, RESULTS } from './rules';

/** Request bodies of mass testing (全员核酸) — shared with the web forms and the desk page (the contracts in api/ use them). */
const isoDate = calendarDate;
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_format');
/** POOL_SIZES: 1, 5, 10 or 20 in one tube. */
const poolSize = z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(20)]);
const reason = plainText(200).min(1);
/** Raw scanner text; the service normalises it and checks the format (TUBE_BARCODE). */
const barcode = plainText(64).min(1);
const label = plainText(100).min(1);

export const poolRuleSchema = z.strictObject({ areaId: id.optional(), groups: z.array(plainText(40).min(1)).max(20).optional(), size: poolSize });

export const exemptionRulesSchema = z.strictObject({
  underAge: z.number().int().min(0).max(18),
  elderlyAge: z.number().int().min(60).max(120).nullable(),
  bedridden: z.boolean(),
  away: z.boolean(),
  other: z.boolean(),
});

export const createRoundBody = z
  .strictObject({
    name: label,
    areaId: id,
    startsOn: isoDate,
    endsOn: isoDate,
    rosterDate: isoDate,
    poolDefault: poolSize.default(10),
    poolRules: z.array(poolRuleSchema).max(100).default([]),
    exemptionRules: exemptionRulesSchema.optional(),
  })
  .refine((b) => b.endsOn >= b.startsOn, { message: 'invalid_value', path: ['endsOn'] });

export const roundStatusBody = z.strictObject({ status: z.enum(['open', 'closed']) });

export const createPointBody = z
  .strictObject({
    name: label,
    address: plainText(200).optional(),
    areaId: id,
    servesAreaIds: z.array(id).max(200).default([]),
    kind: z.enum(['fixed', 'mobile']).default('fixed'),
    desks: z.number().int().min(1).max(100).default(1),
    opensAt: hhmm.default('07:00'),
    closesAt: hhmm.default('19:00'),
    perDeskHour: z.number().int().min(1).max(600).default(60),
    staff: plainText(500).optional(),
  })
  .refine((b) => b.closesAt > b.opensAt, { message: 'invalid_value', path: ['closesAt'] });

export const openTubeBody = z.strictObject({
  roundId: id,
  pointId: id,
  desk: z.number().int().min(1).max(100).optional(),
  barcode,
  /** Overrides the round's pool size for this point (e.g. a single tube for a key group). */
  capacity: poolSize.optional(),
});

export const bindBody = z
  .strictObject({
    /** Made by the desk once per scan; a retry sends the same one and gets the first answer. */
    clientId: z.uuid(),
    tubeId: id,
    residentId: id.optional(),
    idNumber: plainText(40).min(1).optional(),
    householdId: id.optional(),
    /** Whatever the scanner typed: a resident or household QR code (WG:R:…, WG:H:…) or an ID number. */
    scan: plainText(64).min(1).optional(),
  })
  .refine((b) => [b.residentId, b.idNumber, b.householdId, b.scan].filter((v) => v !== undefined).length === 1, {
    message: 'one_person',
    path: ['residentId'],
  });

export const removeBindingBody = z.strictObject({ reason });
export const closeTubeBody = z.strictObject({ reason: reason.optional() });

export const createBoxBody = z.strictObject({ roundId: id, pointId: id, code: barcode });
export const boxTubesBody = z.strictObject({ barcodes: z.array(barcode).min(1).max(500) });
export const handOverBody = z.strictObject({
  /** Tubes counted in the box by hand; must equal the tubes bound to it. */
  count: z.number().int().min(0).max(10_000),
  /** Optional: the barcodes scanned at hand-over, to name the difference. */
  barcodes: z.array(barcode).max(10_000).optional(),
  lab: label,
});

export const resultItem = z.strictObject({
  barcode,
  result: z.enum(RESULTS),
  testedAt: instantInput,
  lab: label,
});
export const resultsBody = z.strictObject({ results: z.array(resultItem).min(1).max(20_000) });

export const exemptionBody = z.strictObject({
  roundId: id,
  residentId: id,
  kind: z.enum(EXEMPTION_KINDS),
  detail: plainText(200).optional(),
});

/**
 * A walk-in (临时登记): a person the registry does not know, registered at the point's area and bound into the
 * open tube in one step (server: walk-ins.ts).
 */
export const walkInBody = z.strictObject({
  clientId: z.uuid(),
  tubeId: id,
  idNumber: plainText(40).min(1),
  name: plainText(50).min(1),
  phone: plainText(30).optional(),
  /** Where they say they live or come from (kept in the registry's notes for the grid worker to reconcile). */
  address: plainText(200).optional(),
});

export const homeSamplingBody = z.strictObject({ under: id.optional(), assigneeTeamId: id.optional() });
