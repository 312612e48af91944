import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ejp/command-kit',
    // Handler and route tests run on real SQLite stores; racing requests still finish in well under a second.
    testTimeout: 20_000,
  },
});
