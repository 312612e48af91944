import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@ejp/web', include: ['app/**/*.test.ts', 'src/**/*.test.ts'] },
});
