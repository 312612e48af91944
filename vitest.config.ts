import { defineConfig } from 'vitest/config';

// One vitest project per workspace: each keeps its own config (timeouts, setup)
// while `npm test` runs them all in one pass.
export default defineConfig({
  test: {
    projects: ['packages/*', 'services/*', 'examples/*', 'tests'],
  },
});
