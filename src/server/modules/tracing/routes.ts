import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/tracing/api';
import type { Config } from '../../config';
import { ctxOf } from '../../platform/context';
import { oneExportAtATime, stampOf } from '../../platform/export-stamp';
import { acceptUploads, readSheetUpload, sendSpreadsheet } from '../../platform/http-files';
import { uploadFolder } from '../../platform/spreadsheets/stored-upload';
import * as assist from './assist';
import { keepMonthsAhead } from '../../platform/month-partitions';
import { addressWindow } from '../../platform/shared-throttles';
import { serve } from '../../platform/serve';
import * as tasks from '../tasks';
import * as chainsApi from '../../../domain/tracing/api-chains';
import * as boardApi from '../../../domain/tracing/api-board';
import * as exposuresApi from '../../../domain/tracing/api-exposures';
import { pickLang } from '../../platform/messages';
import { exposures } from './exposures';
import * as venues from './venues';
import * as board from './board';
import * as cases from './cases';
import * as chains from './chains';
import * as contacts from './contacts';
import { tracingPolicy } from './policy-view';
import * as repo from './repo';
import * as trajectory from './trajectory';

/**
 * Contact tracing (流调): cases, trajectories, contacts, exposure suggestions, venues. Every route is scoped by the
 * case's (or venue's) area, except the venue's public scan page: no account, throttled per client address
 * (VENUE_SCANS_PER_ADDRESS in VENUE_SCAN_WINDOW_MINUTES — a venue's guests often share one address, its wifi).
 */
const VENUE_SCANS_PER_ADDRESS = 60;
const VENUE_SCAN_WINDOW_MINUTES = 10;
/** How long a change's chain run waits: four times the last run, so runs take at most a fifth of the time; a minute at most. */
const chainRunWaitSeconds = (lastRunMs: number) => Math.min(60, Math.floor((4 * lastRunMs) / 1000));
const perm = (permission: string) => ({ access: { permission }, tags: ['tracing'] });
const mctx = (req: FastifyRequest) => ({
  ...ctxOf(req),
  timeZone: req.server.timeZone,
  horizonDays: req.server.followUpHorizonDays,
  autoConfirm: req.server.measuresAutoConfirm,
});

