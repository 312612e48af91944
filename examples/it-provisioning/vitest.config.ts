import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ejp/example-it-provisioning',
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
