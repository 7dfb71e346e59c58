import { bindPhotos } from '../modules/photos';
import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { login } from './harness';
import { TINY_PNG, uploadPhoto } from './photos';
import { multipartBody } from './sheets';

/**
 * Cross-area cases of the photos module. A's photo carries the marker in its bytes (after the PNG's end, where
 * a viewer ignores it) and is bound to a record in A's village, so only a read of the bytes could show it.
 */
let record = 0;

async function photoInA(e: CrossEnv): Promise<number> {
  const agent = await login(e.t.app, 'leakmark_a');
  const id = await uploadPhoto(agent, Buffer.concat([TINY_PNG, Buffer.from(MARK)]));
  await e.t.db.tx((tx) =>
    bindPhotos(tx, { actor: { userId: agent.userId } } as never, { ids: [id], owner: 'cross_area', ownerId: ++record, areaPath: e.a.village.path }),
  );
  return id;
}

export const PHOTO_CASES: Record<string, CrossCase> = {
  // An upload is the caller's own until a record in their reach names it.
  'POST /api/photos': async () => {
    const file = multipartBody('photo.png', TINY_PNG);
    return [{ url: '/api/photos', body: file.payload, headers: file.headers, expect: 'no-leak', control: 'none' }];
  },
  'GET /api/photos/:id': async (e) => [
    { url: `/api/photos/${await photoInA(e)}`, readBody: async (raw) => raw.toString('latin1'), expect: 'denied', control: 'marker' },
  ],
};
