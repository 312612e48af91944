import { catalogueCodec, commandRoute, createCommandHandler, registerCommandRoutes } from '@ejp/command-kit';
import { journeyStream, OneToOneRecorded } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { AppError, type AuthenticatedUser, ErrorCodes, EmployeeParams, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { oneToOneDecider, type RecordOneToOne } from './domain/one-to-one.ts';

/**
 * One-to-one check-ins over HTTP. Only the two people in it may record one or
 * read its notes: decided from the token and the path (and, for the notes,
 * the check-in's manager) before anything else is read.
 */

const codec = catalogueCodec([OneToOneRecorded]);
const CheckInParams = EmployeeParams.extend({ checkInId: z.uuid() });
const RecordBody = z.object({
  checkInId: z.uuid(),
  managerId: z.string().min(1).max(200),
  heldOn: z.iso.date(),
  mood: z.int().min(1).max(5),
  topics: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
  notes: z.string().trim().min(1).max(2_000).optional(),
});

function onlyTheTwo(user: AuthenticatedUser, employeeId: string, managerId: string): void {
  if (user.subject !== employeeId && user.subject !== managerId) throw new AppError(ErrorCodes.EJP_FORBIDDEN, 'A one-to-one belongs to the employee and their manager only.');
}

const route = commandRoute<RecordOneToOne>();

export function registerOneToOneRoutes(app: ServiceApp, options: { store: EventStore; clock?: () => Date }): void {
  const handler = createCommandHandler({ store: options.store, decider: oneToOneDecider, codec, streamOf: (c: RecordOneToOne) => journeyStream(c.data.employeeId), stateCache: {} });
  registerCommandRoutes(app, {
    handler,
    routes: [
      route({
        method: 'POST', url: '/employees/:employeeId/one-to-ones', operationId: 'recordOneToOne', access: { self: 'employeeId', managerOf: 'employeeId' }, status: 201,
        summary: 'Record a one-to-one check-in (the employee or their manager): mood, topics, private notes', params: EmployeeParams, body: RecordBody,
        toCommand: ({ params, body }, { user }) => {
          onlyTheTwo(user, params.employeeId, body.managerId);
          return { type: 'RecordOneToOne', data: { ...params, ...body } };
        },
      }),
    ],
    tags: { 'one-to-ones': 'One-to-one check-ins between an employee and their manager' },
    problems: { 409: problemResponse('The check-in is recorded already') },
    ...(options.clock ? { clock: options.clock } : {}),
    result: { shape: { employeeId: z.string() }, of: (command) => ({ employeeId: command.data.employeeId }) },
  });
  app.get(
    '/employees/:employeeId/one-to-ones/:checkInId/notes',
    {
      config: { access: { self: 'employeeId', managerOf: 'employeeId' } },
      schema: {
        operationId: 'getOneToOneNotes',
        summary: 'The private notes of a one-to-one: for the employee and their manager only',
        tags: ['one-to-ones'],
        params: CheckInParams,
        response: { 200: z.object({ checkInId: z.uuid(), notes: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { employeeId, checkInId } = request.params as z.output<typeof CheckInParams>;
      // The employee may always ask; anyone else must be the check-in's manager, which only the event says.
      if (request.user!.subject !== employeeId && !request.user!.roles.includes('manager')) throw new AppError(ErrorCodes.EJP_FORBIDDEN, 'Not your one-to-one.');
      const recorded = (await options.store.readStream(journeyStream(employeeId))).find((e) => e.type === OneToOneRecorded.type && e.data.checkInId === checkInId);
      if (!recorded) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No one-to-one ${checkInId}.`);
      onlyTheTwo(request.user!, employeeId, String(recorded.data.managerId));
      const notes = recorded.data.notes;
      return { checkInId, notes: typeof notes === 'string' ? notes : null };
    },
  );
}
