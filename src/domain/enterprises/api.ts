import { z } from 'zod';
import { defineRoute } from '../contract';
import { day, fileDownload, idParams, instant, paging } from '../primitives';
import { APPLICATION_STATES, DOCUMENT_KINDS, ENTERPRISE_STATES, FILE_KINDS } from './policy';
import { applicationBody, decisionBody, documentQuery, enterpriseBody, enterprisePatch, ledgerBody, ledgerQuery, listQuery } from './schemas';

/** The enterprises module's routes (server/modules/enterprises): register, resumption (复工复产), staff, ledger. */
const BASE = '/api/enterprises';

// ——— answers ———
export const enterprise = z.object({
  id: z.number(),
  creditCode: z.string(),
  name: z.string(),
  industry: z.string(),
  headcount: z.number(),
  hasDormitory: z.boolean(),
  hasCanteen: z.boolean(),
  areaId: z.number(),
  areaName: z.string(),
  cadreUserId: z.number().nullable(),
  cadreName: z.string().nullable(),
  status: z.enum(ENTERPRISE_STATES),
  stockDays: z.number().nullable(),
  officerName: z.string().nullable(),
  /** Masked in lists; whole on the enterprise's page. */
  officerPhone: z.string().nullable(),
  staffCount: z.number(),
  ledgerToday: z.boolean(),
  suspendedAt: instant.nullable(),
  suspendedReason: z.string().nullable(),
  /** The enterprise as an inspection target (督导检查). */
  inspectionTargetId: z.number().nullable(),
  updatedAt: instant,
});

export const documentView = z.object({
  id: z.number(),
  kind: z.enum(DOCUMENT_KINDS),
  fileKind: z.enum(FILE_KINDS),
  fileName: z.string(),
  size: z.number(),
  uploadedAt: instant,
  uploadedByName: z.string().nullable(),
});

export const application = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  status: z.enum(APPLICATION_STATES),
  selfCheck: z.record(z.string(), z.boolean()),
  preventionPlanId: z.number(),
  emergencyPlanId: z.number(),
  note: z.string().nullable(),
  submittedAt: instant,
  submittedByName: z.string().nullable(),
  townDecidedAt: instant.nullable(),
  townDecidedByName: z.string().nullable(),
  townReason: z.string().nullable(),
  countyDecidedAt: instant.nullable(),
  countyDecidedByName: z.string().nullable(),
  countyReason: z.string().nullable(),
});

export const staffMember = z.object({ id: z.number(), name: z.string(), idNumber: z.string(), phone: z.string().nullable(), post: z.string().nullable() });

export const ledger = z.object({
  id: z.number(),
  day: day,
  present: z.number(),
  temperatureAbnormal: z.number(),
  returnees: z.array(
    z.object({
      staffId: z.number(),
      name: z.string(),
      originCode: z.string(),
      originName: z.string(),
      level: z.string(),
      returnedOn: day,
      flagged: z.boolean(),
    }),
  ),
  flagged: z.number(),
  note: z.string().nullable(),
  submittedAt: instant,
  submittedByName: z.string().nullable(),
});

export const enterpriseDetail = enterprise.extend({
  documents: z.array(documentView),
  applications: z.array(application),
  recentLedgers: z.array(ledger),
});

export const policyAnswer = z.object({
  sixInPlace: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), proof: z.string().nullable() })),
  minStockDays: z.number(),
  documentMaxBytes: z.number(),
});

// ——— routes ———
export const getPolicy = defineRoute({
  method: 'GET',
  path: `${BASE}/policy`,
  summary: 'The "six in place" self-check, the days of stock asked for and the plans’ size cap',
  responses: { 200: policyAnswer },
});

export const listEnterprises = defineRoute({
  method: 'GET',
  path: BASE,
  summary: 'Enterprises registered in scope (phones masked)',
  query: listQuery,
  responses: { 200: z.object({ items: z.array(enterprise), total: z.number().int() }) },
});

export const createEnterprise = defineRoute({
  method: 'POST',
  path: BASE,
  summary: 'Registers an enterprise (its credit code’s check character validated) and makes it an inspection target',
  body: enterpriseBody,
  responses: { 201: enterprise },
});

export const getEnterprise = defineRoute({
  method: 'GET',
  path: `${BASE}/:id`,
  summary: 'An enterprise with its plans, applications and last week’s ledger',
  params: idParams,
  responses: { 200: enterpriseDetail },
});

export const updateEnterprise = defineRoute({
  method: 'PATCH',
  path: `${BASE}/:id`,
  summary: 'Declares headcount, stock in days of cover, the prevention officer or the cadre in charge',
  params: idParams,
  body: enterprisePatch,
  responses: { 200: enterpriseDetail },
});

export const uploadDocument = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/documents`,
  summary: 'Uploads a prevention or emergency plan (multipart, one PDF, .docx or photo, kind sniffed, size capped)',
  params: idParams,
  query: documentQuery,
  responses: { 201: documentView },
});

export const downloadDocument = defineRoute({
  method: 'GET',
  path: `${BASE}/documents/:id`,
  summary: 'A plan’s file',
  params: idParams,
  responses: { 200: fileDownload },
});

export const applyToResume = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/applications`,
  summary: 'Applies to resume (or resume again after a suspension): the six in place checked, the plans attached',
  params: idParams,
  body: applicationBody,
  responses: { 201: application },
});

export const listApplications = defineRoute({
  method: 'GET',
  path: `${BASE}/applications`,
  summary: 'Applications waiting at the caller’s step (town or county) in scope, oldest first',
  query: z.strictObject({ ...paging }),
  responses: { 200: z.object({ items: z.array(application), total: z.number().int() }) },
});

export const decideApplication = defineRoute({
  method: 'POST',
  path: `${BASE}/applications/:id/decision`,
  summary: 'The town’s, then the county’s decision on an application; a refusal states its reason',
  params: idParams,
  body: decisionBody,
  responses: { 200: application },
});

export const importStaff = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/staff/import`,
  summary: 'Replaces the staff list from a spreadsheet (name, ID number, phone, post), all rows valid or none kept',
  params: idParams,
  responses: { 200: z.object({ imported: z.number().int(), suspended: z.boolean() }) },
});

export const listStaff = defineRoute({
  method: 'GET',
  path: `${BASE}/:id/staff`,
  summary: 'The staff list (names, ID numbers and phones masked)',
  params: idParams,
  query: z.strictObject({ ...paging }),
  responses: { 200: z.object({ items: z.array(staffMember), total: z.number().int() }) },
});

export const submitLedger = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/ledgers`,
  summary: 'The day’s health ledger: staff present, abnormal temperatures, returnees checked against the risk areas',
  params: idParams,
  body: ledgerBody,
  responses: { 200: ledger, 201: ledger },
});

export const listLedgers = defineRoute({
  method: 'GET',
  path: `${BASE}/:id/ledgers`,
  summary: 'The enterprise’s daily ledgers, newest first',
  params: idParams,
  query: ledgerQuery,
  responses: { 200: z.object({ items: z.array(ledger), total: z.number().int() }) },
});

export const checkCases = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/case-check`,
  summary: 'Matches the staff against the case register now; a case among them suspends the enterprise',
  params: idParams,
  responses: { 200: z.object({ cases: z.number().int(), suspended: z.boolean() }) },
});
