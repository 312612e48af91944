import { type EmployeeProfile, EmployeeProfileReadModel, employeeProfileResponseSchema, type EmployeeProfileResponse, profileAsOf } from '@ejp/contracts/read-models';
import { AppError, ErrorCodes, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { JOURNEY_READERS } from './access.ts';
import { answer, asOfOf, asOfQuery, CSV_NOTE, toCsv } from './experience-params.ts';
import { employeeParams, journeyProblems } from './params.ts';
import type { RouteContext } from './routes.ts';

/** The CSV of a profile: one row per flag (the part a list of people at risk is built from), with the profile's position. */
function profileCsv(p: EmployeeProfileResponse): string {
  const position = [p.employeeId, p.asOf, p.stage, p.department, p.managerId];
  const rows = p.flags.length > 0 ? p.flags.map((f) => [...position, f.flag, f.reason, f.eventIds.join(' ')]) : [[...position, null, null, null]];
  return toCsv(['employeeId', 'asOf', 'stage', 'department', 'managerId', 'flag', 'reason', 'eventIds'], rows);
}

/** One employee's profile on a day: stage, position, onboarding, recognition, one-to-ones, suggestions, surveys taken, attention flags. */
export function registerProfileRoute(app: ServiceApp, { readStore, clock }: RouteContext): void {
  app.get(
    '/employees/:employeeId/profile',
    {
      config: { access: JOURNEY_READERS },
      schema: {
        operationId: 'getEmployeeProfile',
        summary: "An employee's profile and attention flags, as of a day",
        description: `The employee, their managers and HR. Built from attributed data only: no survey answer feeds it (surveys completed says that they took part). ${CSV_NOTE}`,
        tags: ['journey'],
        params: employeeParams,
        querystring: z.object(asOfQuery),
        response: { 200: employeeProfileResponseSchema, 404: journeyProblems[404] },
      },
    },
    async (request, reply) => {
      const { employeeId } = request.params;
      const found = await readStore.get<EmployeeProfile>(EmployeeProfileReadModel.collection, employeeId);
      if (!found) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No journey is known for employee ${employeeId}.`);
      return answer(request, reply, profileAsOf(found.doc, asOfOf(request.query, clock)), profileCsv, `profile-${employeeId}`);
    },
  );
}
