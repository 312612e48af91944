// `@ejp/eventstore/testing`: what another package needs to test against the
// event-store port: the contract suites every adapter passes, their helpers,
// and an in-process fake of EventStoreDB's gRPC protocol. It imports vitest,
// fast-check and @grpc/grpc-js, which are development dependencies only, so
// no production entry point may import it (tests/workspace checks that).
export { eventStoreContract, checkpointStoreContract, type EventStoreContractOptions } from './contract/index.ts';
export { collect, type ContractContext, newEvent, newEvents, uniquePrefix, waitUntil } from './contract/helpers.ts';
export { keyStoreContract } from './key-store-contract.ts';
export { startFakeEsdb } from './esdb-fake/fake-server.ts';
