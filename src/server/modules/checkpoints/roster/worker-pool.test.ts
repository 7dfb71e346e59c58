import { afterAll, describe, expect, it } from 'vitest';
import { WEEK_START_MS, smallCounty } from './fixtures';
import { solveRoster } from './optimise';
import { checkRoster } from './rules';
import { type RosterProblem, rosterPolicy } from './types';
import { rosterWorkerStats, stopRosterWorkers, waitingRosterWorkers, warmRosterWorkers } from './worker-pool';

afterAll(() => stopRosterWorkers());

describe('the optimiser threads started ahead', () => {
  it('are taken by a solve, which then has its whole limit to solve, and are replaced after it', async () => {
    const policy = rosterPolicy();
    await warmRosterWorkers(256, 2);
    expect(waitingRosterWorkers(256)).toBe(2);
    const before = { ...rosterWorkerStats };
    const p: RosterProblem = { weekStartMs: WEEK_START_MS, ...smallCounty(60, 330) };
    const s = await solveRoster(p, policy, { timeLimitMs: 4_000, workerHeapMb: 256 });
    // Both threads of a county's solve (the bound's and the improving one) were the warm ones.
    expect(rosterWorkerStats.warmTaken - before.warmTaken).toBe(2);
    expect(rosterWorkerStats.startedForSolve - before.startedForSolve).toBe(0);
    expect(s.timings.totalMs).toBeLessThan(4_000 + 1_000);
    expect(checkRoster(p, s.assignments, policy).filter((v) => v.kind !== 'understaffed')).toEqual([]);
    // The bound came within the short limit: no thread spent it loading.
    expect(s.lowerBound).toBeGreaterThan(0);
    expect(s.lowerBound).toBeLessThanOrEqual(s.objective);
    // Replaced for the next solve.
    expect(waitingRosterWorkers(256)).toBe(2);
    await warmRosterWorkers(256, 2);
    // A heap size nobody warmed is started for the solve, as before.
    const cold = rosterWorkerStats.startedForSolve;
    await solveRoster(p, policy, { timeLimitMs: 2_000, workerHeapMb: 300 });
    expect(rosterWorkerStats.startedForSolve - cold).toBe(2);
    expect(waitingRosterWorkers(300)).toBe(0);
  });
});
