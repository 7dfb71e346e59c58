import { z } from 'zod';
import { defineRoute } from '../contract';
import { day, idParams, instant } from '../primitives';
import { BANDS, CONTACT_KINDS, CONTRAINDICATIONS, DUE_KINDS, OUTCOMES, REFUSAL_REASONS, STATES, UNPLACED_REASONS } from './kinds';
import { vaccinationPolicy, vaccinationPolicyBody } from './policy';
import { callsBody, contactBody, doseBody, outreachQuery, ridePlanQuery, riderBody, sessionBody, sessionsQuery, underQuery, vehicleBody } from './schemas';

/** The vaccination outreach's routes (server/modules/vaccination): the working list, a person's card, rides, coverage. */
const BASE = '/api/vaccination';

// ——— answers ———
export const outreachRow = z.object({
  residentId: z.number(),
  name: z.string(),
  /** Masked. */
  phone: z.string().nullable(),
  age: z.number().nullable(),
  band: z.enum(BANDS).nullable(),
  areaId: z.number(),
  areaName: z.string(),
  state: z.enum(STATES),
  reason: z.enum(REFUSAL_REASONS).nullable(),
  doses: z.number(),
  lastDoseOn: day.nullable(),
  due: z.enum(DUE_KINDS).nullable(),
  dueOn: day.nullable(),
  needsRide: z.boolean(),
  wheelchair: z.boolean(),
});

export const dose = z.object({
  id: z.number(),
  doseNo: z.number(),
  givenOn: day,
  product: z.string(),
  batch: z.string(),
  site: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: instant,
});

export const contact = z.object({
  id: z.number(),
  kind: z.enum(CONTACT_KINDS),
  outcome: z.enum(OUTCOMES),
  reason: z.enum(REFUSAL_REASONS).nullable(),
  contraindication: z.enum(CONTRAINDICATIONS).nullable(),
  fromState: z.enum(STATES),
  toState: z.enum(STATES),
  note: z.string().nullable(),
  byName: z.string().nullable(),
  at: instant,
});

export const ride = z.object({
  id: z.number(),
  sessionId: z.number(),
  sessionDay: day,
  site: z.string(),
  residentId: z.number(),
  name: z.string(),
  wheelchair: z.boolean(),
  from: z.string(),
  to: z.string(),
});

export const card = outreachRow.extend({
  /** Cut to the building (the door number left out), like every list of people. */
  householdAddress: z.string().nullable(),
  contraindication: z.enum(CONTRAINDICATIONS).nullable(),
  dueNow: z.boolean(),
  dosesList: z.array(dose),
  contacts: z.array(contact),
  rides: z.array(ride),
  openTasks: z.number(),
});

export const vehicle = z.object({
  id: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  name: z.string(),
  seats: z.number(),
  wheelchairSpaces: z.number(),
  driver: z.string().nullable(),
});

export const session = z.object({
  id: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  day: day,
  site: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  riders: z.number(),
});

export const ridePlan = z.object({
  village: z.object({ id: z.number(), name: z.string() }),
  day: day,
  sessions: z.array(session),
  vehicles: z.array(vehicle),
  trips: z.array(
    z.object({
      vehicleId: z.number(),
      vehicleName: z.string(),
      driver: z.string().nullable(),
      seats: z.number(),
      wheelchairSpaces: z.number(),
      sessionId: z.number(),
      site: z.string(),
      pickupAt: z.string(),
      riders: z.array(
        z.object({ residentId: z.number(), name: z.string(), address: z.string().nullable(), wheelchair: z.boolean(), from: z.string(), to: z.string() }),
      ),
    }),
  ),
  unplaced: z.array(z.object({ residentId: z.number(), name: z.string(), sessionId: z.number(), why: z.enum(UNPLACED_REASONS) })),
});

const bandCoverage = z.object({ people: z.number(), vaccinated: z.number(), rate: z.number().nullable() });
export const coverageRow = z.object({ areaId: z.number(), name: z.string(), sixty: bandCoverage, eighty: bandCoverage });

// ——— routes ———
/** The policy in force with its version, why it was made and since when. */
export const policyInForce = vaccinationPolicy.extend({ version: z.number(), note: z.string().nullable(), since: instant });

