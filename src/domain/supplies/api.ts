import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, day, idParam, idParams, instant, paging, queryBool } from '../primitives';
import { CATEGORIES, DONATION_KINDS, DONOR_KINDS, MOVEMENT_KINDS, STORE_LEVELS } from './kinds';
import { countBody, donationBody, issueBody, itemBody, kitBody, policyBody, receiptBody, storeBody, transferBody } from './schemas';

/** The supplies module's routes (server/modules/supplies): catalogue, stores, stock, movements, donations (物资与捐赠). */
const BASE = '/api/supplies';

// ——— answers ———
export const itemView = z.object({ id: z.number(), name: z.string(), category: z.enum(CATEGORIES), unit: z.string(), packSize: z.number() });
export const kitView = z.object({
  id: z.number(),
  name: z.string(),
  lines: z.array(z.object({ itemId: z.number(), itemName: z.string(), unit: z.string(), qty: z.number() })),
});

/** One store × item on hand: its batches in the order they are issued (earliest expiry first). */
export const stockLine = z.object({
  storeId: z.number(),
  storeName: z.string(),
  itemId: z.number(),
  itemName: z.string(),
  category: z.enum(CATEGORIES),
  unit: z.string(),
  packSize: z.number(),
  onHand: z.number(),
  /** Issued over the policy's window (days). */
  usedInWindow: z.number(),
  /** null: nothing issued in the window, so no rate to run out at. */
  coverDays: z.number().nullable(),
  low: z.boolean(),
  alertOpen: z.boolean(),
  nextExpiry: day.nullable(),
  batches: z.array(z.object({ batchId: z.number(), lot: z.string().nullable(), expiresOn: day.nullable(), qty: z.number() })),
});

export const storeView = z.object({
  id: z.number(),
  name: z.string(),
  level: z.enum(STORE_LEVELS),
  areaId: z.number(),
  areaName: z.string(),
  postId: z.number().nullable(),
  siteId: z.number().nullable(),
  /** The text of the store's shelf labels (QR). */
  qrText: z.string(),
  items: z.number(),
  lowItems: z.number(),
});
export const storeDetail = storeView.extend({ stock: z.array(stockLine), useWindowDays: z.number(), lowCoverDays: z.number() });

export const movementView = z.object({
  id: z.number(),
  kind: z.enum(MOVEMENT_KINDS),
  source: z.string().nullable(),
  storeId: z.number(),
  storeName: z.string(),
  toStoreId: z.number().nullable(),
  toStoreName: z.string().nullable(),
  targetId: z.number().nullable(),
  kitId: z.number().nullable(),
  kitCount: z.number().nullable(),
  donationId: z.number().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  occurredOn: day,
  createdAt: instant,
  createdByName: z.string().nullable(),
  lines: z.array(
    z.object({
      storeId: z.number(),
      itemId: z.number(),
      itemName: z.string(),
      unit: z.string(),
      batchId: z.number(),
      lot: z.string().nullable(),
      expiresOn: day.nullable(),
      qty: z.number(),
    }),
  ),
});

export const donationView = z.object({
  id: z.number(),
  receiptNo: z.string(),
  kind: z.enum(DONATION_KINDS),
  donorKind: z.enum(DONOR_KINDS),
  donorName: z.string(),
  /** Masked in every answer. */
  donorIdNumber: z.string().nullable(),
  donorPhone: z.string().nullable(),
  contributors: z.array(z.object({ name: z.string(), amount: z.number() })),
  amount: z.number().nullable(),
  restrictedUse: z.string().nullable(),
  discloseName: z.boolean(),
  receivedOn: day,
  areaId: z.number(),
  areaName: z.string(),
  storeId: z.number().nullable(),
  storeName: z.string().nullable(),
  movementId: z.number().nullable(),
  note: z.string().nullable(),
  goods: z.array(z.object({ itemId: z.number(), itemName: z.string(), unit: z.string(), qty: z.number() })),
  createdAt: instant,
});

/** Where a donation's goods went: every movement of its batches after they came in. */
export const donationTrace = z.object({
  donation: donationView,
  items: z.array(
    z.object({
      itemId: z.number(),
      itemName: z.string(),
      unit: z.string(),
      received: z.number(),
      issued: z.number(),
      onHand: z.number(),
      steps: z.array(
        z.object({
          movementId: z.number(),
          kind: z.enum(MOVEMENT_KINDS),
          source: z.string().nullable(),
          occurredOn: day,
          storeName: z.string(),
          toStoreName: z.string().nullable(),
          targetId: z.number().nullable(),
          qty: z.number(),
        }),
      ),
    }),
  ),
});

export const disclosureRow = z.object({
  receiptNo: z.string(),
  receivedOn: day,
  /** The donor's name, or 爱心人士 when they asked not to be named. */
  donor: z.string(),
  donorKind: z.enum(DONOR_KINDS),
  kind: z.enum(DONATION_KINDS),
  amount: z.number().nullable(),
  goods: z.string(),
  restrictedUse: z.string().nullable(),
  /** Where the goods went, in words: issued so far and to how many. */
  use: z.string(),
});

export const suppliesPolicy = z.object({ useWindowDays: z.number(), lowCoverDays: z.number() });

