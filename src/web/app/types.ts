/**
 * Names the shell and older pages use for answer shapes. Every shape comes from a route contract
 * (domain/<module>/api.ts); only the shell's own view of an area is composed here.
 */
import type { z } from 'zod';
import type { Area as AreaAnswer, AreaSummary } from '../../domain/areas/api';
import type { pageOf } from '../../domain/primitives';

export type { AreaKind } from '../../domain/areas/kinds';
export type { AreaRef, Division } from '../../domain/areas/api';
export type { Me, Session as MeResponse } from '../../domain/auth/api';
export type { LocalName, PermissionDef, Role, UserView as User } from '../../domain/users/api';

/**
 * An area as the shell holds it: a /api/areas answer, or the signed-in user's scope from login and
 * /auth/me, which carries no child count.
 */
export type Area = AreaSummary & Partial<Pick<AreaAnswer, 'childCount'>>;

/** A page of a list, as `pageOf(item)` answers it. */
export type Page<T> = z.output<ReturnType<typeof pageOf<z.ZodType<T>>>>;
