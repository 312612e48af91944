import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ejp/standalone',
    // The process tests start Node twice and seed ~400 commands on real SQLite files.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
