import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import type { Scope } from '../../platform/scope';
import * as photos from '../photos';
import type { PhotoRef } from '../../../domain/photos/api';

/**
 * The photos this module keeps, through the photos module's face: a disinfection job's before and after (by the
 * job) and a publicity item's (by the item).
 */
export const OWNERS = { before: 'disinfection_before', after: 'disinfection_after', publicity: 'publicity_item' } as const;
export type PhotoOwner = (typeof OWNERS)[keyof typeof OWNERS];

export async function bind(tx: Queryable, ctx: Ctx, p: { ids: number[] | undefined; owner: PhotoOwner; ownerId: number; areaPath: string; field: string }) {
  if (!p.ids?.length) return;
  await photos.bindPhotos(tx, ctx, { ...p, ids: p.ids });
}

export async function of(db: Queryable, scope: Scope, owner: PhotoOwner, ownerIds: number[]): Promise<Map<number, PhotoRef[]>> {
  if (!ownerIds.length) return new Map();
  return photos.photosOf(db, scope, owner, ownerIds);
}
