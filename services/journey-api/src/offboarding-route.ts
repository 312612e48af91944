import { daysBetween, isoDay } from '@ejp/contracts';
import { type OffboardingProgress, OffboardingProgressReadModel, offboardingProgressSchema, offboardingTaskStatusSchema } from '@ejp/contracts/read-models';
import { AppError, ErrorCodes, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { JOURNEY_READERS } from './access.ts';
import { employeeParams, journeyProblems, minRevisionQuery, projectedRevision } from './params.ts';
import { loadStatus } from './read-your-writes.ts';
import type { RouteContext } from './routes.ts';

/** The offboarding as the reader sees it on its own day; derived from the shared read model. */
const offboardingResponse = offboardingProgressSchema
  .omit({ employeeId: true, tasks: true, lastAppliedRevision: true, updatedAt: true })
  .extend({
    employeeId: employeeParams.shape.employeeId,
    asOf: z.iso.datetime().describe('The instant days to the last day and overdue tasks are judged at.'),
    daysToLastDay: z.int().nullable().describe("Days from asOf's day to the last day: 0 on it, negative after it; null before an offboarding starts."),
    interviewDone: z.boolean(),
    departed: z.boolean(),
    tasks: z.array(offboardingTaskStatusSchema.extend({ overdue: z.boolean().describe('Open and due before asOf\'s day.') })).describe('The plan, in plan order.'),
    projectedRevision,
  });

export function registerOffboardingRoute(app: ServiceApp, { readStore, clock, wait }: RouteContext): void {
  app.get(
    '/employees/:employeeId/offboarding',
    {
      config: { access: JOURNEY_READERS },
      schema: {
        operationId: 'getOffboardingProgress',
        summary: "An employee's offboarding progress",
        description:
          'The offboarding of the current chapter: tasks with due dates relative to the last day (they follow it when it moves), days to the last day, whether the exit interview is done (never its notes) and whether the employee has departed. Employees may read only their own.',
        tags: ['offboarding-progress'],
        params: employeeParams,
        querystring: z.object({ minRevision: minRevisionQuery }),
        response: { 200: offboardingResponse, ...journeyProblems },
      },
    },
    async (request) => {
      const { employeeId } = request.params;
      // The status is written last in a batch: once it reached minRevision, so did the offboarding document.
      const status = await loadStatus(readStore, employeeId, request.query.minRevision, wait);
      if (!status) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No journey is known for employee ${employeeId}.`);
      const progress = await readStore.get<OffboardingProgress>(OffboardingProgressReadModel.collection, employeeId);
      if (!progress) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No offboarding is known for employee ${employeeId}.`);
      return offboardingView(progress.doc, clock(), status.doc.lastAppliedRevision);
    },
  );
}

function offboardingView(doc: OffboardingProgress, now: Date, revision: number): z.output<typeof offboardingResponse> {
  const today = isoDay(now);
  const { employeeId, tasks, lastAppliedRevision: _, updatedAt: __, ...rest } = doc;
  return {
    ...rest,
    employeeId,
    asOf: now.toISOString(),
    daysToLastDay: doc.lastDay === null ? null : daysBetween(today, doc.lastDay),
    interviewDone: doc.exitInterview !== null,
    departed: doc.departure !== null,
    tasks: tasks.map((t) => ({ ...t, overdue: !t.done && t.dueDate < today })),
    projectedRevision: revision,
  };
}

