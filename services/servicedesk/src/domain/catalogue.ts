import type { Decider } from '@ejp/command-kit';
import { ALWAYS_OPEN_CALENDAR_ID, type BusinessCalendar, entryOf, type EventData, type MeasuredPolicy, type RequestItemDefined, type ServiceCatalogueEvent } from '@ejp/contracts';
import { ALWAYS_OPEN } from './business-hours.ts';
import type { CatalogueCommand, ItemFacts } from './commands.ts';
import { ServicedeskError } from './errors.ts';
import { checkFormSchema } from './form.ts';

/**
 * The organisation's service catalogue, decided on `servicecatalogue-<orgId>`:
 * teams and their agents, business calendars, and request items that name
 * their team, form, approval chain and SLA policy. Redefining something with
 * what it already is records nothing.
 */

export type ItemDefinition = EventData<typeof RequestItemDefined>;

export interface CatalogueState {
  teams: Record<string, { name: string; agentIds: string[] }>;
  calendars: Record<string, BusinessCalendar>;
  items: Record<string, ItemDefinition & { retired: boolean }>;
}

export const initialCatalogue = (): CatalogueState => ({ teams: {}, calendars: {}, items: {} });

export function evolveCatalogue(state: CatalogueState, event: ServiceCatalogueEvent): CatalogueState {
  switch (event.type) {
    case 'servicedesk.team.defined': {
      const { teamId, ...team } = event.data;
      return { ...state, teams: { ...state.teams, [teamId]: team } };
    }
    case 'servicedesk.calendar.defined':
      return { ...state, calendars: { ...state.calendars, [event.data.calendarId]: event.data } };
    case 'servicedesk.item.defined':
      return { ...state, items: { ...state.items, [event.data.itemId]: { ...event.data, retired: false } } };
    case 'servicedesk.item.retired': {
      const item = entryOf(state.items, event.data.itemId);
      return item ? { ...state, items: { ...state.items, [event.data.itemId]: { ...item, retired: true } } } : state;
    }
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The event's cross-field rules, checked here so the caller gets a 400 naming the field rather than a refused append. */
function invalid(path: string, message: string): never {
  throw new ServicedeskError('EJP_CATALOGUE_ENTRY_INVALID', `${path.replace('body.', '')} ${message}.`, { errors: [{ path, message }] });
}

function decideCatalogue(command: CatalogueCommand, state: CatalogueState): ServiceCatalogueEvent[] {
  const { organisationId: _, ...data } = command.data;
  switch (command.type) {
    case 'DefineTeam': {
      const { teamId, ...team } = command.data;
      return same(entryOf(state.teams, teamId), { name: team.name, agentIds: team.agentIds }) ? [] : [{ type: 'servicedesk.team.defined', data: { teamId, name: team.name, agentIds: team.agentIds } }];
    }
    case 'DefineCalendar': {
      const calendar = data as BusinessCalendar;
      if (calendar.closesAt <= calendar.opensAt) invalid('body.closesAt', 'must be after opensAt');
      return same(entryOf(state.calendars, calendar.calendarId), calendar) ? [] : [{ type: 'servicedesk.calendar.defined', data: calendar }];
    }
    case 'DefineItem': {
      const item = data as ItemDefinition;
      if ((item.approvalChain === 'manager-then-finance') !== (item.financeTeamId !== null)) {
        invalid('body.financeTeamId', 'names the finance team exactly when the approval chain is manager-then-finance');
      }
      for (const teamId of [item.owningTeamId, item.financeTeamId]) {
        if (teamId !== null && !entryOf(state.teams, teamId)) throw new ServicedeskError('EJP_SERVICE_TEAM_NOT_FOUND', `No team ${teamId} in the catalogue.`, { teamId });
      }
      if (item.sla.calendarId !== ALWAYS_OPEN_CALENDAR_ID && !entryOf(state.calendars, item.sla.calendarId)) {
        throw new ServicedeskError('EJP_BUSINESS_CALENDAR_NOT_FOUND', `No business calendar ${item.sla.calendarId} in the catalogue.`, { calendarId: item.sla.calendarId });
      }
      checkFormSchema(item.form);
      const current = entryOf(state.items, item.itemId);
      return current && !current.retired && same({ ...current, retired: undefined }, { ...item, retired: undefined }) ? [] : [{ type: 'servicedesk.item.defined', data: item }];
    }
    case 'RetireItem': {
      const item = entryOf(state.items, command.data.itemId);
      if (!item) throw new ServicedeskError('EJP_REQUEST_ITEM_NOT_FOUND', `No item ${command.data.itemId} in the catalogue.`);
      return item.retired ? [] : [{ type: 'servicedesk.item.retired', data: { itemId: command.data.itemId } }];
    }
  }
}

export const catalogueDecider: Decider<CatalogueCommand, CatalogueState, ServiceCatalogueEvent> = {
  initialState: initialCatalogue,
  evolve: evolveCatalogue,
  decide: decideCatalogue,
};

/** The policy an item's requests are measured on: its targets on its calendar. */
export function policyOf(state: CatalogueState, item: ItemDefinition): MeasuredPolicy {
  const calendar = entryOf(state.calendars, item.sla.calendarId) ?? ALWAYS_OPEN;
  return { firstResponseMinutes: item.sla.firstResponseMinutes, resolutionMinutes: item.sla.resolutionMinutes, calendar };
}

/** What a submission needs to know of an item, or undefined when the catalogue has no such item. */
export function itemFacts(state: CatalogueState, itemId: string): ItemFacts | undefined {
  const item = entryOf(state.items, itemId);
  if (!item) return undefined;
  const { owningTeamId, form, approvalChain, financeTeamId, retired } = item;
  return { itemId, owningTeamId, form, approvalChain, financeTeamId, retired, policy: policyOf(state, item) };
}

/** Team id to agent ids: the membership facts every request command carries. */
export const teamsOf = (state: CatalogueState): Record<string, string[]> =>
  Object.fromEntries(Object.entries(state.teams).map(([teamId, team]) => [teamId, team.agentIds]));
