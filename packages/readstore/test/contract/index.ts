import { sharedSubject } from '@ejp/testkit';
import { describe } from 'vitest';
import type { ReadStore } from '../../src/port.ts';
import { batchWritesContract } from './batch-writes.ts';
import { documentsContract } from './documents.ts';
import { guardsApartContract } from './guards-apart.ts';
import type { ContractContext } from './helpers.ts';
import { idempotencyContract } from './idempotency.ts';
import { lifecycleContract } from './lifecycle.ts';
import { paginationContract } from './pagination.ts';
import { queryContract } from './query.ts';
import { queryByIdsContract } from './query-by-ids.ts';

/**
 * The one contract every read-model store adapter passes. `factory` is called
 * once for the suite; tests share the store and each writes to collections of its
 * own, except the drop test, which runs last because it empties the whole store.
 *
 * Lives under the `@ejp/readstore/testing` entry point, not the main one,
 * because it imports vitest, which production installs do not have.
 */
export function readStoreContract(name: string, factory: () => Promise<ReadStore>): void {
  describe(`read store contract: ${name}`, () => {
    const subject = sharedSubject('read store', factory);
    const ctx: ContractContext = {
      get store() {
        return subject.current;
      },
    };

    documentsContract(ctx);
    idempotencyContract(ctx);
    batchWritesContract(ctx);
    guardsApartContract(ctx);
    queryContract(ctx);
    paginationContract(ctx);
    queryByIdsContract(ctx);
    lifecycleContract(ctx);
  });
}
