// The EventStoreDB adapter: the only code that knows `@eventstore/db-client`.
export type { DuplicateIdCheck } from './append.ts';
export { type EsdbCheckpointStoreOptions, openEsdbCheckpointStore } from './checkpoint-store.ts';
export { type EsdbEventStoreOptions, openEsdbEventStore } from './event-store.ts';
