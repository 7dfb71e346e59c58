import type { FastifyInstance } from 'fastify';
import { keepMonthsAhead } from '../../platform/month-partitions';
import { CROSSING_PEOPLE_TABLE, CROSSINGS_TABLE } from './retention';
import * as api from '../../../domain/checkpoints/api';
import * as rq from '../../../domain/checkpoints/api-requests';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as assignments from './assignments';
import * as crossings from './crossings';
import * as duty from './duty';
import { crossingFigures } from './figures';
import * as posts from './posts';
import * as requests from './requests';
import { oneExportAtATime, stampOf } from '../../platform/export-stamp';
import { sendSpreadsheet } from '../../platform/http-files';
import { prepareRosterExport } from './roster-export';
import { defineRosterFillJob, getFill, latestFill, startFill } from './roster-fill';
import { type PolicyInForce, rosterPolicyInForce, saveRosterPolicy } from './roster-policy';
import { rosterPeople } from './roster-warnings';
import { defineCheckpointJobs } from './staffing';

/** Checkpoints (卡点): every route from its contract (domain/checkpoints/api). */
const perm = (permission: string) => ({ access: { permission } });

export async function checkpointRoutes(app: FastifyInstance, opts: { rosterFillSeconds?: number } = {}) {
  const tz = app.timeZone;
  // ——— posts ———
  serve(app, api.listPosts, perm('checkpoints.read'), (req) => posts.listPosts(ctxOf(req), req.query));
  serve(app, api.createPost, perm('checkpoints.manage'), async (req, reply) => {
    reply.status(201);
    return posts.createPost(ctxOf(req), req.body);
  });
  serve(app, api.getPost, perm('checkpoints.read'), (req) => posts.getPost(ctxOf(req), req.params.id));
  serve(app, api.updatePost, perm('checkpoints.manage'), (req) => posts.updatePost(ctxOf(req), req.params.id, req.body));
  serve(app, api.setShifts, perm('checkpoints.manage'), (req) => posts.setShifts(ctxOf(req), req.params.id, req.body));
  serve(app, api.postQr, perm('checkpoints.manage'), (req) => posts.postQr(ctxOf(req), req.params.id));

  // ——— roster ———
  serve(app, api.roster, perm('checkpoints.read'), (req) => assignments.roster(ctxOf(req), req.query));
  serve(app, api.assign, perm('checkpoints.manage'), async (req, reply) => {
    reply.status(201);
    return assignments.assign(ctxOf(req), req.body, tz);
  });
  serve(app, api.unassign, perm('checkpoints.manage'), (req) => assignments.unassign(ctxOf(req), req.params.id));
  // Filling the week: the same permission as a hand edit, within the caller's scope (the area is looked up in it).
  serve(app, api.fillRoster, perm('checkpoints.manage'), async (req, reply) => {
    reply.status(202);
    return startFill(ctxOf(req), req.body, opts.rosterFillSeconds ?? 60);
  });
  serve(app, api.latestRosterFill, perm('checkpoints.read'), (req) => latestFill(ctxOf(req), req.query.areaId));
  serve(app, api.getRosterFill, perm('checkpoints.read'), (req) => getFill(ctxOf(req), req.params.id));
  const policyView = (p: PolicyInForce) => ({ version: p.version, note: p.note, since: p.createdAt, ...p.policy });
  serve(app, api.rosterPolicy, perm('checkpoints.read'), async (req) => policyView(await rosterPolicyInForce(ctxOf(req).db)));
  // The rules and weights are deployment-wide policy data: edited with the policy permission, like the control rules.
  serve(app, api.updateRosterPolicy, perm('policy.manage'), async (req) => policyView(await saveRosterPolicy(ctxOf(req), req.body)));
  serve(app, api.rosterPeople, perm('checkpoints.manage'), (req) => rosterPeople(ctxOf(req), req.query.under));
  serve(app, api.exportRoster, perm('checkpoints.read'), async (req, reply) => {
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, tz);
    const prepared = await oneExportAtATime(ctx.actor.userId, () => prepareRosterExport(ctx, req.query, stamp));
    return sendSpreadsheet(reply, { fileName: `卡点排班表-${req.query.from}.xlsx`, asciiName: 'roster.xlsx' }, prepared.write);
  });
  serve(app, api.myShifts, { access: 'signed-in' }, (req) => assignments.myShifts(ctxOf(req)));

  // ——— swap and leave requests: asked by the person on duty, accepted by the colleague, decided by a cadre ———
  serve(app, rq.createRosterRequest, perm('checkpoints.duty'), async (req, reply) => {
    reply.status(201);
    return requests.createRequest(ctxOf(req), req.body, tz);
  });
  serve(app, rq.listRosterRequests, perm('checkpoints.read'), (req) => requests.listRequests(ctxOf(req), req.query, tz));
  serve(app, rq.myRosterRequests, perm('checkpoints.duty'), (req) => requests.myRequests(ctxOf(req)));
  serve(app, rq.requestColleagues, perm('checkpoints.duty'), (req) => requests.colleaguesFor(ctxOf(req), req.query.assignmentId));
  serve(app, rq.acceptRosterRequest, perm('checkpoints.duty'), (req) => requests.decide(ctxOf(req), req.params.id, 'accept', req.body.note, tz));
  serve(app, rq.declineRosterRequest, perm('checkpoints.duty'), (req) => requests.decide(ctxOf(req), req.params.id, 'decline', req.body.note, tz));
  serve(app, rq.withdrawRosterRequest, perm('checkpoints.duty'), (req) => requests.decide(ctxOf(req), req.params.id, 'withdraw', req.body.note, tz));
  serve(app, rq.approveRosterRequest, perm('checkpoints.manage'), (req) => requests.decide(ctxOf(req), req.params.id, 'approve', req.body.note, tz));
  serve(app, rq.refuseRosterRequest, perm('checkpoints.manage'), (req) => requests.decide(ctxOf(req), req.params.id, 'refuse', req.body.note, tz));

  // ——— on duty ———
  serve(app, api.checkIn, perm('checkpoints.duty'), (req) => duty.checkIn(ctxOf(req), req.body.code));
  serve(app, api.addHandover, perm('checkpoints.duty'), async (req, reply) => {
    reply.status(201);
    return duty.addHandover(ctxOf(req), req.params.id, req.body, tz);
  });
  serve(app, api.listHandovers, perm('checkpoints.read'), (req) => duty.listHandovers(ctxOf(req), req.params.id, req.query));

  // ——— crossings ———
  serve(app, api.recordCrossing, perm('checkpoints.duty'), async (req, reply) => {
    const res = await crossings.recordCrossing(ctxOf(req), req.body, tz);
    reply.status(res.replayed ? 200 : 201);
    return res;
  });
  serve(app, api.listCrossings, perm('checkpoints.read'), (req) => crossings.listCrossings(ctxOf(req), req.query));
  serve(app, api.crossingFigures, perm('checkpoints.read'), (req) => crossingFigures(ctxOf(req), req.query));

  // Crossings and their people are split by month (migration 0059): this month's and the next two are kept made,
  // at start and daily; retention drops the old ones (retention.ts).
  for (const table of [CROSSINGS_TABLE, CROSSING_PEOPLE_TABLE]) {
    await keepMonthsAhead(app.jobs, app.db, { job: `checkpoints.months.${table}`, table, timeZone: tz, ahead: 2, log: app.log });
  }

  // The "understaffed now" check, every minute (staffing.ts).
  await defineCheckpointJobs(app.jobs, app.db, { timeZone: tz });
  await defineRosterFillJob(app.jobs, app.db, { timeZone: tz, seconds: opts.rosterFillSeconds ?? 60, log: app.log });
}
