// Public API of @ejp/projector: the timeline projection (a JourneyEventHandler
// that the Kafka consumer runtime or the in-process bus feeds), its rebuild,
// the read-model shapes and the distributed-mode configuration.
export { type ProjectorConfig, projectorConfigSchema } from './config.ts';
export { effectiveStage } from './journey-status.ts';
export {
  JOURNEYS_COLLECTION,
  type JourneyStatus,
  type OnboardingProgress,
  type OnboardingTaskStatus,
  TIMELINE_COLLECTION,
  type TimelineEntry,
} from './read-models.ts';
export {
  formatProgress,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
  rebuildTimeline,
  type SkippedEvent,
} from './rebuild.ts';
export { type RebuildConfig, rebuildConfigSchema, runRebuildCommand } from './rebuild-command.ts';
export { type SafeEvent, toSafeEvent } from './safe-event.ts';
export {
  createTimelineProjection,
  TIMELINE_HANDLER_NAME,
  type TimelineProjection,
  type TimelineProjectionOptions,
} from './timeline-projection.ts';
