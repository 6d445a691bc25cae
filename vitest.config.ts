import { defineConfig } from 'vitest/config'

// One run covers every package. Database tests share seeded templates made once by the global setup;
// with TEST_DATABASE_URL set they run against the PostgreSQL server as well.
export default defineConfig({
  test: {
    include: ['analysis/**/*.test.ts', 'data/**/*.test.ts', 'api/**/*.test.ts', 'client/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./test-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser steps wait on a page that draws WebGL on the CPU, beside a busy second worker: the default
    // of one second let an answer that came in 1.5 s fail a test. Polls that must be quicker say so.
    expect: { poll: { timeout: 20_000 } },
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
})