export const getPolicy = defineRoute({
  method: 'GET',
  path: `${BASE}/policy`,
  summary: 'The vaccination policy in force: age bands, doses and their intervals, the booster, observation and ride times',
  responses: { 200: policyInForce },
});

export const updatePolicy = defineRoute({
  method: 'PUT',
  path: `${BASE}/policy`,
  summary: 'Saves the vaccination policy as a new version, in force for the next working list (policy.manage, root scope only)',
  body: vaccinationPolicyBody,
  responses: { 200: policyInForce },
});

export const outreach = defineRoute({
  method: 'GET',
  path: `${BASE}/outreach`,
  summary: 'The outreach working list: people of an age band in scope with their state and next dose, 80+ and the longest due first',
  query: outreachQuery,
  responses: { 200: z.object({ items: z.array(outreachRow), total: z.number().int() }) },
});

export const getCard = defineRoute({
  method: 'GET',
  path: `${BASE}/people/:id`,
  summary: 'A person’s vaccination card: doses, state, calls and visits, rides',
  params: idParams,
  responses: { 200: card },
});

export const recordContact = defineRoute({
  method: 'POST',
  path: `${BASE}/people/:id/contacts`,
  summary: 'Records a call or visit and its outcome; the state follows (refused needs a reason, not suitable a contraindication)',
  params: idParams,
  body: contactBody,
  responses: { 200: card },
});

export const recordDose = defineRoute({
  method: 'POST',
  path: `${BASE}/people/:id/doses`,
  summary: 'Records a dose (date, product, batch); one given today starts the 30-minute observation and a next-day follow-up call',
  params: idParams,
  body: doseBody,
  responses: { 201: card },
});

export const makeCalls = defineRoute({
  method: 'POST',
  path: `${BASE}/calls`,
  summary: 'Call or visit tasks for the due and not yet agreed people of a band under an area, to each household’s linked member or grid worker',
  body: callsBody,
  responses: { 200: z.object({ created: z.number().int() }) },
});

export const listVehicles = defineRoute({
  method: 'GET',
  path: `${BASE}/vehicles`,
  summary: 'Vehicles of the ride teams in scope',
  query: underQuery,
  responses: { 200: z.object({ items: z.array(vehicle) }) },
});

export const createVehicle = defineRoute({
  method: 'POST',
  path: `${BASE}/vehicles`,
  summary: 'Registers a vehicle of a village’s ride team (seats, wheelchair spaces)',
  body: vehicleBody,
  responses: { 201: vehicle },
});

export const listSessions = defineRoute({
  method: 'GET',
  path: `${BASE}/sessions`,
  summary: 'Vaccination sessions in scope, with how many riders each has',
  query: sessionsQuery,
  responses: { 200: z.object({ items: z.array(session) }) },
});

export const createSession = defineRoute({
  method: 'POST',
  path: `${BASE}/sessions`,
  summary: 'A vaccination session of a village: day, site and hours',
  body: sessionBody,
  responses: { 201: session },
});

export const addRider = defineRoute({
  method: 'POST',
  path: `${BASE}/sessions/:id/riders`,
  summary: 'Books a ride to a session for a person of its village, with a pickup window (and a wheelchair place)',
  params: idParams,
  body: riderBody,
  responses: { 201: ride },
});

export const getRidePlan = defineRoute({
  method: 'GET',
  path: `${BASE}/ride-plan`,
  summary: 'A village’s ride plan for a day: riders grouped into vehicle trips within seats, wheelchair spaces and pickup windows',
  query: ridePlanQuery,
  responses: { 200: ridePlan },
});

export const coverage = defineRoute({
  method: 'GET',
  path: `${BASE}/coverage`,
  summary: 'Coverage (primary course complete) of the 60+ and 80+ by village under an area',
  query: underQuery,
  responses: { 200: z.object({ rows: z.array(coverageRow) }) },
});

export type OutreachRow = z.infer<typeof outreachRow>;
export type Card = z.infer<typeof card>;
export type RidePlanView = z.infer<typeof ridePlan>;
