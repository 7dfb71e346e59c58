import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadPhoto } from '../../testing/photos';
import { type HelpFixture, helpFixture, idOf, ok, submitPublic, triageMedicine } from './test-fixture';

/**
 * Cash advanced by a deliverer (垫付): recorded at delivery only with a receipt's photo, shown on the request's page
 * with the doorstep photos, owed until the office pays it back once, and kept within the office's area.
 */
let f: HelpFixture;
let id: number;
beforeAll(async () => {
  f = await helpFixture();
  const sent = await submitPublic(f);
  id = await idOf(f, sent.code);
  await triageMedicine(f, id);
  await ok(f.cadre.post(`/api/help/requests/${id}/assign`, {}));
}, 120_000);
afterAll(() => f.t.close());

describe('cash advanced for a purchase', () => {
  it('needs a receipt photo, then shows on the page and in what is owed', async () => {
    const door = await uploadPhoto(f.member);
    const noReceipt = await f.member.post(`/api/help/requests/${id}/deliver`, { photoIds: [door], advanceYuan: 36.5 });
    expect(noReceipt.statusCode).toBe(400);
    expect(noReceipt.json().error.code).toBe('HELP_RECEIPT_REQUIRED');
    const cents = await f.member.post(`/api/help/requests/${id}/deliver`, { photoIds: [door], advanceYuan: 36.555, receiptPhotoIds: [door] });
    expect(cents.statusCode).toBe(400);
    const receipt = await uploadPhoto(f.member);
    await ok(f.member.post(`/api/help/requests/${id}/deliver`, { photoIds: [door], advanceYuan: 36.5, receiptPhotoIds: [receipt] }));
    const page = await ok(f.cadre.get(`/api/help/requests/${id}`));
    expect(page).toMatchObject({ status: 'delivered', advanceYuan: 36.5, advanceSettledAt: null });
    expect(page.proofPhotos.map((p: any) => p.id)).toEqual([door]);
    expect(page.receiptPhotos.map((p: any) => p.id)).toEqual([receipt]);
    const owed = await ok(f.command.get('/api/help/advances'));
    expect(owed).toMatchObject({ totalYuan: 36.5, items: [{ id, advanceYuan: 36.5 }] });
    // The sibling village's cadre sees none of it.
    expect((await ok(f.cadre2.get('/api/help/advances'))).items).toEqual([]);
    expect((await f.cadre2.get(`/api/help/requests/${id}`)).statusCode).toBe(404);
  });

  it('is paid back once, by a holder of help.manage', async () => {
    expect((await f.cadre.post(`/api/help/requests/${id}/advance/settle`)).statusCode).toBe(403);
    const settled = await ok(f.command.post(`/api/help/requests/${id}/advance/settle`));
    expect(settled.advanceSettledAt).not.toBeNull();
    const again = await f.command.post(`/api/help/requests/${id}/advance/settle`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HELP_ADVANCE_SETTLED');
    expect((await ok(f.command.get('/api/help/advances'))).totalYuan).toBe(0);
  });
});