const areaQuery = { under: idParam.optional() };
const movementOutcome = z.object({ movement: movementView, duplicate: z.boolean() });

// ——— catalogue ———
export const listItems = defineRoute({
  method: 'GET',
  path: `${BASE}/items`,
  summary: 'The catalogue (deployment-wide)',
  responses: { 200: z.object({ items: z.array(itemView) }) },
});
export const createItem = defineRoute({
  method: 'POST',
  path: `${BASE}/items`,
  summary: 'Adds an item to the catalogue',
  body: itemBody,
  responses: { 201: itemView },
});
export const listKits = defineRoute({
  method: 'GET',
  path: `${BASE}/kits`,
  summary: 'Kits (such as 保供包): lists of items',
  responses: { 200: z.object({ items: z.array(kitView) }) },
});
export const createKit = defineRoute({ method: 'POST', path: `${BASE}/kits`, summary: 'Defines a kit', body: kitBody, responses: { 201: kitView } });
export const getPolicy = defineRoute({ method: 'GET', path: `${BASE}/policy`, summary: 'The low-stock policy', responses: { 200: suppliesPolicy } });
export const putPolicy = defineRoute({
  method: 'PUT',
  path: `${BASE}/policy`,
  summary: 'Changes the low-stock policy (root only)',
  body: policyBody,
  responses: { 200: suppliesPolicy },
});

// ——— stores and stock ———
export const listStores = defineRoute({
  method: 'GET',
  path: `${BASE}/stores`,
  summary: 'Stores in scope with their low items',
  query: z.strictObject(areaQuery),
  responses: { 200: z.object({ items: z.array(storeView) }) },
});
export const createStore = defineRoute({
  method: 'POST',
  path: `${BASE}/stores`,
  summary: 'Opens a store in an area',
  body: storeBody,
  responses: { 201: storeView },
});
export const getStore = defineRoute({
  method: 'GET',
  path: `${BASE}/stores/:id`,
  summary: 'A store with its stock, days of cover and alerts',
  params: idParams,
  responses: { 200: storeDetail },
});
export const listStock = defineRoute({
  method: 'GET',
  path: `${BASE}/stock`,
  summary: 'Stock per store × item in scope, low first',
  query: z.strictObject({ ...areaQuery, lowOnly: queryBool.optional() }),
  responses: { 200: z.object({ items: z.array(stockLine) }) },
});

// ——— movements ———
export const receive = defineRoute({
  method: 'POST',
  path: `${BASE}/stores/:id/receipts`,
  summary: 'Receives goods into a store (purchase or from outside): one batch per line',
  params: idParams,
  body: receiptBody,
  responses: { 200: movementOutcome, 201: movementOutcome },
});
export const issue = defineRoute({
  method: 'POST',
  path: `${BASE}/stores/:id/issues`,
  summary: 'Issues from a store, earliest expiry first; refused (409) with what is there when short',
  params: idParams,
  body: issueBody,
  responses: { 200: movementOutcome, 201: movementOutcome },
});
export const transfer = defineRoute({
  method: 'POST',
  path: `${BASE}/stores/:id/transfers`,
  summary: 'Moves stock to another store in reach, earliest expiry first',
  params: idParams,
  body: transferBody,
  responses: { 200: movementOutcome, 201: movementOutcome },
});
export const count = defineRoute({
  method: 'POST',
  path: `${BASE}/stores/:id/counts`,
  summary: 'Records a stock count: the variance per batch, with its reason',
  params: idParams,
  body: countBody,
  responses: { 200: movementOutcome, 201: movementOutcome },
});
export const listMovements = defineRoute({
  method: 'GET',
  path: `${BASE}/movements`,
  summary: 'Movements in scope, newest first',
  query: z.strictObject({ storeId: idParam.optional(), kind: z.enum(MOVEMENT_KINDS).optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(movementView), total: z.number().int() }) },
});

// ——— donations ———
export const listDonations = defineRoute({
  method: 'GET',
  path: `${BASE}/donations`,
  summary: 'The donations ledger in scope (donor numbers masked)',
  query: z.strictObject({ ...areaQuery, ...paging }),
  responses: { 200: z.object({ items: z.array(donationView), total: z.number().int(), moneyTotal: z.number() }) },
});
export const createDonation = defineRoute({
  method: 'POST',
  path: `${BASE}/donations`,
  summary: 'Records a donation; goods are received into a store as a donation movement',
  body: donationBody,
  responses: { 200: donationView, 201: donationView },
});
export const getDonation = defineRoute({
  method: 'GET',
  path: `${BASE}/donations/:id`,
  summary: 'A donation with where its goods went',
  params: idParams,
  responses: { 200: donationTrace },
});
export const disclosure = defineRoute({
  method: 'GET',
  path: `${BASE}/disclosure`,
  summary: 'The public disclosure list (公示) of donations received in a period',
  query: z.strictObject({ ...areaQuery, from: calendarDate.optional(), to: calendarDate.optional() }),
  responses: { 200: z.object({ areaName: z.string(), from: day.nullable(), to: day.nullable(), rows: z.array(disclosureRow), moneyTotal: z.number() }) },
});
