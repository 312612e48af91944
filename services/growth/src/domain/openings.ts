import type { Command, Decider } from '@ejp/command-kit';
import { ApplicationApproved, ApplicationRejected, ApplicationSubmitted, type EventData, OpeningFilled, OpeningPosted, type OpeningEvent } from '@ejp/contracts';
import { activePositionAt, type EmployeeFact } from './employee-facts.ts';
import { GrowthError, recorded } from './errors.ts';
import type { Caller } from './journey.ts';

/**
 * An internal opening (`opening-<openingId>`) and its applications. An
 * application needs the applicant's current manager's approval and HR's
 * (HR's alone when the applicant has no manager); the opening is filled once,
 * by an approved applicant. The move itself is a position change in the
 * applicant's journey, which reads this stream to take the new position.
 */

type OpeningCommand<T extends string, D> = Command<T, { openingId: string } & D>;

export type PostOpening = OpeningCommand<'PostOpening', EventData<typeof OpeningPosted>>;
/** The current manager comes from the applicant's journey (the routes pass its history). */
export type ApplyForOpening = OpeningCommand<'ApplyForOpening', { applicantId: string; history: EmployeeFact[] }>;
export type DecideApplication = OpeningCommand<'DecideApplication', { applicantId: string; approve: boolean; by: Caller }>;
export type FillOpening = OpeningCommand<'FillOpening', { applicantId: string }>;

export type OpeningsCommand = PostOpening | ApplyForOpening | DecideApplication | FillOpening;

export interface ApplicationState {
  currentManagerId: string | null;
  approvedBy: ('manager' | 'hr')[];
  rejected: boolean;
}

export interface PostedOpening {
  status: 'open' | 'filled';
  opening: EventData<typeof OpeningPosted>;
  applications: Record<string, ApplicationState>;
  filledBy: string | null;
}

export type OpeningState = { status: 'none' } | PostedOpening;

export function evolveOpening(state: OpeningState, event: OpeningEvent): OpeningState {
  if (event.type === 'growth.opening.posted') return { status: 'open', opening: event.data, applications: {}, filledBy: null };
  if (state.status === 'none') return state;
  const application = (id: string, change: (a: ApplicationState) => ApplicationState): OpeningState => {
    const current = state.applications[id];
    return current ? { ...state, applications: { ...state.applications, [id]: change(current) } } : state;
  };
  switch (event.type) {
    case 'growth.opening.application-submitted':
      return { ...state, applications: { ...state.applications, [event.data.applicantId]: { currentManagerId: event.data.currentManagerId, approvedBy: [], rejected: false } } };
    case 'growth.opening.application-approved':
      return application(event.data.applicantId, (a) => ({ ...a, approvedBy: [...a.approvedBy, event.data.by] }));
    case 'growth.opening.application-rejected':
      return application(event.data.applicantId, (a) => ({ ...a, rejected: true }));
    case 'growth.opening.filled':
      return { ...state, status: 'filled', filledBy: event.data.applicantId };
  }
}

/** Approved by everyone who must: HR, and the current manager when there is one. */
export function isApproved(application: ApplicationState): boolean {
  return !application.rejected && application.approvedBy.includes('hr') && (application.currentManagerId === null || application.approvedBy.includes('manager'));
}

function requireOpening(state: OpeningState, openingId: string): PostedOpening {
  if (state.status === 'none') throw new GrowthError('EJP_OPENING_NOT_FOUND', `No opening ${openingId} was posted.`);
  return state;
}

function requireUnfilled(state: OpeningState, openingId: string): PostedOpening {
  const opening = requireOpening(state, openingId);
  if (opening.status === 'filled') throw new GrowthError('EJP_OPENING_FILLED', `Opening ${openingId} is filled.`, { filledBy: opening.filledBy });
  return opening;
}

function requireApplication(opening: PostedOpening, applicantId: string): ApplicationState {
  const application = opening.applications[applicantId];
  if (!application) throw new GrowthError('EJP_APPLICATION_NOT_FOUND', `Employee ${applicantId} has not applied.`, { applicantId });
  return application;
}

/** HR decides as HR; otherwise only the applicant's current manager decides, as the manager. */
function approverOf(caller: Caller, application: ApplicationState): 'manager' | 'hr' {
  if (caller.roles.includes('hr')) return 'hr';
  if (caller.id === application.currentManagerId) return 'manager';
  throw new GrowthError('EJP_NOT_THE_MANAGER', "Only the applicant's current manager or HR decide an application.", { managerId: application.currentManagerId });
}

export function decideOpening(command: OpeningsCommand, state: OpeningState): OpeningEvent[] {
  const { openingId } = command.data;
  switch (command.type) {
    case 'PostOpening': {
      if (state.status !== 'none') throw new GrowthError('EJP_OPENING_EXISTS', `Opening ${openingId} exists.`);
      const { openingId: _, ...opening } = command.data;
      return [recorded(OpeningPosted, opening)];
    }
    case 'ApplyForOpening': {
      const opening = requireUnfilled(state, openingId);
      const { applicantId, history } = command.data;
      const currentManagerId = activePositionAt(history, applicantId, command.metadata.now).managerId;
      if (opening.applications[applicantId]) throw new GrowthError('EJP_APPLICATION_EXISTS', `Employee ${applicantId} has applied already.`, { applicantId });
      if (applicantId === opening.opening.managerId) throw new GrowthError('EJP_INVALID_COMMAND', 'The opening reports to you: you cannot apply to it.', { field: 'applicantId' });
      return [recorded(ApplicationSubmitted, { applicantId, currentManagerId })];
    }
    case 'DecideApplication': {
      const { applicantId, approve, by } = command.data;
      const application = requireApplication(requireUnfilled(state, openingId), applicantId);
      const approver = approverOf(by, application);
      if (application.rejected || application.approvedBy.includes(approver)) {
        throw new GrowthError('EJP_APPLICATION_DECIDED', `The ${approver} decided this application already.`, { applicantId });
      }
      return [approve ? recorded(ApplicationApproved, { applicantId, by: approver }) : recorded(ApplicationRejected, { applicantId, by: approver })];
    }
    case 'FillOpening': {
      const { applicantId } = command.data;
      const opening = requireOpening(state, openingId);
      // Filling it again with the same applicant changes nothing (a retry).
      if (opening.filledBy === applicantId) return [];
      const application = requireApplication(requireUnfilled(state, openingId), applicantId);
      if (!isApproved(application)) {
        throw new GrowthError('EJP_APPLICATION_NOT_APPROVED', 'The application needs the current manager’s and HR’s approval first.', { applicantId, approvedBy: application.approvedBy });
      }
      return [recorded(OpeningFilled, { applicantId })];
    }
  }
}

export const openingDecider: Decider<OpeningsCommand, OpeningState, OpeningEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveOpening,
  decide: decideOpening,
};
