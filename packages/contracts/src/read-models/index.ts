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
  type ServiceRequestSummary,
  ServiceRequestsReadModel,
  serviceRequestSummarySchema,
  type ServiceTeam,
  ServiceTeamsReadModel,
  serviceTeamSchema,
} from './service-requests.ts';
export { type AuditEntry, AuditTrailReadModel, auditEntrySchema } from './audit-trail.ts';
export {
  buddyChange,
  type ManagerChange,
  managerChanges,
  type ReportingLine,
  reportingLineSchema,
  ReportingLinesReadModel,
} from './reporting-lines.ts';
export { DepartmentMembershipReadModel, type Membership, membershipSchema } from './department-membership.ts';
export {
  allFeedKeys,
  type FeedEntry,
  feedEntrySchema,
  feedKeysOf,
  type OrganisationSettings,
  OrganisationSettingsReadModel,
  organisationSettingsSchema,
  type Recognition,
  recognitionAudienceSchema,
  RecognitionFeedReadModel,
  RecognitionReadModel,
  recognitionSchema,
  type RecognitionSummary,
  RecognitionSummaryReadModel,
  recognitionSummarySchema,
  RecognitionValueCellReadModel,
  summaryKeys,
  type ValueCell,
  valueCellId,
  valueCellSchema,
} from './recognition.ts';
export {
  APPLICATION_STATES,
  applicationId,
  type Course,
  CourseReadModel,
  courseSchema,
  type DevelopmentPlan,
  DevelopmentPlanReadModel,
  developmentPlanSchema,
  type InternalApplication,
  InternalApplicationReadModel,
  internalApplicationSchema,
  type LearningRecord,
  LearningRecordReadModel,
  learningRecordSchema,
  MENTORSHIP_STATES,
  type Move,
  MoveReadModel,
  moveSchema,
  type MentoringRound,
  MentoringRoundReadModel,
  mentoringRoundSchema,
  type Mentorship,
  mentorshipId,
  MentorshipReadModel,
  mentorshipSchema,
  type Opening,
  OpeningReadModel,
  openingSchema,
  type SkillCoverageCell,
  skillCoverageCellId,
  skillCoverageCellSchema,
  SkillCoverageReadModel,
} from './growth.ts';
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
export {
  type EmployeeProfile,
  type EmployeeProfileDocument,
  EmployeeProfileReadModel,
  employeeProfileSchema,
  type ProfileRecognition,
  profileRecognitionKey,
  type ProfileSnapshot,
  type ProfileSuggestion,
  profileSuggestionKey,
  type ProfileTask,
} from './employee-profile.ts';
export {
  EXPERIENCE_METRICS,
  type ExperienceMetric,
  type ExperienceMetricCell,
  ExperienceMetricsReadModel,
  experienceMetricCellSchema,
  type MetricDims,
  metricCellId,
  metricKey,
} from './experience-metrics.ts';
export * from '../analytics/profile-response.ts';
export * from '../analytics/analytics-responses.ts';
export { enpsTrend, latestClosedRound, surveyHeatmap } from '../analytics/heatmap.ts';
export { FLAG_RULES, profileAsOf } from '../analytics/profile-as-of.ts';
