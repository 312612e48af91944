import { commandRoute, createCommandHandler, etagOf, foldEvents, registerCommandRoutes } from '@ejp/command-kit';
import { BusinessCalendarDefined, RequestItemDefined, ServiceCatalogueStreams, ServiceTeamDefined } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import type { ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { catalogueDecider } from './domain/catalogue.ts';
import type { CatalogueCommand } from './domain/commands.ts';
import { catalogueEventCodec } from './facts.ts';

/**
 * The catalogue, admin only: teams and their agents, business calendars and
 * request items, in `servicecatalogue-<orgId>`; and one GET that shows it to
 * everyone (employees pick an item and see its form).
 */

const ADMIN = ['admin'] as const;
const route = commandRoute<CatalogueCommand>();
// The event shapes without the id the URL names (the events' cross-field rules are checked again when they are appended).
const TeamBody = ServiceTeamDefined.schema.omit({ teamId: true });
const CalendarBody = z.strictObject(BusinessCalendarDefined.schema.shape).omit({ calendarId: true });
const ItemShape = z.strictObject(RequestItemDefined.schema.shape);
const ItemBody = ItemShape.omit({ itemId: true });

export function catalogueCommandRoutes(organisationId: string) {
  return [
    route({
      method: 'PUT', url: '/servicedesk/teams/:teamId', operationId: 'defineServiceTeam', access: { roles: ADMIN }, status: 200,
      summary: 'Define a service team and its agents (the list replaces the previous one)', params: ServiceTeamDefined.schema.pick({ teamId: true }), body: TeamBody,
      toCommand: ({ params, body }) => ({ type: 'DefineTeam', data: { organisationId, ...params, ...body } }),
    }),
    route({
      method: 'PUT', url: '/servicedesk/calendars/:calendarId', operationId: 'defineBusinessCalendar', access: { roles: ADMIN }, status: 200,
      summary: 'Define a business-hours calendar with holidays (open requests on it get new deadlines)', params: z.strictObject(BusinessCalendarDefined.schema.shape).pick({ calendarId: true }), body: CalendarBody,
      toCommand: ({ params, body }) => ({ type: 'DefineCalendar', data: { organisationId, ...params, ...body } }),
    }),
    route({
      method: 'PUT', url: '/servicedesk/items/:itemId', operationId: 'defineRequestItem', access: { roles: ADMIN }, status: 200,
      summary: 'Define a request item: owning team, form (JSON Schema), approval chain, SLA policy (open requests follow a change)',
      params: ItemShape.pick({ itemId: true }), body: ItemBody,
      toCommand: ({ params, body }) => ({ type: 'DefineItem', data: { organisationId, ...params, ...body } }),
    }),
    route({
      method: 'DELETE', url: '/servicedesk/items/:itemId', operationId: 'retireRequestItem', access: { roles: ADMIN }, status: 200,
      summary: 'Retire a request item: no new requests, open ones carry on', params: ItemShape.pick({ itemId: true }),
      toCommand: ({ params }) => ({ type: 'RetireItem', data: { organisationId, ...params } }),
    }),
  ];
}

const CatalogueView = z.object({
  organisationId: z.string(),
  revision: z.string().nullable(),
  teams: z.array(ServiceTeamDefined.schema),
  calendars: z.array(z.strictObject(BusinessCalendarDefined.schema.shape)),
  items: z.array(ItemShape.extend({ retired: z.boolean() })),
});

export interface CatalogueRoutesOptions {
  store: EventStore;
  organisationId: string;
  common: { tags: Record<string, string>; problems: Record<number, unknown>; clock?: () => Date };
}

export function registerCatalogueRoutes(app: ServiceApp, options: CatalogueRoutesOptions): void {
  const { organisationId, common } = options;
  const handler = createCommandHandler({
    store: options.store,
    decider: catalogueDecider,
    codec: catalogueEventCodec,
    streamOf: (command: CatalogueCommand) => ServiceCatalogueStreams.streamOf(command.data.organisationId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
  });
  registerCommandRoutes(app, {
    ...common,
    handler,
    routes: catalogueCommandRoutes(organisationId),
    result: { shape: { organisationId: z.string() }, of: (command) => ({ organisationId: command.data.organisationId }) },
  });

  app.get(
    '/servicedesk/catalogue',
    {
      config: { access: { roles: ['employee', 'manager', 'hr', 'admin', 'service'] } },
      schema: { operationId: 'getServiceCatalogue', tags: Object.keys(common.tags), summary: 'Teams, calendars and request items with their forms and SLA policies', response: { 200: CatalogueView } },
    },
    async (_request, reply) => {
      const recorded = await handler.events.readStream(ServiceCatalogueStreams.streamOf(organisationId));
      const revision = recorded.at(-1)?.revision;
      if (revision !== undefined) reply.header('etag', etagOf(revision));
      const state = foldEvents(catalogueDecider, catalogueEventCodec, recorded);
      return {
        organisationId,
        revision: revision?.toString() ?? null,
        teams: Object.entries(state.teams).map(([teamId, team]) => ({ teamId, ...team })),
        calendars: Object.values(state.calendars),
        items: Object.values(state.items),
      };
    },
  );
}
