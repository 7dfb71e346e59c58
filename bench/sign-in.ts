/**
 * Signs a bench's client in as one of the demo accounts and answers the headers every later call sends (the session
 * cookie, the CSRF token, JSON) and the signed-in user, as the web app would hold them.
 */
export const DEMO_PASSWORD = 'Wangge@2026';

export async function signIn(
  base: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<{ headers: Record<string, string>; user: { id: number; scope: { id: number } } }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { csrfToken: string; user: { id: number; scope: { id: number } } };
  const cookie = res.headers
    .getSetCookie()
    .map((s) => s.split(';')[0])
    .join('; ');
  return { headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' }, user: session.user };
}
