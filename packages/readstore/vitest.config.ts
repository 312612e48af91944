import { defineProject } from 'vitest/config';

// The contract runs against FerretDB too, where 1,000-item paging takes seconds: generous timeouts.
export default defineProject({
  test: {
    name: '@ejp/readstore',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
