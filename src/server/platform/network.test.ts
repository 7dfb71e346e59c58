import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../testing/harness';

/** Which client address the server believes (TRUST_PROXY), and how long a slow client may hold it. */
async function failedLoginIp(t: TestApp, remoteAddress: string, forwardedFor?: string): Promise<string> {
  const user = `probe${Math.random().toString(36).slice(2, 8)}`;
  await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user, password: 'Wrong-Pass-1' },
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  const [row] = await t.db.query<{ client_ip: string }>("SELECT client_ip FROM audit_log WHERE action = 'login-failed' AND actor_name = $1", [user]);
  return row.client_ip;
}

describe('TRUST_PROXY', () => {
  let off: TestApp;
  let hops: TestApp;
  let list: TestApp;
  beforeAll(async () => {
    off = await testApp();
    hops = await testApp({ TRUST_PROXY: 1, LOGIN_MAX_FAILURES_PER_ADDRESS: 3 });
    list = await testApp({ TRUST_PROXY: ['10.0.0.2', '192.168.7.0/24'] });
  });
  afterAll(async () => {
    await off.close();
    await hops.close();
    await list.close();
  });

  it('off: a forged X-Forwarded-For is ignored', async () => {
    expect(await failedLoginIp(off, '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });

  it('a hop count: only the address the nearest proxy added counts, not what the client wrote before it', async () => {
    expect(await failedLoginIp(hops, '10.0.0.2', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    // Rotating a forged left-hand address does not escape the address limit.
    for (let i = 0; i < 3; i++) await failedLoginIp(hops, '10.0.0.2', `9.9.9.${i}, 198.51.100.8`);
    const res = await hops.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'whoever', password: 'Wrong-Pass-1' },
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': '9.9.9.99, 198.51.100.8' },
    });
    expect(res.statusCode).toBe(429);
  });

  it('a list of proxies: believed only when the request came through one of them', async () => {
    expect(await failedLoginIp(list, '10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
    expect(await failedLoginIp(list, '192.168.7.40', '198.51.100.9')).toBe('198.51.100.9');
    // A client talking to the server directly cannot choose its address.
    expect(await failedLoginIp(list, '203.0.113.9', '198.51.100.7')).toBe('203.0.113.9');
    // A proxy in the list passing on a forged chain: the first untrusted hop is the client.
    expect(await failedLoginIp(list, '10.0.0.2', '1.2.3.4, 198.51.100.5')).toBe('198.51.100.5');
  });
});

describe('HTTP timeouts', () => {
  it('closes a connection whose request arrives too slowly', async () => {
    const t = await testApp({ HTTP_HEADERS_TIMEOUT_SECONDS: 0.5, HTTP_REQUEST_TIMEOUT_SECONDS: 1, HTTP_IDLE_TIMEOUT_SECONDS: 1 });
    try {
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = t.app.server.address() as AddressInfo;
      const started = Date.now();
      // Headers complete, then a body that never finishes: it trickles a byte every 200 ms.
      const closedAfter = await new Promise<{ ms: number; answer: string }>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let answer = '';
        socket.on('data', (d) => {
          answer += d.toString();
        });
        socket.on('error', () => {});
        socket.write('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
        const drip = setInterval(() => socket.write(' '), 200);
        socket.on('close', () => {
          clearInterval(drip);
          resolve({ ms: Date.now() - started, answer });
        });
      });
      expect(closedAfter.ms).toBeLessThan(5_000);
      expect(closedAfter.answer).toMatch(/^HTTP\/1.1 408|^$/);
    } finally {
      await t.close();
    }
    // The closing itself is timed above (< 5 s); the fresh database's migrations take most of the test's time and,
    // on a busy machine, more than 30 s.
  }, 180_000);
});
