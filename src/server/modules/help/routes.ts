import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/help/api';
import { ctxOf } from '../../platform/context';
import { acceptUploads, readSheetUpload } from '../../platform/http-files';
import { uploadFolder } from '../../platform/spreadsheets/stored-upload';
import { addressWindow } from '../../platform/shared-throttles';
import { pickLang } from '../../platform/messages';
import { serve } from '../../platform/serve';
import * as advances from './advances';
import * as dispatch from './dispatch';
import { defineHelpJobs } from './escalate';
import { closure } from './figures';
import { importHotline } from './hotline-import';
import * as intake from './intake';
import * as outreach from './outreach';
import * as reads from './reads';
import { decideStep } from './triage';
import * as transfers from './transfer';
import { registerPhotoReader } from '../photos';

/**
 * Help requests (群众求助 / 红色代办). The public page (an area's link token, no account) and the lookup by
 * tracking code are throttled per client address like the enlistment form: HELP_MAX_PER_ADDRESS per
 * HELP_WINDOW_MINUTES (settings, config.ts). Everything else is scoped by the request's office.
 */
const tags = ['help'];
const pub = { access: 'public' as const, tags };
const perm = (permission: string) => ({ access: { permission }, tags });

export async function helpRoutes(
  app: FastifyInstance,
  opts: { maxPerAddress: number; windowMinutes: number; mergeMinutes: number; importMaxMb: number; dataDir: string },
) {
  // A delivery's doorstep photos are for those who read help requests.
  registerPhotoReader('help_delivery', 'help.read');
  registerPhotoReader('help_receipt', 'help.read');
  const limiter = addressWindow(app.db, 'help', opts.maxPerAddress, opts.windowMinutes * 60_000);
  const publicCtx = (req: FastifyRequest): intake.PublicCtx => ({
    db: req.server.db,
    lang: pickLang(req.headers['accept-language']),
    clientIp: req.ip,
    requestId: String(req.id),
    limiter,
    mergeMinutes: opts.mergeMinutes,
  });
  const read = perm('help.read');
  const triage = perm('help.triage');
  const deliver = perm('help.deliver');

  // ——— public ———
  serve(app, api.helpIntakeForm, pub, (req) => intake.form(publicCtx(req), req.params.token));
  serve(app, api.helpSubmit, pub, async (req, reply) => {
    const res = await intake.submit(publicCtx(req), req.params.token, req.body);
    reply.status(res.created ? 201 : 200);
    return res.answer;
  });
  serve(app, api.helpTrack, pub, async (req) => {
    const p = publicCtx(req);
    // Lookups count against the same allowance: tracking codes are not to be guessed by the thousand.
    await intake.throttle(p);
    return intake.track(p.db, req.params.code);
  });

  // ——— policy and links ———
  serve(app, api.helpPolicyRoute, read, (req) => reads.policy(ctxOf(req)));
  serve(app, api.listHelpLinks, read, (req) => intake.links(ctxOf(req)));
  serve(app, api.createHelpLink, perm('help.manage'), (req) => intake.ensureLink(ctxOf(req), req.body.areaId));

  // ——— requests ———
  serve(app, api.recordHelp, triage, async (req, reply) => {
    reply.status(201);
    return intake.record(ctxOf(req), req.body, opts.mergeMinutes);
  });
  serve(app, api.listHelp, read, (req) => reads.list(ctxOf(req), req.query));
  serve(app, api.getHelp, read, (req) => advances.withPhotos(ctxOf(req), req.params.id));
  serve(app, api.settleAdvance, perm('help.manage'), (req) => advances.settle(ctxOf(req), req.params.id));
  serve(app, api.listAdvances, read, (req) => advances.list(ctxOf(req), req.query.under));
  serve(app, api.helpStep, triage, (req) => decideStep(ctxOf(req), req.params.id, req.body));
  serve(app, api.helpBoard, read, (req) => reads.board(ctxOf(req), req.query));
  serve(app, api.helpBoardCounts, read, (req) => reads.boardCounts(ctxOf(req), req.query.under));
  serve(app, api.helpDeliverers, triage, (req) => dispatch.listDeliverers(ctxOf(req), req.params.id));
  serve(app, api.assignHelp, triage, (req) => dispatch.assign(ctxOf(req), req.params.id, req.body.userId));
  serve(app, api.myDeliveries, deliver, (req) => dispatch.mine(ctxOf(req)));
  serve(app, api.deliverHelp, deliver, (req) => dispatch.deliver(ctxOf(req), req.params.id, req.body));
  serve(app, api.closeHelp, triage, (req) => dispatch.close(ctxOf(req), req.params.id, req.body));
  serve(app, api.transferHelp, triage, (req) => transfers.transfer(ctxOf(req), req.params.id, req.body));
  serve(app, api.acceptTransfer, triage, (req) => transfers.accept(ctxOf(req), req.params.id));
  serve(app, api.refuseTransfer, triage, (req) => transfers.refuse(ctxOf(req), req.params.id, req.body.reason));
  serve(app, api.followUpHelp, triage, (req) => dispatch.followUp(ctxOf(req), req.params.id, req.body));
  serve(app, api.helpClosure, read, (req) => closure(ctxOf(req), req.query, req.server.timeZone));

  // ——— the 12345 hotline's list (a spreadsheet, all or nothing) ———
  const maxBytes = Math.round(opts.importMaxMb * 1048576);
  const uploads = uploadFolder(opts.dataDir);
  await acceptUploads(app, maxBytes);
  serve(app, api.importHotline, { ...triage, upload: true }, async (req, reply) => {
    reply.status(201);
    return importHotline(ctxOf(req), {
      areaId: req.query.areaId,
      upload: await readSheetUpload(req),
      maxBytes,
      uploadDir: uploads,
      mergeMinutes: opts.mergeMinutes,
    });
  });

  // ——— proactive care calls (主动关怀) ———
  // Calls are made by grid workers and by the party members linked to households (who hold help.deliver).
  serve(app, api.outreachLists, deliver, (req) => outreach.lists(ctxOf(req), req.query));
  serve(app, api.outreachCalls, deliver, (req) => outreach.calls(ctxOf(req), req.query));
  serve(app, api.prepareOutreach, perm('help.manage'), (req) => outreach.prepare(ctxOf(req), req.body, req.server.timeZone));
  serve(app, api.recordOutreachCall, deliver, (req) => outreach.recordCall(ctxOf(req), req.params.id, req.body, opts.mergeMinutes));

  // Overdue requests escalated to the level above, every minute (escalate.ts); the day's care calls each morning.
  await defineHelpJobs(app.jobs, app.db);
  await outreach.defineOutreachJobs(app.jobs, app.db, app.timeZone);
}
