import { defineConfig } from 'vitest/config';

// Unit and API tests. Each API test file builds its own app on a fresh database
// (PGlite in memory, or a new schema on TEST_DATABASE_URL), so files run in parallel safely.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
