import { z } from 'zod';
import { calendarDate, id, plainText } from '../primitives';
import { CATEGORIES, DONATION_KINDS, DONOR_KINDS, ISSUE_TARGETS, RECEIPT_SOURCES, STORE_LEVELS, UNIT_CODES } from './kinds';

/** Request shapes of the supplies module, shared by the server routes and the forms. */

/** A quantity in the item's unit: a whole positive number (zero and negatives are refused). */
export const quantity = z.number().refine((n) => Number.isInteger(n) && n > 0 && n <= 10_000_000, 'invalid_quantity');
/** The phone's own id of a write: a resend with it is recorded once. */
export const clientId = z.uuid();

export const itemBody = z.strictObject({
  name: plainText(100).min(1),
  category: z.enum(CATEGORIES),
  unit: z
    .string()
    .max(10)
    .refine((u) => (UNIT_CODES as string[]).includes(u), 'unknown_unit'),
  packSize: z.number().int().positive().max(100_000).default(1),
});

export const kitBody = z.strictObject({
  name: plainText(100).min(1),
  lines: z
    .array(z.strictObject({ itemId: id, qty: quantity }))
    .min(1)
    .max(50),
});

export const storeBody = z.strictObject({
  name: plainText(100).min(1),
  level: z.enum(STORE_LEVELS),
  areaId: id,
  postId: id.nullish(),
  siteId: id.nullish(),
});

export const receiptLine = z.strictObject({
  itemId: id,
  qty: quantity,
  lot: plainText(60).nullish(),
  expiresOn: calendarDate.nullish(),
});
export type ReceiptLine = z.infer<typeof receiptLine>;

export const receiptBody = z.strictObject({
  clientId: clientId.optional(),
  source: z.enum(RECEIPT_SOURCES.filter((s) => s !== 'donation') as ['purchase', 'transfer_in']),
  occurredOn: calendarDate,
  note: plainText(500).nullish(),
  lines: z.array(receiptLine).min(1).max(200),
});

export const itemQty = z.strictObject({ itemId: id, qty: quantity });

export const issueBody = z
  .strictObject({
    clientId: clientId.optional(),
    target: z.enum(ISSUE_TARGETS),
    /** The post, household or help request (the help module's id: a plain reference) it went to. */
    targetId: id.nullish(),
    /** A kit's lines × kitCount are issued (with any extra lines). */
    kitId: id.nullish(),
    kitCount: z.number().int().positive().max(10_000).nullish(),
    occurredOn: calendarDate.optional(),
    note: plainText(500).nullish(),
    lines: z.array(itemQty).max(100).default([]),
  })
  .refine((b) => b.lines.length > 0 || b.kitId, { message: 'required', path: ['lines'] })
  .refine((b) => b.target !== 'kit' || b.kitId, { message: 'required', path: ['kitId'] })
  .refine((b) => !['post', 'household', 'help_request'].includes(b.target) || b.targetId, { message: 'required', path: ['targetId'] });
export type IssueInput = z.infer<typeof issueBody>;

export const transferBody = z.strictObject({
  clientId: clientId.optional(),
  toStoreId: id,
  occurredOn: calendarDate.optional(),
  note: plainText(500).nullish(),
  lines: z.array(itemQty).min(1).max(100),
});

export const countBody = z.strictObject({
  clientId: clientId.optional(),
  occurredOn: calendarDate.optional(),
  reason: plainText(300).min(1),
  lines: z
    .array(z.strictObject({ batchId: id, counted: z.number().int().min(0).max(10_000_000) }))
    .min(1)
    .max(200)
    // A batch counted twice in one count would have both variances added to it (and could go below zero).
    .superRefine((lines, c) => {
      const seen = new Set<number>();
      lines.forEach((l, i) => {
        if (seen.has(l.batchId)) c.addIssue({ code: 'custom', message: 'repeated', path: [i, 'batchId'] });
        seen.add(l.batchId);
      });
    }),
});

export const policyBody = z.strictObject({
  useWindowDays: z.number().int().min(1).max(90),
  lowCoverDays: z.number().positive().max(365),
});

/** Yuan with at most two decimals. */
const money = z
  .number()
  .refine((n) => n > 0 && n <= 1_000_000_000, 'invalid_amount')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'invalid_format');

export const donationBody = z
  .strictObject({
    clientId: clientId.optional(),
    kind: z.enum(DONATION_KINDS),
    donorKind: z.enum(DONOR_KINDS),
    donorName: plainText(100).min(1),
    donorIdNumber: plainText(30).nullish(),
    donorPhone: z
      .string()
      .regex(/^[0-9+\- ]{5,20}$/, 'invalid_format')
      .nullish(),
    contributors: z
      .array(z.strictObject({ name: plainText(50).min(1), amount: money }))
      .max(500)
      .default([]),
    amount: money.nullish(),
    restrictedUse: plainText(200).nullish(),
    discloseName: z.boolean().default(true),
    receivedOn: calendarDate,
    areaId: id,
    /** Goods: the store they are received into and what came. */
    storeId: id.nullish(),
    lines: z.array(receiptLine).max(200).default([]),
    note: plainText(500).nullish(),
  })
  .refine((b) => b.kind === 'goods' || b.amount || b.contributors.length, { message: 'required', path: ['amount'] })
  .refine((b) => b.kind === 'money' || b.storeId, { message: 'required', path: ['storeId'] })
  .refine((b) => b.kind === 'money' || b.lines.length > 0, { message: 'required', path: ['lines'] });
export type DonationInput = z.infer<typeof donationBody>;
