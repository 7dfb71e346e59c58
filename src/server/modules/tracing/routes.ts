import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/tracing/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as tasks from '../tasks';
import * as cases from './cases';
import * as contacts from './contacts';
import { tracingPolicy } from './policy-view';
import * as repo from './repo';
import * as trajectory from './trajectory';

/** Contact tracing (流调): cases, trajectories, contacts. Every route is scoped by the case's area. */
const perm = (permission: string) => ({ access: { permission }, tags: ['tracing'] });
const mctx = (req: FastifyRequest) => ({
  ...ctxOf(req),
  timeZone: req.server.timeZone,
  horizonDays: req.server.followUpHorizonDays,
  autoConfirm: req.server.measuresAutoConfirm,
});

export async function tracingRoutes(app: FastifyInstance) {
  // The inbox shows the person a contact's task is about (address, call button) through its owner.
  tasks.registerSubjectPerson('tracing_contact', repo.residentsOfContacts);
  const read = perm('tracing.read');
  const write = perm('tracing.write');

  serve(app, api.tracingPolicyRoute, read, (req) => tracingPolicy(ctxOf(req)));
  serve(app, api.listCases, read, (req) => cases.listCases(ctxOf(req), req.query));
  serve(app, api.createCase, write, async (req, reply) => {
    reply.status(201);
    return cases.createCase(ctxOf(req), req.body);
  });
  serve(app, api.caseFromSamplingResult, write, async (req, reply) => {
    const res = await cases.caseFromSamplingResult({ ...ctxOf(req), timeZone: req.server.timeZone }, req.params.id, req.body);
    reply.status(res.created ? 201 : 200);
    return res.view;
  });
  serve(app, api.getCase, read, (req) => cases.getCase(ctxOf(req), req.params.id));
  serve(app, api.updateCase, write, (req) => cases.updateCase(ctxOf(req), req.params.id, req.body));
  serve(app, api.addTrajectory, write, async (req, reply) => {
    reply.status(201);
    return trajectory.addRows(ctxOf(req), req.params.id, req.body);
  });
  serve(app, api.removeTrajectory, write, (req) => trajectory.removeRow(ctxOf(req), req.params.id));
  serve(app, api.addContacts, write, (req) => contacts.addContacts(mctx(req), req.params.id, req.body));
  serve(app, api.setPlacement, write, (req) => contacts.setPlacement(ctxOf(req), req.params.id, req.body));
}
