import { sharedSubject } from '@ejp/testkit';
import { describe } from 'vitest';
import type { CheckpointStore, EventStore } from '../../src/port.ts';
import { appendContract } from './append.ts';
import { concurrencyContract } from './concurrency.ts';
import type { ContractContext } from './helpers.ts';
import { idempotencyContract } from './idempotency.ts';
import { pagingContract } from './paging.ts';
import { propertyContract } from './property.ts';
import { readsContract } from './reads.ts';
import { subscribeContract } from './subscribe.ts';
import { timestampPrecisionContract } from './timestamp-precision.ts';

export { checkpointStoreContract } from './checkpoints.ts';

export interface EventStoreContractOptions {
  /** Checkpoints for the property test's subscribers (default: in memory). */
  checkpoints?: () => Promise<CheckpointStore>;
}

/**
 * The one contract every event-store adapter passes. `factory` is called once
 * for the suite; tests share the store and never assume it is empty (each
 * works in streams under its own prefix), so a real EventStoreDB server can
 * run it too.
 *
 * Lives under the `@ejp/eventstore/testing` entry point, not the main one,
 * because it imports vitest, which production installs do not have.
 */
export function eventStoreContract(name: string, factory: () => Promise<EventStore>, options: EventStoreContractOptions = {}): void {
  describe(`event store contract: ${name}`, () => {
    const subject = sharedSubject('event store', factory);
    const ctx: ContractContext = {
      get store() {
        return subject.current;
      },
    };

    appendContract(ctx);
    idempotencyContract(ctx);
    concurrencyContract(ctx);
    readsContract(ctx);
    subscribeContract(ctx);
    propertyContract(ctx, options.checkpoints);
    pagingContract(ctx);
    timestampPrecisionContract(ctx);
  });
}
