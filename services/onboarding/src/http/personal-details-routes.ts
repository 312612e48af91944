import { CommandKitErrors, catalogueCodec, commandProblems } from '@ejp/command-kit';
import {
  type ActorKind,
  type CausationContext,
  DisclosurePurpose,
  DisclosureStreams,
  EmployeeErased,
  EmployeeHired,
  journeyStream,
  newEvent,
  PERSONAL_DATA_SCOPE,
  PERSONAL_FIELDS,
  PersonalDataRequested,
  type PersonalField,
  personalFieldsGranted,
  Uuid,
} from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { AppError, type AuthenticatedUser, declareTags, EmployeeParams, ErrorCodes, isAppError, problemResponse, type ServiceApp } from '@ejp/service-kit';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

export const PersonalDetailsQuery = z.object({ purpose: DisclosurePurpose });

/** The employee record's personal fields, in the hire's own shapes: only those the caller's scope grants are present. */
export const PersonalDetailsView = EmployeeHired.schema
  .pick({ employeeId: true })
  .extend(EmployeeHired.schema.pick({ givenName: true, familyName: true, email: true }).partial().shape)
  .extend({ fields: z.array(z.enum(PERSONAL_FIELDS)).describe('The fields the scope granted (and this answer holds)') })
  .describe("An employee's personal details, decrypted, as far as the caller's scope reaches");

type Outcome = z.output<typeof PersonalDataRequested.schema>['outcome'];

const tags = { 'personal-details': "An employee's personal details for platform services whose scope names a field set; every request is audited" };

const hireCodec = catalogueCodec([EmployeeHired, EmployeeErased]);

/**
 * Personal details on request. Events on Kafka keep names and emails
 * encrypted; a service account whose token holds `personal-data:<set>` asks
 * here, by employee id and with a purpose, and gets that set decrypted.
 * Onboarding hosts it because it owns the employee record and opens the key
 * store. Every request is recorded (PersonalDataRequested in the employee's
 * `disclosure-` stream, listed in the audit trail) before it is answered,
 * refusals included: a caller without the scope gets 403, and its attempt is
 * recorded by the route's onError hook, since the kit's access check refuses
 * it before the handler runs.
 */
export function registerPersonalDetailsRoutes(app: ServiceApp, options: { store: EventStore; clock?: () => Date }): void {
  const now = options.clock ?? (() => new Date());
  declareTags(app, tags);
  const record = async (request: FastifyRequest, user: AuthenticatedUser, employeeId: string, outcome: Outcome, fields: PersonalField[], purpose: string | null) => {
    const data = { employeeId, outcome, fields, purpose, scopes: user.scopes.slice(0, 50).map((s) => s.slice(0, 200)) };
    const event = newEvent(PersonalDataRequested, data, { ...causation(request, user), occurredAt: now() });
    await options.store.appendToStream(DisclosureStreams.streamOf(employeeId), [event]);
  };

  app.get(
    '/employees/:employeeId/personal-details',
    {
      config: { access: { scope: PERSONAL_DATA_SCOPE } },
      schema: {
        operationId: 'getPersonalDetails',
        tags: Object.keys(tags),
        summary: "An employee's personal details, decrypted, for a service account whose scope names the field set",
        description:
          'The scope `personal-data:contact` grants givenName, familyName and email; `personal-data:name` the names only. Each request (answered, refused, erased or unknown) is recorded as the audited event privacy.personal-data.requested: who, which employee, which fields, why (`purpose`). After an erasure it answers 410.',
        params: EmployeeParams,
        querystring: PersonalDetailsQuery,
        response: {
          200: PersonalDetailsView,
          404: problemResponse('No such employee'),
          410: commandProblems[410],
        },
      },
      // The kit refuses a caller without the scope in onRequest, before the handler: record that attempt here.
      onError: async (request, _reply, error) => {
        if (!isAppError(error) || error.code !== ErrorCodes.EJP_FORBIDDEN || !request.user) return;
        const employeeId = (request.params as { employeeId?: string }).employeeId?.toLowerCase();
        // An id that is no employee id names nobody: nothing to record it under.
        if (!employeeId || !Uuid.safeParse(employeeId).success) return;
        const purpose = DisclosurePurpose.safeParse((request.query as { purpose?: unknown }).purpose);
        await record(request, request.user, employeeId, 'refused', personalFieldsGranted(request.user.scopes), purpose.success ? purpose.data : null);
      },
    },
    async (request) => {
      const user = request.user!;
      const employeeId = request.params.employeeId.toLowerCase();
      const { purpose } = request.query;
      const fields = personalFieldsGranted(user.scopes);
      // `personal-data` alone, or a set nobody declared, reaches no field.
      if (fields.length === 0) throw new AppError(ErrorCodes.EJP_FORBIDDEN, `Your scope names no field set: ask for ${PERSONAL_DATA_SCOPE}:<set>.`);
      const { hire, erased } = await employeeRecord(options.store, employeeId);
      if (erased) {
        await record(request, user, employeeId, 'erased', fields, purpose);
        throw new AppError(CommandKitErrors.EJP_SUBJECT_ERASED, `Employee ${employeeId} was erased: delete what you hold about them.`);
      }
      if (!hire) {
        await record(request, user, employeeId, 'not-found', fields, purpose);
        throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No employee ${employeeId} was hired.`);
      }
      await record(request, user, employeeId, 'disclosed', fields, purpose);
      return { employeeId, fields, ...Object.fromEntries(fields.map((field) => [field, hire[field]])) };
    },
  );
}

/** The latest hire (a rehire keeps the identity of the first) and whether the employee was erased. */
async function employeeRecord(store: EventStore, employeeId: string) {
  let hire: z.output<typeof EmployeeHired.schema> | undefined;
  let erased = false;
  for (const recorded of await store.readStream(journeyStream(employeeId))) {
    const event = hireCodec.decode(recorded);
    if (event?.type === EmployeeHired.type) hire = event.data;
    if (event?.type === EmployeeErased.type) erased = true;
  }
  return { hire, erased };
}

function causation(request: FastifyRequest, user: AuthenticatedUser): CausationContext {
  // Refused callers have no grant: record them in the role their token claims (a service account as `service`).
  const kind: ActorKind = request.access?.as ?? (user.roles.includes('service') ? 'service' : (user.roles[0] ?? 'employee'));
  return { actor: { id: user.subject, kind }, correlationId: request.correlationId, causationId: request.id };
}
