import { afterAll, beforeAll } from 'vitest';
import { deskCases } from './sampling-desk.cases';
import { resultCases } from './sampling-results.cases';
import { closeWorld, setupWorld } from './sampling-world';

/**
 * Mass testing through the API on a fresh database, told as one story in order (sampling-world.ts sets the scene):
 * the desk binds people (sampling-desk.cases.ts), then results, exemptions and coverage follow from what was bound
 * (sampling-results.cases.ts) — the coverage fixture (village 东村, roster date 2026-11-01) is computed by hand.
 */
beforeAll(setupWorld);
afterAll(closeWorld);

deskCases();
resultCases();
