import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/sampling/api';
import { ctxOf } from '../../platform/context';
import type { Config } from '../../config';
import { stampOf } from '../../platform/export-stamp';
import { acceptUploads, readSheetUpload, sendSpreadsheet } from '../../platform/http-files';
import { keepMonthsAhead } from '../../platform/month-partitions';
import { oneHeavyImport } from '../../platform/spreadsheets/heavy-import';
import { storeUpload, uploadFolder } from '../../platform/spreadsheets/stored-upload';
import { serve } from '../../platform/serve';
import { importLabFile } from './lab-file';
import { BINDINGS_TABLE } from './repo/bindings';
import * as boxes from './boxes';
import * as coverage from './coverage';
import * as desk from './desk';
import * as exemptions from './exemptions';
import { planHomeSampling } from './home-sampling';
import * as results from './results';
import * as rounds from './rounds';
import { slotPlan, slotPlanRoutes } from './slot-plans';
import { registerTaskPeople } from './task-people';
import { registerWalkIn } from './walk-ins';
import { coverageWorkbook } from './workbook';

/** Mass testing (全员核酸): docs/api-sampling.md; every route from its contract (domain/sampling/api). */
const perm = (permission: string) => ({ access: { permission } });
const LAB_FILE_MAX_MB = 50;

export async function samplingRoutes(app: FastifyInstance, opts: { config: Config }) {
  registerTaskPeople();
  const uploads = uploadFolder(opts.config.DATA_DIR);
  await acceptUploads(app, LAB_FILE_MAX_MB * 1048576);
  // Bindings are split by month (migration 0063): this month's and the next two are kept made, at start and daily.
  await keepMonthsAhead(app.jobs, app.db, { job: 'sampling.binding_months', table: BINDINGS_TABLE, timeZone: app.timeZone, ahead: 2, log: app.log });

  // ——— rounds and points ———
  serve(app, api.createRound, perm('sampling.manage'), (req) => rounds.createRound(ctxOf(req), req.body));
  serve(app, api.listRounds, perm('sampling.read'), (req) => rounds.listRounds(ctxOf(req), req.query));
  serve(app, api.getRound, perm('sampling.read'), (req) => rounds.getRound(ctxOf(req), req.params.id));
  serve(app, api.setRoundStatus, perm('sampling.manage'), (req) => rounds.setRoundStatus(ctxOf(req), req.params.id, req.body.status));
  serve(app, api.createPoint, perm('sampling.manage'), (req) => rounds.createPoint(ctxOf(req), req.params.id, req.body));
  serve(app, api.listPoints, perm('sampling.read'), (req) => rounds.listPoints(ctxOf(req), req.params.id));
  serve(app, api.computeSlotPlan, perm('sampling.read'), (req) => slotPlan(ctxOf(req), req.params.id, req.params.pointId, req.query.targetWaitMinutes));
  // Stored plans, hand edits, notices and the workbook: slot-plans.ts.
  slotPlanRoutes(app);
  serve(app, api.planHomeSampling, perm('sampling.manage'), (req) => planHomeSampling(ctxOf(req), req.params.id, req.body));

  // ——— the desk ———
  serve(app, api.openTube, perm('sampling.desk'), async (req, reply) => {
    const tube = await desk.openTube(ctxOf(req), req.body);
    reply.status(tube.replayed ? 200 : 201);
    return tube;
  });
  serve(app, api.listTubes, perm('sampling.read'), (req) => desk.listTubes(ctxOf(req), req.query));
  serve(app, api.getTube, perm('sampling.read'), (req) => desk.getTube(ctxOf(req), req.params.id));
  serve(app, api.closeTube, perm('sampling.desk'), (req) => desk.closeTube(ctxOf(req), req.params.id, req.body.reason ?? null));
  serve(app, api.bind, perm('sampling.desk'), async (req, reply) => {
    const res = await desk.bind(ctxOf(req), req.body);
    reply.status(res.replayed ? 200 : 201);
    return res;
  });
  // A person the registry does not know: registered at the point's area and bound in one step (walk-ins.ts).
  serve(app, api.walkIn, perm('sampling.desk'), async (req, reply) => {
    const res = await registerWalkIn(ctxOf(req), req.body);
    reply.status(res.replayed ? 200 : 201);
    return res;
  });
  serve(app, api.removeBinding, perm('sampling.desk'), (req) => desk.removeBinding(ctxOf(req), req.params.id, req.body.reason));

  // ——— boxes ———
  serve(app, api.createBox, perm('sampling.desk'), (req) => boxes.createBox(ctxOf(req), req.body));
  serve(app, api.listBoxes, perm('sampling.read'), (req) => boxes.listBoxes(ctxOf(req), req.query));
  serve(app, api.getBox, perm('sampling.read'), (req) => boxes.getBox(ctxOf(req), req.params.id));
  serve(app, api.addTubesToBox, perm('sampling.desk'), (req) => boxes.addTubesToBox(ctxOf(req), req.params.id, req.body));
  serve(app, api.handOver, perm('sampling.desk'), (req) => boxes.handOver(ctxOf(req), req.params.id, req.body));

  // ——— lab results, positives ———
  serve(app, api.receiveResults, perm('sampling.lab'), (req) => results.receiveAll(ctxOf(req), req.body.results));
  serve(app, api.importResults, { ...perm('sampling.lab'), upload: true }, async (req) => {
    const ctx = ctxOf(req);
    const file = await readSheetUpload(req);
    // Kept private under the data folder while it is read, then deleted (stored-upload.ts); one at a time per person.
    return oneHeavyImport(ctx.actor.userId, async () => {
      const tmp = await storeUpload(file.file, uploads, LAB_FILE_MAX_MB * 1048576);
      try {
        return await importLabFile(ctx, tmp, req.server.timeZone);
      } finally {
        await rm(tmp, { force: true });
      }
    });
  });
  serve(app, api.listPositives, perm('sampling.read'), (req) => results.positives(ctxOf(req), req.params.id, req.query));

  // ——— exemptions, coverage ———
  serve(app, api.createExemption, perm('sampling.exempt'), (req) => exemptions.createExemption(ctxOf(req), req.body));
  serve(app, api.revokeExemption, perm('sampling.exempt'), (req) => exemptions.revokeExemption(ctxOf(req), req.params.id));
  serve(app, api.listExemptions, perm('sampling.read'), (req) => exemptions.listExemptions(ctxOf(req), req.params.id, req.query.under));
  serve(app, api.getCoverage, perm('sampling.read'), (req) => coverage.coverage(ctxOf(req), req.params.id, req.query.under));
  serve(app, api.coverageWorkbook, perm('sampling.read'), async (req, reply) => {
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, req.server.timeZone);
    const { buffer, fileName } = await coverageWorkbook(ctx, req.params.id, req.query.under, stamp);
    return sendSpreadsheet(reply, { fileName, asciiName: 'coverage.xlsx' }, buffer);
  });
  serve(app, api.coverageHours, perm('sampling.read'), (req) => coverage.coverageHours(ctxOf(req), req.params.id, req.query.under, req.server.timeZone));
  serve(app, api.listMissing, perm('sampling.read'), (req) => coverage.missingPeople(ctxOf(req), req.params.id, req.query));
}
