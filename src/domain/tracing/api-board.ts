import { z } from 'zod';
import { defineRoute } from '../contract';
import { exportPurposeBody } from '../platform/exports';
import { day, fileDownload, id, idParam, instant, paging, plainText } from '../primitives';
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
  /** Found and placed: their tasks done, their confirmed measures started with their follow-ups. */
  z.strictObject({ action: z.literal('placed'), contactIds: z.array(id).min(1).max(200), note: plainText(500).nullish() }),
  z.strictObject({ action: z.literal('assist'), contactIds: z.array(id).min(1).max(200), targetRegion: plainText(100).min(1) }),
]);

export const bulkContacts = defineRoute({
  method: 'POST',
  path: `${BASE}/contacts/bulk`,
  summary:
    'A bulk action on board contacts: assign their tasks to a worker, mark them not found, found and placed (their confirmed measures started), or make them assist requests (all or none)',
  body: bulkBody,
  responses: {
    200: z.object({
      updated: z.number().int(),
      skipped: z.array(z.object({ contactId: z.number(), reason: z.string() })),
      /** Placed: how many of their measures started now (a proposal still awaits confirmation). */
      measuresStarted: z.number().int().optional(),
    }),
  },
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

/**
 * The assist sheet (协查表, .xlsx) sent to the other county: per request our reference and only what finding the person
 * needs, with two columns for them to fill — the result (found / placed / not found) and a note — and send back.
 */
export const ASSIST_OUTCOME_WORDS: Record<(typeof ASSIST_OUTCOMES)[number], string> = { found: '已找到', placed: '已落实管控', not_found: '未找到' };

export const exportAssistRequests = defineRoute({
  method: 'POST',
  path: `${BASE}/assist-requests/export.xlsx`,
  summary:
    'The assist sheet (.xlsx) for another county — the open requests, or those named — with full name, phone and ID number (residents.reveal), for a stated purpose stamped in the file; each marked exported',
  query: z.strictObject({ targetRegion: plainText(100).optional() }),
  body: exportPurposeBody.extend({ ids: z.array(id).min(1).max(500).optional() }),
  responses: { 200: fileDownload },
});

/** Why an answer row was not applied: the request already has an answer that this one would overwrite. */
export const ASSIST_REFUSALS = ['already_found', 'already_placed', 'already_not_found'] as const;

export const importAssistAnswers = defineRoute({
  method: 'POST',
  path: `${BASE}/assist-requests/answers`,
  summary:
    'Imports the other county’s filled assist sheet (multipart/form-data, xlsx or csv): each answered row found, placed or not found. All rows readable or nothing applied; an answer already recorded is counted as a duplicate (the same file twice applies nothing), one contradicting a recorded answer is refused and listed; a reference not ours (or out of scope) is listed',
  responses: {
    200: z.object({
      rows: z.number().int(),
      applied: z.number().int(),
      duplicates: z.number().int(),
      unanswered: z.number().int(),
      refused: z.array(z.object({ row: z.number().int(), ref: z.string(), reason: z.enum(ASSIST_REFUSALS) })),
      unknown: z.array(z.string()),
    }),
  },
});
