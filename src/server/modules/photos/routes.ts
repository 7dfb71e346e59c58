import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/photos/api';
import { ctxOf } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { acceptUploads, readUpload } from '../../platform/http-files';
import { serve } from '../../platform/serve';
import { mayReadPhoto } from './readers';
import * as repo from './repo';
import * as service from './service';

/** A photo nobody names within this many hours is deleted. */
const KEEP_UNBOUND_HOURS = 24;

export async function photoRoutes(app: FastifyInstance) {
  await acceptUploads(app, api.MAX_PHOTO_MB * 1048576);
  await app.jobs.define({
    name: 'photos.sweep',
    policy: 'stately',
    cron: '41 * * * *',
    run: async () => void (await repo.sweepUnbound(app.db, KEEP_UNBOUND_HOURS)),
  });
  const tags = ['photos'];

  serve(app, api.uploadPhoto, { access: 'signed-in', upload: true, tags }, async (req) => service.upload(ctxOf(req), await readUpload(req)));

  serve(app, api.getPhoto, { access: 'signed-in', tags }, async (req, reply) => {
    const ctx = ctxOf(req);
    const photo = await repo.readPhoto(ctx.db, ctx.actor.scope, ctx.actor.userId, req.params.id);
    if (!photo || !mayReadPhoto(photo.owner, ctx.actor.permissions)) throw notFound();
    // A photo never changes under its id; the browser may keep it for a while, but only for this user.
    return reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600').send(photo.bytes);
  });
}
