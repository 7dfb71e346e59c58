import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import type { Scope } from '../../platform/scope';
import * as photos from '../photos';
import type { PhotoRef } from '../../../domain/photos/api';

/**
 * The photos this module keeps, through the photos module's face: a failed item's (owner `inspection_item`, by
 * the item row), a unit's report of an order done (`inspection_report`) and a re-inspection's
 * (`inspection_reinspection`, both by the order).
 */
export const OWNERS = { item: 'inspection_item', report: 'inspection_report', reinspection: 'inspection_reinspection' } as const;
export type PhotoOwner = (typeof OWNERS)[keyof typeof OWNERS];

export async function bind(tx: Queryable, ctx: Ctx, p: { ids: number[]; owner: PhotoOwner; ownerId: number; areaPath: string; field: string }) {
  if (!p.ids.length) return;
  await photos.bindPhotos(tx, ctx, p);
}

export async function of(db: Queryable, scope: Scope, owner: PhotoOwner, ownerIds: number[]): Promise<Map<number, PhotoRef[]>> {
  if (!ownerIds.length) return new Map();
  return photos.photosOf(db, scope, owner, ownerIds);
}
