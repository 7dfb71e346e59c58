import { z } from 'zod';
import { areaSummary } from '../areas/api';
import { defineRoute } from '../contract';
import { instant, okBody, plainText } from '../primitives';
import { password, userView } from '../users/api';

/** Signing in and out, and who is signed in (server/modules/auth). */

/** The signed-in user: their account, their whole scope area and the permissions their roles give. */
export const me = userView.omit({ scope: true }).extend({
  scope: areaSummary,
  permissions: z.array(z.string()),
  /** The password was set by someone else: the app shows only the change-password screen until it changes. */
  mustChangePassword: z.boolean(),
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

/** One of the signed-in user's own sessions, for "my sessions". */
export const mySession = z.object({
  id: z.string(),
  createdAt: instant,
  lastSeenAt: instant,
  /** The address the session signed in from (as this server sees it). */
  clientIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session making this request. */
  current: z.boolean(),
});
export type MySession = z.infer<typeof mySession>;

export const listMySessions = defineRoute({
  method: 'GET',
  path: '/api/auth/sessions',
  summary: 'The signed-in user’s live sessions (device, address, last seen)',
  responses: { 200: z.object({ items: z.array(mySession) }) },
});

export const endMySession = defineRoute({
  method: 'POST',
  path: '/api/auth/sessions/:sessionId/end',
  summary: 'Ends one of the signed-in user’s sessions',
  params: z.strictObject({ sessionId: z.string().regex(/^[0-9a-f]{64}$/, 'invalid_format') }),
  responses: { 200: okBody },
});

export const endOtherSessions = defineRoute({
  method: 'POST',
  path: '/api/auth/sessions/end-others',
  summary: 'Ends every session of the signed-in user except this one',
  responses: { 200: okBody },
});
