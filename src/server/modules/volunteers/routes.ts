import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../domain/residents/schemas';
import {
  CATEGORIES,
  ORG_KINDS,
  POST_KINDS,
  SKILLS,
  TEAM_KINDS,
  approveBody,
  captainBody,
  createDeploymentBody,
  createOrgBody,
  createPostBody,
  createTeamBody,
  createVolunteerBody,
  drawMembersBody,
  enlistBody,
  groupLinkBody,
  householdLinksBody,
  leaveMembersBody,
  moveOrgBody,
  refuseBody,
  serviceRecordBody,
  splitBody,
  teamMembersBody,
  updateOrgBody,
  updatePostBody,
  updateTeamBody,
  updateVolunteerBody,
} from '../../../domain/volunteers/schemas';
import { ctxOf } from '../../platform/context';
import { todayIn } from '../../platform/dates';
import { LoginLimiter } from '../../platform/login-limiter';
import { pickLang } from '../../platform/messages';
import * as enlist from './enlist';
import { prepareVolunteerExport } from './export';
import * as figures from './figures';
import * as service from './service';
import * as work from './work';

/**
 * Party organisations and volunteers. Enlistment is the one public part: a branch's link token, no
 * account, throttled per client address. Everything else is scoped by area like every module.
 */
const tags = ['volunteers'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const tokenParams = z.strictObject({
  branchToken: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
const read = { access: { permission: 'volunteers.read' } };
const write = { access: { permission: 'volunteers.write' } };
const manage = { access: { permission: 'party.manage' } };
const approve = { access: { permission: 'enlist.approve' } };
const optionalId = z.coerce.number().int().positive().optional();
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const volunteerQuery = z.strictObject({
  q: z.string().max(50).optional(),
  under: optionalId,
  category: z.enum(CATEGORIES).optional(),
  skill: z.enum(SKILLS).optional(),
  orgId: optionalId,
  teamId: optionalId,
  ...paging,
});

function sendXlsx(reply: FastifyReply, asciiName: string, fileName: string, write: (out: PassThrough) => Promise<unknown>) {
  const out = new PassThrough();
  write(out).catch((e) => out.destroy(e));
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(out);
}

/**
 * The public form is throttled per client address: ENLIST_MAX_PER_ADDRESS submissions per
 * ENLIST_WINDOW_MINUTES (settings, see config.ts), generous since a whole branch may enlist over one office Wi-Fi.
 */
export async function volunteerRoutes(app: FastifyInstance, opts: { enlistMaxPerAddress: number; enlistWindowMinutes: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new LoginLimiter(Number.MAX_SAFE_INTEGER, opts.enlistMaxPerAddress, opts.enlistWindowMinutes * 60_000);
  const publicCtx = (req: FastifyRequest): enlist.PublicCtx => ({
    db: req.server.db,
    lang: pickLang(req.headers['accept-language']),
    clientIp: req.ip,
    requestId: String(req.id),
    today: todayIn(req.server.timeZone),
    limiter,
  });

  // ——— enlistment: public ———
  r.get('/api/enlist/:branchToken', { config: { access: 'public' }, schema: { tags, params: tokenParams } }, (req) =>
    enlist.form(publicCtx(req), req.params.branchToken),
  );
  r.post('/api/enlist/:branchToken', { config: { access: 'public' }, schema: { tags, params: tokenParams, body: enlistBody } }, async (req, reply) => {
    const res = await enlist.submit(publicCtx(req), req.params.branchToken, req.body);
    return reply.status(res.resubmitted ? 200 : 201).send(res);
  });

  // ——— the approval queue ———
  r.get(
    '/api/enlistments',
    {
      config: approve,
      schema: {
        tags,
        querystring: z.strictObject({
          status: z.enum(['pending', 'approved', 'refused']).optional(),
          orgId: optionalId,
          q: z.string().max(50).optional(),
          ...paging,
        }),
      },
    },
    (req) => enlist.list(ctxOf(req), req.query),
  );
  r.get('/api/enlistments/:id', { config: approve, schema: { tags, params: idParams } }, (req) => enlist.get(ctxOf(req), req.params.id));
  r.post('/api/enlistments/:id/approve', { config: approve, schema: { tags, params: idParams, body: approveBody } }, (req) =>
    enlist.approve(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/enlistments/:id/refuse', { config: approve, schema: { tags, params: idParams, body: refuseBody } }, (req) =>
    enlist.refuse(ctxOf(req), req.params.id, req.body.reason),
  );

  // ——— organisations ———
  r.get(
    '/api/party/orgs',
    { config: read, schema: { tags, querystring: z.strictObject({ under: optionalId, kind: z.enum(ORG_KINDS).optional(), includeClosed: bool.optional() }) } },
    (req) => service.listOrgs(ctxOf(req), req.query),
  );
  r.post('/api/party/orgs', { config: manage, schema: { tags, body: createOrgBody } }, async (req, reply) =>
    reply.status(201).send(await service.createOrg(ctxOf(req), req.body)),
  );
  r.get('/api/party/orgs/:id', { config: read, schema: { tags, params: idParams } }, (req) => service.getOrg(ctxOf(req), req.params.id));
  r.patch('/api/party/orgs/:id', { config: manage, schema: { tags, params: idParams, body: updateOrgBody } }, (req) =>
    service.updateOrg(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/party/orgs/:id/members', { config: manage, schema: { tags, params: idParams, body: drawMembersBody } }, (req) =>
    service.drawMembers(ctxOf(req), req.params.id, req.body.volunteerIds, req.body.role),
  );
  r.post('/api/party/orgs/:id/members/leave', { config: manage, schema: { tags, params: idParams, body: leaveMembersBody } }, (req) =>
    service.leaveMembers(ctxOf(req), req.params.id, req.body.volunteerIds),
  );
  r.post('/api/party/orgs/:id/move', { config: manage, schema: { tags, params: idParams, body: moveOrgBody } }, (req) =>
    service.moveOrg(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/party/orgs/:id/close', { config: manage, schema: { tags, params: idParams } }, (req) => service.closeOrg(ctxOf(req), req.params.id));
  r.post('/api/party/orgs/:id/enlist-token', { config: manage, schema: { tags, params: idParams } }, (req) => service.rotateToken(ctxOf(req), req.params.id));

  // ——— volunteers ———
  r.get(
    '/api/volunteers',
    {
      config: read,
      schema: {
        tags,
        querystring: volunteerQuery,
      },
    },
    (req) => service.listVolunteers(ctxOf(req), req.query),
  );
  r.post('/api/volunteers', { config: write, schema: { tags, body: createVolunteerBody } }, async (req, reply) =>
    reply.status(201).send(await service.createVolunteer(ctxOf(req), req.body)),
  );
  r.get('/api/volunteers/figures', { config: read, schema: { tags, querystring: z.strictObject({ under: optionalId, on: isoDate.optional() }) } }, (req) =>
    figures.figures(ctxOf(req), req.query),
  );
  r.get(
    '/api/volunteers/figures.xlsx',
    { config: { access: { permission: 'volunteers.export' } }, schema: { tags, querystring: z.strictObject({ under: optionalId, on: isoDate.optional() }) } },
    async (req, reply) => {
      const prepared = await figures.prepareFiguresExport(ctxOf(req), req.query);
      return sendXlsx(reply, 'figures.xlsx', `志愿者统计-${prepared.on}.xlsx`, prepared.write);
    },
  );
  r.get(
    '/api/volunteers/export.xlsx',
    {
      config: { access: { permission: 'volunteers.export' } },
      schema: { tags, querystring: volunteerQuery.omit({ page: true, pageSize: true }).extend({ reveal: bool.optional() }) },
    },
    async (req, reply) => {
      const { reveal, ...filters } = req.query;
      const ctx = ctxOf(req);
      const prepared = await prepareVolunteerExport(ctx, filters, reveal ?? false);
      return sendXlsx(reply, 'volunteers.xlsx', `志愿者名册-${ctx.today}.xlsx`, prepared.write);
    },
  );
  r.get('/api/volunteers/:id', { config: read, schema: { tags, params: idParams } }, (req) => service.getVolunteer(ctxOf(req), req.params.id));
  r.patch('/api/volunteers/:id', { config: write, schema: { tags, params: idParams, body: updateVolunteerBody } }, (req) =>
    service.updateVolunteer(ctxOf(req), req.params.id, req.body),
  );
  r.get('/api/me/assignments', { config: { access: 'signed-in' }, schema: { tags } }, (req) => work.myAssignments(ctxOf(req)));

  // ——— teams and posts ———
  r.get(
    '/api/teams',
    { config: read, schema: { tags, querystring: z.strictObject({ under: optionalId, kind: z.enum(TEAM_KINDS).optional(), orgId: optionalId }) } },
    (req) => work.listTeams(ctxOf(req), req.query),
  );
  r.post('/api/teams', { config: write, schema: { tags, body: createTeamBody } }, async (req, reply) =>
    reply.status(201).send(await work.createTeam(ctxOf(req), req.body)),
  );
  r.get('/api/teams/:id', { config: read, schema: { tags, params: idParams } }, (req) => work.getTeam(ctxOf(req), req.params.id));
  r.patch('/api/teams/:id', { config: write, schema: { tags, params: idParams, body: updateTeamBody } }, (req) =>
    work.updateTeam(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/teams/:id', { config: write, schema: { tags, params: idParams } }, (req) => work.deleteTeam(ctxOf(req), req.params.id));
  r.put('/api/teams/:id/members', { config: write, schema: { tags, params: idParams, body: teamMembersBody } }, (req) =>
    work.setTeamMembers(ctxOf(req), req.params.id, req.body.members),
  );
  r.get('/api/posts', { config: read, schema: { tags, querystring: z.strictObject({ under: optionalId, kind: z.enum(POST_KINDS).optional() }) } }, (req) =>
    work.listPosts(ctxOf(req), req.query),
  );
  r.post('/api/posts', { config: write, schema: { tags, body: createPostBody } }, async (req, reply) =>
    reply.status(201).send(await work.createPost(ctxOf(req), req.body)),
  );
  r.patch('/api/posts/:id', { config: write, schema: { tags, params: idParams, body: updatePostBody } }, (req) =>
    work.updatePost(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/posts/:id', { config: write, schema: { tags, params: idParams } }, (req) => work.deletePost(ctxOf(req), req.params.id));

  // ——— links ———
  r.get(
    '/api/household-links',
    { config: read, schema: { tags, querystring: z.strictObject({ householdId: optionalId, volunteerId: optionalId, under: optionalId }) } },
    (req) => work.listHouseholdLinks(ctxOf(req), req.query),
  );
  r.post('/api/household-links', { config: write, schema: { tags, body: householdLinksBody } }, (req) =>
    work.linkHouseholds(ctxOf(req), req.body.volunteerId, req.body.householdIds),
  );
  r.post('/api/household-links/remove', { config: write, schema: { tags, body: householdLinksBody } }, (req) =>
    work.unlinkHouseholds(ctxOf(req), req.body.volunteerId, req.body.householdIds),
  );
  r.post('/api/household-links/split', { config: write, schema: { tags, body: splitBody } }, (req) => work.splitHouseholds(ctxOf(req), req.body));
  r.get('/api/captains', { config: read, schema: { tags, querystring: z.strictObject({ under: optionalId, volunteerId: optionalId }) } }, (req) =>
    work.listCaptains(ctxOf(req), req.query),
  );
  r.put('/api/captains', { config: write, schema: { tags, body: captainBody } }, (req) => work.setCaptain(ctxOf(req), req.body));
  r.get('/api/group-links', { config: read, schema: { tags, querystring: z.strictObject({ under: optionalId, volunteerId: optionalId }) } }, (req) =>
    work.listGroupLinks(ctxOf(req), req.query),
  );
  r.post('/api/group-links', { config: write, schema: { tags, body: groupLinkBody } }, (req) => work.addGroupLink(ctxOf(req), req.body));
  r.post('/api/group-links/:id/remove', { config: write, schema: { tags, params: idParams } }, (req) => work.removeGroupLink(ctxOf(req), req.params.id));

  // ——— deployments, hours, figures ———
  r.get(
    '/api/deployments',
    {
      config: read,
      schema: {
        tags,
        querystring: z.strictObject({
          under: optionalId,
          on: isoDate.optional(),
          volunteerId: optionalId,
          teamId: optionalId,
          conflictsOnly: bool.optional(),
          ...paging,
        }),
      },
    },
    (req) => work.listDeployments(ctxOf(req), req.query),
  );
  r.post('/api/deployments', { config: write, schema: { tags, body: createDeploymentBody } }, async (req, reply) =>
    reply.status(201).send(await work.createDeployment(ctxOf(req), req.body)),
  );
  r.post('/api/deployments/:id/cancel', { config: write, schema: { tags, params: idParams } }, (req) => work.cancelDeployment(ctxOf(req), req.params.id));
  r.get(
    '/api/service-records',
    {
      config: read,
      schema: {
        tags,
        querystring: z.strictObject({
          volunteerId: optionalId,
          under: optionalId,
          from: isoDate.optional(),
          to: isoDate.optional(),
          notesOnly: bool.optional(),
          ...paging,
        }),
      },
    },
    (req) => work.listServiceRecords(ctxOf(req), req.query),
  );
  r.post('/api/service-records', { config: write, schema: { tags, body: serviceRecordBody } }, async (req, reply) =>
    reply.status(201).send(await work.addServiceRecord(ctxOf(req), req.body)),
  );
  r.get(
    '/api/service/hours',
    { config: read, schema: { tags, querystring: z.strictObject({ from: isoDate, to: isoDate, under: optionalId, volunteerId: optionalId }) } },
    (req) => figures.hours(ctxOf(req), req.query),
  );
  r.get(
    '/api/service/totals',
    {
      config: read,
      schema: {
        tags,
        querystring: z.strictObject({ from: isoDate, to: isoDate, under: optionalId, by: z.enum(['branch', 'team', 'category', 'person']).default('branch') }),
      },
    },
    (req) => figures.totals(ctxOf(req), req.query),
  );
}
