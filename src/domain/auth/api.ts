import { z } from 'zod';
import { areaSummary } from '../areas/api';
import { defineRoute } from '../contract';
import { okBody, plainText } from '../primitives';
import { password, userView } from '../users/api';

/** Signing in and out, and who is signed in (server/modules/auth). */

/** The signed-in user: their account, their whole scope area and the permissions their roles give. */
export const me = userView.omit({ scope: true }).extend({
  scope: areaSummary,
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof me>;

/** Login and /me answer the same: the user and the token every cookie-authenticated write must echo. */
export const session = z.object({ user: me, csrfToken: z.string() });
export type Session = z.infer<typeof session>;

export const login = defineRoute({
  method: 'POST',
  path: '/api/auth/login',
  summary: 'Signs in with a username and password; sets the session cookie',
  body: z.strictObject({ username: plainText(60).min(1), password }),
  responses: { 200: session },
});

export const getMe = defineRoute({
  method: 'GET',
  path: '/api/auth/me',
  summary: 'The signed-in user and the CSRF token',
  responses: { 200: session },
});

export const logout = defineRoute({
  method: 'POST',
  path: '/api/auth/logout',
  summary: 'Ends this session',
  responses: { 200: okBody },
});

export const logoutAll = defineRoute({
  method: 'POST',
  path: '/api/auth/logout-all',
  summary: 'Ends every session of the signed-in user',
  responses: { 200: okBody },
});

export const changePassword = defineRoute({
  method: 'POST',
  path: '/api/auth/password',
  summary: 'Changes the signed-in user’s password; other sessions end, this one stays',
  body: z.strictObject({ currentPassword: password, newPassword: password }),
  responses: { 200: okBody },
});
