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
  taskProgressOf,
} from './journey-status.ts';
export { type TimelineEntry, TimelineReadModel, timelineEntrySchema } from './timeline.ts';
export {
  type OffboardingProgress,
  OffboardingProgressReadModel,
  OFFBOARDING_PROGRESS_STATES,
  offboardingProgressSchema,
  type OffboardingTaskStatus,
  offboardingTaskStatusSchema,
} from './offboarding-progress.ts';
export {
  ATTRITION_DIMENSIONS,
  ATTRITION_REASONS,
  type AttritionCell,
  attritionCellId,
  attritionCellSchema,
  type AttritionDimensions,
  attritionDimensionsSchema,
  AttritionReadModel,
  NOT_INTERVIEWED,
  TENURE_BANDS,
  type TenureBand,
  tenureBandOf,
} from './attrition.ts';
export { type Alumnus, AlumniDirectoryReadModel, alumnusSchema } from './alumni-directory.ts';
export {
  cellKey,
  cellsOf,
  pairKey,
  type ResultCell,
  resultCellSchema,
  type SurveyComment,
  SurveyCommentsReadModel,
  surveyCommentSchema,
  type SurveyResults,
  type SurveyResultsDocument,
  SurveyResultsReadModel,
  surveyResultsSchema,
} from './survey-results.ts';
