// Public API of @ejp/growth: the routes for a host process (standalone), the
// pure deciders and the matcher, and the configuration schema.
export { type GrowthConfig, growthConfigSchema } from './config.ts';
export { courseDecider } from './domain/courses.ts';
export { GROWTH_ERROR_CODES, GrowthError, type GrowthErrorCode } from './domain/errors.ts';
export { growthJourneyDecider } from './domain/journey.ts';
export { assignMentors, type MenteeRequest, type MentorOffer, type Proposal, scorePair, seniorityOf } from './domain/matching.ts';
export { mentoringDecider } from './domain/mentoring.ts';
export { defaultMovePlan } from './domain/move-plan.ts';
export { openingDecider } from './domain/openings.ts';
export { GrowthErrors, type GrowthRoutesOptions, registerGrowthRoutes } from './http/routes.ts';
export { startGrowth } from './main.ts';
