import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DEMO_SEED).toBe(true);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset and parses booleans', () => {
    const c = loadConfig({ PORT: '', DEMO_SEED: 'false', COOKIE_SECURE: 'yes' });
    expect(loadConfig({}).COOKIE_SECURE).toBe('auto');
    expect(c.PORT).toBe(3000);
    expect(c.DEMO_SEED).toBe(false);
    expect(c.COOKIE_SECURE).toBe(true);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it('has the enlistment form throttle as settings', () => {
    expect(loadConfig({})).toMatchObject({ ENLIST_MAX_PER_ADDRESS: 60, ENLIST_WINDOW_MINUTES: 10 });
    expect(loadConfig({ ENLIST_MAX_PER_ADDRESS: '500', ENLIST_WINDOW_MINUTES: '5' })).toMatchObject({ ENLIST_MAX_PER_ADDRESS: 500, ENLIST_WINDOW_MINUTES: 5 });
    expect(() => loadConfig({ ENLIST_MAX_PER_ADDRESS: '0' })).toThrow(/ENLIST_MAX_PER_ADDRESS/);
    expect(() => loadConfig({ ENLIST_WINDOW_MINUTES: 'soon' })).toThrow(/ENLIST_WINDOW_MINUTES/);
  });

  it('refuses a maximum session shorter than the idle one', () => {
    expect(() => loadConfig({ SESSION_IDLE_HOURS: '10', SESSION_MAX_HOURS: '2' })).toThrow(/SESSION_MAX_HOURS/);
  });

  it('keeps sessions short by default: 2 h idle, 24 h at most', () => {
    expect(loadConfig({})).toMatchObject({ SESSION_IDLE_HOURS: 2, SESSION_MAX_HOURS: 24 });
  });

  it('reads TRUST_PROXY as off, a hop count, or proxy addresses — never "trust anyone"', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.2, 192.168.1.0/24,::1' }).TRUST_PROXY).toEqual(['10.0.0.2', '192.168.1.0/24', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: true would trust any client/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/);
  });

  it('has request, header and idle timeouts, headers first', () => {
    expect(loadConfig({})).toMatchObject({ HTTP_HEADERS_TIMEOUT_SECONDS: 20, HTTP_REQUEST_TIMEOUT_SECONDS: 300, HTTP_IDLE_TIMEOUT_SECONDS: 300 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_SECONDS: '60', HTTP_REQUEST_TIMEOUT_SECONDS: '30' })).toThrow(/HTTP_HEADERS_TIMEOUT_SECONDS/);
  });

  it('loads the demo on a laptop, and refuses it in production', () => {
    expect(loadConfig({}).DEMO_SEED).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).DEMO_SEED).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_SEED: 'true' })).toThrow(
      /DEMO_SEED: the demo \(with its published password\) is refused with NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production', DEMO_SEED: 'false' }).DEMO_SEED).toBe(false);
  });

  it('refuses a weak ADMIN_PASSWORD', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'password12' })).toThrow(/ADMIN_PASSWORD: too weak/);
    expect(loadConfig({ ADMIN_PASSWORD: 'Set-Up-Pass-2026' }).ADMIN_PASSWORD).toBe('Set-Up-Pass-2026');
  });
});
