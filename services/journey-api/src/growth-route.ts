import {
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
  type MentoringRound,
  MentoringRoundReadModel,
  mentoringRoundSchema,
  type Mentorship,
  MentorshipReadModel,
  mentorshipSchema,
  type Move,
  MoveReadModel,
  moveSchema,
  type Opening,
  OpeningReadModel,
  openingSchema,
} from '@ejp/contracts/read-models';
import type { ReadStore } from '@ejp/readstore';
import { type AccessPolicy, AppError, ErrorCodes, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { JOURNEY_READERS } from './access.ts';
import { employeeParams } from './params.ts';
import type { RouteContext } from './routes.ts';

/**
 * The growth centre's queries: an employee's development plan (the employee,
 * managers and HR; its titles are personal and stay in the events), their
 * mentorships as mentee and as mentor, a round's mentor directory with the
 * places left, the open internal openings and an employee's applications.
 */

const MAX = 200;
const omitBookkeeping = { lastAppliedRevision: true, updatedAt: true } as const;
const planResponse = developmentPlanSchema.omit(omitBookkeeping);
const mentorshipsResponse = z.object({ asMentee: z.array(mentorshipSchema), asMentor: z.array(mentorshipSchema) });
const directoryResponse = mentoringRoundSchema.omit({ ...omitBookkeeping, mentors: true, menteeIds: true }).extend({
  mentees: z.int().min(0),
  mentors: z.array(mentoringRoundSchema.shape.mentors.element.extend({ available: z.int().min(0).describe('Places left: capacity minus the mentees proposed and not declined.') })),
});
const openingsResponse = z.object({ items: z.array(openingSchema.omit(omitBookkeeping)) });
const applicationsResponse = z.object({ items: z.array(internalApplicationSchema) });
const moveResponse = moveSchema.omit(omitBookkeeping);
const coursesResponse = z.object({ items: z.array(courseSchema.omit(omitBookkeeping)) });
const learningResponse = z.object({ items: z.array(learningRecordSchema) });
const notFound = { 404: problemResponse('No such plan, move or round') };

async function list<T>(readStore: ReadStore, collection: string, where: Record<string, string>, orderBy: string): Promise<T[]> {
  return (await readStore.query<T>(collection, { where, orderBy: [{ field: orderBy }], limit: MAX })).items.map((i) => i.doc);
}

export function registerGrowthQueryRoutes(app: ServiceApp, { readStore }: RouteContext): void {
  // Catalogues (rounds' mentors, openings, courses) are for everyone signed in; one person's plan, move, mentorships, applications and learning for HR, themselves and their line manager.
  const config = { access: { roles: ['employee', 'manager', 'hr', 'admin'] } satisfies AccessPolicy };
  const personal = { access: JOURNEY_READERS };
  const tags = ['growth'];

  app.get(
    '/employees/:employeeId/development-plan',
    { config: personal, schema: { operationId: 'getDevelopmentPlan', summary: "An employee's individual development plan", description: 'Goals with their skills, actions with due dates, check-ins and progress; titles are personal data and not shown. HR, the employee and a manager in their reporting line.', tags, params: employeeParams, response: { 200: planResponse, ...notFound } } },
    async (request) => {
      const { employeeId } = request.params;
      const found = await readStore.get<DevelopmentPlan>(DevelopmentPlanReadModel.collection, employeeId);
      if (!found) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No development plan is known for employee ${employeeId}.`);
      const { lastAppliedRevision: _, updatedAt: __, ...plan } = found.doc;
      return plan;
    },
  );

  app.get(
    '/employees/:employeeId/move',
    { config: personal, schema: { operationId: 'getMove', summary: "An employee's latest move (transfer, promotion, rotation) and its task list", description: 'From and to (department, role, level, manager), the tasks with due dates from the effective day, progress. HR, the employee and a manager in their reporting line.', tags, params: employeeParams, response: { 200: moveResponse, ...notFound } } },
    async (request) => {
      const { employeeId } = request.params;
      const found = await readStore.get<Move>(MoveReadModel.collection, employeeId);
      if (!found) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `Employee ${employeeId} has not moved.`);
      const { lastAppliedRevision: _, updatedAt: __, ...move } = found.doc;
      return move;
    },
  );

  app.get(
    '/employees/:employeeId/mentorships',
    { config: personal, schema: { operationId: 'listMentorships', summary: "An employee's mentorships, as mentee and as mentor", description: 'Each proposed pair with its score and the reasons for it, its state and sessions. HR, the employee and a manager in their reporting line.', tags, params: employeeParams, response: { 200: mentorshipsResponse } } },
    async (request) => {
      const { employeeId } = request.params;
      const [asMentee, asMentor] = await Promise.all([
        list<Mentorship>(readStore, MentorshipReadModel.collection, { menteeId: employeeId }, 'proposedAt'),
        list<Mentorship>(readStore, MentorshipReadModel.collection, { mentorId: employeeId }, 'proposedAt'),
      ]);
      return { asMentee, asMentor };
    },
  );

  app.get(
    '/mentoring-rounds/:roundId/mentors',
    { config, schema: { operationId: 'getMentorDirectory', summary: "A mentoring round's mentor directory with the places left", tags, params: z.object({ roundId: z.uuid() }), response: { 200: directoryResponse, ...notFound } } },
    async (request) => {
      const found = await readStore.get<MentoringRound>(MentoringRoundReadModel.collection, request.params.roundId);
      if (!found) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No mentoring round ${request.params.roundId} is known.`);
      const { lastAppliedRevision: _, updatedAt: __, mentors, menteeIds, ...round } = found.doc;
      return { ...round, mentees: menteeIds.length, mentors: mentors.map((m) => ({ ...m, available: Math.max(0, m.capacity - m.proposed) })) };
    },
  );

  app.get(
    '/openings',
    { config, schema: { operationId: 'listOpenings', summary: 'Internal openings (rotations, transfers, promotions), soonest start first', tags, querystring: z.object({ status: z.enum(['open', 'filled']).default('open') }), response: { 200: openingsResponse } } },
    async (request) => {
      const openings = await list<Opening>(readStore, OpeningReadModel.collection, { status: request.query.status }, 'startsOn');
      return { items: openings.map(({ lastAppliedRevision: _, updatedAt: __, ...opening }) => opening) };
    },
  );

  app.get(
    '/employees/:employeeId/applications',
    { config: personal, schema: { operationId: 'listInternalApplications', summary: "An employee's internal applications and where each stands", description: 'HR, the employee and a manager in their reporting line.', tags, params: employeeParams, response: { 200: applicationsResponse } } },
    async (request) => {
      const { employeeId } = request.params;
      return { items: await list<InternalApplication>(readStore, InternalApplicationReadModel.collection, { applicantId: employeeId }, 'submittedAt') };
    },
  );

  app.get(
    '/courses',
    { config, schema: { operationId: 'listCourses', summary: 'The course catalogue (internal, and external with their link), by title', tags, response: { 200: coursesResponse } } },
    async () => {
      const courses = (await readStore.query<Course>(CourseReadModel.collection, { orderBy: [{ field: 'title' }], limit: MAX })).items.map((i) => i.doc);
      return { items: courses.map(({ lastAppliedRevision: _, updatedAt: __, ...course }) => course) };
    },
  );

  app.get(
    '/employees/:employeeId/learning',
    { config: personal, schema: { operationId: 'listLearningRecords', summary: "An employee's learning records: courses enrolled in and completed", description: 'HR, the employee and a manager in their reporting line.', tags, params: employeeParams, response: { 200: learningResponse } } },
    async (request) => {
      const { employeeId } = request.params;
      return { items: await list<LearningRecord>(readStore, LearningRecordReadModel.collection, { employeeId }, 'courseId') };
    },
  );
}
