import {
  type JourneyStatus,
  journeyStatusSchema,
  journeyStatusStageOn,
  type OnboardingTaskStatus,
  onboardingProgressSchema,
  onboardingTaskStatusSchema,
} from '@ejp/contracts/read-models';
import { AppError, ErrorCodes, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { JOURNEY_READERS } from './access.ts';
import { employeeParams, journeyProblems, minRevisionQuery, projectedRevision } from './params.ts';
import { loadStatus } from './read-your-writes.ts';
import type { RouteContext } from './routes.ts';

/** How many upcoming tasks the status lists. */
export const NEXT_DUE_COUNT = 5;

/** The status document as the reader sees it on its own day: derived from the shared read model, so a field is declared once. */
const journeyResponse = journeyStatusSchema
  .pick({
    startDate: true,
    department: true,
    role: true,
    level: true,
    managerId: true,
    location: true,
    buddy: true,
    welcomeMessageSentAt: true,
    checkIns: true,
    onboardingCompletedAt: true,
    probation: true,
  })
  .extend({
    employeeId: employeeParams.shape.employeeId,
    stage: journeyStatusSchema.shape.stage.describe('Current stage, judged at `asOf` (pre-boarding ends on the start date).'),
    asOf: z.iso.datetime().describe('The instant overdue and upcoming tasks are judged at.'),
    onboarding: z.object({
      progress: onboardingProgressSchema,
      nextDueTasks: z.array(onboardingTaskStatusSchema).describe(`Open tasks due today or later, soonest first (at most ${NEXT_DUE_COUNT}).`),
      overdueTasks: z.array(onboardingTaskStatusSchema).describe('Open tasks whose due date is before today, oldest first.'),
      tasks: z.array(onboardingTaskStatusSchema).describe('The whole plan, in plan order.'),
    }),
    checkInsDone: z.array(z.int()).describe('Days (30, 60, 90) whose check-in is recorded.'),
    erasedAt: z.iso.datetime().nullable().describe('The redaction marker: when the personal data was erased (right to erasure); null while not erased.'),
    projectedRevision,
  });

export function registerJourneyRoute(app: ServiceApp, { readStore, clock, wait }: RouteContext): void {
  app.get(
    '/employees/:employeeId/journey',
    {
      config: { access: JOURNEY_READERS },
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
      const status = await loadStatus(readStore, employeeId, request.query.minRevision, wait);
      if (!status) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No journey is known for employee ${employeeId}.`);
      return journeyView(status.doc, clock());
    },
  );
}

/** The status document seen at `now`: what is overdue depends on the reader's clock, not the projector's. */
function journeyView(doc: JourneyStatus, now: Date): z.output<typeof journeyResponse> {
  const today = now.toISOString().slice(0, 10);
  const open = doc.tasks.filter((t): t is OnboardingTaskStatus & { dueDate: string } => !t.done && t.dueDate !== null);
  const byDue = (a: { dueDate: string }, b: { dueDate: string }) => a.dueDate.localeCompare(b.dueDate);
  return {
    employeeId: doc.employeeId,
    stage: journeyStatusStageOn(doc, now),
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
    erasedAt: doc.erasedAt ?? null,
    projectedRevision: doc.lastAppliedRevision,
  };
}
