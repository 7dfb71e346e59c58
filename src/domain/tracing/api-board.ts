import { z } from 'zod';
import { defineRoute } from '../contract';
import { id, idParam, instant, day, paging, plainText } from '../primitives';
import { contactItem } from './api';
import { CONTACT_LEVELS } from './kinds';

/** The contacts board across cases and assist requests (协查) of the tracing module (issue 16, points 3 and 8). */
const BASE = '/api/tracing';

/** The board's columns: to find (incl. not found yet), placed (no measure running), under a running measure, elsewhere. */
export const BOARD_STATES = ['to_find', 'placed', 'under_measure', 'elsewhere'] as const;

export const boardItem = contactItem.extend({ boardState: z.enum(BOARD_STATES), caseName: z.string(), assistState: z.string().nullable() });

export const contactsBoard = defineRoute({
  method: 'GET',
  path: `${BASE}/contacts`,
  summary: 'Contacts across the cases in scope, by board state, oldest task deadline first (names masked), with the count of each state',
  query: z.strictObject({ state: z.enum(BOARD_STATES).optional(), level: z.enum(CONTACT_LEVELS).optional(), under: idParam.optional(), ...paging }),
  responses: {
    200: z.object({ items: z.array(boardItem), total: z.number().int(), counts: z.record(z.enum(BOARD_STATES), z.number().int()) }),
  },
});

export const bulkBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), contactIds: z.array(id).min(1).max(200), userId: id }),
  z.strictObject({ action: z.literal('not_found'), contactIds: z.array(id).min(1).max(200), note: plainText(500).nullish() }),
  z.strictObject({ action: z.literal('assist'), contactIds: z.array(id).min(1).max(200), targetRegion: plainText(100).min(1) }),
]);

export const bulkContacts = defineRoute({
  method: 'POST',
  path: `${BASE}/contacts/bulk`,
  summary: 'A bulk action on board contacts: assign their tasks to a worker, mark them not found, or make them assist requests (all or none)',
  body: bulkBody,
  responses: { 200: z.object({ updated: z.number().int(), skipped: z.array(z.object({ contactId: z.number(), reason: z.string() })) }) },
});

// ——— assist requests ———
export const ASSIST_STATES = ['open', 'exported', 'found', 'placed', 'not_found'] as const;
export const ASSIST_OUTCOMES = ['found', 'placed', 'not_found'] as const;

export const assistItem = z.object({
  id: z.number(),
  ref: z.string(),
  contactId: z.number(),
  caseId: z.number(),
  /** Masked. */
  name: z.string(),
  phone: z.string().nullable(),
  targetRegion: z.string().nullable(),
  level: z.enum(CONTACT_LEVELS),
  lastExposureOn: day,
  exposureKind: z.string(),
  state: z.enum(ASSIST_STATES),
  answerNote: z.string().nullable(),
  exportedAt: instant.nullable(),
  answeredAt: instant.nullable(),
  createdAt: instant,
});

export const listAssistRequests = defineRoute({
  method: 'GET',
  path: `${BASE}/assist-requests`,
  summary: 'Assist requests (协查) of the cases in scope, newest first (names masked)',
  query: z.strictObject({ state: z.enum(ASSIST_STATES).optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(assistItem), total: z.number().int() }) },
});

/** The file sent to the other county: only what finding the person needs, keyed by our reference. */
export const ASSIST_FILE_FORMAT = 'wangge-assist-request/1';
export const ASSIST_ANSWER_FORMAT = 'wangge-assist-answer/1';
export const assistFileRow = z.object({
  ref: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  contactLevel: z.enum(CONTACT_LEVELS),
  lastExposureOn: day,
  exposureKind: z.string(),
});

export const exportAssistRequests = defineRoute({
  method: 'POST',
  path: `${BASE}/assist-requests/export`,
  summary: 'The assist-request file for another county (the open requests, or those named): pseudonymised, each marked exported',
  body: z.strictObject({ ids: z.array(id).min(1).max(500).optional(), targetRegion: plainText(100).optional() }),
  responses: {
    200: z.object({ format: z.literal(ASSIST_FILE_FORMAT), from: z.string(), createdAt: instant, requests: z.array(assistFileRow) }),
  },
});

export const assistAnswerFile = z.strictObject({
  format: z.literal(ASSIST_ANSWER_FORMAT),
  answers: z
    .array(z.strictObject({ ref: z.string().regex(/^XC-[A-Z0-9]{10}$/, 'invalid_format'), outcome: z.enum(ASSIST_OUTCOMES), note: plainText(500).nullish() }))
    .min(1)
    .max(500),
});

export const importAssistAnswers = defineRoute({
  method: 'POST',
  path: `${BASE}/assist-requests/answers`,
  summary: 'Imports the other county’s answer file: each request found, placed or not found (a reference not ours, or out of scope, is listed, not applied)',
  body: assistAnswerFile,
  responses: { 200: z.object({ applied: z.number().int(), unknown: z.array(z.string()) }) },
});
