// The event catalogue: versioned event types with zod schemas, envelopes,
// upcasters, personal-data marks and their JSON Schema documents.
export { EventCatalogue, UnknownEventTypeError, UnknownEventVersionError, type UpcastResult } from './catalogue.ts';
export {
  type DataSchema,
  defineEvent,
  type EventData,
  type EventAudit,
  type EventDefinition,
  type EventDefinitionInput,
  type EventOf,
  type EventVersion,
  type NewEvent,
  newEvent,
  type Upcaster,
  upcaster,
} from './define-event.ts';
export {
  type Actor,
  type AppendMetadata,
  actorSchema,
  appendMetadata,
  appendMetadataSchema,
  type CausationContext,
  type Envelope,
  envelopeOf,
  envelopeSchema,
  isValidTraceparent,
  type JsonObject,
  type JsonValue,
  newEventId,
  type RecordedEventLike,
  traceparentSchema,
} from './envelope.ts';
export { eventCatalogue, personalDataPaths } from './event-catalogue.ts';
export { auditActionOf, auditedTypes, erasureTypes } from './audit.ts';
export { addDays, daysBetween, isoDay, stageOnDay } from './calendar.ts';
export { allowanceMonthOf, isTimeZone, organisationConfigShape } from './allowance-month.ts';
export { canSee, type RecognitionAudience, type Viewer } from './recognition-visibility.ts';
export { CalendarDate, EARLIEST_DATE, LATEST_DATE, Uuid } from './canonical.ts';
export * from './events/onboarding.ts';
export * from './events/recognition.ts';
export { expandJsonPath, formatJsonPath, type JsonPathMatch, type JsonPathSegment, parseJsonPath } from './json-path.ts';
export {
  catalogueJsonSchemas,
  EVENT_SCHEMA_DIR,
  type EventJsonSchema,
  jsonSchemaFileContent,
  writeJsonSchemaFiles,
} from './json-schemas.ts';
export { isPersonalData, PERSONAL_DATA_META, personal, personalDataPathsOf } from './personal-data.ts';
export { isRedacted, REDACTED, type Redacted } from './redaction.ts';
export {
  evolveJourneyStage,
  foldJourneyStage,
  initialJourneyStage,
  journeyStageStateSchema,
  journeyStageOn,
  type JourneyStageState,
  type StageEvent,
} from './journey-stage.ts';
export { type JourneyStageEffect, type ProbationOutcome, stageAfterProbation } from './journey-stage-effect.ts';
export {
  defineStreamCategory,
  DisclosureStreams,
  WebhookDeliveryStreams,
  WebhookStreams,
  employeeIdOfStream,
  CourseStreams,
  JourneyStreams,
  journeyStream,
  MentoringStreams,
  OpeningStreams,
  OrganisationStreams,
  organisationStream,
  ServiceCatalogueStreams,
  ServiceRequestStreams,
  StreamCategories,
  type StreamCategory,
  type StreamCategoryInput,
  streamCategories,
  startOfUtcDay,
  SuggestionStreams,
  SurveyResponseStreams,
  SurveyStreams,
  surveyResponseStream,
  type TimestampPrecision,
} from './streams.ts';
export { ACTOR_KINDS, type ActorKind, JOURNEY_STAGES, type JourneyStage } from './vocabulary.ts';
export * from './events/offboarding.ts';
export * from './events/servicedesk.ts';
export * from './events/growth.ts';
export * from './events/feedback.ts';
export * from './events/webhooks.ts';
export { evolveWebhookSubscription, signingGenerations, type WebhookSubscription } from './webhook-subscription.ts';
export { PERSONAL_DATA_SCOPE, PERSONAL_FIELD_SETS, type PersonalFieldSet, personalFieldsGranted } from './personal-details.ts';
export * from './feedback/question-bank.ts';
export * from './feedback/survey-results.ts';
export * from './feedback/survey-suppression.ts';
export { ACTIVE_STAGES, STAGES_BEFORE_OFFBOARDING, type StageBeforeOffboarding } from './journey-stage-effect.ts';
export { type EmploymentStatus, employmentStatus, isActiveEmployee } from './journey-stage.ts';
export {
  DEFAULT_MIN_GROUP_SIZE,
  type GroupCount,
  LOWEST_MIN_GROUP_SIZE,
  type ShownGroup,
  type SuppressionReason,
  suppressionOf,
  suppressSmallGroups,
} from './anonymity.ts';
export { TASK_SCOPE, taskScopeAdmits } from './task-scopes.ts';
export { evolvePosition, type Position, POSITION_SETTING_TYPES } from './position.ts';
export { entryOf } from './records.ts';
