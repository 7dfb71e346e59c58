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
});
