import { z } from 'zod';
import { defineRoute } from '../contract';
import { fileDownload, id, idParams, instant } from '../primitives';

/**
 * Photos taken in the field (proof of delivery, a failed inspection item, a signature). A photo is uploaded on
 * its own first and then named by id in the body of the record it proves, which binds it in that record's
 * transaction (server `photos.bindPhotos`). From then on it is seen by whoever may see that record.
 */

/** The most photos one record takes, and the largest photo accepted (the phone downsizes before sending). */
export const MAX_PHOTOS_PER_RECORD = 10;
export const MAX_PHOTO_MB = 5;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A record's photos in a request body: ids from `POST /api/photos`, each once. */
export const photoIds = z
  .array(id)
  .max(MAX_PHOTOS_PER_RECORD)
  .refine((ids) => new Set(ids).size === ids.length, 'repeated');

/** A photo named in an answer: its id and where the browser loads it. */
export const photoRef = z.object({ id: z.number().int(), url: z.string(), uploadedAt: instant });
export type PhotoRef = z.infer<typeof photoRef>;

export const photoUrl = (photoId: number) => `/api/photos/${photoId}`;

export const uploadPhoto = defineRoute({
  method: 'POST',
  path: '/api/photos',
  summary: `Takes one photo (multipart/form-data, JPEG, PNG or WebP, at most ${MAX_PHOTO_MB} MB) to be named by a record within a day`,
  responses: { 201: z.object({ id: z.number().int(), url: z.string() }) },
});

export const getPhoto = defineRoute({
  method: 'GET',
  path: '/api/photos/:id',
  summary: 'The photo: to whoever may see the record it is bound to, or to its uploader before it is bound',
  params: idParams,
  responses: { 200: fileDownload },
});
