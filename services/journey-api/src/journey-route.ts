import { JOURNEY_STAGES } from '@ejp/contracts';
import { AppError, ErrorCodes, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { assertMayRead, READER_ROLES } from './access.ts';
import { employeeParams, journeyProblems, minRevisionQuery } from './params.ts';
import { currentStage, journeyStatusSchema, type JourneyStatusDocument, progressSchema, type Task, taskSchema } from './read-models.ts';
import { loadStatus } from './read-your-writes.ts';
import type { RouteContext } from './routes.ts';

/** How many upcoming tasks the status lists. */
export const NEXT_DUE_COUNT = 5;

const journeyResponse = z.object({
  employeeId: z.uuid(),
  stage: z.enum(JOURNEY_STAGES).describe('Current stage, judged at `asOf` (pre-boarding ends on the start date).'),
  asOf: z.iso.datetime().describe('The instant overdue and upcoming tasks are judged at.'),
  startDate: z.iso.date().nullable(),
  department: z.string().nullable(),
  role: z.string().nullable(),
  level: z.string().nullable(),
  managerId: z.string().nullable(),
  location: z.string().nullable(),
  onboarding: z.object({
    progress: progressSchema,
    nextDueTasks: z.array(taskSchema).describe(`Open tasks due today or later, soonest first (at most ${NEXT_DUE_COUNT}).`),
    overdueTasks: z.array(taskSchema).describe('Open tasks whose due date is before today, oldest first.'),
    tasks: z.array(taskSchema).describe('The whole plan, in plan order.'),
  }),
  buddy: journeyStatusSchema.shape.buddy,
  welcomeMessageSentAt: journeyStatusSchema.shape.welcomeMessageSentAt,
  checkIns: journeyStatusSchema.shape.checkIns,
  checkInsDone: z.array(z.int()).describe('Days (30, 60, 90) whose check-in is recorded.'),
  onboardingCompletedAt: journeyStatusSchema.shape.onboardingCompletedAt,
  probation: journeyStatusSchema.shape.probation,
  projectedRevision: z.int().describe('The last revision of this journey the read model has applied.'),
});

export function registerJourneyRoute(app: ServiceApp, { readStore, clock, wait }: RouteContext): void {
  app.get(
    '/employees/:employeeId/journey',
    {
      config: { roles: READER_ROLES },
      schema: {
        operationId: 'getJourneyStatus',
        summary: "An employee's journey status",
        description: 'Current stage, onboarding progress, upcoming and overdue tasks, buddy, check-ins and probation outcome.',
        tags: ['journey'],
        params: employeeParams,
        querystring: z.object({ minRevision: minRevisionQuery }),
        response: { 200: journeyResponse, ...journeyProblems },
      },
    },
    async (request) => {
      const { employeeId } = request.params;
      assertMayRead(request.user, employeeId);
      const status = await loadStatus(readStore, employeeId, request.query.minRevision, wait);
      if (!status) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No journey is known for employee ${employeeId}.`);
      return journeyView(status.doc, clock());
    },
  );
}

/** The status document seen at `now`: what is overdue depends on the reader's clock, not the projector's. */
function journeyView(doc: JourneyStatusDocument, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const open = doc.tasks.filter((t): t is Task & { dueDate: string } => !t.done && t.dueDate !== null);
  const byDue = (a: { dueDate: string }, b: { dueDate: string }) => a.dueDate.localeCompare(b.dueDate);
  return {
    employeeId: doc.employeeId,
    stage: currentStage(doc, now),
    asOf: now.toISOString(),
    startDate: doc.startDate,
    department: doc.department,
    role: doc.role,
    level: doc.level,
    managerId: doc.managerId,
    location: doc.location,
    onboarding: {
      progress: doc.progress,
      nextDueTasks: open.filter((t) => t.dueDate >= today).sort(byDue).slice(0, NEXT_DUE_COUNT),
      overdueTasks: open.filter((t) => t.dueDate < today).sort(byDue),
      tasks: doc.tasks,
    },
    buddy: doc.buddy,
    welcomeMessageSentAt: doc.welcomeMessageSentAt,
    checkIns: doc.checkIns,
    checkInsDone: doc.checkIns.map((c) => c.day),
    onboardingCompletedAt: doc.onboardingCompletedAt,
    probation: doc.probation,
    projectedRevision: doc.lastAppliedRevision,
  };
}
