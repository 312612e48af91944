// Public API of @ejp/feedback: the routes for a host process (standalone), the deciders and the configuration schema.
export * from './domain/index.ts';
export { feedbackConfigSchema, startFeedback, SURVEY_SECRETS } from './main.ts';
export { registerFeedbackReadRoutes } from './read-routes.ts';
export { FeedbackErrors, type FeedbackRoutesOptions, registerFeedbackRoutes, SurveyParams } from './routes.ts';
export { completeSurveyRound, responseTokenOf, secretSubjectOf, startSurveyCompletion, surveyStates } from './survey-round.ts';
export { createSuggestionHandler, escalateOverdueSuggestions, registerSuggestionRoutes, type SuggestionRoutesOptions, type SuggestionView, startSuggestionEscalation } from './suggestions.ts';
export { registerOneToOneRoutes } from './one-to-ones.ts';
export { CALENDAR_COLLECTIONS, createSurveyCalendar, type SurveyCalendar, type SurveyCalendarOptions } from './survey-calendar.ts';
