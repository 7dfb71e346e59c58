/** What the bench:monitoring parts share: signing in through the API, and percentiles. */
export interface Session {
  username: string;
  userId: number;
  /** Cookie and CSRF token: enough for reads and writes. */
  headers: Record<string, string>;
}

export async function signIn(base: string, username: string, password = 'Wangge@2026'): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  const { user, csrfToken } = (await res.json()) as { user: { id: number }; csrfToken: string };
  return {
    username,
    userId: user.id,
    headers: { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
  };
}

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];
export const median = (xs: number[]) => pct(xs, 50);
