import { registerCommandRoutes } from '@ejp/command-kit';
import type { EventStore } from '@ejp/eventstore';
import { defineErrors, type ErrorDefinition, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import type { GrowthErrorCode } from '../domain/errors.ts';
import { courseRoutes, createCourseHandler } from './course-routes.ts';
import { createGrowthJourneyHandler, growthJourneyRoutes } from './journey-routes.ts';
import { createMentoringHandler, mentoringRoutes } from './mentoring-routes.ts';
import { createOpeningHandler, openingRoutes } from './opening-routes.ts';
import { registerStateRoutes } from './state-routes.ts';

/**
 * The growth codes in the catalogue: the only place where a domain rule meets
 * an HTTP status. Codes shared with onboarding and offboarding carry the same
 * status and title (codes are process-wide in standalone).
 */
const domainErrors: Record<GrowthErrorCode, ErrorDefinition> = {
  EJP_EMPLOYEE_NOT_FOUND: { status: 404, title: 'No such employee' },
  EJP_EMPLOYEE_DEPARTED: { status: 409, title: 'The employee has left' },
  EJP_INVALID_COMMAND: { status: 422, title: 'The command breaks a business rule' },
  EJP_DEVELOPMENT_GOAL_NOT_FOUND: { status: 404, title: 'No such goal in the development plan' },
  EJP_DEVELOPMENT_ACTION_NOT_FOUND: { status: 404, title: 'No such action in the development plan' },
  EJP_DEVELOPMENT_ACTION_ALREADY_DONE: { status: 409, title: 'The development action is already done' },
  EJP_NOT_THE_MANAGER: { status: 403, title: "Only the employee's manager (or HR) may do this" },
  EJP_MOVE_TASK_NOT_FOUND: { status: 404, title: 'No such task in the move plan' },
  EJP_MOVE_TASK_ALREADY_DONE: { status: 409, title: 'The move task is already done' },
  EJP_NO_MOVE_PLAN: { status: 409, title: 'The employee has no move with a task list' },
  EJP_MENTORING_ROUND_EXISTS: { status: 409, title: 'The mentoring round exists' },
  EJP_MENTORING_ROUND_NOT_FOUND: { status: 404, title: 'No such mentoring round' },
  EJP_MENTORING_ROUND_MATCHED: { status: 409, title: 'The mentoring round is matched already' },
  EJP_MENTORING_ROUND_NOT_MATCHED: { status: 409, title: 'The mentoring round is not matched yet' },
  EJP_MENTORING_ROUND_FULL: { status: 409, title: 'The mentoring round takes no more mentors or mentees' },
  EJP_MENTOR_PROPOSAL_NOT_FOUND: { status: 404, title: 'No such mentor proposal for you' },
  EJP_MENTOR_PROPOSAL_ANSWERED: { status: 409, title: 'The mentor proposal was answered' },
  EJP_MENTORSHIP_NOT_STARTED: { status: 409, title: 'The mentorship has not started' },
  EJP_OPENING_EXISTS: { status: 409, title: 'The opening exists' },
  EJP_OPENING_NOT_FOUND: { status: 404, title: 'No such opening' },
  EJP_OPENING_FILLED: { status: 409, title: 'The opening is filled' },
  EJP_APPLICATION_EXISTS: { status: 409, title: 'You applied already' },
  EJP_APPLICATION_NOT_FOUND: { status: 404, title: 'No such application' },
  EJP_APPLICATION_DECIDED: { status: 409, title: 'The application is decided' },
  EJP_APPLICATION_NOT_APPROVED: { status: 409, title: 'The application is not approved' },
  EJP_COURSE_EXISTS: { status: 409, title: 'The course is in the catalogue' },
  EJP_COURSE_NOT_FOUND: { status: 404, title: 'No such course' },
  EJP_COURSE_ALREADY_COMPLETED: { status: 409, title: 'The course is completed already' },
};
export const GrowthErrors = defineErrors(domainErrors);

export interface GrowthRoutesOptions {
  /** The event store to append to: in production the crypto-shredding decorator around an adapter. */
  store: EventStore;
  /** The clock commands are decided at (default: the system clock); tests pin it. */
  clock?: () => Date;
}

const tags = {
  'development-plans': 'Individual development plans: goals, skills, actions with due dates, manager check-ins',
  'internal-moves': 'Internal openings, applications with manager and HR approval, transfers and promotions with their task lists',
  mentoring: 'Mentoring rounds: offers, goals, the optimal matching with its reasons, answers and sessions',
  learning: 'The course catalogue, enrolments and completions (an external learning system posts its own)',
};
// Documented here; the kits add 400, 401, 403, 410 and 500 themselves.
const problems = {
  404: problemResponse('No such employee, goal, action, round, proposal, opening, application or course'),
  409: problemResponse('The command conflicts with the state (the employee has left, the round is matched, the opening filled...) or with concurrent commands'),
  422: problemResponse('A business rule (a field rule of the event) or a reused Idempotency-Key'),
};

/** Adds every growth command route to an app built by `createServiceApp` (or an `app.register` scope). */
export function registerGrowthRoutes(app: ServiceApp, options: GrowthRoutesOptions): void {
  const { store } = options;
  const common = { problems, ...(options.clock ? { clock: options.clock } : {}) };
  const tag = (name: keyof typeof tags) => ({ [name]: tags[name] });
  registerCommandRoutes(app, {
    ...common,
    handler: createGrowthJourneyHandler(store),
    routes: growthJourneyRoutes,
    tags: { ...tag('development-plans'), ...tag('internal-moves') },
    result: { shape: { employeeId: z.uuid() }, of: (command) => ({ employeeId: command.data.employeeId }) },
  });
  const mentoring = createMentoringHandler(store);
  const openings = createOpeningHandler(store);
  registerCommandRoutes(app, {
    ...common,
    handler: mentoring,
    routes: mentoringRoutes,
    tags: tag('mentoring'),
    result: { shape: { roundId: z.uuid() }, of: (command) => ({ roundId: command.data.roundId }) },
  });
  registerCommandRoutes(app, {
    ...common,
    handler: openings,
    routes: openingRoutes,
    tags: tag('internal-moves'),
    result: { shape: { openingId: z.uuid() }, of: (command) => ({ openingId: command.data.openingId }) },
  });
  registerCommandRoutes(app, {
    ...common,
    handler: createCourseHandler(store),
    routes: courseRoutes,
    tags: tag('learning'),
    result: { shape: { courseId: z.uuid() }, of: (command) => ({ courseId: command.data.courseId }) },
  });
  registerStateRoutes(app, { mentoring, openings }, { mentoring: ['mentoring'], openings: ['internal-moves'] });
}
