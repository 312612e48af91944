import { defineProject } from 'vitest/config';

// Real-broker tests wait for consumer-group joins and rebalances: generous timeouts.
export default defineProject({
  test: {
    name: '@ejp/messaging',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
