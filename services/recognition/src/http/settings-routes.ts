import { catalogueCodec, commandRoute, createCommandHandler, etagOf, foldEvents, registerCommandRoutes } from '@ejp/command-kit';
import { envelopeOf, organisationSettingsEvents, organisationStream } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import type { AuthenticatedUser, ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import type { Caller, OrganisationSettingsCommand } from '../domain/commands.ts';
import { organisationSettingsDecider } from '../domain/settings.ts';
import { AddValueBody, AllowanceBody, RenameValueBody, SettingsView, ValueParams, WithdrawWindowBody } from './schemas.ts';

/**
 * The organisation's recognition settings, admin only: company values, the
 * monthly allowance and the withdraw window, in `organisation-<orgId>`; and
 * one GET that shows them with who changed what.
 */

const route = commandRoute<OrganisationSettingsCommand>();
const ADMIN = { roles: ['admin'] } as const;
const caller = (user: AuthenticatedUser): Caller => ({ id: user.subject, roles: user.roles });

export function settingsCommandRoutes(organisationId: string) {
  const about = (user: AuthenticatedUser) => ({ organisationId, changedBy: caller(user) });
  return [
    route({
      method: 'POST', url: '/organisation/values', operationId: 'addCompanyValue', access: ADMIN, status: 201,
      summary: 'Add a company value recognitions can be tagged with', body: AddValueBody,
      toCommand: ({ body }, { user }) => ({ type: 'AddCompanyValue', data: { ...body, ...about(user) } }),
    }),
    route({
      method: 'PUT', url: '/organisation/values/:valueId/name', operationId: 'renameCompanyValue', access: ADMIN, status: 200,
      summary: 'Rename a company value (its id, and the recognitions tagged with it, stay)', params: ValueParams, body: RenameValueBody,
      toCommand: ({ params, body }, { user }) => ({ type: 'RenameCompanyValue', data: { ...params, ...body, ...about(user) } }),
    }),
    route({
      method: 'POST', url: '/organisation/values/:valueId/retire', operationId: 'retireCompanyValue', access: ADMIN, status: 200,
      summary: 'Retire a company value: no new recognition may use it, old ones keep it', params: ValueParams,
      toCommand: ({ params }, { user }) => ({ type: 'RetireCompanyValue', data: { ...params, ...about(user) } }),
    }),
    route({
      method: 'PUT', url: '/organisation/recognition-allowance', operationId: 'setRecognitionAllowance', access: ADMIN, status: 200,
      summary: 'Set the monthly recognition allowance (default 100)', body: AllowanceBody,
      toCommand: ({ body }, { user }) => ({ type: 'SetRecognitionAllowance', data: { ...body, ...about(user) } }),
    }),
    route({
      method: 'PUT', url: '/organisation/withdraw-window', operationId: 'setWithdrawWindow', access: ADMIN, status: 200,
      summary: 'Set how long a recognition may be withdrawn (default 24 hours)', body: WithdrawWindowBody,
      toCommand: ({ body }, { user }) => ({ type: 'SetWithdrawWindow', data: { ...body, ...about(user) } }),
    }),
  ];
}

export interface SettingsRoutesOptions {
  store: EventStore;
  organisationId: string;
  common: { tags: Record<string, string>; problems: Record<number, unknown>; clock?: () => Date };
  retries: { maxRetries?: number };
}

export function registerSettingsRoutes(app: ServiceApp, options: SettingsRoutesOptions): void {
  const { organisationId, common } = options;
  const codec = catalogueCodec(organisationSettingsEvents);
  const handler = createCommandHandler({
    store: options.store,
    decider: organisationSettingsDecider,
    codec,
    streamOf: (command: OrganisationSettingsCommand) => organisationStream(command.data.organisationId),
    ...options.retries,
  });
  registerCommandRoutes(app, {
    ...common,
    handler,
    routes: settingsCommandRoutes(organisationId),
    result: { shape: { organisationId: z.string() }, of: (command) => ({ organisationId: command.data.organisationId }) },
  });

  app.get(
    '/organisation/settings',
    {
      // Everyone who gives needs the list of values.
      config: { access: { roles: ['employee', 'manager', 'hr', 'admin'] } },
      schema: { operationId: 'getOrganisationSettings', tags: Object.keys(common.tags), summary: 'Company values, allowance and withdraw window, with who changed what', response: { 200: SettingsView } },
    },
    async (_request, reply) => {
      const stream = organisationStream(organisationId);
      const recorded = await handler.events.readStream(stream);
      const state = foldEvents(organisationSettingsDecider, codec, recorded);
      const revision = recorded.at(-1)?.revision;
      if (revision !== undefined) reply.header('etag', etagOf(revision));
      return {
        organisationId,
        revision: revision?.toString() ?? null,
        values: Object.entries(state.values).map(([valueId, value]) => ({ valueId, ...value })),
        monthlyAllowance: state.monthlyAllowance,
        withdrawWindowHours: state.withdrawWindowHours,
        changes: recorded.map((event) => {
          const envelope = envelopeOf(event);
          return { type: envelope.type, revision: envelope.revision, occurredAt: envelope.occurredAt, by: envelope.actor, data: envelope.data };
        }),
      };
    },
  );
}
