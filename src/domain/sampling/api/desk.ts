import { z } from 'zod';
import { defineRoute } from '../../contract';
import { idParam, idParams, instant } from '../../primitives';
import { BOX_STATUSES, RESULTS, TUBE_STATUSES } from '../rules';
import { bindBody, boxTubesBody, closeTubeBody, createBoxBody, handOverBody, openTubeBody, removeBindingBody, walkInBody } from '../schemas';

/** The desk: tubes, bindings (the hot path), walk-ins and transport boxes (server: modules/sampling/desk.ts, boxes.ts, walk-ins.ts). */

export const tube = z.object({
  id: z.number(),
  roundId: z.number(),
  pointId: z.number(),
  desk: z.number().nullable(),
  barcode: z.string(),
  capacity: z.number(),
  bound: z.number(),
  full: z.boolean(),
  status: z.enum(TUBE_STATUSES),
  boxId: z.number().nullable(),
  openedAt: instant,
  closedAt: instant.nullable(),
  result: z.enum(RESULTS).nullable(),
});
export type Tube = z.infer<typeof tube>;

export const tubeMember = z.object({
  bindingId: z.number(),
  residentId: z.number(),
  seq: z.number(),
  /** Masked. */
  name: z.string(),
  idNumber: z.string().nullable(),
  boundAt: instant,
  duplicateOf: z.number().nullable(),
  removed: z.boolean(),
  removedReason: z.string().nullable(),
});
export const tubeWithMembers = tube.extend({ members: z.array(tubeMember) });
export type TubeWithMembers = z.infer<typeof tubeWithMembers>;

const openedTube = tube.extend({ replayed: z.boolean() });

export const openTube = defineRoute({
  method: 'POST',
  path: '/api/sampling/tubes',
  summary: 'Opens a tube at a desk (the desk’s previous tube is closed); a retry answers the same tube with 200',
  body: openTubeBody,
  responses: { 201: openedTube, 200: openedTube },
});

export const listTubes = defineRoute({
  method: 'GET',
  path: '/api/sampling/tubes',
  summary: 'A round’s tubes (a desk’s, a point’s), newest first',
  query: z.strictObject({
    roundId: idParam,
    pointId: idParam.optional(),
    desk: z.coerce.number().int().min(1).max(100).optional(),
    status: z.enum(TUBE_STATUSES).optional(),
  }),
  responses: { 200: z.object({ items: z.array(tube) }) },
});

export const getTube = defineRoute({
  method: 'GET',
  path: '/api/sampling/tubes/:id',
  summary: 'A tube and the people in it (masked)',
  params: idParams,
  responses: { 200: tubeWithMembers },
});

export const closeTube = defineRoute({
  method: 'POST',
  path: '/api/sampling/tubes/:id/close',
  summary: 'Closes a tube before it is full',
  params: idParams,
  body: closeTubeBody,
  responses: { 200: tube },
});

/**
 * The desk's answer to a scan, on the hot path: kept small and flat (a few fields per person, the tube's count).
 * `poolSize` is only in a first answer (a person whose rules call for a smaller pool), never in a replay.
 */
export const bindAnswer = z.object({
  replayed: z.boolean(),
  bindings: z.array(
    z.object({
      id: z.number(),
      residentId: z.number(),
      name: z.string(),
      seq: z.number(),
      duplicate: z.object({ bindingId: z.number(), tubeBarcode: z.string(), pointName: z.string(), boundAt: instant }).nullable(),
      poolSize: z.object({ required: z.number(), tube: z.number() }).nullable().optional(),
    }),
  ),
  tube: z.object({ id: z.number(), barcode: z.string(), capacity: z.number(), bound: z.number(), full: z.boolean() }),
  full: z.boolean(),
});
export type BindAnswer = z.infer<typeof bindAnswer>;

export const bind = defineRoute({
  method: 'POST',
  path: '/api/sampling/bindings',
  summary: 'Binds a person (or a household’s present members) into an open tube; a retry with the same clientId answers 200',
  body: bindBody,
  responses: { 201: bindAnswer, 200: bindAnswer },
});

const walkInAnswer = bindAnswer.extend({ registered: z.boolean() });
export type WalkInAnswer = z.infer<typeof walkInAnswer>;

export const walkIn = defineRoute({
  method: 'POST',
  path: '/api/sampling/walk-ins',
  summary: 'Registers a person the registry does not know at the point’s area and binds them, in one step',
  body: walkInBody,
  responses: { 201: walkInAnswer, 200: walkInAnswer },
});

export const removeBinding = defineRoute({
  method: 'POST',
  path: '/api/sampling/bindings/:id/remove',
  summary: 'Takes a person out of a tube not yet boxed (a wrong scan), with a reason',
  params: idParams,
  body: removeBindingBody,
  // The tube, or only its id when the caller may not see the tube (the person was in scope, the desk was not).
  responses: { 200: z.union([tube, z.object({ id: z.number() })]) },
});

// ——— boxes ———
export const box = z.object({
  id: z.number(),
  roundId: z.number(),
  pointId: z.number(),
  code: z.string(),
  status: z.enum(BOX_STATUSES),
  tubeCount: z.number(),
  lab: z.string().nullable(),
  handedOverAt: instant.nullable(),
});
export type Box = z.infer<typeof box>;
export const boxWithBarcodes = box.extend({ barcodes: z.array(z.string()) });

export const createBox = defineRoute({
  method: 'POST',
  path: '/api/sampling/boxes',
  summary: 'Starts a transport box at a point',
  body: createBoxBody,
  responses: { 201: box },
});

export const listBoxes = defineRoute({
  method: 'GET',
  path: '/api/sampling/boxes',
  summary: 'Transport boxes in the caller’s scope, newest first',
  query: z.strictObject({ roundId: idParam.optional(), status: z.enum(BOX_STATUSES).optional() }),
  responses: { 200: z.object({ items: z.array(box) }) },
});

export const getBox = defineRoute({
  method: 'GET',
  path: '/api/sampling/boxes/:id',
  summary: 'A box and the barcodes of its tubes',
  params: idParams,
  responses: { 200: boxWithBarcodes },
});

export const addTubesToBox = defineRoute({
  method: 'POST',
  path: '/api/sampling/boxes/:id/tubes',
  summary: 'Packs closed tubes into a box (all or none)',
  params: idParams,
  body: boxTubesBody,
  responses: { 200: box },
});

export const handOver = defineRoute({
  method: 'POST',
  path: '/api/sampling/boxes/:id/hand-over',
  summary: 'Hands a box to the lab once the counted tubes match',
  params: idParams,
  body: handOverBody,
  responses: { 200: box },
});
