// Public API of @ejp/projector: the journey projections on the projection kit
// (timeline, offboarding progress, alumni directory, attrition, journey status), their runner (a JourneyEventHandler that the
// Kafka consumer runtime or the in-process bus feeds), the rebuild command
// and the distributed-mode configuration.
export { type ProjectorConfig, projectorConfigSchema } from './config.ts';
export { emptyStatus, evolveJourneyStatus, journeyStatusProjection, type JourneyStatusProjectionOptions, type StatusEvent } from './journey-status.ts';
export { createProjector, journeyProjections, type JourneyProjectionsOptions, PROJECTOR_HANDLER_NAME, type ProjectorOptions } from './projector.ts';
export { type RebuildConfig, rebuildConfigSchema, runRebuildCommand } from './rebuild-command.ts';
export { type TimelineProjectionOptions, type TimelineStreamState, timelineProjection } from './timeline-projection.ts';
export { type AttritionProjectionOptions, type AttritionStreamState, attritionProjection } from './attrition-projection.ts';
export { alumniDirectoryProjection, emptyAlumnus, evolveAlumnus } from './alumni-directory-projection.ts';
export { emptyOffboarding, evolveOffboardingProgress, offboardingProgressProjection } from './offboarding-progress-projection.ts';
export { surveyResultsProjection } from './survey-results-projection.ts';
export { employeeExperienceProjection, type ExperienceProjectionOptions } from './experience-projection.ts';
