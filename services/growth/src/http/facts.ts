import { catalogueCodec, type EventReader, foldEvents } from '@ejp/command-kit';
import {
  employmentStatus,
  eventCatalogue,
  evolveJourneyStage,
  evolvePosition,
  initialJourneyStage,
  journeyStream,
  type JourneyStageState,
  openingEvents,
  OpeningStreams,
  type Position,
} from '@ejp/contracts';
import { GrowthError } from '../domain/errors.ts';
import { seniorityOf } from '../domain/matching.ts';
import { openingDecider, type PostedOpening } from '../domain/openings.ts';

/**
 * Facts a growth command needs from streams other than its own, read through
 * the command kit's read-only port before deciding, so `decide` stays pure: a
 * mentor's department and seniority, a mentee's manager, an applicant's
 * current manager come from their journey, never from the body.
 */

// Every platform type: the stage moves by events of any service, the position by the hire, a rehire or a move.
const journeyCodec = catalogueCodec(eventCatalogue.types().map((type) => eventCatalogue.definition(type)));
const openingCodec = catalogueCodec(openingEvents);

interface EmployeeFacts {
  journey: JourneyStageState;
  position: Position | null;
}

const employeeFold = {
  initialState: (): EmployeeFacts => ({ journey: initialJourneyStage(), position: null }),
  evolve: (state: EmployeeFacts, event: { type: string; data: unknown }): EmployeeFacts => ({
    journey: evolveJourneyStage(state.journey, event),
    position: evolvePosition(state.position, event),
  }),
};

export interface ActivePosition extends Position {
  seniority: number;
}

/** The position of an employee who is hired and has not left; the decider's codes otherwise. */
export async function activePositionOf(events: EventReader, employeeId: string): Promise<ActivePosition> {
  const facts = foldEvents(employeeFold, journeyCodec, await events.readStream(journeyStream(employeeId)));
  const status = employmentStatus(facts.journey);
  if (status === 'not-hired' || facts.position === null) throw new GrowthError('EJP_EMPLOYEE_NOT_FOUND', `No employee ${employeeId} was hired.`);
  if (status === 'departed') throw new GrowthError('EJP_EMPLOYEE_DEPARTED', `Employee ${employeeId} has left.`);
  return { ...facts.position, seniority: seniorityOf(facts.position.level) };
}

/** A posted opening, for the move that fills it. */
export async function openingOf(events: EventReader, openingId: string): Promise<PostedOpening> {
  const state = foldEvents(openingDecider, openingCodec, await events.readStream(OpeningStreams.streamOf(openingId)));
  if (state.status === 'none') throw new GrowthError('EJP_OPENING_NOT_FOUND', `No opening ${openingId} was posted.`);
  return state;
}
