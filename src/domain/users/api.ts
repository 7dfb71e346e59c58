import { z } from 'zod';
import { areaRef } from '../areas/api';
import { defineRoute } from '../contract';
import { id, idParam, idParams, instant, okBody, pageOf, plainText } from '../primitives';

/** Accounts, roles and the permission catalogue (server/modules/users). */

// ——— inputs, shared with the web forms ———

export const username = plainText(40)
  .min(3)
  .regex(/^[A-Za-z0-9_.-]+$/, 'invalid_format');
export const displayName = plainText(60).min(1);
export const phone = plainText(20).regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'invalid_format');
/** A password as typed: not trimmed; its strength is checked by the service (domain/auth/password-strength.ts). */
export const password = z.string().min(1).max(200);
const roleCodes = z.array(plainText(40).min(1)).min(1).max(10);

// ——— answers ———

/** An account as shown to whoever may read it: the phone is masked. */
export const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  /** Masked: 138****5678. */
  phone: z.string().nullable(),
  roles: z.array(z.string()),
  scope: areaRef,
  disabled: z.boolean(),
  createdAt: instant,
});
export type UserView = z.infer<typeof userView>;

export const localName = z.object({ zh: z.string(), en: z.string() });
export type LocalName = z.infer<typeof localName>;

export const role = z.object({
  code: z.string(),
  name: localName,
  permissions: z.array(z.string()),
  builtIn: z.boolean(),
});
export type Role = z.infer<typeof role>;

export const permissionDef = z.object({ code: z.string(), module: z.string() });
export type PermissionDef = z.infer<typeof permissionDef>;

// ——— routes ———

export const listUsers = defineRoute({
  method: 'GET',
  path: '/api/users',
  summary: 'Accounts in the caller’s scope, by area and username',
  query: z.strictObject({
    q: plainText(50).optional(),
    under: idParam.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  }),
  responses: { 200: pageOf(userView) },
});

export const getUser = defineRoute({
  method: 'GET',
  path: '/api/users/:id',
  summary: 'One account in the caller’s scope',
  params: idParams,
  responses: { 200: userView },
});

export const createUser = defineRoute({
  method: 'POST',
  path: '/api/users',
  summary: 'Creates an account with roles the caller holds, scoped inside the caller’s area',
  body: z.strictObject({
    username,
    displayName,
    phone: phone.nullish(),
    roles: roleCodes,
    scopeAreaId: id,
    password,
  }),
  responses: { 201: userView },
});

export const updateUser = defineRoute({
  method: 'PATCH',
  path: '/api/users/:id',
  summary: 'Changes an account’s name, phone, roles, scope or whether it is disabled',
  params: idParams,
  body: z.strictObject({
    displayName: displayName.optional(),
    phone: phone.nullish(),
    roles: roleCodes.optional(),
    scopeAreaId: id.optional(),
    disabled: z.boolean().optional(),
  }),
  responses: { 200: userView },
});

export const resetPassword = defineRoute({
  method: 'POST',
  path: '/api/users/:id/reset-password',
  summary: 'Sets a new password for an account and ends its sessions',
  params: idParams,
  body: z.strictObject({ newPassword: password }),
  responses: { 200: okBody },
});

export const listRoles = defineRoute({
  method: 'GET',
  path: '/api/roles',
  summary: 'Every role with its names and permissions',
  responses: { 200: z.object({ items: z.array(role) }) },
});

export const setRolePermissions = defineRoute({
  method: 'PUT',
  path: '/api/roles/:code',
  summary: 'Replaces a role’s permissions (root scope only, within the editor’s own permissions)',
  params: z.strictObject({ code: plainText(40).min(1) }),
  body: z.strictObject({ permissions: z.array(plainText(60).min(1)).max(500) }),
  responses: { 200: role },
});

export const listPermissions = defineRoute({
  method: 'GET',
  path: '/api/permissions',
  summary: 'Every named permission and the module it belongs to',
  responses: { 200: z.object({ items: z.array(permissionDef) }) },
});
