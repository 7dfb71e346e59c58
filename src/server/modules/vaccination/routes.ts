import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/vaccination/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import { registerSubjectPerson } from '../tasks';
import { coverage } from './coverage';
import { policyInForce, policyView, savePolicy } from './policy';
import * as repo from './repo';
import * as rides from './rides';
import * as service from './service';

/** Vaccination outreach (疫苗接种动员). Every route is scoped by the person's, the vehicle's or the session's area. */
const perm = (permission: string) => ({ access: { permission }, tags: ['vaccination'] });
// A call, observation or follow-up task's subject is the resident: the inbox shows who to call.
const themselves = async (_db: unknown, ids: number[]) => new Map(ids.map((id) => [id, id]));

export async function vaccinationRoutes(app: FastifyInstance) {
  for (const kind of ['vaccination_call', 'vaccination_observe', 'vaccination_followup']) registerSubjectPerson(kind, themselves);
  const read = perm('vaccination.read');
  const mobilise = perm('vaccination.mobilise');
  const manage = perm('vaccination.manage');

  serve(app, api.getPolicy, read, async (req) => policyView(await policyInForce(ctxOf(req).db)));
  // Deployment-wide policy data: edited with the policy permission, like the roster rules and the control rules.
  serve(app, api.updatePolicy, perm('policy.manage'), async (req) => policyView(await savePolicy(ctxOf(req), req.body)));
  serve(app, api.outreach, read, (req) => service.outreach(ctxOf(req), req.query));
  serve(app, api.getCard, read, (req) => service.card(ctxOf(req), req.params.id));
  serve(app, api.recordContact, mobilise, (req) => service.recordContact(ctxOf(req), req.params.id, req.body));
  serve(app, api.recordDose, mobilise, async (req, reply) => {
    const r = await service.recordDose(ctxOf(req), req.params.id, req.body);
    reply.status(201);
    return r;
  });
  serve(app, api.makeCalls, manage, (req) => service.makeCalls(ctxOf(req), req.body));
  serve(app, api.listVehicles, read, (req) => rides.listVehicles(ctxOf(req), req.query));
  serve(app, api.createVehicle, manage, async (req, reply) => {
    const r = await rides.createVehicle(ctxOf(req), req.body);
    reply.status(201);
    return r;
  });
  serve(app, api.listSessions, read, (req) => rides.listSessions(ctxOf(req), req.query));
  serve(app, api.createSession, manage, async (req, reply) => {
    const r = await rides.createSession(ctxOf(req), req.body);
    reply.status(201);
    return r;
  });
  serve(app, api.addRider, mobilise, async (req, reply) => {
    const r = await rides.addRider(ctxOf(req), req.params.id, req.body);
    reply.status(201);
    return r;
  });
  serve(app, api.getRidePlan, read, (req) => rides.ridePlan(ctxOf(req), req.query));
  serve(app, api.coverage, read, (req) => coverage(ctxOf(req), req.query));
}
