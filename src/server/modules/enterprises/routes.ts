import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/enterprises/api';
import type { Config } from '../../config';
import { ctxOf } from '../../platform/context';
import { acceptUploads, readSheetUpload, readUpload } from '../../platform/http-files';
import { serve } from '../../platform/serve';
import { uploadFolder } from '../../platform/spreadsheets/stored-upload';
import * as applications from './applications';
import * as documents from './documents';
import * as ledger from './ledger';
import * as register from './register';
import * as staff from './staff';
import { checkStaffCases, defineEnterpriseJobs } from './suspension';
import { DOCUMENT_MAX_BYTES } from '../../../domain/enterprises/policy';

/** Enterprises and their resumption (复工复产). Every route is scoped by the enterprise's area. */
const perm = (permission: string) => ({ access: { permission }, tags: ['enterprises'] });

export async function enterpriseRoutes(app: FastifyInstance, opts: { config: Config }) {
  const maxBytes = Math.round(opts.config.IMPORT_MAX_MB * 1048576);
  const uploads = uploadFolder(opts.config.DATA_DIR);
  // One limit for the plugin's uploads: the larger of a staff list's and a plan's; each route caps its own below.
  await acceptUploads(app, Math.max(maxBytes, DOCUMENT_MAX_BYTES + 1));
  const read = perm('enterprises.read');
  const manage = perm('enterprises.manage');

  serve(app, api.getPolicy, read, () => register.policy());
  serve(app, api.listEnterprises, read, (req) => register.listEnterprises(ctxOf(req), req.query));
  serve(app, api.createEnterprise, manage, (req) => register.createEnterprise(ctxOf(req), req.body));
  serve(app, api.listApplications, perm('enterprises.approve'), (req) => applications.pending(ctxOf(req), req.query));
  serve(app, api.decideApplication, perm('enterprises.approve'), (req) => applications.decide(ctxOf(req), req.params.id, req.body));
  serve(app, api.downloadDocument, read, async (req, reply) => {
    const f = await documents.downloadDocument(ctxOf(req), req.params.id);
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', `attachment; filename="${f.asciiName}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(f.body);
  });
  serve(app, api.getEnterprise, read, (req) => register.getEnterprise(ctxOf(req), req.params.id));
  serve(app, api.updateEnterprise, manage, (req) => register.updateEnterprise(ctxOf(req), req.params.id, req.body));
  serve(app, api.uploadDocument, { ...manage, upload: true }, async (req) =>
    documents.uploadDocument(ctxOf(req), req.params.id, req.query.kind, await readUpload(req)),
  );
  serve(app, api.applyToResume, manage, (req) => applications.apply(ctxOf(req), req.params.id, req.body));
  serve(app, api.importStaff, { ...manage, upload: true }, async (req) =>
    staff.importStaff(ctxOf(req), req.params.id, await readSheetUpload(req), maxBytes, uploads),
  );
  serve(app, api.listStaff, read, (req) => staff.listStaff(ctxOf(req), req.params.id, req.query));
  serve(app, api.submitLedger, perm('enterprises.ledger'), async (req, reply) => {
    const r = await ledger.submitLedger(ctxOf(req), req.params.id, req.body);
    reply.status(r.created ? 201 : 200);
    return r.view;
  });
  serve(app, api.listLedgers, read, (req) => ledger.listLedgers(ctxOf(req), req.params.id, req.query));
  serve(app, api.checkCases, manage, async (req) => {
    const ctx = ctxOf(req);
    await register.mustFind(ctx, req.params.id);
    return checkStaffCases(ctx.db, ctx, req.params.id);
  });

  await defineEnterpriseJobs(app.jobs, app.db);
}
