import { defineConfig } from 'vitest/config';

// Browser tests: one server with the demo county on a temporary PGlite folder (e2e/global-setup.ts),
// driven by playwright-core through the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    setupFiles: ['e2e/on-failure.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // A screen follows a write within seconds on a busy machine; expect.poll's own 1 s is too short for that.
    expect: { poll: { timeout: 8_000 } },
    // One retry: on a busy 2-core machine a screen sometimes waits behind background work (a sweep or an
    // import on the embedded engine) past a step's 30 s; each test makes its own stamped records, so a
    // retry starts clean. A test failing twice is a real failure.
    retry: 1,
  },
});
