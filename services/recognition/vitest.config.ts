import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ejp/recognition',
    // HTTP tests open real SQLite files and PostgreSQL databases; the concurrency tests race many commands.
    testTimeout: 30_000,
  },
});
