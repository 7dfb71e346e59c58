import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/volunteers/api';
import type { Access } from '../../platform/context';
import { ctxOf } from '../../platform/context';
import { todayIn } from '../../platform/dates';
import { sendSpreadsheet } from '../../platform/http-files';
import { oneExportAtATime, stampOf } from '../../platform/export-stamp';
import { addressWindow } from '../../platform/shared-throttles';
import { pickLang } from '../../platform/messages';
import { serve } from '../../platform/serve';
import * as enlist from './enlist';
import { prepareVolunteerExport } from './export';
import * as figures from './figures';
import * as deployments from './deployments';
import * as links from './links';
import * as orgs from './orgs';
import * as teams from './teams';
import * as volunteers from './volunteers';

/**
 * Party organisations and volunteers. Enlistment is the one public part: a branch's link token, no
 * account, throttled per client address. Everything else is scoped by area like every module.
 */
const tags = ['volunteers'];
const as = (access: Access) => ({ access, tags });
const pub = as('public');
const read = as({ permission: 'volunteers.read' });
const write = as({ permission: 'volunteers.write' });
const manage = as({ permission: 'party.manage' });
const approve = as({ permission: 'enlist.approve' });
const exporter = as({ permission: 'volunteers.export' });

/**
 * The public form is throttled per client address: ENLIST_MAX_PER_ADDRESS submissions per
 * ENLIST_WINDOW_MINUTES (settings, see config.ts), generous since a whole branch may enlist over one office Wi-Fi.
 */
