import type { MultipartFile } from '@fastify/multipart';
import { MAX_PHOTO_MB, photoUrl } from '../../../domain/photos/api';
import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, tooLarge } from '../../platform/errors';
import * as repo from './repo';
import { imageTypeOf } from './sniff';

/** How many photos one person may hold that no record names yet (a form's worth many times over, not a disk's). */
export const MAX_UNBOUND_PER_USER = 200;

/** Reads the one uploaded file whole (it is small: the phone downsized it), refusing what is not a photo. */
export async function upload(ctx: Ctx, file: MultipartFile): Promise<{ id: number; url: string }> {
  let bytes: Buffer;
  try {
    bytes = await file.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge('PHOTO_TOO_LARGE', { mb: MAX_PHOTO_MB });
    throw badRequest('IMPORT_NO_FILE');
  }
  if ((file.file as { truncated?: boolean }).truncated) throw tooLarge('PHOTO_TOO_LARGE', { mb: MAX_PHOTO_MB });
  const mime = imageTypeOf(bytes);
  if (!mime) throw badRequest('PHOTO_NOT_IMAGE');
  if ((await repo.unboundCount(ctx.db, ctx.actor.userId)) >= MAX_UNBOUND_PER_USER) throw conflict('PHOTO_TOO_MANY', { max: MAX_UNBOUND_PER_USER });
  const id = await repo.insertPhoto(ctx.db, { uploadedBy: ctx.actor.userId, mime, bytes });
  return { id, url: photoUrl(id) };
}

/**
 * Binds photos the caller uploaded, and nobody has named yet, to the record being written — in the caller's
 * transaction, so a record refused leaves its photos unbound (the sweep takes them) and a record written
 * always has them. An id that is not such a photo refuses the whole write, naming the field.
 */
export async function bindPhotos(
  tx: Queryable,
  ctx: Pick<Ctx, 'actor'>,
  p: { ids: readonly number[]; owner: string; ownerId: number; areaPath: string; field?: string },
): Promise<void> {
  if (!p.ids.length) return;
  const ids = [...new Set(p.ids)];
  const bound = await repo.bind(tx, { ids, userId: ctx.actor.userId, owner: p.owner, ownerId: p.ownerId, areaPath: p.areaPath });
  if (bound.length !== ids.length) throw badRequest('PHOTO_UNKNOWN', {}, { [p.field ?? 'photoIds']: 'photo_unknown' });
}
