import type { ProjectionRunner } from '@ejp/projection-kit';
import type { readStoreBackends } from '@ejp/projection-kit/testing';
import type { ReadStore } from '@ejp/readstore';
import { afterEach, beforeEach } from 'vitest';
import { createProjector } from '../src/projector.ts';

export interface ProjectorFixture {
  readonly store: ReadStore;
  readonly projector: ProjectionRunner;
}

/**
 * Inside a describe: a fresh read store of `backend` with the projector
 * initialised on it before each test, dropped after it. The fields are read
 * in the tests (they change per test).
 */
export function useProjector(backend: ReturnType<typeof readStoreBackends>[number]): ProjectorFixture {
  const t = {} as { store: ReadStore; projector: ProjectionRunner };
  beforeEach(async () => {
    t.store = await backend.open();
    t.projector = createProjector(t.store);
    await t.projector.init();
  });
  afterEach(async () => {
    await t.store.drop();
    await t.store.close();
  });
  return t;
}
