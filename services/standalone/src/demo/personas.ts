import type { AuthenticatedUser, Role, ServiceApp } from '@ejp/service-kit';
import { declareTags } from '@ejp/service-kit';
import { z } from 'zod';
import { COMPANY_NAME, type DemoEmployee } from './company.ts';
import { DEMO_SURVEY_ID } from './feedback.ts';
import { DEMO_PULSE_SURVEY_ID } from './pulse.ts';

/**
 * The web app's persona switcher under AUTH_MODE=off: without tokens every
 * request would act as the kit's dev user (every role, no employee), so the
 * app names the demo employee it acts as in this header, and the process
 * gives that person the roles their place in the company gives them (a
 * manager has reports, the Head of People is HR). Roles never come from the
 * client, and only demo employees can be named: anything else is the dev user.
 */
export const ACT_AS_HEADER = 'x-ejp-act-as';

const PERSONA_KINDS = ['employee', 'manager', 'hr'] as const;

const directoryPerson = z.object({
  employeeId: z.uuid(),
  name: z.string(),
  department: z.string(),
  role: z.string(),
  managerId: z.uuid().nullable(),
  roles: z.array(z.string()).describe('The roles a request naming this person in x-ejp-act-as acts with'),
});

export const demoDirectorySchema = z.object({
  company: z.string(),
  personas: z.array(z.object({ kind: z.enum(PERSONA_KINDS), employeeId: z.uuid() })).describe('One suggested person per kind, for the sign-in page'),
  people: z.array(directoryPerson),
  surveyIds: z.array(z.uuid()).describe('The demo\'s surveys, open first'),
});

function rolesOf(employee: DemoEmployee, company: readonly DemoEmployee[]): Role[] {
  if (employee.role === 'Head of People') return ['employee', 'hr'];
  return company.some((e) => e.managerId === employee.employeeId) ? ['employee', 'manager'] : ['employee'];
}

/** Whom a request acts as: the demo employee its x-ejp-act-as header names, with their roles; else undefined (the dev user). */
export function personaCaller(company: readonly DemoEmployee[]): (request: { headers: Record<string, string | string[] | undefined> }) => AuthenticatedUser | undefined {
  const byId = new Map(company.map((e) => [e.employeeId, rolesOf(e, company)]));
  return (request) => {
    const named = request.headers[ACT_AS_HEADER];
    const roles = typeof named === 'string' ? byId.get(named) : undefined;
    if (!roles || typeof named !== 'string') return undefined;
    return { subject: named, roles: [...roles], scopes: [], claims: { sub: named, roles: [...roles] } };
  };
}

/** GET /demo/directory: the demo company's people by name, which the read models withhold, for the web app's switcher and pickers. */
export function registerDemoDirectoryRoute(app: ServiceApp, company: readonly DemoEmployee[]): void {
  declareTags(app, { demo: 'The demo company (only with --demo)' });
  const onboarding = company.find((e) => e.stage === 'onboarding' && e.index > 7) ?? company[company.length - 1]!;
  const manager = company.find((e) => e.employeeId === onboarding.managerId) ?? company[0]!;
  const hr = company.find((e) => e.role === 'Head of People')!;
  const directory: z.output<typeof demoDirectorySchema> = {
    company: COMPANY_NAME,
    personas: [
      { kind: 'employee', employeeId: onboarding.employeeId },
      { kind: 'manager', employeeId: manager.employeeId },
      { kind: 'hr', employeeId: hr.employeeId },
    ],
    people: company.map((e) => ({
      employeeId: e.employeeId,
      name: `${e.givenName} ${e.familyName}`,
      department: e.department,
      role: e.role,
      managerId: e.managerId,
      roles: rolesOf(e, company),
    })),
    surveyIds: [DEMO_PULSE_SURVEY_ID, DEMO_SURVEY_ID],
  };
  app.get(
    '/demo/directory',
    {
      config: { access: { roles: ['employee', 'manager', 'hr', 'admin'] } },
      schema: { operationId: 'getDemoDirectory', summary: 'The demo company\'s people, personas and surveys', tags: ['demo'], response: { 200: demoDirectorySchema } },
    },
    async () => directory,
  );
}