export async function tracingRoutes(app: FastifyInstance, opts: { config: Config }) {
  // The inbox shows the person a contact's task is about (address, call button) through its owner.
  tasks.registerSubjectPerson('tracing_contact', repo.residentsOfContacts);
  const read = perm('tracing.read');
  const write = perm('tracing.write');

  // Chains are recomputed after every change of cases or contacts (waiting runs fold into one: 'stately') and each
  // quarter hour, in case a change's job was lost with a stopped server. At a county's scale a run takes seconds
  // (25,000 people: about two); started back to back while tracers enter line lists, it would hold one of the
  // server's cores the whole time and slow their writes by a third. So a change's run waits a few times as long
  // as the last run took (nothing in a small deployment) and the changes meanwhile fold into it: the job takes at
  // most a fifth of a core, the picture trails a burst of entry by seconds, and the button recomputes at once.
  let lastChainMs = 0;
  const computed = <T extends { tookMs: number }>(done: T) => ((lastChainMs = done.tookMs), done);
  await app.jobs.define({
    name: 'tracing.chains',
    policy: 'stately',
    cron: '*/15 * * * *',
    run: async () => void computed(await chains.computeChains(app.db)),
  });
  const chainsChanged = () => app.jobs.send('tracing.chains', {}, { startAfterSeconds: chainRunWaitSeconds(lastChainMs) }).then(() => undefined);

  serve(app, api.tracingPolicyRoute, read, (req) => tracingPolicy(ctxOf(req)));
  serve(app, api.listCases, read, (req) => cases.listCases(ctxOf(req), req.query));
  serve(app, api.createCase, write, async (req, reply) => {
    reply.status(201);
    const created = await cases.createCase(ctxOf(req), req.body);
    await chainsChanged();
    return created;
  });
  serve(app, api.caseFromSamplingResult, write, async (req, reply) => {
    const res = await cases.caseFromSamplingResult({ ...ctxOf(req), timeZone: req.server.timeZone }, req.params.id, req.body);
    reply.status(res.created ? 201 : 200);
    if (res.created) await chainsChanged();
    return res.view;
  });
  serve(app, api.getCase, read, (req) => cases.getCase(ctxOf(req), req.params.id));
  serve(app, api.updateCase, write, (req) => cases.updateCase(ctxOf(req), req.params.id, req.body));
  serve(app, api.addTrajectory, write, async (req, reply) => {
    reply.status(201);
    return trajectory.addRows(ctxOf(req), req.params.id, req.body);
  });
  serve(app, api.removeTrajectory, write, (req) => trajectory.removeRow(ctxOf(req), req.params.id));
  serve(app, api.addContacts, write, async (req) => {
    const added = await contacts.addContacts(mctx(req), req.params.id, req.body);
    await chainsChanged();
    return added;
  });
  serve(app, api.setPlacement, write, (req) => contacts.setPlacement(ctxOf(req), req.params.id, req.body));

  serve(app, exposuresApi.listKnownPoints, read, (req) => trajectory.knownPoints(ctxOf(req)));
  serve(app, exposuresApi.listExposures, read, (req) => exposures({ ...ctxOf(req), timeZone: req.server.timeZone }, req.params.id));

  // ——— the contacts board and assist requests (协查) ———
  serve(app, boardApi.contactsBoard, read, (req) => board.contactsBoard(ctxOf(req), req.query));
  serve(app, boardApi.bulkContacts, write, (req) => board.bulk(mctx(req), req.body));
  serve(app, boardApi.listAssistRequests, read, (req) => board.listAssist(ctxOf(req), req.query));
  // The assist sheet out (stamped, one export at a time per person) and the filled sheet back.
  serve(app, boardApi.exportAssistRequests, write, async (req, reply) => {
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, req.server.timeZone);
    const prepared = await oneExportAtATime(ctx.actor.userId, () => assist.prepareAssistExport(ctx, { ...req.query, ids: req.body.ids }, stamp));
    return sendSpreadsheet(reply, { fileName: `协查函-${ctx.today}.xlsx`, asciiName: 'assist-requests.xlsx' }, prepared.write);
  });
  await acceptUploads(app, Math.round(opts.config.IMPORT_MAX_MB * 1048576));
  serve(app, boardApi.importAssistAnswers, { ...write, upload: true }, async (req) =>
    assist.importAssistSheet(ctxOf(req), {
      upload: await readSheetUpload(req),
      maxBytes: Math.round(opts.config.IMPORT_MAX_MB * 1048576),
      uploadDir: uploadFolder(opts.config.DATA_DIR),
    }),
  );

  // ——— venues (场所码) ———
  // Scans are split by month (migration 0057): this month's and the next two are kept made, at start and daily.
  await keepMonthsAhead(app.jobs, app.db, { job: 'tracing.venue_visit_months', table: venues.VISITS_TABLE, timeZone: app.timeZone, ahead: 2, log: app.log });
  // Visits are kept for the policy's days; the sweep runs each night (and deletes nothing a second time).
  await app.jobs.define({
    name: 'tracing.venue_visits_sweep',
    policy: 'stately',
    cron: '17 3 * * *',
    run: async () => void (await venues.sweepVisits(app.db)),
  });
  // Shared by the server processes on PostgreSQL, like the other public forms' windows.
  const limiter = addressWindow(app.db, 'venue', VENUE_SCANS_PER_ADDRESS, VENUE_SCAN_WINDOW_MINUTES * 60_000);
  const scanCtx = (req: FastifyRequest): venues.ScanCtx => ({ db: req.server.db, lang: pickLang(req.headers['accept-language']), clientIp: req.ip, limiter });
  const pub = { access: 'public' as const, tags: ['tracing'] };
  serve(app, exposuresApi.listVenues, read, (req) => venues.listVenues(ctxOf(req), req.query));
  serve(app, exposuresApi.createVenue, write, async (req, reply) => {
    reply.status(201);
    return venues.createVenue(ctxOf(req), req.body);
  });
  serve(app, exposuresApi.updateVenue, write, (req) => venues.updateVenue(ctxOf(req), req.params.id, req.body));
  serve(app, exposuresApi.venueVisits, read, (req) => venues.venueVisits(ctxOf(req), req.params.id, req.query));
  serve(app, exposuresApi.venueScanForm, pub, (req) => venues.scanForm(scanCtx(req), req.params.token));
  serve(app, exposuresApi.venueScan, pub, async (req, reply) => {
    reply.status(201);
    return venues.scan(scanCtx(req), req.params.token, req.body);
  });

  serve(app, chainsApi.listChains, read, (req) => chains.listChains(ctxOf(req), req.query));
  serve(app, chainsApi.recomputeChains, write, async () => {
    const done = computed(await chains.computeChains(app.db));
    return { computedAt: done.computedAt, tookMs: done.tookMs };
  });
  serve(app, chainsApi.getChain, read, (req) => chains.getChain(ctxOf(req), req.params.id, req.query));
}