export async function volunteerRoutes(app: FastifyInstance, opts: { enlistMaxPerAddress: number; enlistWindowMinutes: number }) {
  const limiter = addressWindow(app.db, 'enlist', opts.enlistMaxPerAddress, opts.enlistWindowMinutes * 60_000);
  const publicCtx = (req: FastifyRequest): enlist.PublicCtx => ({
    db: req.server.db,
    lang: pickLang(req.headers['accept-language']),
    clientIp: req.ip,
    requestId: String(req.id),
    today: todayIn(req.server.timeZone),
    limiter,
  });

  // ——— enlistment: public ———
  serve(app, api.enlistForm, pub, (req) => enlist.form(publicCtx(req), req.params.branchToken));
  serve(app, api.enlistSubmit, pub, async (req, reply) => {
    const res = await enlist.submit(publicCtx(req), req.params.branchToken, req.body);
    reply.status(201);
    return res;
  });

  // ——— the approval queue ———
  serve(app, api.listEnlistments, approve, (req) => enlist.list(ctxOf(req), req.query));
  serve(app, api.getEnlistment, approve, (req) => enlist.get(ctxOf(req), req.params.id));
  serve(app, api.approveEnlistment, approve, (req) => enlist.approve(ctxOf(req), req.params.id, req.body));
  serve(app, api.refuseEnlistment, approve, (req) => enlist.refuse(ctxOf(req), req.params.id, req.body.reason));

  // ——— organisations ———
  serve(app, api.listOrgs, read, (req) => orgs.listOrgs(ctxOf(req), req.query));
  serve(app, api.createOrg, manage, (req) => orgs.createOrg(ctxOf(req), req.body));
  serve(app, api.getOrg, read, (req) => orgs.getOrg(ctxOf(req), req.params.id));
  serve(app, api.updateOrg, manage, (req) => orgs.updateOrg(ctxOf(req), req.params.id, req.body));
  serve(app, api.drawMembers, manage, (req) => orgs.drawMembers(ctxOf(req), req.params.id, req.body.volunteerIds, req.body.role));
  serve(app, api.leaveMembers, manage, (req) => orgs.leaveMembers(ctxOf(req), req.params.id, req.body.volunteerIds));
  serve(app, api.moveOrg, manage, (req) => orgs.moveOrg(ctxOf(req), req.params.id, req.body));
  serve(app, api.closeOrg, manage, (req) => orgs.closeOrg(ctxOf(req), req.params.id));
  serve(app, api.rotateEnlistToken, manage, (req) => orgs.rotateToken(ctxOf(req), req.params.id));

  // ——— volunteers ———
  serve(app, api.listVolunteers, read, (req) => volunteers.listVolunteers(ctxOf(req), req.query));
  serve(app, api.createVolunteer, write, (req) => volunteers.createVolunteer(ctxOf(req), req.body));
  serve(app, api.volunteerFigures, read, (req) => figures.figures(ctxOf(req), req.query));
  serve(app, api.exportFigures, exporter, async (req, reply) => {
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, app.timeZone);
    const prepared = await oneExportAtATime(ctx.actor.userId, () => figures.prepareFiguresExport(ctx, req.query, stamp));
    return sendSpreadsheet(reply, { fileName: `志愿者统计-${prepared.on}.xlsx`, asciiName: 'figures.xlsx' }, prepared.write);
  });
  serve(app, api.exportVolunteers, exporter, async (req, reply) => {
    const { reveal, ...filters } = req.query;
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, app.timeZone);
    const prepared = await oneExportAtATime(ctx.actor.userId, () => prepareVolunteerExport(ctx, filters, reveal ?? false, stamp));
    return sendSpreadsheet(reply, { fileName: `志愿者名册-${ctx.today}.xlsx`, asciiName: 'volunteers.xlsx' }, prepared.write);
  });
  serve(app, api.getVolunteer, read, (req) => volunteers.getVolunteer(ctxOf(req), req.params.id));
  serve(app, api.updateVolunteer, write, (req) => volunteers.updateVolunteer(ctxOf(req), req.params.id, req.body));
  serve(app, api.myAssignments, as('signed-in'), (req) => deployments.myAssignments(ctxOf(req)));

  // ——— teams and posts ———
  serve(app, api.listTeams, read, (req) => teams.listTeams(ctxOf(req), req.query));
  serve(app, api.createTeam, write, (req) => teams.createTeam(ctxOf(req), req.body));
  serve(app, api.getTeam, read, (req) => teams.getTeam(ctxOf(req), req.params.id));
  serve(app, api.updateTeam, write, (req) => teams.updateTeam(ctxOf(req), req.params.id, req.body));
  serve(app, api.deleteTeam, write, (req) => teams.deleteTeam(ctxOf(req), req.params.id));
  serve(app, api.setTeamMembers, write, (req) => teams.setTeamMembers(ctxOf(req), req.params.id, req.body.members));
  serve(app, api.listPosts, read, (req) => teams.listPosts(ctxOf(req), req.query));
  serve(app, api.createPost, write, (req) => teams.createPost(ctxOf(req), req.body));
  serve(app, api.updatePost, write, (req) => teams.updatePost(ctxOf(req), req.params.id, req.body));
  serve(app, api.deletePost, write, (req) => teams.deletePost(ctxOf(req), req.params.id));

  // ——— links ———
  serve(app, api.listHouseholdLinks, read, (req) => links.listHouseholdLinks(ctxOf(req), req.query));
  serve(app, api.linkHouseholds, write, (req) => links.linkHouseholds(ctxOf(req), req.body.volunteerId, req.body.householdIds));
  serve(app, api.unlinkHouseholds, write, (req) => links.unlinkHouseholds(ctxOf(req), req.body.volunteerId, req.body.householdIds));
  serve(app, api.splitHouseholds, write, (req) => links.splitHouseholds(ctxOf(req), req.body));
  serve(app, api.listCaptains, read, (req) => links.listCaptains(ctxOf(req), req.query));
  serve(app, api.setCaptain, write, (req) => links.setCaptain(ctxOf(req), req.body));
  serve(app, api.listGroupLinks, read, (req) => links.listGroupLinks(ctxOf(req), req.query));
  serve(app, api.addGroupLink, write, (req) => links.addGroupLink(ctxOf(req), req.body));
  serve(app, api.removeGroupLink, write, (req) => links.removeGroupLink(ctxOf(req), req.params.id));

  // ——— deployments, hours ———
  serve(app, api.listDeployments, read, (req) => deployments.listDeployments(ctxOf(req), req.query));
  serve(app, api.createDeployment, write, (req) => deployments.createDeployment(ctxOf(req), req.body));
  serve(app, api.cancelDeployment, write, (req) => deployments.cancelDeployment(ctxOf(req), req.params.id));
  serve(app, api.listServiceRecords, read, (req) => deployments.listServiceRecords(ctxOf(req), req.query));
  serve(app, api.addServiceRecord, write, (req) => deployments.addServiceRecord(ctxOf(req), req.body));
  serve(app, api.serviceHours, read, (req) => figures.hours(ctxOf(req), req.query));
  serve(app, api.serviceTotals, read, (req) => figures.totals(ctxOf(req), req.query));
}
