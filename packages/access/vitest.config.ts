import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ejp/access',
    // MongoDB-wire writes (FerretDB) take a few ms each.
    testTimeout: 20_000,
  },
});
