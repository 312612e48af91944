// Public API of @ejp/projection-kit: declare a projection (name, version,
// event types, which documents an event changes: one per stream subject, or
// fan-out to any), run any list of them idempotently from Kafka or the
// in-process bus (one read-store batch write per batch of events), and
// rebuild any list of them from the event store.
export { type DocumentTarget, type FanOutProjectionInput, fanOutProjection, put, type StreamState } from './fan-out.ts';
export { type ProjectedEvent, toProjectedEvent } from './projected-event.ts';
export type { CanHandle, OwnedCollection, Projection, ProjectionBasics } from './projection.ts';
export {
  formatProgress,
  progressPrinter,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
  rebuildProjections,
  type SkippedEvent,
} from './rebuild.ts';
export { byStream, getAll } from './projection.ts';
export type { DocumentReader } from './rebuild-reader.ts';
export { type BatchOutcome, createProjectionRunner, type ProjectionRunner, type ProjectionRunnerOptions } from './runner.ts';
export { type SafeEvent, toSafeEvent } from './safe-event.ts';
export { type SingleStreamProjectionInput, singleStreamProjection } from './single-stream.ts';
export { StaleProjectionsError, staleProjections } from './versions.ts';
