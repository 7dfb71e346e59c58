import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, testConfig } from '../../config';
import type { Db } from '../../db/engine';
import { verifyPassword } from '../../platform/passwords';
import { freshDb } from '../../testing/harness';
import { bootstrap } from './bootstrap';

/** First start (issue 14, point 8): the demo never in production; the first administrator instead. */
let db: Db | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const admin = async () =>
  (
    await db!.query<{ password_hash: string; must_change_password: boolean }>("SELECT password_hash, must_change_password FROM users WHERE username = 'admin'")
  )[0];

describe('a production start', () => {
  it('refuses a demo request with a clear error, in the settings and in the first-start step', async () => {
    try {
      loadConfig({ NODE_ENV: 'production', DEMO_SEED: 'true' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toMatch(/published password.*NODE_ENV=production/);
    }
    db = await freshDb();
    await expect(bootstrap(db, testConfig({ NODE_ENV: 'production', DEMO_SEED: true }))).rejects.toThrow(/not loaded with NODE_ENV=production/);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(n).toBe(0);
  });

  it('creates the first administrator with the password given at set-up', async () => {
    db = await freshDb();
    const config = { ...testConfig(), ...loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'Given-At-Setup-7', LOG_LEVEL: 'silent' }) };
    expect(config.DEMO_SEED).toBe(false);
    const message = await bootstrap(db, config);
    expect(message).toContain('(ADMIN_PASSWORD)');
    expect(message).not.toContain('Given-At-Setup-7');
    const row = await admin();
    expect(await verifyPassword('Given-At-Setup-7', row.password_hash)).toBe(true);
    expect(row.must_change_password).toBe(false);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents');
    expect(n).toBe(0);
  });

  it('or generates one, prints it once, and requires a change at the first sign-in', async () => {
    db = await freshDb();
    const message = (await bootstrap(db, testConfig({ NODE_ENV: 'production', DEMO_SEED: false })))!;
    const printed = /password: (\S+)/.exec(message)![1];
    expect(printed.length).toBeGreaterThanOrEqual(16);
    const row = await admin();
    expect(await verifyPassword(printed, row.password_hash)).toBe(true);
    expect(row.must_change_password).toBe(true);
    // A second start prints nothing.
    expect(await bootstrap(db, testConfig({ NODE_ENV: 'production', DEMO_SEED: false }))).toBeNull();
  });
});
