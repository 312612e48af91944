// `@ejp/readstore/testing`: the contract suite every read-store adapter
// passes, and its parts for adapters that run only some of them. It imports
// vitest and @ejp/testkit, development dependencies only, so no production
// entry point may import it (tests/workspace checks that).
export { readStoreContract } from './contract/index.ts';
export { documentsContract } from './contract/documents.ts';
export { idempotencyContract } from './contract/idempotency.ts';
export type { ContractContext } from './contract/helpers.ts';
