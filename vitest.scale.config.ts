import { defineConfig } from 'vitest/config';

// Several server processes on one PostgreSQL behind nginx (e2e/several-servers.scale.ts): one file, its own
// processes and database, nothing in parallel with it. Needs TEST_DATABASE_URL (or SCALE_DATABASE_URL) and nginx.
export default defineConfig({
  test: {
    include: ['e2e/**/*.scale.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
