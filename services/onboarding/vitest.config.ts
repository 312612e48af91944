import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ejp/onboarding',
    // HTTP tests open real SQLite files; the slowest (concurrency, restarts) still finish in seconds.
    testTimeout: 20_000,
  },
});
