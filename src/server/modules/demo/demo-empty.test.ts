import { describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { freshDb } from '../../testing/harness';
import { bootstrap } from './bootstrap';

/**
 * The demo without synthetic residents (DEMO_RESIDENTS=0, a documented setting): the county, its accounts and its
 * posts load, and the parts that need people say so instead of stopping the start (the door-to-door campaign of a
 * grid with no household used to throw CAMPAIGN_EMPTY, and the server did not start).
 */
describe('the demo county without synthetic residents', () => {
  it('loads, and says what it left out', async () => {
    const db = await freshDb();
    try {
      const message = await bootstrap(db, testConfig({ DEMO_SEED: true, DEMO_RESIDENTS: 0 }));
      expect(message).toContain('no door-to-door campaign (the grid has no households)');
      expect(message).toContain('checkpoints');
      const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE username IN ('admin', 'command', 'grid')");
      expect(n).toBe(3);
    } finally {
      await db.close();
    }
  }, 120_000);
});
