// `@ejp/contracts/read-models`: the read models shared by their writer (a
// projection) and their readers (the journey API): collection, document
// schema, indexes. One module per read model.
export { defineReadModel, type ReadModel, type ReadModelDocument } from './define-read-model.ts';
export {
  type JourneyStatus,
  JourneyStatusReadModel,
  journeyStatusSchema,
  journeyStatusStageOn,
  type OnboardingProgress,
  onboardingProgressSchema,
  type OnboardingTaskStatus,
  onboardingTaskStatusSchema,
} from './journey-status.ts';
export { type TimelineEntry, TimelineReadModel, timelineEntrySchema } from './timeline.ts';
