import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaRow } from '../areas/repo';
import { login, makeArea, makeUser, type TestApp, testApp } from '../../testing/harness';
import { TINY_PNG, uploadPhoto } from '../../testing/photos';
import { multipartBody } from '../../testing/sheets';
import { bindPhotos, dropPhotos, photosOf, registerPhotoReader } from './index';
import { sweepUnbound } from './repo';
import { imageTypeOf } from './sniff';

let t: TestApp;
let village: AreaRow;
let other: AreaRow;

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '照片镇', 'town');
  village = await makeArea(t.db, town, '照片村', 'village');
  other = await makeArea(t.db, town, '邻村', 'village');
  await makeUser(t.db, 'photo_a', ['grid_worker'], village);
  await makeUser(t.db, 'photo_b', ['grid_worker'], village);
  await makeUser(t.db, 'photo_other', ['grid_worker'], other);
  await makeUser(t.db, 'photo_town', ['grid_worker'], town);
});
afterAll(() => t.close());

const actorOf = (userId: number) => ({ actor: { userId } }) as Parameters<typeof bindPhotos>[1];

async function bindAs(userId: number, ids: number[], ownerId: number, areaPath = village.path) {
  await t.db.tx((tx) => bindPhotos(tx, actorOf(userId), { ids, owner: 'test_record', ownerId, areaPath, field: 'proofPhotoIds' }));
}

describe('what counts as a photo', () => {
  it('reads the kind from the bytes, not the name', () => {
    expect(imageTypeOf(TINY_PNG)).toBe('image/png');
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(imageTypeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toBeNull();
    expect(imageTypeOf(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(imageTypeOf(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a file that is not an image, a missing file and one over the limit', async () => {
    const a = await login(t.app, 'photo_a');
    const svg = multipartBody('photo.png', Buffer.from('<svg/>'));
    const res = await a.request({ method: 'POST', url: '/api/photos', payload: svg.payload, headers: { ...svg.headers, 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PHOTO_NOT_IMAGE');
    expect((await a.post('/api/photos', {})).statusCode).toBe(400);
    const big = multipartBody('big.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1048576 + 10)]));
    const tooBig = await a.request({ method: 'POST', url: '/api/photos', payload: big.payload, headers: big.headers });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PHOTO_TOO_LARGE');
  });
});

describe('a photo from upload to its record', () => {
  it('is seen by its uploader only until a record names it, then by whoever may see the record', async () => {
    const a = await login(t.app, 'photo_a');
    const b = await login(t.app, 'photo_b');
    const elsewhere = await login(t.app, 'photo_other');
    const id = await uploadPhoto(a);

    const own = await a.get(`/api/photos/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.rawPayload.equals(TINY_PNG)).toBe(true);
    // Same village, but not bound yet: nobody else sees it.
    expect((await b.get(`/api/photos/${id}`)).statusCode).toBe(404);

    await bindAs(a.userId, [id], 77);
    expect((await b.get(`/api/photos/${id}`)).statusCode).toBe(200);
    expect((await (await login(t.app, 'photo_town')).get(`/api/photos/${id}`)).statusCode).toBe(200);
    expect((await elsewhere.get(`/api/photos/${id}`)).statusCode).toBe(404);

    const listed = await photosOf(t.db, { areaId: village.id, path: village.path }, 'test_record', [77, 78]);
    expect(listed.get(77)?.map((p) => p.id)).toEqual([id]);
    expect(listed.get(77)?.[0].url).toBe(`/api/photos/${id}`);
    expect(listed.has(78)).toBe(false);
    expect((await photosOf(t.db, { areaId: other.id, path: other.path }, 'test_record', [77])).size).toBe(0);
  });

  it('refuses, naming the field, a photo someone else took, one already used, or one that does not exist — and binds none of them', async () => {
    const a = await login(t.app, 'photo_a');
    const b = await login(t.app, 'photo_b');
    const mine = await uploadPhoto(a);
    const theirs = await uploadPhoto(b);
    const used = await uploadPhoto(a);
    await bindAs(a.userId, [used], 90);

    for (const ids of [
      [mine, theirs],
      [mine, used],
      [mine, 2_000_000_000],
    ]) {
      const err = await bindAs(a.userId, ids, 91).catch((e) => e);
      expect(err.code).toBe('PHOTO_UNKNOWN');
      expect(err.fields).toEqual({ proofPhotoIds: 'photo_unknown' });
    }
    // The refused writes rolled back: `mine` is still unbound and can be used once.
    expect((await photosOf(t.db, { areaId: village.id, path: village.path }, 'test_record', [91])).size).toBe(0);
    await bindAs(a.userId, [mine], 91);
    await expect(bindAs(a.userId, [mine], 92)).rejects.toMatchObject({ code: 'PHOTO_UNKNOWN' });
  });

  it('deletes photos nobody named within the time, and those of a purged record', async () => {
    const a = await login(t.app, 'photo_a');
    const stale = await uploadPhoto(a);
    const kept = await uploadPhoto(a);
    await bindAs(a.userId, [kept], 95);
    await t.db.query(`UPDATE photos SET uploaded_at = now() - interval '25 hours' WHERE id = ANY($1::int[])`, [[stale, kept]]);
    await sweepUnbound(t.db, 24);
    expect((await a.get(`/api/photos/${stale}`)).statusCode).toBe(404);
    expect((await a.get(`/api/photos/${kept}`)).statusCode).toBe(200);
    expect(await t.db.tx((tx) => dropPhotos(tx, 'test_record', [95]))).toBe(1);
    expect((await a.get(`/api/photos/${kept}`)).statusCode).toBe(404);
  });

  it('a kind of record whose owner names a permission shows its photos only to holders of it', async () => {
    registerPhotoReader('audited_record', 'audit.manage');
    const a = await login(t.app, 'photo_a');
    const id = await uploadPhoto(a);
    await t.db.tx((tx) => bindPhotos(tx, actorOf(a.userId), { ids: [id], owner: 'audited_record', ownerId: 1, areaPath: village.path }));
    // Same village, and even the uploader: a grid worker does not hold the permission that reads such records.
    expect((await a.get(`/api/photos/${id}`)).statusCode).toBe(404);
    await makeUser(t.db, 'photo_admin', ['admin'], village);
    expect((await (await login(t.app, 'photo_admin')).get(`/api/photos/${id}`)).statusCode).toBe(200);
  });
});
