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
import type { EmployeeFact } from '../domain/employee-facts.ts';
import { GrowthError } from '../domain/errors.ts';
import { openingDecider, type PostedOpening } from '../domain/openings.ts';

/**
 * Facts a growth command needs from streams other than its own, read through
 * the command kit's read-only port before deciding, so `decide` stays pure:
 * a mentor's department and seniority, a mentee's manager, an applicant's
 * current manager come from their journey, never from the body.
 */

// Every platform type: the stage moves by events of any service, the position by the hire, a rehire or a move.
const journeyCodec = catalogueCodec(eventCatalogue.types().map((type) => eventCatalogue.definition(type)));
const openingCodec = catalogueCodec(openingEvents);

/**
 * The employee's journey as a history of positions and employment, one entry
 * per event that changed either; the decider picks the one in force at its
 * instant (domain/employee-facts.ts).
 */
export async function employeeHistoryOf(events: EventReader, employeeId: string): Promise<EmployeeFact[]> {
  let journey: JourneyStageState = initialJourneyStage();
  let position: Position | null = null;
  const history: EmployeeFact[] = [];
  for (const stored of await events.readStream(journeyStream(employeeId))) {
    const event = journeyCodec.decode(stored);
    if (!event) continue;
    journey = evolveJourneyStage(journey, event);
    const next = evolvePosition(position, event);
    const status = employmentStatus(journey);
    const last = history.at(-1);
    if (next !== null && status !== 'not-hired' && (last?.status !== status || next !== position)) {
      history.push({ since: String(stored.metadata.occurredAt ?? stored.recordedAt.toISOString()), status, position: next });
    }
    position = next;
  }
  return history;
}

/** A posted opening, for the move that fills it. */
export async function openingOf(events: EventReader, openingId: string): Promise<PostedOpening> {
  const state = foldEvents(openingDecider, openingCodec, await events.readStream(OpeningStreams.streamOf(openingId)));
  if (state.status === 'none') throw new GrowthError('EJP_OPENING_NOT_FOUND', `No opening ${openingId} was posted.`);
  return state;
}
